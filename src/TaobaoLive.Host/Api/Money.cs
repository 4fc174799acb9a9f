namespace TaobaoLive.Host.Api;

/// <summary>Fen to wire yuan: a decimal with scale 2, so 1230 fen is written 12.30 exactly.</summary>
internal static class Money
{
    public static decimal Yuan(long fen)
    {
        var magnitude = (ulong)Math.Abs(fen);
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, fen < 0, 2);
    }
}
