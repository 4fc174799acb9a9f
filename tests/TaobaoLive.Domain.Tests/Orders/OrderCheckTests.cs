using TaobaoLive.Domain.Orders;
using TaobaoLive.Domain.Time;

namespace TaobaoLive.Domain.Tests.Orders;

public sealed class OrderCheckTests
{
    [Theory]
    [InlineData("orderId", "o-1", null)]
    [InlineData("orderId", null, "orderId is required")]
    [InlineData("orderId", "", "orderId is required")]
    [InlineData("shopId", "  ", "shopId is required")]
    [InlineData("shopId", "s", null)]
    public void Ids_are_required(string field, string? id, string? problem) =>
        Assert.Equal(problem, OrderCheck.Id(field, id));

    [Fact]
    public void Ids_are_at_most_128_characters()
    {
        Assert.Null(OrderCheck.Id("orderId", new string('a', 128)));
        Assert.Equal("orderId is longer than 128 characters", OrderCheck.Id("orderId", new string('a', 129)));
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(10_000_000_000, null)]
    [InlineData(0, "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)")]
    [InlineData(-500, "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)")]
    [InlineData(10_000_000_001, "amount 100000000.01 exceeds the maximum of 100000000.00 per order")]
    public void Amounts_are_positive_and_capped(long fen, string? problem) =>
        Assert.Equal(problem, OrderCheck.Amount(fen));

    // 11 November 2026 10:00 CST; a 365-day window; five minutes of skew.
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly OrderTimeLimits Limits = new(Now + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TrailingWindow.Annual, BusinessCalendar.DayOf(Now));

    [Theory]
    [InlineData("2026-11-11T10:05:00+08:00", null)]
    [InlineData("2025-11-12T00:00:00+08:00", null)]
    [InlineData("2026-11-11T10:05:01+08:00", "paidAt 2026-11-11T10:05:01.0000000+08:00 is in the future (later than 2026-11-11T10:05:00.0000000+08:00, the clock plus 5 minutes of allowed skew)")]
    [InlineData("2025-11-11T23:59:59+08:00", "paidAt 2025-11-11T23:59:59.0000000+08:00 is older than the 365-day turnover window (earliest accepted business day 2025-11-12)")]
    [InlineData("2025-11-11T16:00:00+00:00", null)]
    public void Payment_times_are_within_the_window_and_not_ahead_of_the_clock(string paidAt, string? problem) =>
        Assert.Equal(problem, OrderCheck.PaidAt(DateTimeOffset.Parse(paidAt, System.Globalization.CultureInfo.InvariantCulture), Limits));

    [Fact]
    public void A_repeated_order_id_names_its_first_index() =>
        Assert.Equal("orderId 'o-7' appears twice in this batch (first at index 3)", OrderCheck.DuplicateId("o-7", 3));

    [Theory]
    [InlineData(1234, 1234, null)]
    [InlineData(1235, 1234, "refund of 12.35 exceeds the shop's turnover of 12.34 on 2026-11-11")]
    [InlineData(1, 0, "refund of 0.01 exceeds the shop's turnover of 0.00 on 2026-11-11")]
    public void A_refund_may_not_exceed_the_days_turnover(long fen, long balance, string? problem) =>
        Assert.Equal(problem, OrderCheck.Refund(fen, balance, BusinessCalendar.DayOf(Now)));
}
