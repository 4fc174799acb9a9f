using Microsoft.Extensions.Options;
using TaobaoLive.Grains.Hosting;
using TaobaoLive.Simulator;

namespace TaobaoLive.Host.Hosting;

/// <summary>Checks both option sets at start so a bad value stops the host with a clear message.</summary>
internal sealed class OptionsValidation : IValidateOptions<TaobaoLiveOptions>, IValidateOptions<PlatformHostOptions>, IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, TaobaoLiveOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, PlatformHostOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, SimulatorOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IReadOnlyList<string> problems) =>
        problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
}
