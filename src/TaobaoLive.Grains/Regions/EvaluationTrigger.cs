namespace TaobaoLive.Grains.Regions;

/// <summary>Why a grain re-evaluated its status; it becomes part of the event's cause and decides its time.</summary>
public enum EvaluationTrigger
{
    Activation,
    Reports,
    DayChanged,
}
