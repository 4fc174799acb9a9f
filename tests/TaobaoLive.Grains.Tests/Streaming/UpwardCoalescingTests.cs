using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Tests.Streaming;

public sealed class UpwardCoalescingTests
{
    [Fact]
    public void Contiguous_reports_of_one_shop_merge_into_one_with_the_joined_range()
    {
        var merged = UpwardCoalescing.MergeShopTurnover(
        [
            new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5), new DayTurnover(101, 7)], 101),
            new ShopTurnover("s2", 4, 4, [new DayTurnover(101, 1)], 101),
            new ShopTurnover("s1", 2, 3, [new DayTurnover(101, -7), new DayTurnover(99, 2)], 99),
        ]);

        Assert.Equal(2, merged.Count);
        Assert.Equal("s1", merged[0].ShopId);
        Assert.Equal((1L, 3L, 101), (merged[0].FirstSeq, merged[0].LastSeq, merged[0].LastPaidDay));
        Assert.Equal([new DayTurnover(99, 2), new DayTurnover(100, 5)], merged[0].Days);
        Assert.Equal("s2", merged[1].ShopId);
    }

    [Fact]
    public void Non_contiguous_reports_are_left_apart_so_the_receiver_sees_what_was_sent()
    {
        IReadOnlyList<ShopTurnover> items =
        [
            new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5)], 100),
            new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5)], 100),
        ];

        Assert.Same(items, UpwardCoalescing.MergeShopTurnover(items));
    }

    [Fact]
    public void Region_reports_sum_days_and_keep_the_newest_counts()
    {
        var merged = UpwardCoalescing.MergeRegionTurnover(
        [
            new RegionTurnover("v1", 5, 5, [new DayTurnover(10, 100)], new RegionCounts(1, 1, 0, 0, 0)),
            new RegionTurnover("v1", 6, 6, [new DayTurnover(10, 50)], new RegionCounts(2, 2, 1, 0, 0)),
        ]);

        var only = Assert.Single(merged);
        Assert.Equal((5L, 6L), (only.FirstSeq, only.LastSeq));
        Assert.Equal([new DayTurnover(10, 150)], only.Days);
        Assert.Equal(new RegionCounts(2, 2, 1, 0, 0), only.Counts);
    }

    [Fact]
    public void Standings_keep_the_highest_sequence_per_village()
    {
        var at = DateTimeOffset.UnixEpoch;
        var merged = UpwardCoalescing.MergeStandings(
        [
            new VillageStanding("v1", 2, true, 10, at),
            new VillageStanding("v2", 1, true, 20, at),
            new VillageStanding("v1", 3, false, 5, at),
            new VillageStanding("v1", 1, true, 1, at),
        ]);

        Assert.Equal([new VillageStanding("v1", 3, false, 5, at), new VillageStanding("v2", 1, true, 20, at)], merged);
    }
}
