namespace TaobaoLive.Abstractions.Shops;

/// <summary>Why one record of a batch was refused; <see cref="Index"/> is its position in the batch.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.OrderRejection")]
public sealed record OrderRejection(
    [property: Id(0)] int Index,
    [property: Id(1)] string Field,
    [property: Id(2)] string Message);
