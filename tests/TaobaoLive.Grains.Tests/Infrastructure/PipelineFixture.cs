using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streams;
using Orleans.TestingHost;
using TaobaoLive.Abstractions.Clusters;
using TaobaoLive.Abstractions.Regions;
using TaobaoLive.Abstractions.Shops;
using TaobaoLive.Abstractions.Streaming;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Tests.Infrastructure;

/// <summary>
/// One in-memory silo shared by a test collection, with business time injected: a
/// <see cref="FakeTimeProvider"/> drives the clock, Orleans' own timers keep running on real time.
/// </summary>
public class PipelineFixture : IAsyncLifetime
{
    /// <summary>11 November 2026, 10:00 China Standard Time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 11, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly string? _geographyFile;

    public PipelineFixture()
        : this(TestGeography.WriteFile())
    {
    }

    protected PipelineFixture(string? geographyFile) => _geographyFile = geographyFile;

    /// <summary>Short, so the timed state writes happen within a test's bounded wait.</summary>
    public static readonly TimeSpan PersistInterval = TimeSpan.FromMilliseconds(200);

    public FakeTimeProvider Time { get; } = new(Start);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;

    public GeographyModel Geography => Silo.GetRequiredService<GeographyModel>();

    public BusinessDayDriver DayDriver => Silo.GetRequiredService<BusinessDayDriver>();

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureSilo(silo.Services);
            silo.AddTaobaoLivePipeline().AddTaobaoLiveMemoryStorage(timedWrites: true);
            silo.Services.Configure<TaobaoLiveOptions>(options =>
            {
                options.Geography = _geographyFile;
                options.FlushInterval = TimeSpan.FromMilliseconds(50);
                options.PersistInterval = PersistInterval;
            });
            silo.Services.AddKeyedSingleton<TimeProvider>(TaobaoLiveServiceKeys.Time, Time);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Services a fixture puts in place of the pipeline's defaults (registered before them: the pipeline only adds what is missing).</summary>
    protected virtual void ConfigureSilo(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (_geographyFile is not null)
        {
            File.Delete(_geographyFile);
        }
    }

    public string IdOf(string path) => Geography.Resolve(path).Id;

    public IShopGrain Shop(string shopId) => ShopGrains.Get(Grains, shopId);

    public IRegionGrain Region(string path)
    {
        var region = Geography.Resolve(path);
        return RegionGrains.Get(Grains, region.Level, region.Id);
    }

    /// <summary>A stream of the pipeline's provider, published to from the silo (as the outbox does).</summary>
    public IAsyncStream<T> Stream<T>(string streamNamespace, string key) => Silo.GetRequiredService<IClusterClient>()
        .GetStreamProvider(StreamNames.Provider)
        .GetStream<T>(StreamId.Create(streamNamespace, key));

    public IClusterGrain Clusters(string provincePath) => Grains.GetGrain<IClusterGrain>(IdOf(provincePath));

    /// <summary>Registers a shop to the village at <paramref name="villagePath"/>, asserting success.</summary>
    public async Task<IShopGrain> RegisterShop(string shopId, string villagePath)
    {
        var shop = Shop(shopId);
        var result = await shop.Register(IdOf(villagePath), shopId);
        Assert.True(result.Registered, result.Error);
        return shop;
    }

    public async Task<OrderBatchResult> Sell(IShopGrain shop, long fen, DateTimeOffset paidAt, string? orderId = null)
    {
        var result = await shop.RecordOrders([new ShopOrder(orderId ?? Guid.NewGuid().ToString("N"), fen, paidAt)]);
        Assert.True(result.IsAccepted, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result;
    }

    public Task<RegionSnapshot> WaitForRegion(string path, Func<RegionSnapshot, bool> condition, string what) =>
        Eventually.Until(() => Region(path).GetState(), condition, $"{path}: {what}");

    public Task<IReadOnlyList<ClusterSnapshot>> WaitForClusters(string provincePath, Func<IReadOnlyList<ClusterSnapshot>, bool> condition, string what) =>
        Eventually.Until(() => Clusters(provincePath).GetClusters(), condition, $"clusters of {provincePath}: {what}");

    /// <summary>Moves business time forward and waits until every time-sensitive grain has been told.</summary>
    public async Task AdvanceDays(int days)
    {
        Time.Advance(TimeSpan.FromDays(days));
        await DayDriver.PulseAsync();
    }
}
