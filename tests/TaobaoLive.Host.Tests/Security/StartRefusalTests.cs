using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using TaobaoLive.Host.Security;

namespace TaobaoLive.Host.Tests.Security;

public sealed class StartRefusalTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:5000")]
    [InlineData("urls", "http://127.0.0.1:5000;http://192.168.1.20:5000")]
    [InlineData("urls", "http://*:5000")]
    [InlineData("http_ports", "8080")]
    [InlineData("Kestrel:Endpoints:Public:Url", "https://[::]:5001")]
    public void A_host_without_keys_refuses_to_listen_beyond_loopback(string setting, string value)
    {
        using var factory = new Refused(setting, value);
        var refusal = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());
        var line = Assert.Single(refusal.Failures);
        Assert.Contains("no keys are configured", line, StringComparison.Ordinal);
        Assert.Contains("taobaolive new-key", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refusal.Message);
    }

    [Fact]
    public async Task The_host_process_says_why_in_one_line_and_exits_1()
    {
        var port = FreePorts.Next();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "TaobaoLive.Host.dll"), "--urls", $"http://0.0.0.0:{port}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Equal(
            $"TaobaoLive cannot start: no keys are configured and http://0.0.0.0:{port} is not a loopback address; make a key with 'taobaolive new-key NAME operator' and add the line it prints (TaobaoLive__Auth__Keys__0__…) to the host's environment, or listen on 127.0.0.1{Environment.NewLine}",
            await errors);
        Assert.Equal(string.Empty, await output);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://[::1]:5001", true)]
    [InlineData("http://127.10.0.1:80/", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://localhost.example.com:5000", false)]
    [InlineData("http://10.0.0.5:5000", false)]
    public void Loopback_is_localhost_127_0_0_0_slash_8_or_ipv6_1(string url, bool loopback)
    {
        Assert.Equal(loopback, AccessMode.IsLoopback(url));
    }

    private sealed class Refused(string setting, string value) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("TaobaoLive:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("TaobaoLive:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting(setting, value);
        }
    }
}
