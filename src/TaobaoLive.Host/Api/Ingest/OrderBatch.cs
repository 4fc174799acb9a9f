using TaobaoLive.Contracts;

namespace TaobaoLive.Host.Api.Ingest;

/// <summary>
/// What a body parsed into. <see cref="Malformed"/> errors (not JSON, not objects) answer 400;
/// <see cref="Invalid"/> errors (missing fields, bad values) answer 422.
/// </summary>
public sealed class OrderBatch(int expectedRecords = 0)
{
    public List<ParsedOrder> Orders { get; } = new(expectedRecords);

    public List<ApiError> Malformed { get; } = [];

    public List<ApiError> Invalid { get; } = [];

    public int Records { get; set; }
}
