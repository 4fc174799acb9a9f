namespace TaobaoLive.Deploy.Tests.Cluster;

/// <summary>
/// A test of deploy/compose brought up with docker-compose: it runs when the host, nginx and
/// PostgreSQL images are named (.ci/run builds all three where Docker runs, .ci/docker-host-image)
/// and docker-compose is installed, and is reported skipped with the reason otherwise.
/// </summary>
public sealed class DockerClusterFactAttribute : FactAttribute
{
    public const string HostImage = "TAOBAOLIVE_TEST_HOST_IMAGE";
    public const string NginxImage = "TAOBAOLIVE_TEST_NGINX_IMAGE";
    public const string PostgresImage = "TAOBAOLIVE_TEST_COMPOSE_POSTGRES_IMAGE";

    public DockerClusterFactAttribute()
    {
        var missing = new[] { HostImage, NginxImage, PostgresImage }.Where(v => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(v))).ToList();
        if (missing.Count > 0)
        {
            Skip = $"{string.Join(", ", missing)} not set: the cluster's images were not built (needs Docker; .ci/run builds them)";
        }
        else if (!OnPath("docker-compose"))
        {
            Skip = "docker-compose is not installed (apt-get install docker-compose; .ci/run installs it)";
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, program)));
}
