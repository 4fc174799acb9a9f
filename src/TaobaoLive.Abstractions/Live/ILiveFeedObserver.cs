using TaobaoLive.Abstractions.Events;

namespace TaobaoLive.Abstractions.Live;

/// <summary>A host's receiver of the live feed; it hands each batch to its own SignalR hub.</summary>
[Alias("TaobaoLive.ILiveFeedObserver")]
public interface ILiveFeedObserver : IGrainObserver
{
    /// <summary>Status changes in stream order; the next batch is sent only after this one returns.</summary>
    [Alias("OnStatusChanged")]
    Task OnStatusChanged(IReadOnlyList<StatusChanged> changes);
}
