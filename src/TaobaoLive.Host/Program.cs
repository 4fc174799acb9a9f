using TaobaoLive.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddTaobaoLiveOptions();
builder.AddTaobaoLiveSilo();
builder.AddTaobaoLiveApi();
builder.AddTaobaoLiveSimulator();

var app = builder.Build();
app.MapTaobaoLive();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
