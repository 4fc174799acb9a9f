using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Regions;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Persistence;

/// <summary>
/// A town's or area's state read back from the embedded memory storage (after an idle deactivation)
/// keeps every child's counts and leaves <see cref="RegionCounts.Zero"/> alone: its JSON reader fills
/// a link's default counts in place, and that default was once the shared Zero.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class AggregateStateStorageTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_state_with_several_links_reads_back_whole_and_leaves_zero_at_zero()
    {
        var storage = fixture.Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var id = GrainId.Create(RegionGrains.AreaTypeName, "storage-round-trip");
        var written = new AggregateState
        {
            Children =
            {
                ["town-a"] = new ChildLink { LastSeq = 3, Epoch = 7, Counts = new RegionCounts(2, 2, 1, 0, 0) },
                ["town-b"] = new ChildLink { LastSeq = 4, Epoch = 8, Counts = new RegionCounts(2, 2, 1, 0, 0) },
                ["clusters:province-x"] = new ChildLink { LastSeq = 1, Epoch = 9, Counts = RegionCounts.Zero with { Clusters = 1 } },
            },
            LastReported = new RegionCounts(4, 4, 2, 0, 1),
        };
        await storage.WriteStateAsync("area", id, new GrainState<AggregateState>(written));

        var read = new GrainState<AggregateState>(new AggregateState());
        await storage.ReadStateAsync("area", id, read);
        Assert.NotNull(read.State);

        Assert.Equal(
            [("clusters:province-x", 1L, 9L, new RegionCounts(0, 0, 0, 0, 1)), ("town-a", 3L, 7L, new RegionCounts(2, 2, 1, 0, 0)), ("town-b", 4L, 8L, new RegionCounts(2, 2, 1, 0, 0))],
            read.State.Children.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value.LastSeq, c.Value.Epoch, c.Value.Counts)));
        Assert.Equal(new RegionCounts(4, 4, 2, 0, 1), read.State.LastReported);
        Assert.Equal(new RegionCounts(0, 0, 0, 0, 0), RegionCounts.Zero);
    }
}
