using TaobaoLive.Contracts;
using TaobaoLive.Host.Api;

namespace TaobaoLive.Host.Live;

/// <summary>The top 10 of every watched leaderboard, sent when the list differs from the last one sent.</summary>
public sealed class LeaderboardPusher(Leaderboards leaderboards, LiveOutbox outbox)
{
    public const int Entries = 10;

    private readonly LastSent<IReadOnlyList<LeaderboardEntry>> _last = new(new SequenceComparer());

    public async Task Push(IReadOnlyList<(string Topic, bool Joined)> topics)
    {
        _last.Forget(topics);
        foreach (var (topic, _) in topics)
        {
            if (LiveTopics.LeaderboardOf(topic) is not var (board, order))
            {
                continue;
            }

            var entries = await leaderboards.Read(board, order, Entries);
            if (_last.Changed(topic, entries))
            {
                outbox.Send(topic, LiveMessages.LeaderboardUpdated, topic, entries);
            }
        }
    }

    private sealed class SequenceComparer : IEqualityComparer<IReadOnlyList<LeaderboardEntry>>
    {
        public bool Equals(IReadOnlyList<LeaderboardEntry>? x, IReadOnlyList<LeaderboardEntry>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

        public int GetHashCode(IReadOnlyList<LeaderboardEntry> obj) => obj.Count;
    }
}
