using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using TaobaoLive.Client;
using TaobaoLive.Contracts;

namespace TaobaoLive.Simulator.Runs.Crash;

/// <summary>
/// Ground truth for the durable mode: several host processes on one PostgreSQL database take keyed
/// order batches from concurrent producers while silos are killed with SIGKILL at random moments
/// (and restarted in place). The run keeps the ledger of every batch: acknowledged, or unanswered
/// (503, connection refused, timeout). After the load every unanswered batch is retried with its key
/// until answered; then every shop must hold exactly its ledger (0 lost, 0 doubled) and every
/// village and the country exactly the sum of their shops.
/// </summary>
public sealed class CrashRun(CrashRunOptions options, TextWriter log)
{
    private readonly ConcurrentDictionary<string, Batch> _ledger = new();
    private readonly Random _random = new(options.Seed);
    private readonly Lock _randomGate = new();
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    // With LoseOne: the host killed for good, and a clock started at its kill.
    private volatile SiloProcess? _lost;
    private Stopwatch? _lostClock;

    public async Task<CrashReport> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var silos = Enumerable.Range(0, options.Silos)
            .Select(_ => new SiloProcess(
                options.HostDll,
                options.ConnectionString,
                options.Geography is { } geography ? [.. options.HostSettings, $"--TaobaoLive:Geography={geography}"] : options.HostSettings,
                options.HostLogs))
            .ToList();
        try
        {
            // One first, so it creates the schema alone; the others join it.
            silos[0].Start();
            await silos[0].WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            foreach (var silo in silos.Skip(1))
            {
                silo.Start();
            }

            await Task.WhenAll(silos.Skip(1).Select(s => s.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken)));
            var villages = await silos[0].Api.ListRegions("village", limit: 12, cancellationToken: cancellationToken);
            var shops = Enumerable.Range(0, options.Shops).Select(i => new ShopRecord($"crash-{_run}-{i}", villages[i % villages.Count].Path)).ToList();
            for (var i = 0; i < shops.Count; i += 500)
            {
                await silos[0].Api.RegisterShops(shops.Skip(i).Take(500).ToList(), cancellationToken);
            }

            log.WriteLine($"crash run {_run}: {options.Silos} silos, {shops.Count} shops in {villages.Count} villages, {options.Load.TotalSeconds:0} s of load, {(options.LoseOne ? "the last host killed for good 3 s before its end" : $"{options.Kills} kill(s)")}{(options.KillAll ? " and one of every silo at once" : string.Empty)}{(options.RollingRestart ? ", a rolling restart" : string.Empty)}");
            var kills = 0;
            using (var loadEnds = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                loadEnds.CancelAfter(options.Load);
                var producers = Enumerable.Range(0, options.Connections).Select(p => ProduceAsync(p, silos, shops, loadEnds.Token)).ToList();
                kills = options.LoseOne ? await LoseOneAsync(silos, cancellationToken) : await KillAsync(silos, cancellationToken);
                await Task.WhenAll(producers);
            }

            foreach (var silo in silos.Where(s => !s.Running && s != _lost))
            {
                silo.Start();
            }

            await Task.WhenAll(silos.Where(s => s != _lost).Select(s => s.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken)));
            var unanswered = _ledger.Values.Where(b => !b.AcknowledgedAtOnce).ToList();
            var replayed = 0;
            foreach (var batch in unanswered)
            {
                if (await RetryAsync(batch, silos, cancellationToken))
                {
                    replayed++;
                }
            }

            log.WriteLine($"  {Now()}: {unanswered.Count:N0} unanswered batch(es) retried ({replayed:N0} answered as already committed)");
            var (shopsExact, lost, doubled, wrong) = await VerifyShopsAsync(silos[0].Api, shops, cancellationToken);
            var (levelsExact, levelsWrong) = await VerifyLevelsAsync(silos[0].Api, shops, villages, cancellationToken);
            var exact = lost == 0 && doubled == 0 && wrong == 0 && levelsWrong.Count == 0;
            var exactAfterLoss = _lostClock is { } lostClock && exact ? lostClock.Elapsed : (TimeSpan?)null;
            if (!exact)
            {
                log.WriteLine($"  {Now()}: levels still wrong: {(levelsWrong.Count == 0 ? "none" : string.Join("; ", levelsWrong))}");
                WriteTails(silos);
            }

            return new CrashReport(
                kills,
                _ledger.Count,
                _ledger.Values.Sum(b => (long)b.Orders.Count),
                _ledger.Count - unanswered.Count,
                unanswered.Count,
                replayed,
                lost,
                doubled,
                wrong,
                levelsWrong,
                shopsExact,
                shopsExact + levelsExact,
                clock.Elapsed,
                exactAfterLoss);
        }
        catch
        {
            WriteTails(silos);
            throw;
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    /// <summary>Each host's last lines, for a run that failed or did not come out exact.</summary>
    private void WriteTails(IEnumerable<SiloProcess> silos)
    {
        foreach (var silo in silos)
        {
            log.WriteLine($"--- host on port {silo.HttpPort} (started {silo.Starts} time(s)), last lines:\n{silo.Tail}");
        }
    }

    private int Next(int maxExclusive)
    {
        lock (_randomGate)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <summary>A host to send to at random, never the one lost for good.</summary>
    private SiloProcess Pick(List<SiloProcess> silos)
    {
        var lost = _lost;
        var candidates = lost is null ? silos : silos.Where(s => s != lost).ToList();
        return candidates[Next(candidates.Count)];
    }

    /// <summary>SIGKILLs the last host 3 s before the load ends (so the time to exact is the recovery, not the rest of the load); it is not started again.</summary>
    private async Task<int> LoseOneAsync(List<SiloProcess> silos, CancellationToken cancellationToken)
    {
        if (silos.Count < 2)
        {
            throw new InvalidOperationException("losing a host for good needs at least two (--silos 2 or more)");
        }

        var started = Stopwatch.StartNew();
        await WaitUntil(started, options.Load > TimeSpan.FromSeconds(6) ? options.Load - TimeSpan.FromSeconds(3) : options.Load / 2, cancellationToken);
        var victim = silos[^1];
        _lostClock = Stopwatch.StartNew();
        _lost = victim;
        victim.Kill();
        log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s: killed the host on port {victim.HttpPort} for good");
        return 1;
    }

    private async Task ProduceAsync(int producer, List<SiloProcess> silos, List<ShopRecord> shops, CancellationToken loadEnds)
    {
        var sequence = 0;
        while (!loadEnds.IsCancellationRequested)
        {
            var key = $"{_run}-p{producer}-b{++sequence}";
            var paidAt = DateTimeOffset.UtcNow;
            var orders = Enumerable.Range(0, options.BatchSize)
                .Select(i => new OrderRecord($"{key}-{i}", shops[Next(shops.Count)].ShopId, (1 + Next(99_999)) / 100m, paidAt))
                .ToList();
            var batch = new Batch(key, orders);
            _ledger[key] = batch;
            var silo = Pick(silos);
            try
            {
                await silo.Api.PostOrders(orders, key, CancellationToken.None);
                batch.AcknowledgedAtOnce = true;
            }
            catch (Exception exception) when (Unanswered(exception))
            {
                // Unanswered: retried with its key after the load. A moment's pause so a dead silo
                // is not hammered in a loop.
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private static bool Unanswered(Exception exception) =>
        exception is HttpRequestException or TaskCanceledException
        || exception is TaobaoLiveApiException { Status: HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout };

    /// <summary>Kills at random moments spread over the load; returns how many silo kills it made.</summary>
    private async Task<int> KillAsync(List<SiloProcess> silos, CancellationToken cancellationToken)
    {
        var moments = Enumerable.Range(0, options.Kills)
            .Select(i => TimeSpan.FromSeconds(options.Load.TotalSeconds * (i + 0.3 + (0.4 * Next(1000) / 1000.0)) / (options.Kills + (options.KillAll ? 1 : 0))))
            .ToList();
        var killAllAt = options.KillAll ? TimeSpan.FromSeconds(options.Load.TotalSeconds * (options.Kills + 0.5) / (options.Kills + 1)) : (TimeSpan?)null;
        var started = Stopwatch.StartNew();
        var kills = 0;
        var restarts = new List<Task>();
        var restarting = new HashSet<SiloProcess>();
        foreach (var moment in moments)
        {
            await WaitUntil(started, moment, cancellationToken);
            // A silo still coming back from an earlier kill is not killed again: the victim is one that is up.
            List<SiloProcess> Up()
            {
                lock (restarting)
                {
                    return silos.Where(s => s.Running && !restarting.Contains(s)).ToList();
                }
            }

            var running = Up();
            while (running.Count == 0)
            {
                // Every silo is coming back: wait for the first restart still under way.
                var pending = restarts.Where(r => !r.IsCompleted).ToList();
                if (pending.Count == 0)
                {
                    await Task.WhenAll(restarts);
                    throw new InvalidOperationException("every host is down and none is coming back");
                }

                await Task.WhenAny(pending);
                running = Up();
            }

            var victim = running[Next(running.Count)];
            victim.Kill();
            kills++;
            log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s: killed the host on port {victim.HttpPort}");
            lock (restarting)
            {
                restarting.Add(victim);
            }

            restarts.Add(RestartAsync(victim, TimeSpan.FromMilliseconds(500 + Next(2500)), started, cancellationToken, () =>
            {
                lock (restarting)
                {
                    restarting.Remove(victim);
                }
            }));
        }

        await Task.WhenAll(restarts);
        if (killAllAt is { } at)
        {
            await WaitUntil(started, at, cancellationToken);
            foreach (var silo in silos)
            {
                silo.Kill();
                kills++;
            }

            log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s: killed every host");
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            foreach (var silo in silos)
            {
                silo.Start();
            }

            await Task.WhenAll(silos.Select(s => s.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken)));
            log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s: every host back");
        }

        if (options.RollingRestart)
        {
            await WaitUntil(started, TimeSpan.FromSeconds(options.Load.TotalSeconds * 0.2), cancellationToken);
            foreach (var silo in silos)
            {
                await silo.StopAsync(TimeSpan.FromSeconds(120));
                log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s ({Now()}): stopped the host on port {silo.HttpPort} (SIGTERM)");
                silo.Start();
                await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
                log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s ({Now()}): host on port {silo.HttpPort} back");
            }
        }

        return kills;
    }

    private async Task RestartAsync(SiloProcess silo, TimeSpan after, Stopwatch started, CancellationToken cancellationToken, Action back)
    {
        try
        {
            await Task.Delay(after, cancellationToken);
            silo.Start();
            await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            log.WriteLine($"  {started.Elapsed.TotalSeconds,5:0.0} s: host on port {silo.HttpPort} back");
        }
        finally
        {
            // Even when it did not come back in time: the kill loop must not wait for it forever
            // (the failure surfaces where the restarts are awaited).
            back();
        }
    }

    /// <summary>The wall clock, as the hosts stamp their lines.</summary>
    private static string Now() => DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static async Task WaitUntil(Stopwatch started, TimeSpan moment, CancellationToken cancellationToken)
    {
        if (moment > started.Elapsed)
        {
            await Task.Delay(moment - started.Elapsed, cancellationToken);
        }
    }

    /// <summary>Retries one batch with its key until answered; true when the answer was a replay (it had been committed).</summary>
    private async Task<bool> RetryAsync(Batch batch, List<SiloProcess> silos, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
        // What the attempts got, for the message when none is accepted in time.
        var answers = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var last = "none";
        while (true)
        {
            var silo = Pick(silos);
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders")
            {
                Content = System.Net.Http.Json.JsonContent.Create(batch.Orders, options: TaobaoLiveJson.Options),
            };
            request.Headers.Add("Idempotency-Key", batch.Key);
            try
            {
                using var response = await silo.Api.Http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return response.Headers.Contains("Idempotent-Replayed");
                }

                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict))
                {
                    throw new InvalidOperationException($"retry of {batch.Key} answered {(int)response.StatusCode}: {body}");
                }

                var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                last = $"{status} from port {silo.HttpPort} at {Now()}: {(body.Length > 200 ? body[..200] : body)}";
                answers[status] = answers.GetValueOrDefault(status) + 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = $"{exception.GetType().Name} from port {silo.HttpPort} at {Now()}: {exception.Message}";
                answers[exception.GetType().Name] = answers.GetValueOrDefault(exception.GetType().Name) + 1;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException(
                    $"batch {batch.Key} was not accepted within 120 s of retries ({string.Join(", ", answers.Select(a => $"{a.Value} × {a.Key}"))}; the last: {last})");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<(TimeSpan ExactAt, long Lost, long Doubled, int Wrong)> VerifyShopsAsync(TaobaoLiveClient api, List<ShopRecord> shops, CancellationToken cancellationToken)
    {
        var expected = Expected();
        long lost = 0, doubled = 0;
        var wrong = 0;
        var waited = Stopwatch.StartNew();
        do
        {
            lost = doubled = 0;
            wrong = 0;
            foreach (var shop in shops)
            {
                var view = await ReadAsync(() => api.GetShop(shop.ShopId, cancellationToken), cancellationToken);
                var (yuan, count) = expected.GetValueOrDefault(shop.ShopId);
                if (view is null)
                {
                    // Unanswered (a read during recovery can wait out the client's timeout): not exact yet.
                    wrong++;
                }
                else if (view.AnnualTurnover != yuan || view.Orders != count)
                {
                    wrong++;
                    lost += Math.Max(0, count - view.Orders);
                    doubled += Math.Max(0, view.Orders - count);
                }
            }

            if (wrong == 0)
            {
                break;
            }

            await Task.Delay(500, cancellationToken);
        }
        while (waited.Elapsed < options.SettleWithin);

        return (waited.Elapsed, lost, doubled, wrong);
    }

    private async Task<(TimeSpan ExactAt, IReadOnlyList<string> Wrong)> VerifyLevelsAsync(TaobaoLiveClient api, List<ShopRecord> shops, IReadOnlyList<RegionView> villages, CancellationToken cancellationToken)
    {
        var expected = Expected();
        var perVillage = shops.GroupBy(s => s.Village).ToDictionary(g => g.Key, g => g.Sum(s => expected.GetValueOrDefault(s.ShopId).Yuan));
        var started = Stopwatch.StartNew();
        var wrong = new List<string>();
        var first = true;
        do
        {
            wrong.Clear();
            foreach (var village in villages)
            {
                var view = await ReadAsync(() => api.GetRegion(village.Id, cancellationToken), cancellationToken);
                var want = perVillage.GetValueOrDefault(village.Path);
                if (view is null)
                {
                    wrong.Add($"{village.Path}: unanswered (ledger {want:0.00})");
                }
                else if (view.AnnualTurnover != want)
                {
                    wrong.Add($"{village.Path}: {view.AnnualTurnover:0.00} (ledger {want:0.00})");
                }
            }

            var country = await ReadAsync(() => api.GetRegion("country-cn", cancellationToken), cancellationToken);
            var total = perVillage.Values.Sum();
            if (country is null)
            {
                wrong.Add($"country: unanswered (ledger {total:0.00})");
            }
            else if (country.AnnualTurnover != total)
            {
                wrong.Add($"country: {country.AnnualTurnover:0.00} (ledger {total:0.00})");
            }

            if (wrong.Count == 0)
            {
                break;
            }

            if (first)
            {
                log.WriteLine($"  {Now()}: levels at the first look: {string.Join("; ", wrong)}");
                first = false;
            }

            await Task.Delay(500, cancellationToken);
        }
        while (started.Elapsed < options.SettleWithin);

        return (started.Elapsed, wrong.ToList());
    }

    /// <summary>A check's read, or null when the host did not answer it (timeout, refused, 5xx): the check counts it as not exact yet and reads again.</summary>
    private static async Task<T?> ReadAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (Exception exception) when (Unanswered(exception) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Dictionary<string, (decimal Yuan, long Count)> Expected()
    {
        var expected = new Dictionary<string, (decimal Yuan, long Count)>(StringComparer.Ordinal);
        foreach (var order in _ledger.Values.SelectMany(b => b.Orders))
        {
            var (yuan, count) = expected.GetValueOrDefault(order.ShopId);
            expected[order.ShopId] = (yuan + order.Amount, count + 1);
        }

        return expected;
    }

    private sealed class Batch(string key, List<OrderRecord> orders)
    {
        public string Key { get; } = key;

        public List<OrderRecord> Orders { get; } = orders;

        public volatile bool AcknowledgedAtOnce;
    }
}
