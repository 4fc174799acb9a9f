using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaobaoLive.Grains.Hosting;

/// <summary>
/// The one way an options class's problems reach the options system: each class states them as
/// sentences (its <c>Validate()</c>), and this turns them into one validator checked at start, so a
/// bad value stops the host with exactly those sentences. Options read while the host is being built
/// go through the same validator earlier (<see cref="Checked{TOptions}"/>).
/// </summary>
public static class OptionsProblems
{
    public static OptionsBuilder<TOptions> ValidateProblems<TOptions>(this OptionsBuilder<TOptions> options, Func<TOptions, IReadOnlyList<string>> problems)
        where TOptions : class
    {
        options.Services.AddSingleton<IValidateOptions<TOptions>>(new Validator<TOptions>(options.Name, problems));
        return options.ValidateOnStart();
    }

    /// <summary>
    /// The same check, now, for values the host needs while it is still being built (its ports, its
    /// authentication schemes): a bad value stops it with the same sentences in the same exception,
    /// before the silo or the schemes are configured from it.
    /// </summary>
    public static TOptions Checked<TOptions>(TOptions options, Func<TOptions, IReadOnlyList<string>> problems)
        where TOptions : class
    {
        var result = new Validator<TOptions>(null, problems).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }

    private sealed class Validator<TOptions>(string? name, Func<TOptions, IReadOnlyList<string>> problems) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options)
        {
            if (name is not null && optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }

            return problems(options) is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
        }
    }
}
