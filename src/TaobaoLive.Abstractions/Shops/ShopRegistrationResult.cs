namespace TaobaoLive.Abstractions.Shops;

[GenerateSerializer, Immutable]
[Alias("TaobaoLive.ShopRegistrationResult")]
public sealed record ShopRegistrationResult(
    [property: Id(0)] bool Registered,
    [property: Id(1)] string? Error);
