using Microsoft.Extensions.Options;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Clock;
using TaobaoLive.Grains.Journal;
using TaobaoLive.Grains.Persistence;
using TaobaoLive.Grains.Registry;
using TaobaoLive.Grains.Shops;
using TaobaoLive.Grains.Streaming;

namespace TaobaoLive.Grains.Hosting;

/// <summary>The silo-wide services every pipeline grain uses, injected as one.</summary>
public sealed class PipelineServices(
    GeographyModel geography,
    RuleSet rules,
    BusinessClock clock,
    UpwardOutbox outbox,
    BusinessDayObservers dayObservers,
    StateWritePolicy writePolicy,
    OrderMeter orders,
    IJournalReplay journal,
    CheckpointTracker checkpoints,
    WriteWheel writeWheel,
    IShopDirectory directory,
    IOptions<TaobaoLiveOptions> options)
{
    public GeographyModel Geography { get; } = geography;

    public RuleSet Rules { get; } = rules;

    public BusinessClock Clock { get; } = clock;

    public UpwardOutbox Outbox { get; } = outbox;

    public BusinessDayObservers DayObservers { get; } = dayObservers;

    public TaobaoLiveOptions Options { get; } = options.Value;

    public StateWritePolicy WritePolicy { get; } = writePolicy;

    public OrderMeter Orders { get; } = orders;

    /// <summary>The order journal a shop replays from after a crash (none with the in-memory store).</summary>
    public IJournalReplay Journal { get; } = journal;

    /// <summary>How old this silo's oldest unwritten shop change is (for journal truncation).</summary>
    public CheckpointTracker Checkpoints { get; } = checkpoints;

    /// <summary>The silo's clock for interleaved timed writes (shops on the durable store).</summary>
    public WriteWheel WriteWheel { get; } = writeWheel;

    /// <summary>Where a shop registers itself, so the host can tell registered shops without activating one.</summary>
    public IShopDirectory Directory { get; } = directory;

    /// <summary>How often a dirty grain writes; null when it writes only on deactivation.</summary>
    public TimeSpan? PersistInterval => WritePolicy.Durable ? Options.PersistInterval : null;
}
