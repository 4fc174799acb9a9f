using TaobaoLive.Simulator;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
return await SimulatorCommandLine.RunAsync(args, Console.Out, Console.Error, stopping.Token);
