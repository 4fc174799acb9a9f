using Microsoft.Extensions.Options;

namespace TaobaoLive.Host.Persistence;

/// <summary>Stops the host at start when the store settings are wrong, with every problem named.</summary>
internal sealed class StoreOptionsValidation : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
