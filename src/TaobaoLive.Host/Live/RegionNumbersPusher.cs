using TaobaoLive.Contracts;
using TaobaoLive.Geography;
using TaobaoLive.Host.Api;

namespace TaobaoLive.Host.Live;

/// <summary>
/// Reads the regions someone watches and sends those whose numbers changed: a topic gets at most one
/// regionUpdated per push interval, the latest value.
/// </summary>
public sealed class RegionNumbersPusher(RegionViews views, GeographyModel geography, LiveOutbox outbox)
{
    // AsOf is left out of the comparison: the clock moves on every read.
    private readonly LastSent<RegionView> _last = new(EqualityComparer<RegionView>.Default);

    public async Task Push(IReadOnlyList<(string Topic, bool Joined)> topics)
    {
        // Forgotten before any read that might fail, so a failed tick does not lose a join.
        _last.Forget(topics);
        var regions = topics
            .Select(t => (t.Topic, Region: LiveTopics.RegionOf(t.Topic, geography)))
            .Where(t => t.Region is not null)
            .ToList();
        if (regions.Count == 0)
        {
            return;
        }

        var read = await views.Read(regions.Select(t => t.Region!).Distinct().ToList());
        var byId = read.ToDictionary(view => view.Id, StringComparer.Ordinal);
        foreach (var (topic, region) in regions)
        {
            var view = byId[region!.Id];
            if (_last.Changed(topic, view with { AsOf = default }))
            {
                outbox.Send(topic, LiveMessages.RegionUpdated, topic, view);
            }
        }
    }
}
