namespace TaobaoLive.Grains.Shops;

/// <summary>
/// Orders and refunds applied by the shop grains of this silo since it started, whichever way they
/// came in (HTTP, the embedded simulator, a grain client). Dashboards derive orders per second from it.
/// </summary>
public sealed class OrderMeter
{
    private long _applied;

    public long Applied => Interlocked.Read(ref _applied);

    public void Add(int records) => Interlocked.Add(ref _applied, records);
}
