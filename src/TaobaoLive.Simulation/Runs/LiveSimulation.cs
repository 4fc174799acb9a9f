using TaobaoLive.Simulation.Sinks;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Simulation.Runs;

/// <summary>
/// Live mode: orders paid now, at the configured rate shaped by the daily curve, with values scaled
/// so each shop sells its year in <see cref="SimulatorOptions.YearInMinutes"/>.
/// </summary>
public sealed class LiveSimulation(IReadOnlyList<SimulatedVillage> world, SimulatorOptions options, IOrderSink sink, TimeProvider time)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    public long OrdersSent { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var generator = new OrderGenerator(world, options.Seed, options.RefundRate, $"live{options.Seed}-{time.GetUtcNow().ToUnixTimeSeconds()}-");
        await sink.RegisterShops(world.SelectMany(v => v.Shops).ToList(), cancellationToken);
        var ordersPerYear = options.OrdersPerSecond * options.YearInMinutes * 60;
        var meanFen = (long)Math.Max(1, generator.TotalAnnualFen / ordersPerYear);
        var carry = 0.0;
        var batch = new List<SimulatedOrder>(options.BatchSize);
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            carry += options.OrdersPerSecond * Tick.TotalSeconds * OrderGenerator.Intensity(now, options.Scenario, everyDayIsDouble11: true);
            var count = (int)carry;
            carry -= count;
            while (count > 0)
            {
                var take = Math.Min(count, options.BatchSize);
                batch.Clear();
                generator.Live(now, take, meanFen, batch);
                OrdersSent += await sink.Send(batch, cancellationToken);
                count -= take;
            }
        }
    }
}
