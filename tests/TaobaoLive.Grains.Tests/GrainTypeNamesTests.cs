using System.Reflection;
using TaobaoLive.Abstractions;
using TaobaoLive.Grains.Live;

namespace TaobaoLive.Grains.Tests;

/// <summary>Every grain declares its stable type, and each type is one of <see cref="GrainTypeNames"/>, once.</summary>
public sealed class GrainTypeNamesTests
{
    [Fact]
    public void Every_grain_class_declares_a_grain_type_named_in_GrainTypeNames_and_no_two_share_one()
    {
        var grains = typeof(LiveFeedGrain).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
            .ToList();
        var declared = grains.ToDictionary(t => t.Name, t => t.GetCustomAttribute<GrainTypeAttribute>()?.GetGrainType(null!, t).ToString());
        var named = typeof(GrainTypeNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.DoesNotContain(declared, d => d.Value is null);
        Assert.Equal(named.Order(StringComparer.Ordinal), declared.Values.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The values themselves: each is the first part of the grain's id in its stored state rows and in
    /// the membership of a running cluster, so a changed value would orphan a deployment's state.
    /// </summary>
    [Fact]
    public void Every_grain_keeps_the_type_its_stored_rows_carry()
    {
        var declared = typeof(LiveFeedGrain).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
            .ToDictionary(t => t.Name, t => t.GetCustomAttribute<GrainTypeAttribute>()?.GetGrainType(null!, t).ToString());

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["AreaGrain"] = "area",
                ["ClusterGrain"] = "cluster",
                ["EventClockGrain"] = "event-clock",
                ["IdempotencyGrain"] = "idempotency",
                ["LiveFeedGrain"] = "live-feed",
                ["ProducerGrain"] = "producer",
                ["RankingGrain"] = "ranking",
                ["ShopGrain"] = "shop",
                ["StatusHistoryGrain"] = "status-history",
                ["TownGrain"] = "town",
                ["VillageGrain"] = "village",
            },
            declared);
    }
}
