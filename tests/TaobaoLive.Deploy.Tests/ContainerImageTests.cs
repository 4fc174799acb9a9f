using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace TaobaoLive.Deploy.Tests;

/// <summary>The image of deploy/docker/Dockerfile, run as an operator would run it.</summary>
public sealed class ContainerImageTests
{
    private const string Key = "tlk_container_image_test_key_0001";

    [DockerImageFact]
    public async Task The_image_serves_Chinese_regions_as_a_non_root_user_and_stops_gracefully_on_SIGTERM()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        var container = await Docker.Check(
            "run", "-d", "-p", "127.0.0.1::8080",
            "-e", "TaobaoLive__Auth__Keys__0__Name=test", "-e", "TaobaoLive__Auth__Keys__0__Role=operator", "-e", $"TaobaoLive__Auth__Keys__0__Sha256={hash}",
            "-e", "TaobaoLive__ShutdownDrainDelay=00:00:01",
            DockerImageFactAttribute.Image);
        try
        {
            var port = (await Docker.Check("port", container, "8080/tcp")).Split('\n')[0].Split(':')[^1];
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            var ready = await Until(() => Status(http, "health/ready"), HttpStatusCode.OK, TimeSpan.FromSeconds(90));
            var provinces = await http.GetStringAsync("api/regions?level=province");
            var metrics = await http.GetStringAsync("metrics");
            var user = await Docker.Check("exec", container, "id", "-u");
            var zone = await Docker.Run("exec", container, "test", "-e", "/usr/share/zoneinfo/Asia/Shanghai");
            var stopped = Stopwatch.StartNew();
            await Docker.Check("stop", "-t", "40", container);
            var exitCode = await Docker.Check("inspect", "-f", "{{.State.ExitCode}}", container);

            Assert.Equal(HttpStatusCode.OK, ready);
            Assert.Contains("广东省", provinces, StringComparison.Ordinal);
            Assert.Contains("taobaolive_outbox_backlog", metrics, StringComparison.Ordinal);
            Assert.Equal("1654", user);
            Assert.Equal(0, zone.ExitCode);
            Assert.Equal("0", exitCode);
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(40), $"SIGTERM took {stopped.Elapsed} (docker kills at 40 s)");
        }
        finally
        {
            await Docker.Run("rm", "-f", container);
        }
    }

    private static async Task<HttpStatusCode> Status(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    /// <summary>Re-reads until the wanted status or the bound; never a blind sleep.</summary>
    private static async Task<HttpStatusCode> Until(Func<Task<HttpStatusCode>> read, HttpStatusCode wanted, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var status = await read();
        while (status != wanted && watch.Elapsed < limit)
        {
            await Task.Delay(200);
            status = await read();
        }

        return status;
    }
}
