using TaobaoLive.Geography;

namespace TaobaoLive.Grains.Hosting;

/// <summary>
/// The geography, loading on a thread of its own from the moment the host is configured, so that
/// its seconds of CPU (the national geography: about 2 s) overlap the rest of the start (the web
/// host and the silo being built, their code compiled) instead of following it; the silo takes it
/// when it initialises (<see cref="GeographyPreload"/>). The path is read from configuration early;
/// should the options the silo is built with name another geography, that one is loaded instead.
/// </summary>
public sealed class GeographyEarlyLoad
{
    private readonly string? _path;
    private readonly Task<GeographyModel> _load;

    public GeographyEarlyLoad(string? path)
    {
        _path = Normalize(path);
        _load = Task.Run(() => TaobaoLiveSiloBuilderExtensions.LoadGeography(new TaobaoLiveOptions { Geography = _path }));
    }

    /// <summary>True when the early load is for <paramref name="options"/>' geography.</summary>
    public bool Serves(TaobaoLiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.Equals(Normalize(options.Geography), _path, StringComparison.Ordinal);
    }

    /// <summary>The geography the options name: the early load's when it is the same one (waiting for it, and rethrowing its failure), else loaded now.</summary>
    public GeographyModel For(TaobaoLiveOptions options) =>
        Serves(options) ? _load.GetAwaiter().GetResult() : TaobaoLiveSiloBuilderExtensions.LoadGeography(options);

    private static string? Normalize(string? path) => string.IsNullOrWhiteSpace(path) ? null : path;
}
