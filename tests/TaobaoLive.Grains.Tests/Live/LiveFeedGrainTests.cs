using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Streaming;
using Orleans.Streams;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Live;

/// <summary>The feed grain as hosts see it: batches from the status stream, fanned out to registered observers.</summary>
[Collection(PipelineCollection.Name)]
public sealed class LiveFeedGrainTests(PipelineFixture fixture)
{
    private const string Prefix = "live-feed-";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    [Fact]
    public async Task Every_registered_host_gets_each_batch_in_stream_order_and_a_failing_host_is_dropped()
    {
        var feed = fixture.Grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        // Orleans holds observer objects weakly: the test keeps all three alive until the end.
        var (first, second, failing) = (new StatusRecorder(5, Prefix), new StatusRecorder(5, Prefix), new Failing());
        var hosts = new[] { Reference(first), Reference(second), Reference(failing) };
        try
        {
            foreach (var host in hosts)
            {
                await feed.Subscribe(host, Lifetime);
            }

            await feed.Subscribe(hosts[0], Lifetime);
            Assert.Equal(3, await feed.GetObserverCount());

            var stream = StatusStream();
            var ids = Enumerable.Range(0, 5).Select(i => $"{Prefix}{i}").ToList();
            await stream.OnNextAsync(new UpwardBatch<StatusChanged>([StatusRecorder.Change(ids[0]), StatusRecorder.Change(ids[1])]));
            foreach (var id in ids.Skip(2))
            {
                await stream.OnNextAsync(new UpwardBatch<StatusChanged>([StatusRecorder.Change(id)]));
            }

            Assert.Equal(ids, await first.All);
            Assert.Equal(ids, await second.All);
            Assert.Equal(2, await feed.GetObserverCount());

            await feed.Unsubscribe(hosts[1]);
            Assert.Equal(1, await feed.GetObserverCount());
        }
        finally
        {
            foreach (var host in hosts)
            {
                await feed.Unsubscribe(host);
                fixture.Grains.DeleteObjectReference<ILiveFeedObserver>(host);
            }

            GC.KeepAlive(failing);
        }
    }

    [Fact]
    public async Task A_new_activation_of_the_feed_grain_delivers_to_the_stored_hosts_without_waiting_for_renewals()
    {
        const string moved = "live-feed-moved-";
        var feed = fixture.Grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        var recorder = new StatusRecorder(2, moved);
        var host = Reference(recorder);
        try
        {
            await feed.Subscribe(host, Lifetime);
            // The grain leaves (as when its silo stops) and nothing renews: only the stored
            // registration can bring this host back.
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            await management.DeactivateGrain(feed.GetGrainId());
            await Eventually.Until(
                async () => (await management.GetActiveGrains(feed.GetGrainId().Type)).ToList(),
                active => !active.Contains(feed.GetGrainId()),
                "the feed grain deactivated");

            await StatusStream().OnNextAsync(new UpwardBatch<StatusChanged>([StatusRecorder.Change($"{moved}0"), StatusRecorder.Change($"{moved}1")]));

            Assert.Equal([$"{moved}0", $"{moved}1"], await recorder.All);
        }
        finally
        {
            await feed.Unsubscribe(host);
            fixture.Grains.DeleteObjectReference<ILiveFeedObserver>(host);
        }
    }

    private IAsyncStream<UpwardBatch<StatusChanged>> StatusStream() =>
        fixture.Stream<UpwardBatch<StatusChanged>>(StreamNames.StatusChanges, StreamNames.StatusChangesKey);

    private ILiveFeedObserver Reference(ILiveFeedObserver observer) => fixture.Grains.CreateObjectReference<ILiveFeedObserver>(observer);

    private sealed class Failing : ILiveFeedObserver
    {
        public Task OnStatusChanged(IReadOnlyList<StatusChanged> changes) => throw new InvalidOperationException("this host is broken");
    }
}
