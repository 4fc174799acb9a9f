using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Tests.Infrastructure;

namespace TaobaoLive.Grains.Tests.Shops;

[Collection(PipelineCollection.Name)]
public sealed class ShopGrainTests(PipelineFixture fixture)
{
    private static readonly string Village = TestGeography.BasicVillage("三镇", "三镇2村");

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task Orders_for_an_unregistered_shop_are_refused_record_by_record()
    {
        var result = await fixture.Shop("shop-never-registered").RecordOrders(
        [
            new ShopOrder("o1", 100, Now),
            new ShopOrder("o2", 200, Now),
        ]);

        Assert.False(result.IsAccepted);
        Assert.Equal(0, result.Accepted);
        Assert.Equal(
            [
                new OrderRejection(0, "shopId", "shop 'shop-never-registered' is not registered; register it to a village first"),
                new OrderRejection(1, "shopId", "shop 'shop-never-registered' is not registered; register it to a village first"),
            ],
            result.Errors);
        var state = await fixture.Shop("shop-never-registered").GetState();
        Assert.False(state.Registered);
        Assert.Equal(0, state.Orders);
    }

    [Fact]
    public async Task Registering_to_something_that_is_not_a_village_is_refused()
    {
        var town = fixture.IdOf($"{TestGeography.Basic}/三镇");
        var result = await fixture.Shop("shop-to-town").Register(town, "x");

        Assert.False(result.Registered);
        Assert.Equal($"'{town}' is not a village id of geography {fixture.Geography.SourceName}.", result.Error);
    }

    [Fact]
    public async Task A_batch_with_one_bad_record_is_refused_whole_and_changes_nothing()
    {
        var shop = await fixture.RegisterShop("shop-atomic", Village);
        var future = Now.AddMinutes(6);
        var today = BusinessCalendar.DayOf(Now);
        var tooOld = BusinessCalendar.StartOf(today - 365);

        var result = await shop.RecordOrders(
        [
            new ShopOrder("ok-1", 12_34, Now),
            new ShopOrder("late", 100, future),
            new ShopOrder("ok-1", 100, Now),
            new ShopOrder("zero", 0, Now),
            new ShopOrder("old", 100, tooOld),
            new ShopOrder("", 100, Now),
            new ShopOrder("huge", 100_000_000_01, Now),
            new ShopOrder("refund", 50_00, Now, OrderKind.Refund),
        ]);

        var latest = Now.AddMinutes(5);
        Assert.Equal(
            [
                new OrderRejection(1, "paidAt", $"paidAt {future:O} is in the future (later than {latest:O}, the clock plus 5 minutes of allowed skew)"),
                new OrderRejection(2, "orderId", "orderId 'ok-1' appears twice in this batch (first at index 0)"),
                new OrderRejection(3, "amount", "amount must be greater than zero (send refunds as type \"refund\" with a positive amount)"),
                new OrderRejection(4, "paidAt", $"paidAt {tooOld:O} is older than the 365-day turnover window (earliest accepted business day {BusinessCalendar.DateOf(today - 364):yyyy-MM-dd})"),
                new OrderRejection(5, "orderId", "orderId is required"),
                new OrderRejection(6, "amount", "amount 100000000.01 exceeds the maximum of 100000000.00 per order"),
                new OrderRejection(7, "amount", $"refund of 50.00 exceeds the shop's turnover of 12.34 on {BusinessCalendar.DateOf(today):yyyy-MM-dd}"),
            ],
            result.Errors);
        var state = await shop.GetState();
        Assert.Equal(0, state.Orders);
        Assert.Equal(0, state.AnnualTurnoverFen);
        Assert.Null(state.LastPaidAt);
    }

    [Theory]
    [InlineData(3)] // short batches are scanned
    [InlineData(20)] // longer ones use a table
    public async Task A_repeated_order_id_names_its_first_place_in_short_and_long_batches(int length)
    {
        var shop = await fixture.RegisterShop($"shop-dup-{length}", Village);
        var orders = Enumerable.Range(0, length).Select(i => new ShopOrder($"o-{i}", 100, Now)).ToList();
        orders.Add(new ShopOrder("o-1", 100, Now));
        orders.Add(new ShopOrder("o-1", 100, Now));

        var result = await shop.RecordOrders(orders);

        Assert.Equal(
            [
                new OrderRejection(length, "orderId", "orderId 'o-1' appears twice in this batch (first at index 1)"),
                new OrderRejection(length + 1, "orderId", "orderId 'o-1' appears twice in this batch (first at index 1)"),
            ],
            result.Errors);
        Assert.Equal(0, (await shop.GetState()).Orders);
    }

    [Fact]
    public async Task Late_orders_count_on_their_own_day_and_refunds_reduce_the_day_paid()
    {
        var shop = await fixture.RegisterShop("shop-late", Village);
        var today = BusinessCalendar.DayOf(Now);
        var tenDaysAgo = BusinessCalendar.StartOf(today - 10).AddHours(9);

        await fixture.Sell(shop, 500_00, Now);
        await fixture.Sell(shop, 300_00, tenDaysAgo);
        var refund = await shop.RecordOrders([new ShopOrder("r-1", 100_00, tenDaysAgo, OrderKind.Refund)]);

        Assert.True(refund.IsAccepted);
        var state = await shop.GetState();
        Assert.Equal(700_00, state.AnnualTurnoverFen);
        Assert.Equal(500_00, state.TodayTurnoverFen);
        Assert.Equal(2, state.Orders);
        Assert.Equal(1, state.Refunds);
        Assert.True(state.Active);
        Assert.Equal(Now, state.LastPaidAt);
        Assert.Equal(fixture.IdOf(Village), state.VillageId);
    }

    [Fact]
    public async Task A_shop_cannot_move_to_another_village()
    {
        await fixture.RegisterShop("shop-mover", Village);
        var other = fixture.IdOf(TestGeography.BasicVillage("三镇", "三镇3村"));

        var result = await fixture.Shop("shop-mover").Register(other, null);

        Assert.False(result.Registered);
        Assert.Equal($"shop 'shop-mover' is already registered to village {fixture.IdOf(Village)}; moving shops between villages is not supported.", result.Error);
    }

    [Fact]
    public async Task A_keyed_batch_applied_once_is_answered_as_accepted_and_not_applied_again()
    {
        var shop = await fixture.RegisterShop("shop-retried", Village);
        var batch = Guid.NewGuid();
        IReadOnlyList<ShopOrder> orders = [new ShopOrder("kb-1", 10_00, Now), new ShopOrder("kb-2", 20_00, Now)];

        var first = await shop.RecordOrders(batch, orders);
        var retry = await shop.RecordOrders(batch, orders);
        var other = await shop.RecordOrders(Guid.NewGuid(), [new ShopOrder("kb-3", 5_00, Now)]);

        Assert.Equal((2, 2, 1), (first.Accepted, retry.Accepted, other.Accepted));
        Assert.Empty(retry.Errors);
        var state = await shop.GetState();
        Assert.Equal((35_00L, 3L), (state.AnnualTurnoverFen, state.Orders));
    }

    [Fact]
    public async Task A_prepared_batch_retried_after_its_commit_holds_nothing_and_commits_without_applying()
    {
        var shop = await fixture.RegisterShop("shop-retried-refund", Village);
        await fixture.Sell(shop, 100_00, Now);
        var batch = Guid.NewGuid();
        IReadOnlyList<ShopOrder> refund = [new ShopOrder("kr-1", 30_00, Now, OrderKind.Refund)];

        Assert.True((await shop.Prepare(batch, refund)).IsAccepted);
        Assert.True(await shop.Commit(batch));
        Assert.True((await shop.Prepare(batch, refund)).IsAccepted);
        Assert.True(await shop.Commit(batch));

        var state = await shop.GetState();
        Assert.Equal((70_00L, 1L), (state.AnnualTurnoverFen, state.Refunds));
    }

    [Fact]
    public async Task A_shop_forgets_the_oldest_keyed_batch_after_it_took_as_many_newer_ones_as_it_remembers()
    {
        var shop = await fixture.RegisterShop("shop-forgets", Village);
        var oldest = Guid.NewGuid();
        await shop.RecordOrders(oldest, [new ShopOrder("kf-0", 1_00, Now)]);
        for (var i = 1; i <= ShopGrain.RememberedBatches; i++)
        {
            await shop.RecordOrders(Guid.NewGuid(), [new ShopOrder($"kf-{i}", 1_00, Now)]);
        }

        // Sixteen newer batches pushed the first out: a retry this late is applied again.
        var late = await shop.RecordOrders(oldest, [new ShopOrder("kf-0", 1_00, Now)]);

        Assert.Equal(1, late.Accepted);
        Assert.Equal(ShopGrain.RememberedBatches + 2L, (await shop.GetState()).Orders);
    }
}
