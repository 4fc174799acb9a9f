using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Persistence;

namespace TaobaoLive.Grains.Regions;

/// <summary>
/// What every parent's stored state holds (a village's and a town's or area's), as
/// <see cref="ParentGrain{TState, TLink, TReport}"/> reads it. Members the two states name
/// differently in storage are implemented explicitly, so stored rows keep their property names.
/// </summary>
public interface IParentState<TLink> : ICleanShutdown
    where TLink : IChildLink
{
    /// <summary>The children (a village's shops, a region's child regions) by id.</summary>
    Dictionary<string, TLink> Links { get; }

    List<DayTurnover> Days { get; set; }

    long Gaps { get; set; }

    /// <summary>Sequence of the last report sent to the parent.</summary>
    long UpSeq { get; set; }

    RegionCounts? LastReported { get; set; }

    RegionStatus Status { get; set; }

    DateTimeOffset? StatusSince { get; set; }

    string? StatusCause { get; set; }

    List<StatusChanged> History { get; }
}

/// <summary>What a parent remembers of every child: the activation its last applied report came from and that report's sequence.</summary>
public interface IChildLink
{
    long LastSeq { get; set; }

    long Epoch { get; set; }
}
