using Microsoft.Extensions.Options;
using TaobaoLive.Domain.Rules;
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

    private static async Task<OptionsValidationException> StartFailure(string key, string value)
    {
        await using var host = new ProbeHost(new Dictionary<string, string?> { [key] = value });
        var thrown = await Record.ExceptionAsync(host.InitializeAsync);
        while (thrown is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            thrown = aggregate.InnerException;
        }

        return Assert.IsType<OptionsValidationException>(thrown);
    }
}
