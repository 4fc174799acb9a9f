using Microsoft.Extensions.Options;
using TaobaoLive.Domain.Rules;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Security;
using TaobaoLive.Host.Tests.Infrastructure;

namespace TaobaoLive.Host.Tests.Hosting;

/// <summary>
/// Every options class reaches the options system one way (its own sentences, checked at start): a
/// bad value stops the host with exactly its sentence, once (the pipeline's options were checked
/// twice, the second time as "invalid TaobaoLive options").
/// </summary>
public sealed class OptionsStartTests
{
    [Fact]
    public async Task A_bad_pipeline_option_stops_the_host_with_exactly_its_sentence()
    {
        var failure = await StartFailure("TaobaoLive:RuleSet", "aliresearch-1999");

        Assert.Equal([$"TaobaoLive:RuleSet 'aliresearch-1999' is not a rule set; use one of: {string.Join(", ", RuleSets.All.Select(r => r.Name))}."], failure.Failures);
    }

    [Fact]
    public async Task A_bad_simulator_option_stops_the_host_with_exactly_its_sentence()
    {
        var failure = await StartFailure("Simulator:BatchSize", "0");

        Assert.Equal(["Simulator:BatchSize 0 must be between 1 and 100,000."], failure.Failures);
    }

    [Fact]
    public async Task A_bad_host_option_stops_the_host_with_exactly_its_sentence()
    {
        var failure = await StartFailure("TaobaoLive:LivePushInterval", "00:00:00.010");

        Assert.Equal(["TaobaoLive:LivePushInterval 00:00:00.0100000 must be between 50 ms and 10 seconds."], failure.Failures);
    }

    [Fact]
    public async Task A_bad_key_stops_the_host_with_exactly_its_sentence()
    {
        var failure = await StartFailure(
            ("TaobaoLive:Auth:Keys:0:Name", "wall-screen"),
            ("TaobaoLive:Auth:Keys:0:Role", "boss"),
            ("TaobaoLive:Auth:Keys:0:Sha256", ApiKeyStore.Hash("a key of thirty-two characters..")));

        Assert.Equal(["TaobaoLive:Auth:Keys:0:Role 'boss' must be viewer, ingest or operator."], failure.Failures);
    }

    [Fact]
    public async Task A_bad_store_option_stops_the_host_with_exactly_its_sentence()
    {
        var failure = await StartFailure("TaobaoLive:Store", "Oracle");

        Assert.Equal(["TaobaoLive:Store 'Oracle' must be Memory or PostgreSql."], failure.Failures);
    }

    [Fact]
    public void An_early_check_fails_with_the_same_sentences_as_the_check_at_start()
    {
        var options = new PlatformHostOptions { SiloPort = 0, GatewayPort = 30000 };

        var thrown = Assert.Throws<OptionsValidationException>(() => OptionsProblems.Checked(options, o => o.Validate()));

        Assert.Equal(["TaobaoLive:SiloPort 0 must be a TCP port (1-65535)."], thrown.Failures);
        Assert.Equal(typeof(PlatformHostOptions), thrown.OptionsType);
        Assert.Same(options, OptionsProblems.Checked(options, _ => []));
    }

    private static Task<OptionsValidationException> StartFailure(string key, string value) => StartFailure((key, value));

    private static async Task<OptionsValidationException> StartFailure(params (string Key, string Value)[] settings)
    {
        await using var host = new ProbeHost(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        var thrown = await Record.ExceptionAsync(host.InitializeAsync);
        while (thrown is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            thrown = aggregate.InnerException;
        }

        return Assert.IsType<OptionsValidationException>(thrown);
    }
}
