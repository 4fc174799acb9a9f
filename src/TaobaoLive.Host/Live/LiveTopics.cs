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

    /// <summary>"leaderboard:&lt;board&gt;:&lt;today|annual&gt;", e.g. leaderboard:villages:today (leaderboardUpdated, top 10).</summary>
    public const string LeaderboardPrefix = "leaderboard:";

    public static string ForRegion(string regionId) => RegionPrefix + regionId;

    /// <summary>The board and order a leaderboard topic names; null for any other topic.</summary>
    public static (string Board, Abstractions.Rankings.RankingOrder Order)? LeaderboardOf(string topic)
    {
        if (!topic.StartsWith(LeaderboardPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = topic[LeaderboardPrefix.Length..].Split(':');
        return parts.Length == 2 && Api.Leaderboards.IsBoard(parts[0]) && Api.Leaderboards.ParseOrder(parts[1]) is { } order
            ? (parts[0], order)
            : null;
    }

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

        if (topic is not null && topic.StartsWith(LeaderboardPrefix, StringComparison.Ordinal))
        {
            if (LeaderboardOf(topic) is null)
            {
                throw new HubException($"unknown leaderboard topic '{topic}': use leaderboard:<villages|towns|counties|cities|provinces|clusters>:<today|annual>");
            }

            return;
        }

        throw new HubException($"unknown topic '{topic}': use country, region:<id>, clusters, status or leaderboard:<board>:<today|annual>");
    }
}
