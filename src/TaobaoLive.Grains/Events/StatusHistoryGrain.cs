using Orleans.Streams;
using Orleans.Streams.Core;
using TaobaoLive.Abstractions;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Events;

/// <summary>
/// The platform's recent status changes (bounded, newest kept), fed by the status stream, so
/// operators can ask what changed within a region since a time. In memory: a restarted silo
/// starts a fresh history (each grain also keeps its own, persisted).
/// </summary>
[ImplicitStreamSubscription(StreamNames.StatusChanges)]
[KeepAlive]
[GrainType(GrainTypeNames.StatusHistory)]
public sealed class StatusHistoryGrain(PipelineServices services) : Grain, IStatusHistoryGrain, IStreamSubscriptionObserver, IAsyncObserver<UpwardBatch<StatusChanged>>
{
    private readonly LinkedList<StatusChanged> _changes = new();

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<UpwardBatch<StatusChanged>>().ResumeAsync(this);

    public Task OnNextAsync(UpwardBatch<StatusChanged> item, StreamSequenceToken? token = null)
    {
        foreach (var change in item.Items)
        {
            _changes.AddLast(change);
            if (_changes.Count > services.Options.HistoryTotal)
            {
                _changes.RemoveFirst();
            }
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<IReadOnlyList<StatusChanged>> Query(string? pathPrefix, DateTimeOffset? since, int limit)
    {
        var prefix = pathPrefix?.Trim().Trim('/');
        IEnumerable<StatusChanged> matches = _changes;
        if (!string.IsNullOrEmpty(prefix) && prefix != "中国")
        {
            matches = matches.Where(c => c.Path == prefix || c.Path.StartsWith(prefix + "/", StringComparison.Ordinal));
        }

        if (since is { } from)
        {
            matches = matches.Where(c => c.EventTime >= from);
        }

        var list = matches.ToList();
        return Task.FromResult<IReadOnlyList<StatusChanged>>(limit > 0 && list.Count > limit ? list.GetRange(list.Count - limit, limit) : list);
    }
}
