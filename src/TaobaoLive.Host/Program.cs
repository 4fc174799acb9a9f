using Microsoft.Extensions.Options;
using TaobaoLive.Host.Diagnostics;
using TaobaoLive.Host.Health;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Persistence;
using TaobaoLive.Host.Security;

// A bad option or an unreachable database is the operator's to fix: one clear line and exit code 1,
// no stack trace. (An event handler, not a catch: under WebApplicationFactory these exceptions must
// still reach the test that starts the host.)
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is OptionsValidationException or StoreUnavailableException or InvalidOperationException { InnerException: FormatException })
    {
        Console.Error.WriteLine($"TaobaoLive cannot start: {((Exception)e.ExceptionObject).Message}");
        Environment.Exit(1);
    }
};

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRoot.Choose(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
});
builder.AddTaobaoLiveOptions();
builder.AddTaobaoLiveSecurity();
builder.AddTaobaoLiveSilo();
builder.AddTaobaoLiveApi();
builder.AddTaobaoLiveDashboards();
builder.AddTaobaoLiveSimulator();
builder.AddTaobaoLiveHealth();
builder.AddTaobaoLiveTelemetry();

var app = builder.Build();
app.MapTaobaoLive();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
