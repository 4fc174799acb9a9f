using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Time;

public sealed class DayLedgerTests
{
    [Fact]
    public void Sparse_adds_in_any_order_stay_sorted_and_sum_by_range()
    {
        var ledger = new DayLedger();
        ledger.Add(10, 100);
        ledger.Add(12, 300);
        ledger.Add(5, 7);
        ledger.Add(11, 20);
        ledger.Add(12, 1);

        Assert.Equal([new DayAmount(5, 7), new DayAmount(10, 100), new DayAmount(11, 20), new DayAmount(12, 301)], ledger.Entries);
        Assert.Equal(428, ledger.Sum(0, 100));
        Assert.Equal(120, ledger.Sum(6, 11));
        Assert.Equal(0, ledger.Sum(13, 20));
        Assert.Equal(0, ledger.Sum(12, 11));
        Assert.Equal(301, ledger.On(12));
        Assert.Equal(0, ledger.On(9));
        Assert.Equal(12, ledger.LastDay);
    }

    [Fact]
    public void Refunds_reduce_a_day_and_a_day_back_at_zero_is_dropped()
    {
        var ledger = new DayLedger();
        ledger.Add(10, 10_000_000_00);
        ledger.Add(10, -1);

        Assert.Equal(9_999_999_99, ledger.On(10));
        ledger.Add(10, -9_999_999_99);
        Assert.Equal(0, ledger.Count);
        Assert.Null(ledger.LastDay);
    }

    [Fact]
    public void Pruning_drops_days_before_the_window()
    {
        var ledger = new DayLedger([new DayAmount(1, 1), new DayAmount(2, 2), new DayAmount(4, 4)]);

        ledger.PruneBefore(2);
        Assert.Equal([new DayAmount(2, 2), new DayAmount(4, 4)], ledger.Entries);
        ledger.PruneBefore(3);
        Assert.Equal([new DayAmount(4, 4)], ledger.Entries);
        ledger.PruneBefore(10);
        Assert.Empty(ledger.Entries);
    }

    [Fact]
    public void Overflow_throws_instead_of_wrapping()
    {
        var ledger = new DayLedger();
        ledger.Add(1, long.MaxValue);

        Assert.Throws<OverflowException>(() => ledger.Add(1, 1));
        ledger.Add(2, 1);
        Assert.Throws<OverflowException>(() => ledger.Sum(1, 2));
    }

    [Fact]
    public void Restoring_refuses_a_day_twice_and_ignores_zeros()
    {
        Assert.Throws<ArgumentException>(() => new DayLedger([new DayAmount(3, 1), new DayAmount(3, 2)]));
        Assert.Equal([new DayAmount(1, 5), new DayAmount(3, 1)], new DayLedger([new DayAmount(3, 1), new DayAmount(2, 0), new DayAmount(1, 5)]).Entries);
    }
}
