using TaobaoLive.Host.Live;

namespace TaobaoLive.Host.Tests.Live;

public sealed class LiveSubscriptionsTests
{
    [Fact]
    public void Topics_count_connections_and_a_disconnect_drops_all_of_its_topics()
    {
        var subscriptions = new LiveSubscriptions();
        Assert.True(subscriptions.Add("c1", "status"));
        Assert.False(subscriptions.Add("c1", "status"));
        Assert.True(subscriptions.Add("c1", "country"));
        Assert.True(subscriptions.Add("c2", "status"));

        Assert.Equal((2, 1), (subscriptions.Subscribers("status"), subscriptions.Subscribers("country")));
        Assert.Equal(["country", "status"], subscriptions.TopicsOf("c1").Order());

        subscriptions.RemoveConnection("c1");

        Assert.Equal((1, 0), (subscriptions.Subscribers("status"), subscriptions.Subscribers("country")));
        Assert.Empty(subscriptions.TopicsOf("c1"));
        Assert.False(subscriptions.Remove("c1", "status"));
        Assert.True(subscriptions.Remove("c2", "status"));
        Assert.Empty(subscriptions.TakeSnapshot());
    }

    [Fact]
    public void A_topic_is_marked_joined_once_after_someone_subscribes()
    {
        var subscriptions = new LiveSubscriptions();
        subscriptions.Add("c1", "country");

        Assert.Equal([("country", true)], subscriptions.TakeSnapshot());
        Assert.Equal([("country", false)], subscriptions.TakeSnapshot());

        subscriptions.Add("c2", "country");
        Assert.Equal([("country", true)], subscriptions.TakeSnapshot());
    }
}
