namespace TaobaoLive.Domain.Clusters;

public sealed record ComponentSnapshot(string Id, IReadOnlyList<VillageUpdate> Villages);
