namespace TaobaoLive.Domain.Clusters;

/// <summary>A village as the contiguity graph sees it. <see cref="Neighbours"/> are other village ids.</summary>
public sealed record VillageSite(string Id, string CountyId, IReadOnlyList<string> Neighbours, double? Latitude, double? Longitude);
