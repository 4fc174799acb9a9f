namespace TaobaoLive.Host.Hosting;

/// <summary>Host-level options, bound from the <c>TaobaoLive</c> section next to the pipeline's own.</summary>
public sealed class PlatformHostOptions
{
    /// <summary>Orleans cluster id: silos with the same id (and store) form one cluster. Default <c>taobaolive</c>.</summary>
    public string ClusterId { get; set; } = "taobaolive";

    /// <summary>Orleans service id: stored grain state and reminders are keyed by it, so keep it across deployments. Default <c>taobaolive</c>.</summary>
    public string ServiceId { get; set; } = "taobaolive";

    /// <summary>This silo's name in the membership table and the dashboard (Kubernetes: the pod name); null for Orleans' own.</summary>
    public string? SiloName { get; set; }

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (the simulator or tools using the Orleans client). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// A PKCS#12 (.pfx) file with this cluster's certificate and key. When set, silo-to-silo and
    /// gateway connections use TLS and both ends must present this certificate (or one in
    /// <see cref="ClusterCertificateThumbprints"/>): a process without it cannot join or connect.
    /// Default none (plain TCP; keep the Orleans ports on a private network).
    /// </summary>
    public string? ClusterCertificate { get; set; }

    /// <summary>The .pfx file's password (from the environment or a secrets file, not the command line).</summary>
    public string? ClusterCertificatePassword { get; set; }

    /// <summary>SHA-1 thumbprints of further certificates accepted from peers (for rotation).</summary>
    public List<string> ClusterCertificateThumbprints { get; set; } = [];

    /// <summary>Largest accepted request body. Default 16 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most records in one batch. Default 100,000.</summary>
    public int MaxBatchRecords { get; set; } = 100_000;

    /// <summary>Ingest requests processed at once; more wait in a queue. Default 64.</summary>
    public int MaxConcurrentIngest { get; set; } = 64;

    /// <summary>Ingest requests allowed to wait; beyond it the answer is 503 with Retry-After. Default 512.</summary>
    public int IngestQueue { get; set; } = 512;

    /// <summary>Upward reports waiting in the silo's outbox beyond which ingest answers 503. Default 2,000,000.</summary>
    public int MaxOutboxBacklog { get; set; } = 2_000_000;

    /// <summary>
    /// How often live dashboards get a region's numbers: at most one regionUpdated per topic per
    /// interval, the latest value winning. Default 500 ms (two a second).
    /// </summary>
    public TimeSpan LivePushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often this host renews its registration with the live feed grain; the registration lasts
    /// four intervals without renewal. Default 30 s. The feed grain stores its registrations, so a
    /// feed grain that moves to another silo keeps delivering at once; the renewal only matters for
    /// a host that was dropped (a failed delivery) or forgotten (its registration expired).
    /// </summary>
    public TimeSpan LiveFeedRenewInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the host keeps serving after it is asked to stop, with <c>/health/ready</c> already
    /// answering 503, before the HTTP server and the silo stop: time for a balancer polling readiness
    /// to take this host out. Default 0 (stop at once); the deployments in deploy/ set a few seconds.
    /// </summary>
    public TimeSpan ShutdownDrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Live hub connections one client (a key, or an address without one) may hold. Default 20.</summary>
    public int LiveConnectionsPerClient { get; set; } = 20;

    /// <summary>Topics one live connection may follow. Default 64.</summary>
    public int LiveTopicsPerConnection { get; set; } = 64;

    /// <summary>
    /// Messages waiting for one live connection; a connection that falls this far behind is dropped
    /// (it reconnects and resubscribes) so it delays nobody else. At least twice
    /// <see cref="LiveTopicsPerConnection"/>: one push interval can queue a message per topic. Default 256.
    /// </summary>
    public int LiveQueueLength { get; set; } = 256;

    /// <summary>
    /// Origins (scheme://host[:port]) other than the host's own whose pages may connect to the live
    /// hub. Default none: a page served by another site cannot open a connection with a viewer's cookie.
    /// </summary>
    public List<string> LiveAllowedOrigins { get; set; } = [];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[] { (nameof(ClusterId), ClusterId), (nameof(ServiceId), ServiceId), (nameof(SiloName), SiloName ?? "silo") })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                problems.Add($"TaobaoLive:{name} '{value}' must be 1-100 letters, digits, '-', '_' or '.'.");
            }
        }

        if (SiloPort is < 1 or > 65535)
        {
            problems.Add($"TaobaoLive:SiloPort {SiloPort} must be a TCP port (1-65535).");
        }

        if (GatewayPort is < 1 or > 65535)
        {
            problems.Add($"TaobaoLive:GatewayPort {GatewayPort} must be a TCP port (1-65535).");
        }

        if (SiloPort == GatewayPort)
        {
            problems.Add($"TaobaoLive:SiloPort and TaobaoLive:GatewayPort must differ (both {SiloPort}).");
        }

        if (ClusterCertificate is not null && !File.Exists(ClusterCertificate))
        {
            problems.Add($"TaobaoLive:ClusterCertificate '{ClusterCertificate}' does not exist.");
        }

        if (MaxRequestBytes < 1024)
        {
            problems.Add($"TaobaoLive:MaxRequestBytes {MaxRequestBytes} must be at least 1024.");
        }

        if (MaxBatchRecords < 1 || MaxConcurrentIngest < 1 || IngestQueue < 0 || MaxOutboxBacklog < 1)
        {
            problems.Add("TaobaoLive:MaxBatchRecords, MaxConcurrentIngest and MaxOutboxBacklog must be positive, IngestQueue not negative.");
        }

        if (LivePushInterval < TimeSpan.FromMilliseconds(50) || LivePushInterval > TimeSpan.FromSeconds(10))
        {
            problems.Add($"TaobaoLive:LivePushInterval {LivePushInterval} must be between 50 ms and 10 seconds.");
        }

        if (LiveFeedRenewInterval < TimeSpan.FromSeconds(1) || LiveFeedRenewInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"TaobaoLive:LiveFeedRenewInterval {LiveFeedRenewInterval} must be between 1 second and 1 hour.");
        }

        if (ShutdownDrainDelay < TimeSpan.Zero || ShutdownDrainDelay > TimeSpan.FromMinutes(5))
        {
            problems.Add($"TaobaoLive:ShutdownDrainDelay {ShutdownDrainDelay} must be between 0 and 5 minutes.");
        }

        if (LiveConnectionsPerClient < 1 || LiveTopicsPerConnection < 1)
        {
            problems.Add("TaobaoLive:LiveConnectionsPerClient and LiveTopicsPerConnection must be at least 1.");
        }
        else if (LiveQueueLength < 2 * LiveTopicsPerConnection)
        {
            // One push interval may queue a message for every topic a connection follows at once.
            problems.Add($"TaobaoLive:LiveQueueLength {LiveQueueLength} must be at least twice LiveTopicsPerConnection ({2 * LiveTopicsPerConnection}).");
        }

        foreach (var origin in LiveAllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.GetLeftPart(UriPartial.Authority) != origin.TrimEnd('/'))
            {
                problems.Add($"TaobaoLive:LiveAllowedOrigins '{origin}' must be an origin: scheme://host[:port], nothing after it.");
            }
        }

        return problems;
    }
}
