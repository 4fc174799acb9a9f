namespace TaobaoLive.Grains.Clusters;

/// <summary>A persisted connected component of Taobao villages: its id and members with their annual turnover.</summary>
[GenerateSerializer]
[Alias("TaobaoLive.ComponentRecord")]
public sealed class ComponentRecord
{
    [Id(0)] public string Id { get; set; } = string.Empty;

    [Id(1)] public List<string> Villages { get; set; } = [];

    [Id(2)] public List<long> TurnoverFen { get; set; } = [];
}
