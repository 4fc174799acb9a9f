using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;

namespace TaobaoLive.Grains.Rankings;

/// <summary>
/// Latest numbers per region of one level, for leaderboards and status lists. In memory: after a
/// restart it fills again as regions activate and report.
/// </summary>
[ImplicitStreamSubscription(StreamNames.Rankings)]
[KeepAlive]
[GrainType(GrainTypeNames.Ranking)]
public sealed class RankingGrain : Grain, IRankingGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<RankingEntry>>
{
    private readonly Dictionary<string, RankingEntry> _entries = new(StringComparer.Ordinal);

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<RankingEntry>>().ResumeAsync(this);

    public Task OnNextAsync(UpwardBatch<RankingEntry> item, StreamSequenceToken? token = null)
    {
        foreach (var entry in item.Items)
        {
            _entries[entry.RegionId] = entry;
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<IReadOnlyList<RankingEntry>> Top(RankingOrder order, int today, int limit, IReadOnlyCollection<string>? among)
    {
        IEnumerable<RankingEntry> candidates = among is null
            ? _entries.Values
            : among.Select(id => _entries.GetValueOrDefault(id)).OfType<RankingEntry>();
        Func<RankingEntry, long> key = order == RankingOrder.Today
            ? e => e.Day == today ? e.DayTurnoverFen : 0
            : e => e.AnnualTurnoverFen;
        var top = candidates
            .Where(e => key(e) > 0)
            .OrderByDescending(key)
            .ThenBy(e => e.RegionId, StringComparer.Ordinal)
            .Take(Math.Max(0, limit))
            .ToList();
        return Task.FromResult<IReadOnlyList<RankingEntry>>(top);
    }

    public Task<IReadOnlyList<string>> WithStatus(RegionStatus status) =>
        Task.FromResult<IReadOnlyList<string>>(_entries.Values.Where(e => e.Status == status).Select(e => e.RegionId).Order(StringComparer.Ordinal).ToList());

    public Task<int> Count() => Task.FromResult(_entries.Count);
}
