namespace TaobaoLive.Grains.Persistence;

/// <summary>
/// When grains write their state, decided by the store behind them. A durable store (PostgreSQL)
/// gets timed writes while dirty plus an immediate write on registration; the in-memory store lives
/// and dies with the silo, so there a grain writes only when it deactivates (its state must survive
/// idle collection, nothing more) and the ingest path never pays for a copy nobody can read.
/// </summary>
public sealed record StateWritePolicy(bool Durable)
{
    public static readonly StateWritePolicy DurableStore = new(true);

    public static readonly StateWritePolicy InMemory = new(false);
}
