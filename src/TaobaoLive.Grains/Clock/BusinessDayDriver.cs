using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaobaoLive.Abstractions.Clock;
using TaobaoLive.Domain.Time;
using TaobaoLive.Grains.Hosting;

namespace TaobaoLive.Grains.Clock;

/// <summary>
/// Tells this silo's <see cref="BusinessDayObservers"/> when the business day changes, so statuses
/// lapse on time with no new orders. Wall mode: a timer on the injected time provider fires at each
/// China Standard Time midnight. Event mode: every flush interval the silo exchanges its newest
/// <c>paidAt</c> with <see cref="IEventClockGrain"/> and pulses when the cluster's event day moved.
/// </summary>
public sealed partial class BusinessDayDriver : ILifecycleParticipant<ISiloLifecycle>
{
    private const int MaxConcurrentCalls = 256;

    private readonly BusinessClock _clock;
    private readonly BusinessDayObservers _observers;
    private readonly IGrainFactory _grains;
    private readonly TaobaoLiveOptions _options;
    private readonly ILogger<BusinessDayDriver> _logger;
    private readonly SemaphoreSlim _pulsing = new(1, 1);
    private ITimer? _midnight;
    private CancellationTokenSource? _stopping;
    private Task? _eventLoop;
    private int _lastPulsedDay = int.MinValue;

    public BusinessDayDriver(
        BusinessClock clock,
        BusinessDayObservers observers,
        IGrainFactory grains,
        IOptions<TaobaoLiveOptions> options,
        ILogger<BusinessDayDriver> logger)
    {
        _clock = clock;
        _observers = observers;
        _grains = grains;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The business day of the last pulse.</summary>
    public int LastPulsedDay => Volatile.Read(ref _lastPulsedDay);

    /// <summary>
    /// Tells every observer on this silo the current business day, unless it was already told.
    /// Completes when all of them have re-evaluated. Returns how many were told.
    /// </summary>
    public async Task<int> PulseAsync(CancellationToken cancellationToken = default)
    {
        await _pulsing.WaitAsync(cancellationToken);
        try
        {
            var today = _clock.Today;
            if (today <= _lastPulsedDay)
            {
                return 0;
            }

            Volatile.Write(ref _lastPulsedDay, today);
            var targets = _observers.Snapshot();
            using var gate = new SemaphoreSlim(MaxConcurrentCalls);
            var calls = targets.Select(async grainId =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await _grains.GetGrain<IBusinessDayObserver>(grainId).OnBusinessDayChanged(today);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogObserverFailed(_logger, grainId.ToString(), exception);
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(calls);
            LogPulsed(_logger, BusinessCalendar.DateOf(today), targets.Count);
            return targets.Count;
        }
        finally
        {
            _pulsing.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(BusinessDayDriver), ServiceLifecycleStage.Active + 1, StartAsync, StopAsync);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastPulsedDay, _clock.Today);
        if (_clock.Mode == ClockMode.Wall)
        {
            _midnight = _clock.WallTime.CreateTimer(_ => OnMidnight(), null, UntilNextMidnight(), Timeout.InfiniteTimeSpan);
        }
        else
        {
            _stopping = new CancellationTokenSource();
            _eventLoop = Task.Run(() => RunEventClockAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_midnight is not null)
        {
            await _midnight.DisposeAsync();
        }

        if (_stopping is not null && _eventLoop is not null)
        {
            await _stopping.CancelAsync();
            await _eventLoop;
        }
    }

    private void OnMidnight()
    {
        _midnight?.Change(UntilNextMidnight(), Timeout.InfiniteTimeSpan);
        _ = PulseInBackgroundAsync();
    }

    private async Task PulseInBackgroundAsync()
    {
        try
        {
            await PulseAsync();
        }
        catch (Exception exception)
        {
            LogPulseFailed(_logger, exception);
        }
    }

    private TimeSpan UntilNextMidnight()
    {
        var now = _clock.WallNow;
        var next = BusinessCalendar.StartOf(BusinessCalendar.DayOf(now) + 1);
        var due = next - now;
        return due <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : due;
    }

    private async Task RunEventClockAsync(CancellationToken stopping)
    {
        var clockGrain = _grains.GetGrain<IEventClockGrain>(IEventClockGrain.Key);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.FlushInterval, stopping);
                // Exchanged every tick, not only when this silo moved: other silos may have.
                var cluster = await clockGrain.Advance(_clock.Now);
                _clock.Observe(cluster);

                if (_clock.Today > LastPulsedDay)
                {
                    await PulseAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPulseFailed(_logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Business day {Date}: {Count} grain(s) re-evaluated")]
    private static partial void LogPulsed(ILogger logger, DateOnly date, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Business day change could not reach {Grain}")]
    private static partial void LogObserverFailed(ILogger logger, string grain, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Business day pulse failed")]
    private static partial void LogPulseFailed(ILogger logger, Exception exception);
}
