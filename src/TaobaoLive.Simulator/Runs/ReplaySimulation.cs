using TaobaoLive.Domain.Time;
using TaobaoLive.Simulation;
using TaobaoLive.Simulation.Sinks;
using TaobaoLive.Simulation.World;

namespace TaobaoLive.Simulator.Runs;

/// <summary>
/// Replay mode: day by day from a first business day for a number of days, orders
/// sent in time order, so a host on the Event clock lives through the year: villages cross as their
/// year fills and lapse as the window slides. Double-11 days sell ten times normal.
/// </summary>
public sealed class ReplaySimulation(IReadOnlyList<SimulatedVillage> world, SimulatorOptions options, IOrderSink sink)
{
    public async Task<ReplaySummary> RunAsync(int firstDay, int days, double daysPerSecond, IProgress<(int Day, long Orders)>? progress, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var generator = new OrderGenerator(world, options.Seed, options.RefundRate, $"replay{options.Seed}-");
        await sink.RegisterShops(world.SelectMany(v => v.Shops).ToList(), cancellationToken);
        var orders = new List<SimulatedOrder>();
        long sent = 0, turnover = 0;
        for (var d = 0; d < days; d++)
        {
            var day = firstDay + d;
            orders.Clear();
            var factor = BusinessCalendar.DateOf(day) is { Month: 11, Day: 11 } ? 10.0 : 1.0;
            generator.Day(day, factor, orders);
            // Time order within the day (a refund stays right after its order: same time, stable sort).
            var ordered = orders.OrderBy(o => o.PaidAt).ToList();
            foreach (var chunk in ordered.Chunk(options.BatchSize))
            {
                sent += await sink.Send(chunk, cancellationToken);
            }

            turnover += ordered.Sum(o => o.Refund ? -o.Fen : o.Fen);
            progress?.Report((d + 1, sent));
            if (daysPerSecond > 0)
            {
                var due = TimeSpan.FromSeconds((d + 1) / daysPerSecond) - watch.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken);
                }
            }
        }

        return new ReplaySummary(days, sent, turnover, watch.Elapsed);
    }
}
