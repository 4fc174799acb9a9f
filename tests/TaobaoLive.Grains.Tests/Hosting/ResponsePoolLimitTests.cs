using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization.Invocation;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Tests.Hosting;

/// <summary>
/// The cap on Orleans' per-thread pool of response completion sources: a thread that gives back
/// more sources than it takes keeps at most the cap (without it, every one: the pool grew by about
/// 48,000 sources a minute under full load). Fails when an Orleans upgrade moves the pool.
/// </summary>
public sealed class ResponsePoolLimitTests
{
    [Fact]
    public void A_thread_that_gives_back_more_sources_than_it_takes_keeps_at_most_the_cap()
    {
        Assert.True(ResponsePoolLimit.Apply(NullLogger.Instance), $"Orleans' response pool moved since {ResponsePoolLimit.WrittenFor}");
        Assert.Equal(ResponsePoolLimit.PerThread, ResponsePoolLimit.Current);

        // A thread of its own: the pool's stacks are per thread, and this one starts empty.
        var givenBack = new HashSet<ResponseCompletionSource>(ReferenceEqualityComparer.Instance);
        var reused = 0;
        var thread = new Thread(() =>
        {
            for (var i = 0; i < 3 * ResponsePoolLimit.PerThread; i++)
            {
                var source = new ResponseCompletionSource();
                givenBack.Add(source);
                ResponseCompletionSourcePool.Return(source);
            }

            for (var i = 0; i < 3 * ResponsePoolLimit.PerThread; i++)
            {
                if (givenBack.Contains(ResponseCompletionSourcePool.Get()))
                {
                    reused++;
                }
            }
        });
        thread.Start();
        thread.Join();

        Assert.Equal(ResponsePoolLimit.PerThread, reused);
    }
}
