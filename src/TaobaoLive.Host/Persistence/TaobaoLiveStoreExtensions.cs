using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Grains.Ingest;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Registry;
using TaobaoLive.Host.Persistence.Journal;

namespace TaobaoLive.Host.Persistence;

public static class TaobaoLiveStoreExtensions
{
    /// <summary>ADO.NET invariant name of Npgsql.</summary>
    private const string Invariant = "Npgsql";

    /// <summary>How often each silo reads the membership table whatever else happens (Orleans' default is 60 s).</summary>
    public static readonly TimeSpan MembershipTableRefresh = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Binds and validates the store switch and registers the schema start-up step, which must run
    /// before the silo: call before <c>UseOrleans</c>. Returns the options the silo is built with.
    /// </summary>
    public static StoreOptions AddTaobaoLiveStoreOptions(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(TaobaoLiveOptions.SectionName);
        var connectionString = builder.Configuration.GetConnectionString(StoreOptions.ConnectionStringName);
        builder.Services.AddOptions<StoreOptions>()
            .Bind(section)
            .Configure(o => o.ConnectionString = connectionString)
            .ValidateProblems(o => o.Validate());
        builder.Services.AddHostedService<SchemaStartup>();
        var store = section.Get<StoreOptions>() ?? new StoreOptions();
        store.ConnectionString = connectionString;
        return store;
    }

    /// <summary>
    /// Clustering and grain storage for the chosen store. Memory: localhost clustering and in-memory
    /// state. PostgreSql: the membership table, grain state and stream pub-sub state as stable JSON,
    /// and timed writes (<see cref="StateWritePolicy.DurableStore"/>).
    /// </summary>
    public static ISiloBuilder AddTaobaoLiveStore(this ISiloBuilder silo, StoreOptions store, int siloPort, int gatewayPort)
    {
        // An invalid store setting stops the host in options validation; build the default meanwhile.
        if (store.Kind != StoreKind.PostgreSql || store.Validate().Count > 0)
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            return silo.AddTaobaoLiveMemoryStorage();
        }

        var connectionString = store.PooledConnectionString();
        var address = IPAddress.Parse(store.AdvertisedAddress);
        silo.ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = store.MembershipProbeTimeout;
            membership.NumMissedProbesLimit = store.MembershipMissedProbesLimit;
            // A silo restarted at its old address declares its older entry dead in the table at start,
            // once: when three silos write the table at the same moment (a whole cluster restarted)
            // that write can lose and is tried again only on the next periodic refresh, 60 s by
            // default. Until then the entry stays active, and the other restarted silos, which must
            // reach every active silo before they join, cannot: one restart had two of three silos
            // join 64 and 95 s after start. Refreshing every 5 s costs a table read per silo.
            membership.TableRefreshTimeout = MembershipTableRefresh;
        });
        // A storage failure inside a grain travels to the caller on another silo: without this,
        // Npgsql's exceptions cannot be serialized and the caller only sees a codec error.
        silo.Services.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o =>
        {
            o.SupportedNamespacePrefixes.Add("Npgsql");
            o.SupportedNamespacePrefixes.Add("TaobaoLive");
        });
        // Stream pub-sub state stays with Orleans' own provider (implicit subscriptions only: it is
        // hardly used); grain state and the order journal go through one Npgsql data source whose
        // pool the batching lanes bound.
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(json => ConfigureStateJson(json.JsonSerializerOptions));
        silo.AddAdoNetGrainStorage(StorageNames.PubSub, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        silo.Services.AddSingleton<StoreFailureLog>();
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (sp, _) =>
        {
            var json = new JsonSerializerOptions();
            ConfigureStateJson(json);
            return new PostgresGrainStorage(
                sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
                sp.GetRequiredService<NpgsqlDataSource>(),
                json,
                sp.GetRequiredService<StoreFailureLog>());
        });
        silo.Services.AddSingleton(sp => new PostgresShopDirectory(
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<StoreFailureLog>()));
        silo.Services.AddSingleton<IShopDirectory>(sp => sp.GetRequiredService<PostgresShopDirectory>());
        silo.Services.AddSingleton<OrderJournal>();
        silo.Services.AddSingleton<JournalReplayIndex>();
        silo.Services.AddSingleton<IJournalReplay>(sp => sp.GetRequiredService<JournalReplayIndex>());
        silo.Services.AddSingleton<IIdempotencyRecords, PostgresIdempotencyRecords>();
        silo.Services.AddSingleton<PostgresProducerRanges>();
        silo.Services.AddSingleton<IProducerRanges>(sp => sp.GetRequiredService<PostgresProducerRanges>());
        silo.Services.AddSingleton<CheckpointTable>();
        silo.Services.AddSingleton<JournalKeeper>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<JournalKeeper>());
        silo.Services.AddSingleton(StateWritePolicy.DurableStore);
        return silo;
    }

    /// <summary>
    /// Property names and enum names only: no CLR type names in a row, so renaming a class or moving
    /// it to another namespace leaves stored state readable.
    /// </summary>
    private static void ConfigureStateJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }
}
