namespace TaobaoLive.Cli.Commands;

/// <summary>What <c>check-geography</c> found, for <c>--json</c>.</summary>
internal sealed record GeographySummary(
    string File,
    int Provinces,
    int Cities,
    int Counties,
    int Towns,
    int Villages,
    int VillagesWithHouseholds,
    int VillagesWithCoordinates,
    int VillagesWithNeighbours);
