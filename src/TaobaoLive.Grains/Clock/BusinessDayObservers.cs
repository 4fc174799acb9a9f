using System.Collections.Concurrent;

namespace TaobaoLive.Grains.Clock;

/// <summary>The grains active on this silo whose status can lapse with time; they join on activation.</summary>
public sealed class BusinessDayObservers
{
    private readonly ConcurrentDictionary<GrainId, byte> _grains = new();

    public int Count => _grains.Count;

    public void Add(GrainId grain) => _grains.TryAdd(grain, 0);

    public void Remove(GrainId grain) => _grains.TryRemove(grain, out _);

    public IReadOnlyList<GrainId> Snapshot() => _grains.Keys.ToList();
}
