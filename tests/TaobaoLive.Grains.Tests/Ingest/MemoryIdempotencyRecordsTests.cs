using Microsoft.Extensions.Time.Testing;
using TaobaoLive.Grains.Ingest;

namespace TaobaoLive.Grains.Tests.Ingest;

public sealed class MemoryIdempotencyRecordsTests
{
    [Fact]
    public async Task An_answer_is_found_for_a_day_then_dropped_and_a_key_kept_again_stays()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        var records = new MemoryIdempotencyRecords(time);
        records.Keep("orders:a:k1", new IdempotencyRecord("h1", 200, "{\"accepted\":1}"));
        time.Advance(TimeSpan.FromHours(12));
        records.Keep("orders:a:k2", new IdempotencyRecord("h2", 200, "{\"accepted\":2}"));

        time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        Assert.Equal(new IdempotencyRecord("h1", 200, "{\"accepted\":1}"), await records.Find("orders:a:k1"));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await records.Find("orders:a:k1"));
        Assert.Equal(1, records.Count);

        // k2 answered again (a new request after its key was free): the later answer outlives the first's expiry.
        records.Keep("orders:a:k2", new IdempotencyRecord("h3", 200, "{\"accepted\":3}"));
        time.Advance(TimeSpan.FromHours(12));
        Assert.Equal("h3", (await records.Find("orders:a:k2"))!.RequestHash);
        time.Advance(TimeSpan.FromHours(12));
        Assert.Null(await records.Find("orders:a:k2"));
        Assert.Equal(0, records.Count);
    }
}
