using Microsoft.Extensions.DependencyInjection;
using TaobaoLive.Abstractions.Live;
using TaobaoLive.Host.Live;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Live;

/// <summary>
/// The live feed's end of a host stopping: a stop that has run out of time (or an unsubscribe the
/// stopping silo cancels) must not fail the host's stop. It did: SIGTERM ended the container with
/// exit 139 in the compose cluster test's rolling restart.
/// </summary>
public sealed class LiveFeedRegistrationStopTests
{
    [Fact]
    public async Task A_stop_out_of_time_leaves_the_feed_without_failing()
    {
        await using var host = new ProbeHost(new Dictionary<string, string?>());
        await host.InitializeAsync();
        var registration = host.Services.GetRequiredService<LiveFeedRegistration>();
        var feed = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILiveFeedGrain>(ILiveFeedGrain.Key);
        await Eventually.Until(() => feed.GetObserverCount(), n => n == 1, "the host registered with the feed");

        var stop = registration.StopAsync(new CancellationToken(canceled: true));
        var failure = await Record.ExceptionAsync(() => stop);

        Assert.Null(failure);
        Assert.True(stop.IsCompletedSuccessfully);
    }
}
