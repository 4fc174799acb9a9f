using TaobaoLive.Grains.Clock;

namespace TaobaoLive.Grains.Hosting;

/// <summary>Options of the grain pipeline, bound from the <c>TaobaoLive</c> configuration section.</summary>
public sealed class TaobaoLiveOptions
{
    public const string SectionName = "TaobaoLive";

    /// <summary>Named rule set: aliresearch-2015 (default), aliresearch-2014, aliresearch-2020.</summary>
    public string RuleSet { get; set; } = "aliresearch-2015";

    /// <summary>Wall (live, default) or Event (replays follow the newest paidAt).</summary>
    public ClockMode Clock { get; set; } = ClockMode.Wall;

    /// <summary>A geography file replacing the built-in 2015 AliResearch list; null for the built-in one.</summary>
    public string? Geography { get; set; }

    /// <summary>How often each level flushes coalesced reports upward. Default 200 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A buffer for one parent this large is flushed at once instead of waiting for the timer. Default 4,096.</summary>
    public int MaxBatchItems { get; set; } = 4096;

    /// <summary>Orders dated this far past wall time are still accepted (producers' clocks drift). Default 5 minutes.</summary>
    public TimeSpan FutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Days without a paid order after which a shop no longer counts as active. Default 365 (the turnover window).</summary>
    public int ActivityWindowDays { get; set; } = 365;

    /// <summary>Villages with coordinates are contiguous within this distance. Default 5 km.</summary>
    public double NeighbourDistanceKm { get; set; } = 5.0;

    /// <summary>Status changes each village, town and cluster grain keeps. Default 100.</summary>
    public int HistoryPerGrain { get; set; } = 100;

    /// <summary>Status changes the platform-wide history keeps. Default 10,000.</summary>
    public int HistoryTotal { get; set; } = 10_000;

    /// <summary>
    /// With a durable store a changed grain writes its state at most this often (and on
    /// deactivation). Default 30 s: the order journal holds what is not yet written, so a longer
    /// interval costs journal length and replay after a crash, not orders. At 100,000 shops 30 s
    /// took 101,532 orders/s where 15 s took 89,037 (the same build, docs/benchmarks.md), and a host
    /// killed after 30 s of load and restarted was exact 31.0 s after start at 30 s, 31.7 s at 15 s.
    /// </summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// With the durable store, the most shop state writes a silo starts in a second; writes due
    /// beyond it wait, oldest first. Default 10,000 (PostgreSQL here took 12,000-13,600 row updates a
    /// second beside the ingest): 100,000 shops at the 30 s interval (about 3,300 a second) stay far
    /// below it, a million shops write each shop about every 100 s instead of queueing more writes than the database can take.
    /// </summary>
    public int MaxShopWritesPerSecond { get; set; } = 10_000;

    /// <summary>The problems with these options, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Domain.Rules.RuleSets.TryGet(RuleSet, out _))
        {
            problems.Add($"TaobaoLive:RuleSet '{RuleSet}' is not a rule set; use one of: {string.Join(", ", Domain.Rules.RuleSets.All.Select(r => r.Name))}.");
        }

        if (!Enum.IsDefined(Clock))
        {
            problems.Add($"TaobaoLive:Clock '{Clock}' must be Wall or Event.");
        }

        if (Geography is not null && !File.Exists(Geography))
        {
            problems.Add($"TaobaoLive:Geography file '{Geography}' does not exist.");
        }

        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(10))
        {
            problems.Add($"TaobaoLive:FlushInterval {FlushInterval} must be between 0 and 10 seconds.");
        }

        if (MaxBatchItems < 1)
        {
            problems.Add($"TaobaoLive:MaxBatchItems {MaxBatchItems} must be at least 1.");
        }

        if (FutureSkew < TimeSpan.Zero || FutureSkew > TimeSpan.FromDays(1))
        {
            problems.Add($"TaobaoLive:FutureSkew {FutureSkew} must be between 0 and 1 day.");
        }

        if (ActivityWindowDays is < 1 or > 3650)
        {
            problems.Add($"TaobaoLive:ActivityWindowDays {ActivityWindowDays} must be between 1 and 3650.");
        }

        if (!(NeighbourDistanceKm > 0) || NeighbourDistanceKm > 1000)
        {
            problems.Add($"TaobaoLive:NeighbourDistanceKm {NeighbourDistanceKm} must be above 0 and at most 1000.");
        }

        if (HistoryPerGrain < 1 || HistoryTotal < 1)
        {
            problems.Add("TaobaoLive:HistoryPerGrain and TaobaoLive:HistoryTotal must be at least 1.");
        }

        if (PersistInterval <= TimeSpan.Zero)
        {
            problems.Add($"TaobaoLive:PersistInterval {PersistInterval} must be positive.");
        }

        if (MaxShopWritesPerSecond < 1)
        {
            problems.Add($"TaobaoLive:MaxShopWritesPerSecond {MaxShopWritesPerSecond} must be at least 1.");
        }

        return problems;
    }
}
