using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Rankings;

/// <summary>Posts a region's numbers to its level's ranking when they changed since the last post.</summary>
internal sealed class RankingReporter(UpwardOutbox outbox, RegionLevel level)
{
    private readonly string _level = LevelKey(level);
    private RankingEntry? _last;

    public static string LevelKey(RegionLevel level) => level.ToString().ToLowerInvariant();

    public void Report(RankingEntry entry)
    {
        if (entry == _last || (_last is null && entry is { Status: RegionStatus.None, AnnualTurnoverFen: 0, DayTurnoverFen: 0 }))
        {
            return;
        }

        _last = entry;
        outbox.PostRanking(_level, entry);
    }
}
