using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Telemetry;

namespace SmartEnv.Evaluation;

/// <summary>
/// Keeps stored AQI in step with arriving data: committed hour observations of the AQI pollutants mark their site's
/// natural day (Beijing) dirty; each round (a short quiet interval) writes the dirty days as <c>pending</c> into
/// <c>evaluation_days</c> (<see cref="EvaluationDay"/>) and then recomputes every pending day, and every failed day whose
/// backoff has passed (<see cref="AirEvaluator.RetryDelay"/>), with <see cref="AirEvaluator"/>. A recomputation replaces
/// the day's figures and marks it done in one transaction; a failure keeps the old figures and marks the day failed with
/// its reason, so no day goes missing silently and days pending at shutdown (or queued by a migration) are recomputed by
/// the next run. Thread-safe.
/// </summary>
public sealed class EvaluationQueue : IAsyncDisposable
{
    private readonly AirEvaluator _evaluator;
    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<(long Site, DateOnly Day), byte> _dirty = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly TimeSpan _interval;
    private long _recomputed;
    private readonly EvaluationClaims? _claims;
    private readonly Func<long, DateOnly, CancellationToken, Task>? _sourceDays;

    /// <summary>Starts the loop.</summary>
    /// <param name="store">The store.</param>
    /// <param name="interval">Wait between recomputation rounds. Defaults to 2 s.</param>
    /// <param name="log">Logger.</param>
    /// <param name="time">Clock of the evaluation states and backoff; system clock when null.</param>
    /// <param name="claims">On a PostgreSQL store served by several instances: the claimer through which due days are
    /// taken (<see cref="EvaluationClaims"/>); null = this process alone reads and recomputes them (SQLite).</param>
    /// <param name="sourceDays">Recomputation of a due day of a discharge outlet (site kind <c>source</c>, issue 16: the
    /// compliance job <c>SourceEvaluator.RecomputeAsync</c>, which marks the day done or failed itself); null = such days are
    /// closed by <see cref="AirEvaluator"/> without any rows.</param>
    public EvaluationQueue(SmartEnvStore store, TimeSpan? interval = null, ILogger? log = null, TimeProvider? time = null, EvaluationClaims? claims = null,
        Func<long, DateOnly, CancellationToken, Task>? sourceDays = null)
    {
        _sourceDays = sourceDays;
        _claims = claims;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _evaluator = new AirEvaluator(store, _time);
        _interval = interval ?? TimeSpan.FromSeconds(2);
        _log = log ?? NullLogger.Instance;
        _loop = Task.Run(LoopAsync);
        SmartEnvMetrics.ObserveQueue("evaluation_dirty", this, static q => q._dirty.Count);
    }

    /// <summary>Site-days whose recomputation failed so far (each is marked failed and retried).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    private long _failed;

    /// <summary>Site-days recomputed so far.</summary>
    public long Recomputed => Interlocked.Read(ref _recomputed);

    /// <summary>The natural day (Beijing) whose AQI a stored value feeds: hour values of the AQI pollutants, and minute /
    /// real-time values of the six 1-h pollutants, from which hour means are derived; null for any other value and for a
    /// DataTime outside the plausible range (intake refuses such times, <see cref="DataTimePlausibility"/>; a value stored
    /// before that rule has no AQI day), and null for every value of a discharge outlet (<see cref="ObservationInput.ForSource"/>,
    /// issue 16: flue-gas SO₂ a21026 is judged against the permit, never as ambient air). The one rule of what marks a day for recomputation: the gateway's writer marks it in
    /// the commit (<see cref="ObservationWriter.EvaluationDayOf"/>), <see cref="Enqueue"/> for everything else. Pure.</summary>
    /// <param name="o">A stored value.</param>
    public static DateOnly? DayOf(ObservationInput o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.ForSource) return null;
        var feeds = (o.Period == PeriodType.Hour && AirParameterCodes.Pollutant(o.ParameterCode) is not null) || SubHourlyMeans.Feeds(o.Period, o.ParameterCode);
        if (!feeds) return null;
        if (o.DataTime < DataTimePlausibility.Earliest || o.DataTime.UtcDateTime.Year >= 9999) return null; // Label(+8 h) would overflow
        var (date, hour) = AirEvaluator.Label(o.DataTime);
        return HourEnding.NaturalDay(date, hour);
    }

    /// <summary>Marks the days of committed observations dirty (<see cref="DayOf"/>); they are written as pending at the next
    /// round. The gateway's values are marked in their commit instead (<see cref="Marked"/> only times them).</summary>
    /// <param name="observations">Committed observations.</param>
    public void Enqueue(IEnumerable<ObservationInput> observations)
    {
        foreach (var o in observations)
        {
            if (DayOf(o) is not { } day) continue;
            if (_dirty.TryAdd((o.SiteId, day), 0)) SmartEnvMetrics.EvaluationMarked(o.SiteId, day);
        }
    }

    /// <summary>Records that the days of these values were marked pending in their commit (for the evaluation-lag metric
    /// only; nothing is queued in memory).</summary>
    /// <param name="observations">Committed observations.</param>
    public static void Marked(IEnumerable<ObservationInput> observations)
    {
        foreach (var o in observations)
            if (DayOf(o) is { } day) SmartEnvMetrics.EvaluationMarked(o.SiteId, day);
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
        // 1. Dirty days become pending in the store first, so they survive a failure or a restart.
        foreach (var key in _dirty.Keys.ToList())
        {
            if (!_dirty.TryRemove(key, out _)) continue;
            try { await _evaluator.MarkPendingAsync(key.Site, key.Day, key.Day, ct); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _dirty.TryAdd(key, 0); // kept for the next round
                _log.LogError(SmartEnvLogEvents.EvaluationQueueFailed, ex, "could not mark site {Site} day {Day} pending; kept in memory for the next round", key.Site, key.Day);
            }
        }
        // 2. Pending days, and failed days whose backoff has passed (several instances: claimed, EvaluationClaims).
        if (_claims is not null)
        {
            try
            {
                var (done, failed) = await _claims.RunAsync(RecomputeDayAsync, ct);
                Interlocked.Add(ref _recomputed, done);
                Interlocked.Add(ref _failed, failed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogError(ex, "could not claim the due evaluation days; retried next round (unfinished claims lapse after their lease)");
            }
            return;
        }
        List<(long Site, DateOnly Day)> due;
        try
        {
            var now = _time.GetUtcNow();
            await using var db = _store.CreateContext();
            due = [.. (await db.EvaluationDays.AsNoTracking()
                    .Where(e => e.State == EvaluationState.Pending || (e.State == EvaluationState.Failed && e.NextAttemptAt <= now))
                    .OrderBy(e => e.SiteId).ThenBy(e => e.Day).Select(e => new { e.SiteId, e.Day }).ToListAsync(ct))
                .Select(e => (e.SiteId, e.Day))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(SmartEnvLogEvents.EvaluationQueueFailed, ex, "could not read the pending evaluation days; retried next round");
            return;
        }
        foreach (var (site, day) in due)
        {
            try
            {
                await RecomputeDayAsync(site, day, ct); // marks the day done, or failed with the reason
                Interlocked.Increment(ref _recomputed);
                SmartEnvMetrics.EvaluationDone(site, day);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Interlocked.Increment(ref _failed);
                SmartEnvMetrics.EvaluationDone(site, day, ok: false);
                _log.LogError(SmartEnvLogEvents.EvaluationFailed, ex, "AQI recomputation of site {Site} day {Day} failed; the old figures stay, the day is marked failed and retried", site, day);
            }
        }
    }

    /// <summary>One due day, dispatched by the site's kind: a discharge outlet to the compliance job (when given), any other
    /// site to <see cref="AirEvaluator"/> (issue 16 plan §2.3), which stores nothing for a waste facility (issue 17: no
    /// monitoring values, never evaluated as ambient quality) and closes its day.</summary>
    private async Task RecomputeDayAsync(long site, DateOnly day, CancellationToken ct)
    {
        if (_sourceDays is not null)
        {
            await using var db = _store.CreateContext();
            if (await db.Sites.IgnoreQueryFilters().AnyAsync(s => s.Id == site && s.Kind == SiteKind.Source, ct))
            {
                await _sourceDays(site, day, ct);
                return;
            }
        }
        await _evaluator.RecomputeAsync(site, day, day, ct);
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
