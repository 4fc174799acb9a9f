using TaobaoLive.Abstractions.Live;

namespace TaobaoLive.Grains.Live;

/// <summary>Registered hosts with the time each last renewed; one that has not renewed within the lifetime is gone.</summary>
public sealed class LiveFeedObservers(TimeSpan lifetime)
{
    private readonly Dictionary<ILiveFeedObserver, DateTimeOffset> _renewed = [];

    public void Renew(ILiveFeedObserver observer, DateTimeOffset now) => _renewed[observer] = now;

    public void Remove(ILiveFeedObserver observer) => _renewed.Remove(observer);

    /// <summary>The observers still within their lifetime at <paramref name="now"/>; expired ones are forgotten.</summary>
    public IReadOnlyList<ILiveFeedObserver> Live(DateTimeOffset now)
    {
        List<ILiveFeedObserver>? expired = null;
        var live = new List<ILiveFeedObserver>(_renewed.Count);
        foreach (var (observer, renewed) in _renewed)
        {
            if (now - renewed > lifetime)
            {
                (expired ??= []).Add(observer);
            }
            else
            {
                live.Add(observer);
            }
        }

        foreach (var observer in expired ?? [])
        {
            _renewed.Remove(observer);
        }

        return live;
    }
}
