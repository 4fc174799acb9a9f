namespace TaobaoLive.Simulation;

/// <summary>Options of the simulator, bound from the <c>Simulator</c> section (inside the host) or the command line.</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Run the live simulator inside the host. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Everything random derives from this seed: the same seed gives the same country and orders. Default 2015.</summary>
    public int Seed { get; set; } = 2015;

    /// <summary>Live mode: orders per second at the daily average (the daily curve moves around it). Default 2,000.</summary>
    public double OrdersPerSecond { get; set; } = 2000;

    /// <summary>
    /// Live mode: minutes of wall time in which a shop sells what it sells in a year, so villages cross
    /// thresholds while you watch. Default 20.
    /// </summary>
    public double YearInMinutes { get; set; } = 20;

    /// <summary>Normal or Double11 (a midnight surge, then ten times normal turnover all day).</summary>
    public SimulatorScenario Scenario { get; set; } = SimulatorScenario.Normal;

    /// <summary>Share of orders later refunded. Default 0.02.</summary>
    public double RefundRate { get; set; } = 0.02;

    /// <summary>Orders per HTTP batch (or per grain round). Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!(OrdersPerSecond > 0) || OrdersPerSecond > 10_000_000)
        {
            problems.Add($"Simulator:OrdersPerSecond {OrdersPerSecond} must be above 0 and at most 10,000,000.");
        }

        if (!(YearInMinutes > 0))
        {
            problems.Add($"Simulator:YearInMinutes {YearInMinutes} must be above 0.");
        }

        if (RefundRate is < 0 or > 0.5)
        {
            problems.Add($"Simulator:RefundRate {RefundRate} must be between 0 and 0.5.");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            problems.Add($"Simulator:BatchSize {BatchSize} must be between 1 and 100,000.");
        }

        return problems;
    }
}
