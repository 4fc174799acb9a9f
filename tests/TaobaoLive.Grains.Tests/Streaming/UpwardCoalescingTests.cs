using TaobaoLive.Abstractions.Rankings;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Tests.Streaming;

public sealed class UpwardCoalescingTests
{
    private static List<T> Coalesce<T>(Func<T, string?> keyOf, Func<T, T, T?> merge, params T[] items)
        where T : class
    {
        var coalescer = new Coalescer<T>(keyOf, merge);
        foreach (var item in items)
        {
            coalescer.Add(item);
        }

        return coalescer.Take();
    }

    private static List<ShopTurnover> Shops(params ShopTurnover[] items) => Coalesce(r => r.ShopId, UpwardCoalescing.Merge, items);

    [Fact]
    public void Contiguous_reports_of_one_shop_merge_into_one_with_the_joined_range()
    {
        var merged = Shops(
            new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5), new DayTurnover(101, 7)], 101),
            new ShopTurnover("s2", 4, 4, [new DayTurnover(101, 1)], 101),
            new ShopTurnover("s1", 2, 3, [new DayTurnover(99, 2), new DayTurnover(101, -7)], 99));

        Assert.Equal(2, merged.Count);
        Assert.Equal("s1", merged[0].ShopId);
        Assert.Equal((1L, 3L, 101), (merged[0].FirstSeq, merged[0].LastSeq, merged[0].LastPaidDay));
        Assert.Equal([new DayTurnover(99, 2), new DayTurnover(100, 5)], merged[0].Days);
        Assert.Equal("s2", merged[1].ShopId);
    }

    [Fact]
    public void Non_contiguous_reports_are_left_apart_so_the_receiver_sees_what_was_sent()
    {
        var first = new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5)], 100);
        var resent = new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5)], 100);
        var restarted = new ShopTurnover("s1", 2, 2, [new DayTurnover(100, 1)], 100, Epoch: 9);
        var next = new ShopTurnover("s1", 3, 3, [new DayTurnover(100, 2)], 100, Epoch: 9);

        var merged = Shops(first, resent, restarted, next);

        // Only the last two join (same activation, ranges that follow on); one shop's reports stay in order.
        Assert.Equal(3, merged.Count);
        Assert.Same(first, merged[0]);
        Assert.Same(resent, merged[1]);
        Assert.Equal((2L, 3L, 9L), (merged[2].FirstSeq, merged[2].LastSeq, merged[2].Epoch));
        Assert.Equal([new DayTurnover(100, 3)], merged[2].Days);
    }

    [Fact]
    public void Region_reports_sum_days_and_keep_the_newest_counts()
    {
        var merged = Coalesce(
            r => r.ChildId,
            UpwardCoalescing.Merge,
            new RegionTurnover("v1", 5, 5, [new DayTurnover(10, 100)], new RegionCounts(1, 1, 0, 0, 0)),
            new RegionTurnover("v1", 6, 6, [new DayTurnover(10, 50)], new RegionCounts(2, 2, 1, 0, 0)));

        var only = Assert.Single(merged);
        Assert.Equal((5L, 6L), (only.FirstSeq, only.LastSeq));
        Assert.Equal([new DayTurnover(10, 150)], only.Days);
        Assert.Equal(new RegionCounts(2, 2, 1, 0, 0), only.Counts);
    }

    [Fact]
    public void Standings_keep_the_highest_sequence_per_village()
    {
        var at = DateTimeOffset.UnixEpoch;
        var merged = Coalesce(
            s => s.VillageId,
            UpwardCoalescing.Merge,
            new VillageStanding("v1", 2, true, 10, at),
            new VillageStanding("v2", 1, true, 20, at),
            new VillageStanding("v1", 3, false, 5, at),
            new VillageStanding("v1", 1, true, 1, at));

        Assert.Equal([new VillageStanding("v1", 3, false, 5, at), new VillageStanding("v2", 1, true, 20, at)], merged);
    }

    [Fact]
    public void Items_without_a_key_are_all_kept_in_order()
    {
        var merged = Coalesce<string>(_ => null, (_, _) => "merged", "a", "b", "a");

        Assert.Equal(["a", "b", "a"], merged);
    }

    [Fact]
    public void Put_back_items_go_in_front_of_what_arrived_since_and_merge_with_it()
    {
        var coalescer = new Coalescer<ShopTurnover>(r => r.ShopId, UpwardCoalescing.Merge);
        coalescer.Add(new ShopTurnover("s1", 1, 1, [new DayTurnover(100, 5)], 100));
        coalescer.Add(new ShopTurnover("s2", 1, 1, [new DayTurnover(100, 1)], 100));
        var taken = coalescer.Take();
        coalescer.Add(new ShopTurnover("s3", 1, 1, [new DayTurnover(100, 2)], 100));
        coalescer.Add(new ShopTurnover("s1", 2, 2, [new DayTurnover(100, 4)], 100));

        coalescer.PutBack(taken);

        var all = coalescer.Take();
        Assert.Equal(["s1", "s2", "s3"], all.Select(r => r.ShopId));
        Assert.Equal((1L, 2L), (all[0].FirstSeq, all[0].LastSeq));
        Assert.Equal([new DayTurnover(100, 9)], all[0].Days);
        Assert.Equal(0, coalescer.Count);
    }

    [Fact]
    public void Rankings_keep_the_newest_entry_of_a_region()
    {
        var later = new RankingEntry("r", RegionStatus.TaobaoVillage, 20, 100, 2);

        Assert.Same(later, UpwardCoalescing.Merge(new RankingEntry("r", RegionStatus.None, 10, 100, 1), later));
    }

    [Fact]
    public void Day_lists_add_in_day_order_and_drop_days_that_cancel()
    {
        var sum = UpwardCoalescing.AddDays(
            [new DayTurnover(1, 5), new DayTurnover(3, 7), new DayTurnover(4, 1)],
            [new DayTurnover(2, 2), new DayTurnover(3, -7), new DayTurnover(5, 3)]);

        Assert.Equal([new DayTurnover(1, 5), new DayTurnover(2, 2), new DayTurnover(4, 1), new DayTurnover(5, 3)], sum);
    }
}
