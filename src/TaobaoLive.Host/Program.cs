using TaobaoLive.Host.Diagnostics;
using TaobaoLive.Host.Health;
using TaobaoLive.Host.Hosting;
using TaobaoLive.Host.Security;

StartupFailures.ReportInOneLine();

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
