namespace TaobaoLive.Host.Persistence;

/// <summary>Where the silo keeps grain state, cluster membership and reminders.</summary>
public enum StoreKind
{
    /// <summary>The embedded default: one silo, state in memory, lost when it stops.</summary>
    Memory,

    /// <summary>PostgreSQL through Orleans ADO.NET: durable state, a cluster of silos, reminders.</summary>
    PostgreSql,
}
