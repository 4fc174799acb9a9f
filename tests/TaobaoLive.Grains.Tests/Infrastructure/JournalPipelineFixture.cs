using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Shops;

namespace TaobaoLive.Grains.Tests.Infrastructure;

/// <summary>
/// A silo whose shops see a journal, as with the durable store: the test sets each shop's parts and
/// counts the reads (<see cref="CountingJournal"/>).
/// </summary>
public sealed class JournalPipelineFixture : PipelineFixture
{
    public CountingJournal Journal { get; } = new();

    protected override void ConfigureSilo(IServiceCollection services) => services.AddSingleton<IJournalReplay>(Journal);

    /// <summary>The state a crashed silo leaves for a shop: registered to the village at <paramref name="villagePath"/>, not clean, never activated here.</summary>
    public async Task StoreCrashedShop(string shopId, string villagePath)
    {
        var storage = Silo.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);
        var state = new ShopState { VillageId = IdOf(villagePath), Name = shopId, Clean = false };
        await storage.WriteStateAsync("shop", Shop(shopId).GetGrainId(), new GrainState<ShopState>(state));
    }

    /// <summary>One committed journal entry's records of one shop: an order of <paramref name="fen"/> paid an hour before the start.</summary>
    public static JournalPart Part(long seq, string orderId, long fen) =>
        new(new JournalPosition(Writer: 42, Seq: seq, Truncated: 0), [new ShopOrder(orderId, fen, Start.AddHours(-1))]);
}

/// <summary>The journal as a shop reads it at activation: parts set by the test, reads counted per shop.</summary>
public sealed class CountingJournal : IJournalReplay
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<JournalPart>> _parts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public bool Enabled => true;

    public void Holds(string shopId, params JournalPart[] parts) => _parts[shopId] = parts;

    public int ReadsFor(string shopId) => _reads.GetValueOrDefault(shopId);

    public Task<IReadOnlyList<JournalPart>> PartsFor(string shopId, CancellationToken cancellationToken)
    {
        _reads.AddOrUpdate(shopId, 1, (_, n) => n + 1);
        return Task.FromResult(_parts.GetValueOrDefault(shopId) ?? []);
    }
}
