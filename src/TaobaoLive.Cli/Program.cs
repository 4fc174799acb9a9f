using System.Text;
using Spectre.Console;
using TaobaoLive.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

// Progress bars only on a terminal: redirected output stays plain lines for scripts.
var terminal = Console.IsOutputRedirected ? null : AnsiConsole.Console;
var app = new CliApp(CliApp.ConnectOverHttp, Console.Out, Console.Error, Environment.GetEnvironmentVariable(CliApp.HostVariable), Environment.GetEnvironmentVariable(TaobaoLive.Client.TaobaoLiveKeys.Variable), terminal);
return await app.RunAsync(args, stopping.Token);
