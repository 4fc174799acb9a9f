using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TaobaoLive.Abstractions.Events;
using TaobaoLive.Grains.Clusters;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Clusters;

/// <summary>
/// A cluster grain whose stored state was not left by a graceful stop (a crash) asks the villages it
/// has heard from for their standing instead of trusting what it stored; and a live one asked to
/// reconcile (the journal keeper's region rebuild) does the same.
/// </summary>
[Collection(PipelineCollection.Name)]
public sealed class ClusterRecoveryTests(PipelineFixture fixture)
{
    [Fact]
    public async Task A_cluster_grain_restored_from_a_crash_asks_its_villages_and_drops_a_cluster_they_no_longer_make()
    {
        const string province = "恢复省";
        // What a crashed silo left: ten Taobao villages in one cluster, written by a timed write. The
        // villages themselves sell nothing: their standing now is "not a Taobao village".
        await StoreOneCluster(province, Enumerable.Range(1, 10).Select(TestGeography.R), "cluster-recovery-1", clean: false);

        var clusters = await fixture.WaitForClusters(province, c => c.Count == 0, "the stale cluster dropped");

        Assert.Empty(clusters);
        var history = await fixture.Clusters(province).GetHistory();
        Assert.Equal(StatusChangeKind.ClusterDissolved, Assert.Single(history).Kind);
    }

    [Fact]
    public async Task A_cluster_grain_asked_to_reconcile_takes_the_standings_its_villages_hold_now()
    {
        const string province = "对账省";
        // Left by a graceful stop, so the activation trusts it: as if the standings that ended this
        // cluster had been lost on the way (the villages sell nothing, so they are not Taobao villages).
        await StoreOneCluster(province, Enumerable.Range(1, 10).Select(TestGeography.P), "cluster-reconcile-1", clean: true);
        Assert.Single(await fixture.Clusters(province).GetClusters());

        await fixture.Clusters(province).Reconcile();

        Assert.Empty(await fixture.Clusters(province).GetClusters());
        Assert.Equal(StatusChangeKind.ClusterDissolved, Assert.Single(await fixture.Clusters(province).GetHistory()).Kind);
    }

    /// <summary>
    /// Writes the province's cluster grain state as a silo would have left it: the villages at
    /// <paramref name="villagePaths"/> as one cluster of Taobao villages (20 million yuan each),
    /// each heard from once; <paramref name="clean"/> as a graceful stop leaves it.
    /// </summary>
    private async Task StoreOneCluster(string province, IEnumerable<string> villagePaths, string clusterId, bool clean)
    {
        var villages = villagePaths.Select(fixture.IdOf).ToList();
        var state = new ClusterState
        {
            NextNumber = 2,
            Components = [new ComponentRecord { Id = clusterId, Villages = villages, TurnoverFen = villages.Select(_ => 20_000_000_00L).ToList() }],
            VillageSeqs = villages.ToDictionary(v => v, _ => 1L),
            Clean = clean,
        };
        var storage = fixture.Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        await storage.WriteStateAsync("clusters", fixture.Clusters(province).GetGrainId(), new GrainState<ClusterState>(state));
    }
}
