using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Compliance;

/// <summary>
/// Marks yesterday and today (Beijing) of every discharge outlet pending in <c>evaluation_days</c> at a fixed interval
/// (10 min by default; issue 16 plan §2.3), so a silent device's missing hours count against its rates (an offline day
/// still gets a <c>source_day_rates</c> row with received 0) and today's expected hours grow with the clock. Started and
/// stopped by the platform. Thread-safe.
/// </summary>
public sealed class SourceDaySweep : IAsyncDisposable
{
    /// <summary>Default interval between sweeps.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(10);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts the loop (first sweep after one interval; <see cref="SweepAsync"/> runs one now).</summary>
    /// <param name="store">The store.</param>
    /// <param name="interval">Interval; <see cref="DefaultInterval"/> when null.</param>
    /// <param name="time">Clock; system clock when null.</param>
    /// <param name="log">Logger; none when null.</param>
    public SourceDaySweep(SmartEnvStore store, TimeSpan? interval = null, TimeProvider? time = null, ILogger? log = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
        var every = interval ?? DefaultInterval;
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    try { await SweepAsync(_stop.Token); }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        _log.LogError(ex, "outlet day sweep failed; retried at the next interval");
                    }
                }
            }
            catch (OperationCanceledException) { }
        });
    }

    /// <summary>Marks yesterday and today of every outlet pending now (one transaction).</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Site-days marked.</returns>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var today = BeijingTime.Date(now);
        await using var db = _store.CreateContext();
        var outlets = await db.Sites.IgnoreQueryFilters().AsNoTracking().Where(s => s.Kind == SiteKind.Source).Select(s => s.Id).ToListAsync(ct);
        if (outlets.Count == 0) return 0;
        var days = outlets.SelectMany(id => new[] { (id, today.AddDays(-1)), (id, today) }).ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await EvaluationDayMarks.MarkPendingAsync(db, days, now, ct);
        await tx.CommitAsync(ct);
        return days.Count;
    }

    /// <summary>Stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }
}
