using TaobaoLive.Client;

namespace TaobaoLive.Cli.Tests.Infrastructure;

/// <summary>
/// The real host (<see cref="TaobaoLiveHostFactory"/>, as the host tests run it) with a 64 KiB
/// request limit; the command line talks to it through the fixture's client.
/// </summary>
public sealed class CliHost : TaobaoLiveHostFactory, IAsyncLifetime
{
    public TaobaoLiveClient Api { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["TaobaoLive:MaxRequestBytes"] = "65536",
    };

    public Task InitializeAsync()
    {
        Api = new TaobaoLiveClient(CreateClient());
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    /// <summary>Runs the command line against this host.</summary>
    public Task<CliRun> Run(params string[] args) => CliRun.Execute(_ => Api, args);
}
