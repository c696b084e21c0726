using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// Keeps stored AQI in step with arriving data: committed hour observations of the AQI pollutants mark their site's
/// natural day (Beijing) dirty; a background loop recomputes dirty days with <see cref="AirEvaluator"/> after a short
/// quiet interval, so late or corrected data recomputes its day. Thread-safe.
/// </summary>
public sealed class EvaluationQueue : IAsyncDisposable
{
    private readonly AirEvaluator _evaluator;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<(long Site, DateOnly Day), byte> _dirty = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _interval;
    private long _recomputed;

    /// <summary>Starts the loop.</summary>
    /// <param name="store">The store.</param>
    /// <param name="interval">Wait between recomputation rounds. Defaults to 2 s.</param>
    /// <param name="log">Logger.</param>
    public EvaluationQueue(SmartEnvStore store, TimeSpan? interval = null, ILogger? log = null)
    {
        _evaluator = new AirEvaluator(store);
        _interval = interval ?? TimeSpan.FromSeconds(2);
        _log = log ?? NullLogger.Instance;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Site-days recomputed so far.</summary>
    public long Recomputed => Interlocked.Read(ref _recomputed);

    /// <summary>Marks the days of committed observations dirty (hour values of AQI pollutants, and minute/real-time values
/// of the six 1-h pollutants, from which hour means are derived).</summary>
    /// <param name="observations">Committed observations.</param>
    public void Enqueue(IEnumerable<ObservationInput> observations)
    {
        foreach (var o in observations)
        {
            var feeds = (o.Period == PeriodType.Hour && AirParameterCodes.Pollutant(o.ParameterCode) is not null) || SubHourlyMeans.Feeds(o.Period, o.ParameterCode);
            if (!feeds) continue;
            if (o.DataTime < DataTimePlausibility.Earliest || o.DataTime.UtcDateTime.Year >= 9999) // Label(+8 h) would overflow
            {
                // Intake refuses such times (DataTimePlausibility); a value stored before that rule has no AQI day.
                _log.LogWarning("observation of site {Site} at {Time:O} is outside the plausible range; no AQI recomputation", o.SiteId, o.DataTime);
                continue;
            }
            var (date, hour) = AirEvaluator.Label(o.DataTime);
            _dirty.TryAdd((o.SiteId, HourEnding.NaturalDay(date, hour)), 0);
        }
    }

    /// <summary>Recomputes every dirty day now; returns after any recomputation already running has finished too.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task FlushAsync(CancellationToken ct = default)
    {
        await _flush.WaitAsync(ct);
        try { await FlushCoreAsync(ct); }
        finally { _flush.Release(); }
    }

    private readonly SemaphoreSlim _flush = new(1, 1);

    private async Task FlushCoreAsync(CancellationToken ct)
    {
        foreach (var key in _dirty.Keys.ToList())
        {
            if (!_dirty.TryRemove(key, out _)) continue;
            try
            {
                await _evaluator.RecomputeAsync(key.Site, key.Day, key.Day, ct);
                Interlocked.Increment(ref _recomputed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogError(ex, "AQI recomputation of site {Site} day {Day} failed", key.Site, key.Day);
            }
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token)) await FlushAsync(_stop.Token);
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>Stops the loop after recomputing what is dirty.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _loop;
        await FlushAsync();
        _stop.Dispose();
    }
}
