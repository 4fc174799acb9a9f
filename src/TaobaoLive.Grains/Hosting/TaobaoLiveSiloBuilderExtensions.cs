using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Domain.Time;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Hosting;

public static class TaobaoLiveSiloBuilderExtensions
{
    /// <summary>
    /// The grain pipeline's services: geography, rule set, business clock, coalescing outbox and
    /// business-day driver. Options come from <see cref="TaobaoLiveOptions"/> (configure or bind them).
    /// </summary>
    public static ISiloBuilder AddTaobaoLivePipeline(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TaobaoLiveOptions>().ValidateProblems(o => o.Validate());
        services.TryAddKeyedSingleton(TaobaoLiveServiceKeys.Time, TimeProvider.System);
        // Wall time for timers that are not business time (the live feed's registration expiry).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => LoadGeography(sp.GetRequiredService<IOptions<TaobaoLiveOptions>>().Value));
        services.TryAddSingleton(sp => ResolveRules(sp.GetRequiredService<IOptions<TaobaoLiveOptions>>().Value));
        services.TryAddSingleton<BusinessClock>();
        services.TryAddSingleton<BusinessDayObservers>();
        services.TryAddSingleton<UpwardOutbox>();
        services.TryAddSingleton<BusinessDayDriver>();
        services.TryAddSingleton(StateWritePolicy.DurableStore);
        services.TryAddSingleton<OrderMeter>();
        services.TryAddSingleton<IJournalReplay>(NoJournal.Instance);
        services.TryAddSingleton<Ingest.IIdempotencyRecords, Ingest.MemoryIdempotencyRecords>();
        services.TryAddSingleton<Ingest.IProducerRanges>(Ingest.NoProducerRanges.Instance);
        services.TryAddSingleton(sp => new CheckpointTracker(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WriteWheel(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<TaobaoLiveOptions>>().Value.MaxShopWritesPerSecond));
        services.TryAddSingleton<Registry.IShopDirectory, Registry.MemoryShopDirectory>();
        services.TryAddSingleton<PipelineServices>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, GeographyPreload>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ResponsePoolLimitStartup>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<UpwardOutbox>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<BusinessDayDriver>());
        builder.AddMemoryStreams(StreamNames.Provider, streams =>
        {
            streams.ConfigurePartitioning(8);
            // Every consumer is an implicit subscriber keyed like its stream: no pub-sub state to keep.
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            // Each hop waits for the pulling agent's next read (Orleans' default 100 ms); a status
            // change crosses two hops (shop to village, village to the status feed) on its way to a
            // dashboard. Reading 8 in-memory queues every 25 ms costs little.
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(25)));
            // Orleans keeps a delivered message in the agent's cache until it is both 5 minutes in
            // the cache and 30 minutes older than the newest (for rewinding subscribers, which
            // nothing here uses): under sustained load the cache grows for half an hour, about
            // 4-8 MB/s at 100,000 orders/s, all of it on the large object heap. Here a message
            // leaves once it is 10 s in the cache and 10 s older than the newest. A consumer more
            // than 10 s behind (it is normally a few hundred ms) misses what was dropped; a village
            // sees the gap in its shops' sequence numbers and rebuilds from them. One million shops
            // peaked at 4,213 MiB with a minute here, 3,868 MiB with 10 s (docs/benchmarks.md).
            streams.ConfigureCacheEviction(eviction => eviction.Configure(o =>
            {
                o.DataMinTimeInCache = TimeSpan.FromSeconds(10);
                o.DataMaxAgeInCache = TimeSpan.FromSeconds(10);
                o.MetadataMinTimeInCache = TimeSpan.FromMinutes(2);
            }));
        });
        return builder;
    }

    /// <summary>
    /// The embedded default's storage: grain state in memory (lost when the silo stops). Grains write
    /// to it only on deactivation unless <paramref name="timedWrites"/> asks for the durable-store
    /// policy (tests of the timed write path use that).
    /// </summary>
    public static ISiloBuilder AddTaobaoLiveMemoryStorage(this ISiloBuilder builder, bool timedWrites = false)
    {
        builder.Services.AddSingleton(timedWrites ? StateWritePolicy.DurableStore : StateWritePolicy.InMemory);
        return builder.AddMemoryGrainStorage(StorageNames.Grains);
    }

    public static GeographyModel LoadGeography(TaobaoLiveOptions options) =>
        options.Geography is { Length: > 0 } path ? GeographyLoader.LoadFile(path) : GeographyLoader.LoadBuiltIn();

    public static RuleSet ResolveRules(TaobaoLiveOptions options) =>
        RuleSets.Get(options.RuleSet) with { ActivityWindow = new TrailingWindow(options.ActivityWindowDays) };
}
