using System.Text;
using TaobaoLive.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
var app = new CliApp(CliApp.ConnectOverHttp, Console.Out, Console.Error, Environment.GetEnvironmentVariable(CliApp.HostVariable), Environment.GetEnvironmentVariable(TaobaoLive.Client.TaobaoLiveKeys.Variable));
return await app.RunAsync(args, stopping.Token);
