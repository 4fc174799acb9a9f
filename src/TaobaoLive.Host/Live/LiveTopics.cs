using Microsoft.AspNetCore.SignalR;
using TaobaoLive.Geography;

namespace TaobaoLive.Host.Live;

/// <summary>What a dashboard can subscribe to; each topic is one SignalR group of the same name.</summary>
public static class LiveTopics
{
    /// <summary>The country's numbers (regionUpdated).</summary>
    public const string Country = "country";

    /// <summary>Every cluster event (statusChanged).</summary>
    public const string Clusters = "clusters";

    /// <summary>Every status change of the platform (statusChanged).</summary>
    public const string Status = "status";

    /// <summary>"region:&lt;id&gt;", a region of any level: its numbers and the status changes within it.</summary>
    public const string RegionPrefix = "region:";

    public static string ForRegion(string regionId) => RegionPrefix + regionId;

    /// <summary>The region whose numbers <paramref name="topic"/> shows; null for status and clusters (and unknown topics).</summary>
    public static Region? RegionOf(string topic, GeographyModel geography) =>
        topic == Country ? geography.Country
        : topic.StartsWith(RegionPrefix, StringComparison.Ordinal) ? geography.FindById(topic[RegionPrefix.Length..])
        : null;

    /// <summary>Throws a <see cref="HubException"/> (its message reaches the client) unless <paramref name="topic"/> is a topic.</summary>
    public static void Validate(string? topic, GeographyModel geography)
    {
        if (topic is Country or Clusters or Status)
        {
            return;
        }

        if (topic is not null && topic.StartsWith(RegionPrefix, StringComparison.Ordinal))
        {
            var id = topic[RegionPrefix.Length..];
            if (geography.FindById(id) is null)
            {
                throw new HubException($"no region with id '{id}': a region topic is region:<id> with an id from /api/regions");
            }

            return;
        }

        throw new HubException($"unknown topic '{topic}': use country, region:<id>, clusters or status");
    }
}
