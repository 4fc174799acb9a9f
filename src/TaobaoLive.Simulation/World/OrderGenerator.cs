using TaobaoLive.Domain.Time;
using TaobaoLive.Simulation.Sinks;

namespace TaobaoLive.Simulation.World;

/// <summary>
/// Makes orders for a simulated world, deterministically from a seed. Shops are picked in proportion
/// to their yearly sales (so traffic is as heavy-tailed as the shops), order values vary
/// log-normally around the mean, times of day follow a daily curve, and Double-11 multiplies the day.
/// </summary>
public sealed class OrderGenerator
{
    /// <summary>Relative traffic per China Standard Time hour (night trough, morning and evening peaks).</summary>
    private static readonly double[] HourlyCurve = Normalise(
        [0.5, 0.3, 0.2, 0.15, 0.12, 0.15, 0.3, 0.6, 0.9, 1.2, 1.4, 1.4, 1.2, 1.2, 1.3, 1.3, 1.2, 1.1, 1.2, 1.5, 1.8, 1.9, 1.6, 1.0]);

    private readonly SimulatedShop[] _shops;
    private readonly double[] _cumulative;
    private readonly Random _random;
    private readonly double _refundRate;
    private readonly string _prefix;
    private long _counter;

    public OrderGenerator(IReadOnlyList<SimulatedVillage> villages, int seed, double refundRate, string idPrefix = "o")
    {
        _shops = villages.SelectMany(v => v.Shops).ToArray();
        _cumulative = new double[_shops.Length];
        double total = 0;
        for (var i = 0; i < _shops.Length; i++)
        {
            total += _shops[i].AnnualFen;
            _cumulative[i] = total;
        }

        TotalAnnualFen = (long)total;
        _random = new Random(seed ^ 0x5EED);
        _refundRate = refundRate;
        _prefix = idPrefix;
    }

    public long TotalAnnualFen { get; }

    public int ShopCount => _shops.Length;

    /// <summary>Traffic at an instant relative to the daily average: the hour's weight, times ten on Double-11 (more in its first minutes).</summary>
    public static double Intensity(DateTimeOffset at, SimulatorScenario scenario, bool everyDayIsDouble11 = false)
    {
        var china = at.ToOffset(BusinessCalendar.ChinaOffset);
        var factor = HourlyCurve[china.Hour];
        var isDouble11 = everyDayIsDouble11 ? scenario == SimulatorScenario.Double11 : china is { Month: 11, Day: 11 };
        if (isDouble11)
        {
            // AliResearch and Alibaba report the day's peak in the first minutes after midnight.
            factor = 10 * (china is { Hour: 0, Minute: < 10 } ? 3 : 1);
        }

        return factor;
    }

    /// <summary>Live mode: <paramref name="count"/> orders paid at <paramref name="paidAt"/>, averaging <paramref name="meanFen"/>.</summary>
    public void Live(DateTimeOffset paidAt, int count, long meanFen, List<SimulatedOrder> into)
    {
        for (var i = 0; i < count; i++)
        {
            var shop = PickShop();
            AddOrder(shop, Math.Max(1, (long)(meanFen * LogNormal())), paidAt, into);
        }
    }

    /// <summary>
    /// Replay: one business day. Each shop sells on about half the days; a selling day's takings are
    /// its yearly sales spread over those days, times <paramref name="dayFactor"/> (10 on Double-11).
    /// </summary>
    public void Day(int day, double dayFactor, List<SimulatedOrder> into)
    {
        const double SellingShare = 0.5;
        var start = BusinessCalendar.StartOf(day);
        foreach (var shop in _shops)
        {
            if (_random.NextDouble() >= SellingShare)
            {
                continue;
            }

            var fen = (long)(shop.AnnualFen / 365.0 / SellingShare * dayFactor * LogNormal());
            if (fen > 0)
            {
                AddOrder(shop, fen, start + TimeOfDay(), into);
            }
        }
    }

    private void AddOrder(SimulatedShop shop, long fen, DateTimeOffset paidAt, List<SimulatedOrder> into)
    {
        fen = Math.Min(fen, 1_000_000_00);
        var id = $"{_prefix}{++_counter}";
        into.Add(new SimulatedOrder(id, shop.ShopId, fen, paidAt, false));
        if (_refundRate > 0 && _random.NextDouble() < _refundRate)
        {
            into.Add(new SimulatedOrder(id + "-r", shop.ShopId, Math.Max(1, fen / (1 + _random.Next(3))), paidAt, true));
        }
    }

    private SimulatedShop PickShop()
    {
        var target = _random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _shops[Math.Min(index < 0 ? ~index : index, _shops.Length - 1)];
    }

    private TimeSpan TimeOfDay()
    {
        var target = _random.NextDouble() * 24;
        double seen = 0;
        for (var hour = 0; hour < 24; hour++)
        {
            seen += HourlyCurve[hour];
            if (target < seen)
            {
                return TimeSpan.FromHours(hour) + TimeSpan.FromSeconds(_random.Next(3600));
            }
        }

        return TimeSpan.FromHours(23);
    }

    /// <summary>A log-normal factor with mean 1 (σ = 0.6).</summary>
    private double LogNormal()
    {
        const double Sigma = 0.6;
        var z = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return Math.Exp((Sigma * z) - (Sigma * Sigma / 2));
    }

    private static double[] Normalise(double[] weights)
    {
        var mean = weights.Average();
        return weights.Select(w => w / mean).ToArray();
    }
}
