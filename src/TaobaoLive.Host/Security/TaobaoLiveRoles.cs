namespace TaobaoLive.Host.Security;

/// <summary>
/// The three roles a key can have. Each includes the ones before it: an ingest key reads too, an
/// operator key does everything. A principal carries a role claim for every role it includes, so a
/// policy asks for one role only.
/// </summary>
public static class TaobaoLiveRoles
{
    /// <summary>The read API, the pages and the live hub.</summary>
    public const string Viewer = "viewer";

    /// <summary>Posting orders and shops, plus everything a viewer may do.</summary>
    public const string Ingest = "ingest";

    /// <summary>Everything, including silos, platform, the Orleans dashboard, OpenAPI and metrics.</summary>
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All = [Viewer, Ingest, Operator];

    public static bool IsRole(string? role) => role is Viewer or Ingest or Operator;

    /// <summary>The roles <paramref name="role"/> includes, itself first.</summary>
    public static IReadOnlyList<string> Included(string role) => role switch
    {
        Operator => [Operator, Ingest, Viewer],
        Ingest => [Ingest, Viewer],
        Viewer => [Viewer],
        _ => [],
    };
}
