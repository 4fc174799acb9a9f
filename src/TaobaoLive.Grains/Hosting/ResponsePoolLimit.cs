using System.Reflection;
using Microsoft.Extensions.Logging;
using Orleans.Serialization.Invocation;

namespace TaobaoLive.Grains.Hosting;

/// <summary>
/// Caps Orleans' pool of completion sources for grain calls without a result. Orleans 10.4.2 keeps
/// one stack of them per thread with no limit (<c>MaxPoolSize = int.MaxValue</c>): a source is taken
/// on the thread that makes a call and given back on the thread that reads its answer, so under
/// sustained load the threads that mostly give back grow their stacks without end. Measured on the
/// embedded host at full load: 154,437 pooled sources at minute 4, 541,001 at minute 12 (about 48,000
/// a minute, 5-6 MiB a minute: the resident memory that "kept rising" in the 20-minute soak).
/// Orleans offers no setting for it; the one internal name used is kept here with the version it was
/// read from, and a test fails if the package moves it (the host then logs a warning and runs
/// without the cap).
/// </summary>
public static class ResponsePoolLimit
{
    /// <summary>The package version the internal name below was read from.</summary>
    public const string WrittenFor = "10.4.2";

    /// <summary>Sources kept per thread: far above what one thread has in flight, bounded in memory.</summary>
    public const int PerThread = 1024;

    private const string UntypedPoolField = "UntypedPool";

    /// <summary>Sets the cap; false (with a warning) when Orleans no longer has the pool where 10.4.2 kept it.</summary>
    public static bool Apply(ILogger logger)
    {
        if (MaxPoolSize() is not { } property)
        {
            logger.LogWarning(
                "Orleans' response completion source pool is not where Orleans {WrittenFor} kept it ({Type}.{Field}); it runs without a per-thread cap, and its memory may grow under sustained load",
                WrittenFor,
                typeof(ResponseCompletionSourcePool).FullName,
                UntypedPoolField);
            return false;
        }

        property.Property.SetValue(property.Pool, PerThread);
        return true;
    }

    /// <summary>The cap in force, or null when the pool cannot be found.</summary>
    public static int? Current => MaxPoolSize() is { } property ? (int?)property.Property.GetValue(property.Pool) : null;

    private static (object Pool, PropertyInfo Property)? MaxPoolSize()
    {
        var pool = typeof(ResponseCompletionSourcePool).GetField(UntypedPoolField, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
        var property = pool?.GetType().GetProperty("MaxPoolSize", BindingFlags.Public | BindingFlags.Instance);
        return pool is not null && property is { CanWrite: true } && property.PropertyType == typeof(int) ? (pool, property) : null;
    }
}

/// <summary>Applies <see cref="ResponsePoolLimit"/> as the silo starts (the pool is one per process).</summary>
internal sealed class ResponsePoolLimitStartup(ILogger<ResponsePoolLimitStartup> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ResponsePoolLimit), ServiceLifecycleStage.First, _ =>
        {
            ResponsePoolLimit.Apply(logger);
            return Task.CompletedTask;
        });
}
