using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Live;

/// <summary>
/// The feed prunes hosts by cluster membership: its own cluster, since a silo is stopped here.
/// </summary>
public sealed class LiveFeedMembershipTests : IAsyncLifetime
{
    private const string Prefix = "live-feed-membership-";

    /// <summary>Long enough that only membership can explain a drop.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly PipelineFixture _fixture = new();

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_host_on_a_silo_the_cluster_declared_dead_is_dropped_at_once_and_gets_no_batch()
    {
        var cluster = _fixture.Cluster;
        var departed = await cluster.StartAdditionalSiloAsync();
        var deadSilo = departed.SiloAddress;
        await cluster.StopSiloAsync(departed);
        var membership = _fixture.Silo.GetRequiredService<IClusterMembershipService>();
        await Eventually.Until(
            () => Task.FromResult(membership.CurrentSnapshot.GetSiloStatus(deadSilo)),
            status => status == SiloStatus.Dead,
            "the remaining silo sees the stopped one dead");

        var feed = _fixture.Grains.GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        // Both observers live in this process and would take any batch: only the silo each names differs.
        var (onDeadSilo, onLiveSilo) = (new StatusRecorder(1, Prefix), new StatusRecorder(1, Prefix));
        var (deadHost, liveHost) = (Reference(onDeadSilo), Reference(onLiveSilo));
        try
        {
            await feed.Subscribe(deadHost, deadSilo, Lifetime);
            await feed.Subscribe(liveHost, cluster.Silos[0].SiloAddress, Lifetime);

            Assert.Equal(1, await feed.GetObserverCount());

            await _fixture.Stream<UpwardBatch<StatusChanged>>(StreamNames.StatusChanges, StreamNames.StatusChangesKey)
                .OnNextAsync(new UpwardBatch<StatusChanged>([StatusRecorder.Change($"{Prefix}0")]));
            Assert.Equal([$"{Prefix}0"], await onLiveSilo.All);
            Assert.Empty(onDeadSilo.Recorded);
        }
        finally
        {
            foreach (var host in new[] { deadHost, liveHost })
            {
                await feed.Unsubscribe(host);
                _fixture.Grains.DeleteObjectReference<ILiveFeedObserver>(host);
            }
        }
    }

    private ILiveFeedObserver Reference(ILiveFeedObserver observer) => _fixture.Grains.CreateObjectReference<ILiveFeedObserver>(observer);
}
