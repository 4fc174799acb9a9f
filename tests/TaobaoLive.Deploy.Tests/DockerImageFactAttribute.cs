namespace TaobaoLive.Deploy.Tests;

/// <summary>
/// A test of the host's container image: it runs when <c>TAOBAOLIVE_TEST_HOST_IMAGE</c> names one
/// (.ci/run builds it where Docker runs, .ci/docker-host-image) and is reported skipped, with the
/// reason, where it does not.
/// </summary>
public sealed class DockerImageFactAttribute : FactAttribute
{
    public const string Variable = "TAOBAOLIVE_TEST_HOST_IMAGE";

    public DockerImageFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no host image was built (needs Docker; .ci/run builds it)";
        }
    }

    public static string Image => Environment.GetEnvironmentVariable(Variable)!;
}
