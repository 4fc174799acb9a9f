namespace TaobaoLive.Abstractions.Shops;

/// <summary>The answer to a batch: all of it applied, or (when <see cref="Errors"/> is not empty) none of it.</summary>
[GenerateSerializer, Immutable]
[Alias("TaobaoLive.OrderBatchResult")]
public sealed record OrderBatchResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] IReadOnlyList<OrderRejection> Errors)
{
    public bool IsAccepted => Errors.Count == 0;

    public static OrderBatchResult Rejected(params OrderRejection[] errors) => new(0, errors);

    // One answer per shop call: the usual small counts share immutable instances.
    private static readonly OrderBatchResult[] Accepting = Enumerable.Range(0, 65).Select(n => new OrderBatchResult(n, [])).ToArray();

    /// <summary>All <paramref name="count"/> records applied.</summary>
    public static OrderBatchResult AcceptedAll(int count) =>
        (uint)count < (uint)Accepting.Length ? Accepting[count] : new OrderBatchResult(count, []);
}
