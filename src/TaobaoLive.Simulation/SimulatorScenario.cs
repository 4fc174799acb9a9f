namespace TaobaoLive.Simulation;

public enum SimulatorScenario
{
    Normal = 0,

    /// <summary>Singles' Day: a surge in the first minutes after midnight, ten times normal turnover all day.</summary>
    Double11 = 1,
}
