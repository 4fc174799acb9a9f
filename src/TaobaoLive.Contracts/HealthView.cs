namespace TaobaoLive.Contracts;

/// <summary><c>GET /healthz</c>: "ok" with the geography loaded, or "starting" (then 503, the other fields null).</summary>
public sealed record HealthView(string Status, string? Geography, int? Villages);
