using System.Collections.Concurrent;
using System.Net;
using Spectre.Console;
using TaobaoLive.Cli.Input;
using TaobaoLive.Cli.Output;
using TaobaoLive.Client;
using TaobaoLive.Contracts;

namespace TaobaoLive.Cli.Commands;

/// <summary>
/// <c>load-shops</c> and <c>load-orders</c>: read the whole file first and send nothing if any line is
/// bad; then post it in batches, each all-or-nothing on the host, mapping the API's record indexes
/// back to file lines.
/// </summary>
internal static class LoadCommands
{
    public const int DefaultBatch = 1000;

    /// <summary>Problems printed before the rest are only counted.</summary>
    private const int ShownProblems = 20;

    /// <summary>Answers of 429/503 with Retry-After are retried this often before giving up.</summary>
    private const int MaxAttempts = 20;

    /// <summary>Distinct villages looked up at once before registering.</summary>
    private const int VillageLookups = 8;

    public static async Task<int> LoadShops(CommandContext context)
    {
        var path = context.Argument(0);
        var batch = context.Number("batch");
        var (shops, problems) = ReadFile(path, ShopFileReader.Read);
        if (problems.Count == 0)
        {
            // The host checks villages batch by batch; checking them all first keeps a typo on the
            // last line from leaving the earlier batches registered.
            problems = await CheckVillages(context, shops);
        }

        Refuse(context, path, shops.Count, problems, "shops");
        var progress = new BatchProgress(context, path, shops.Count, batch, "shops");
        await progress.Send(shops, async (records, ct) => await context.Client.RegisterShops(records, ct));
        Report(context, progress, $"registered {Format.Plural(progress.Accepted, "shop")} from {path}");
        return ExitCodes.Ok;
    }

    public static async Task<int> LoadOrders(CommandContext context)
    {
        var path = context.Argument(0);
        var batch = context.Number("batch");
        var (orders, problems) = ReadFile(path, OrderFileReader.Read);
        Refuse(context, path, orders.Count, problems, "orders");
        var progress = new BatchProgress(context, path, orders.Count, batch, "orders");
        await progress.Send(orders, async (records, ct) => (await context.Client.PostOrders(records, cancellationToken: ct)).Accepted);
        Report(context, progress, $"accepted {Format.Plural(progress.Accepted, "order")} from {path}");
        return ExitCodes.Ok;
    }

    private static (List<NumberedRecord<T>> Records, List<LineError> Problems) ReadFile<T>(string path, Func<string, (List<NumberedRecord<T>>, List<LineError>)> read)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"{path}: no such file");
        }

        try
        {
            return read(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {path}: {exception.Message}", exception);
        }
    }

    /// <summary>Prints the bad lines (the first <see cref="ShownProblems"/>) and fails; with none, returns.</summary>
    private static void Refuse(CommandContext context, string path, int records, List<LineError> problems, string noun)
    {
        if (problems.Count == 0)
        {
            if (records == 0)
            {
                throw new CommandFailedException($"{path}: the file has no {noun}");
            }

            return;
        }

        foreach (var problem in problems.Take(ShownProblems))
        {
            context.Errors.WriteLine($"{path}: line {problem.Line}: {problem.Reason}");
        }

        if (problems.Count > ShownProblems)
        {
            context.Errors.WriteLine($"{path}: ... and {Format.Plural(problems.Count - ShownProblems, "more problem")}");
        }

        var lines = problems.Select(p => p.Line).Distinct().Count();
        throw new CommandFailedException($"{path}: {Format.Plural(lines, "bad line")}; nothing was sent");
    }

    private static async Task<List<LineError>> CheckVillages(CommandContext context, List<NumberedRecord<ShopRecord>> shops)
    {
        var lines = shops.GroupBy(s => s.Record.Village, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(s => s.Line).ToList(), StringComparer.Ordinal);
        var problems = new ConcurrentBag<LineError>();
        var client = context.Client;
        var options = new ParallelOptions { MaxDegreeOfParallelism = VillageLookups, CancellationToken = context.CancellationToken };
        await Parallel.ForEachAsync(lines, options, async (village, ct) =>
        {
            string? problem;
            try
            {
                var region = await client.GetRegion(village.Key, ct);
                problem = region.Level == "village" ? null : $"'{village.Key}' is a {region.Level}, not a village";
            }
            catch (TaobaoLiveApiException exception) when (exception.Status == HttpStatusCode.NotFound)
            {
                problem = $"'{village.Key}' is not a village id or path";
            }

            if (problem is not null)
            {
                foreach (var line in village.Value)
                {
                    problems.Add(new LineError(line, problem));
                }
            }
        });
        return [.. problems.OrderBy(p => p.Line)];
    }

    private static void Report(CommandContext context, BatchProgress progress, string summary)
    {
        if (context.Json)
        {
            context.WriteJson(new LoadSummary(progress.Path, progress.Records, progress.Accepted, progress.Batches));
        }
        else
        {
            context.Output.WriteLine(summary);
        }
    }

    /// <summary>Sends records in batches and keeps count, so a refusal can say what was already accepted.</summary>
    private sealed class BatchProgress(CommandContext context, string path, int records, int batchSize, string noun)
    {
        public string Path => path;

        public int Records => records;

        public int Accepted { get; private set; }

        public int Batches { get; private set; }

        /// <summary>The progress bar, when stdout is a terminal; else each batch is a line.</summary>
        private ProgressTask? _bar;

        public async Task Send<T>(List<NumberedRecord<T>> all, Func<IReadOnlyList<T>, CancellationToken, Task<int>> post)
        {
            if (context.Terminal is not { } terminal || context.Json)
            {
                await SendAll(all, post);
                return;
            }

            await terminal.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    _bar = progress.AddTask($"sending {noun}", maxValue: all.Count);
                    await SendAll(all, post);
                });
        }

        private async Task SendAll<T>(List<NumberedRecord<T>> all, Func<IReadOnlyList<T>, CancellationToken, Task<int>> post)
        {
            var several = all.Count > batchSize;
            for (var start = 0; start < all.Count; start += batchSize)
            {
                await Send(all, start, Math.Min(batchSize, all.Count - start), post, several);
            }
        }

        private async Task Send<T>(List<NumberedRecord<T>> all, int start, int count, Func<IReadOnlyList<T>, CancellationToken, Task<int>> post, bool several)
        {
            var batch = all.GetRange(start, count);
            int accepted;
            try
            {
                accepted = await WithRetry(() => post([.. batch.Select(r => r.Record)], context.CancellationToken));
            }
            catch (TaobaoLiveApiException exception) when (exception.Status == HttpStatusCode.RequestEntityTooLarge && count > 1)
            {
                // The host's MaxRequestBytes is not known here: halve until a batch fits.
                await Send(all, start, count / 2, post, several: true);
                await Send(all, start + (count / 2), count - (count / 2), post, several: true);
                return;
            }
            catch (TaobaoLiveApiException exception)
            {
                throw Refused(exception, batch);
            }

            Accepted += accepted;
            Batches++;
            _bar?.Increment(count);
            if (several && !context.Json && _bar is null)
            {
                context.Output.WriteLine($"lines {batch[0].Line}-{batch[^1].Line}: {Format.Count(accepted)} accepted");
            }
        }

        private async Task<int> WithRetry(Func<Task<int>> call)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await call();
                }
                catch (TaobaoLiveApiException exception) when (
                    exception.Status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                    && exception.RetryAfter is { } wait
                    && attempt < MaxAttempts)
                {
                    context.Errors.WriteLine($"the host is busy ({(int)exception.Status}); retrying in {wait.TotalSeconds:0.#} s");
                    await Task.Delay(wait, context.CancellationToken);
                }
            }
        }

        /// <summary>The API's per-record errors on their file lines, then what happened to the rest.</summary>
        private CommandFailedException Refused<T>(TaobaoLiveApiException exception, List<NumberedRecord<T>> batch)
        {
            foreach (var error in exception.Errors.Take(ShownProblems))
            {
                context.Errors.WriteLine(error.Index >= 0 && error.Index < batch.Count
                    ? $"{path}: line {batch[error.Index].Line}: {error.Message}"
                    : $"{path}: {error.Message}");
            }

            if (exception.Errors.Count > ShownProblems)
            {
                context.Errors.WriteLine($"{path}: ... and {Format.Plural(exception.Errors.Count - ShownProblems, "more problem")}");
            }

            var refused = $"the host refused lines {batch[0].Line}-{batch[^1].Line} ({(int)exception.Status} {exception.Status})";
            return new CommandFailedException(Accepted == 0
                ? $"{path}: {refused}; nothing was accepted"
                : $"{path}: {refused}; earlier lines were accepted ({Format.Plural(Accepted, noun[..^1], noun)}), later lines were not sent", exception);
        }
    }
}
