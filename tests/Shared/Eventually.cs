using System.Diagnostics;

namespace TaobaoLive.Testing;

/// <summary>
/// Awaits a condition over something the pipeline computes asynchronously (it flushes upward on a
/// timer), re-reading it until it holds or a bounded time passes; never a blind sleep.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        var value = await read();
        while (!condition(value))
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"{what} did not hold within {limit.TotalSeconds:0.#} s; last value: {value}");
            }

            // Yield briefly between reads; the bound above is what ends the wait.
            await Task.Delay(20);
            value = await read();
        }

        return value;
    }
}
