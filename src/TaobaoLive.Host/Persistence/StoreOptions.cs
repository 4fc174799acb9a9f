using System.Data.Common;
using System.Net;
using Npgsql;

namespace TaobaoLive.Host.Persistence;

/// <summary>
/// The store switch: <c>TaobaoLive:Store</c> with <c>ConnectionStrings:TaobaoLive</c>, plus the
/// PostgreSQL connection pool and the address a silo advertises to the others.
/// </summary>
public sealed class StoreOptions
{
    public const string ConnectionStringName = "TaobaoLive";

    /// <summary><c>Memory</c> (default) or <c>PostgreSql</c>.</summary>
    public string Store { get; set; } = nameof(StoreKind.Memory);

    /// <summary>
    /// Most PostgreSQL connections one silo opens (Npgsql <c>Maximum Pool Size</c>), used when the
    /// connection string does not set it. Default 20: PostgreSQL allows 100 connections by default
    /// (<c>max_connections</c>), which leaves room for four silos plus administration; raise
    /// <c>max_connections</c> before running more silos or a larger pool.
    /// </summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>
    /// The IP address this silo advertises in the membership table (PostgreSql only). Default
    /// 127.0.0.1: every silo on one machine. Set the machine's own address to cluster across machines.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a silo waits for a peer's probe answer before counting it missed (PostgreSql only).
    /// Default 10 seconds, twice Orleans' 5: on a loaded two-core machine a busy but healthy silo
    /// can miss 5-second probes and be voted dead.
    /// </summary>
    public TimeSpan MembershipProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Consecutive missed probes before a silo suspects a peer (PostgreSql only). Default 3 (Orleans'
    /// own); with the default timeout a silo killed abruptly is declared dead after about 30 seconds.
    /// </summary>
    public int MembershipMissedProbesLimit { get; set; } = 3;

    /// <summary><c>ConnectionStrings:TaobaoLive</c>, an Npgsql connection string. Never logged.</summary>
    public string? ConnectionString { get; set; }

    public StoreKind Kind => Enum.TryParse<StoreKind>(Store, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : StoreKind.Memory;

    /// <summary>The connection string with the pool bound applied, unless it sets its own.</summary>
    public string PooledConnectionString()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        if (!SetsPoolSize(ConnectionString!))
        {
            builder.MaxPoolSize = MaxPoolSize;
        }

        return builder.ConnectionString;
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.TryParse<StoreKind>(Store, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Store, out _))
        {
            problems.Add($"TaobaoLive:Store '{Store}' must be Memory or PostgreSql.");
            return problems;
        }

        if (kind != StoreKind.PostgreSql)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"ConnectionStrings:{ConnectionStringName} is required when TaobaoLive:Store is PostgreSql.");
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(ConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The message names the bad keyword, never the password.
                problems.Add($"ConnectionStrings:{ConnectionStringName} is not a valid Npgsql connection string: {ex.Message}");
            }
        }

        if (MaxPoolSize is < 2 or > 1000)
        {
            problems.Add($"TaobaoLive:MaxPoolSize {MaxPoolSize} must be between 2 and 1000.");
        }

        if (MembershipProbeTimeout < TimeSpan.FromSeconds(1) || MembershipProbeTimeout > TimeSpan.FromMinutes(5))
        {
            problems.Add($"TaobaoLive:MembershipProbeTimeout {MembershipProbeTimeout} must be between 1 second and 5 minutes.");
        }

        if (MembershipMissedProbesLimit is < 1 or > 20)
        {
            problems.Add($"TaobaoLive:MembershipMissedProbesLimit {MembershipMissedProbesLimit} must be between 1 and 20.");
        }

        if (!IPAddress.TryParse(AdvertisedAddress, out _))
        {
            problems.Add($"TaobaoLive:AdvertisedAddress '{AdvertisedAddress}' must be an IP address.");
        }

        return problems;
    }

    private static bool SetsPoolSize(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Any(key => key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE");
    }
}
