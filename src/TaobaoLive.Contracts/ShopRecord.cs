namespace TaobaoLive.Contracts;

/// <summary>A shop to register: <see cref="Village"/> is a village id or path.</summary>
public sealed record ShopRecord(string ShopId, string Village, string? Name = null);
