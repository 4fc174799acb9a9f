namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// The silo's one clock for interleaved timed state writes (shops on the durable store): due writes
/// wait in one bucket per second, and a single timer ticking once a second hands the due ones, oldest
/// first and at most <c>maxPerSecond</c> of them, to their grains' schedulers, where each runs
/// interleaved with its grain's calls.
/// </summary>
/// <remarks>
/// <para>A grain timer per shop was a .NET timer per activation: with 100,000 busy shops the
/// runtime's timer queue walked all of them three times a second and every write re-armed one,
/// about 4 % of all CPU samples on the machine at the bench rate (perf, 2026-11-30). A write fires up to a second
/// late, which a 30-second interval does not notice. Each entry carries the arm it belongs to, so a
/// write made meanwhile (flush, deactivation) or a later re-arm makes it a no-op when it fires.</para>
/// <para>The budget: a million busy shops at the 30 s interval would start 33,000 writes a second,
/// more than twice what PostgreSQL takes here; without it every one of them queued with its serialized
/// state. Writes beyond the budget stay due and go first in the next second; the shops stay dirty
/// meanwhile, which only keeps their journal entries longer.</para>
/// </remarks>
public sealed class WriteWheel : IDisposable
{
    private static readonly TimeSpan Resolution = TimeSpan.FromSeconds(1);

    private readonly TimeProvider _time;
    private readonly int _maxPerSecond;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, List<Due>> _bySecond = [];
    private readonly ITimer _timer;

    public WriteWheel(TimeProvider time, int maxPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerSecond, 1);
        _time = time;
        _maxPerSecond = maxPerSecond;
        _timer = time.CreateTimer(static wheel => ((WriteWheel)wheel!).Tick(), this, Resolution, Resolution);
    }

    /// <summary>Writes waiting for their second or for room in the budget.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                return _bySecond.Values.Sum(bucket => (long)bucket.Count);
            }
        }
    }

    /// <summary>Calls <paramref name="write"/>'s <see cref="IWheelWrite.Fire"/> with <paramref name="arm"/> once <paramref name="due"/> has passed.</summary>
    public void Schedule(IWheelWrite write, long arm, TimeSpan due)
    {
        var second = (_time.GetUtcNow() + due).ToUnixTimeSeconds();
        lock (_gate)
        {
            if (!_bySecond.TryGetValue(second, out var bucket))
            {
                _bySecond[second] = bucket = [];
            }

            bucket.Add(new Due(write, arm));
        }
    }

    /// <summary>Hands the writes whose second has come to their grains, within the budget (the timer calls it; public for tests with a manual clock).</summary>
    public void Tick()
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var fired = new List<Due>();
        lock (_gate)
        {
            while (fired.Count < _maxPerSecond && _bySecond.Count > 0)
            {
                var (second, bucket) = _bySecond.First();
                if (second > now)
                {
                    break;
                }

                var take = Math.Min(bucket.Count, _maxPerSecond - fired.Count);
                if (take == bucket.Count)
                {
                    fired.AddRange(bucket);
                    _bySecond.Remove(second);
                }
                else
                {
                    fired.AddRange(bucket.GetRange(0, take));
                    bucket.RemoveRange(0, take);
                }
            }
        }

        foreach (var entry in fired)
        {
            try
            {
                entry.Write.Fire(entry.Arm);
            }
            catch
            {
                // One grain's scheduler refusing must not stop the others' writes; its grain
                // stays dirty and writes on deactivation or on its next arm.
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private readonly record struct Due(IWheelWrite Write, long Arm);
}

/// <summary>A write waiting on the <see cref="WriteWheel"/>.</summary>
public interface IWheelWrite
{
    /// <summary>Called on the wheel's thread once due: queue the write on the grain's own scheduler.</summary>
    void Fire(long arm);
}
