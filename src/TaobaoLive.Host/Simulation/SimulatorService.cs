using Microsoft.Extensions.Options;
using TaobaoLive.Geography;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Simulation;
using TaobaoLive.Simulation.Runs;
using TaobaoLive.Simulation.Sinks;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Host.Simulation;

/// <summary>Runs the live simulator inside the host when <c>Simulator:Enabled</c> is true, calling shop grains directly.</summary>
public sealed partial class SimulatorService(
    IOptions<SimulatorOptions> options,
    IOptions<TaobaoLiveOptions> pipeline,
    SiloReadiness readiness,
    IGrainFactory grains,
    GeographyModel geography,
    ILogger<SimulatorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        while (!readiness.IsReady)
        {
            await Task.Delay(100, stoppingToken);
        }

        var mix = pipeline.Value.Geography is null ? WorldBuilder.BuiltInMix : WorldBuilder.SyntheticMix;
        var world = WorldBuilder.Build(geography, settings.Seed, mix);
        LogStarting(logger, world.Sum(v => v.Shops.Count), world.Count, settings.OrdersPerSecond, settings.Scenario);
        try
        {
            await new LiveSimulation(world, settings, new GrainOrderSink(grains), TimeProvider.System).RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator: {Shops} shops in {Villages} villages, {Rate} orders/s, scenario {Scenario}")]
    private static partial void LogStarting(ILogger logger, int shops, int villages, double rate, SimulatorScenario scenario);

    [LoggerMessage(Level = LogLevel.Error, Message = "Simulator stopped")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
