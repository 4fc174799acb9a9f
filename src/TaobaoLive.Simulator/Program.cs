using Spectre.Console;
using TaobaoLive.Simulator;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};

// Progress bars only on a terminal: redirected output stays plain lines for scripts.
var terminal = Console.IsOutputRedirected ? null : AnsiConsole.Console;
return await new SimulatorCommandLine(Console.Out, Console.Error, terminal).RunAsync(args, stopping.Token);
