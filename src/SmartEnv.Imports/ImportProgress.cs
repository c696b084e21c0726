using System.Diagnostics;
using SmartEnv.Storage;
using SmartEnv.Evaluation;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Air;

namespace SmartEnv.Imports;

/// <summary>Phase of a file import, in the order they run.</summary>
public enum ImportPhase
{
    /// <summary>SHA-256 of the file (one pass over the raw bytes).</summary>
    Checksum,

    /// <summary>Reading and parsing the file (raw bytes; for .gz the compressed bytes).</summary>
    Reading,

    /// <summary>Writing values to the store.</summary>
    Storing,

    /// <summary>Recomputing hourly and daily AQI of the imported days (air formats only).</summary>
    ComputingAqi,

    /// <summary>Done; the counts are final.</summary>
    Finished,
}

/// <summary>
/// A snapshot of a running file import. Immutable; thread-safe. Reported at most every
/// <see cref="ImportProgressTracker.Interval"/> (and at every phase change and at the end), so reporting does not slow
/// the import noticeably.
/// </summary>
/// <param name="Phase">Current phase.</param>
/// <param name="BytesRead">Bytes of the file read in the current phase (<see cref="ImportPhase.Checksum"/> and
/// <see cref="ImportPhase.Reading"/>; for a .gz file the position in the compressed stream), else <paramref name="BytesTotal"/>.
/// The last report of each of these two phases carries the position reached (the file size when it was read to its end).</param>
/// <param name="BytesTotal">File size in bytes (compressed size for .gz).</param>
/// <param name="RowsRead">Rows read so far (station-hours, PRSA/water rows, non-blank log lines).</param>
/// <param name="StoreDone">Units stored so far: values, or log lines for <c>hj212-log</c>.</param>
/// <param name="StoreTotal">Units to store (known from <see cref="ImportPhase.Storing"/> on; 0 before).</param>
/// <param name="ValuesAccepted">Values stored so far (inserted + changed + unchanged).</param>
/// <param name="Rejects">Rejected rows/cells so far.</param>
/// <param name="AqiHoursDone">Natural-day hours (24 per site-day) whose AQI is recomputed.</param>
/// <param name="AqiHoursTotal">Natural-day hours to recompute (0 for formats without AQI).</param>
/// <param name="Fraction">Overall fraction done, 0…1, never decreasing within one import: checksum 0–0.1, reading
/// 0.1–0.5 (by bytes), storing 0.5–0.8 (by units stored), AQI 0.8–1 (by hours), 1 when finished.</param>
public sealed record ImportProgress(ImportPhase Phase, long BytesRead, long BytesTotal, int RowsRead, int StoreDone, int StoreTotal, int ValuesAccepted,
    int Rejects, int AqiHoursDone, int AqiHoursTotal, double Fraction);

/// <summary>
/// Collects the counters of one import and forwards throttled <see cref="ImportProgress"/> snapshots to a sink. Calls
/// come from the importing thread only (not thread-safe); the sink is called synchronously on that thread.
/// </summary>
public sealed class ImportProgressTracker
{
    /// <summary>Minimum time between two reports of the same phase: 250 ms.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly IProgress<ImportProgress>? _sink;
    private long _lastReport;
    private bool _dirty;
    private double _lastFraction;
    private ImportPhase _phase = ImportPhase.Checksum;
    private long _bytes;
    private int _rows, _storeDone, _storeTotal, _accepted, _rejects, _aqiDone, _aqiTotal;

    /// <summary>Creates a tracker.</summary>
    /// <param name="sink">Receiver of the snapshots, or null (then nothing is computed).</param>
    /// <param name="bytesTotal">File size in bytes.</param>
    public ImportProgressTracker(IProgress<ImportProgress>? sink, long bytesTotal)
    {
        _sink = sink;
        BytesTotal = bytesTotal;
    }

    /// <summary>File size in bytes.</summary>
    public long BytesTotal { get; }

    /// <summary>Reports the last state of the current phase if it changed since the last report, then enters
    /// <paramref name="phase"/> and reports at once.</summary>
    /// <param name="phase">The new phase.</param>
    public void Enter(ImportPhase phase)
    {
        if (_dirty) Emit();
        _phase = phase;
        _bytes = phase is ImportPhase.Checksum or ImportPhase.Reading ? 0 : BytesTotal;
        Emit();
    }

    /// <summary>Position in the raw file (checksum and reading phases).</summary>
    /// <param name="bytes">Bytes read.</param>
    public void Bytes(long bytes)
    {
        _bytes = bytes;
        Maybe();
    }

    /// <summary>Rows read so far.</summary>
    /// <param name="rows">Count.</param>
    public void Rows(int rows)
    {
        _rows = rows;
        Maybe();
    }

    /// <summary>Units to store (values, or log lines).</summary>
    /// <param name="total">Count.</param>
    public void StoreTotal(int total) => _storeTotal = total;

    /// <summary>Units stored, values accepted and rejects so far.</summary>
    /// <param name="done">Units stored (values, or log lines).</param>
    /// <param name="accepted">Values accepted.</param>
    /// <param name="rejects">Rejects.</param>
    public void Stored(int done, int accepted, int rejects)
    {
        _storeDone = done;
        _accepted = accepted;
        _rejects = rejects;
        Maybe();
    }

    /// <summary>AQI recomputation progress.</summary>
    /// <param name="p">Hours done of total.</param>
    public void Aqi(RecomputeProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        _aqiDone = p.HoursDone;
        _aqiTotal = p.HoursTotal;
        Maybe();
    }

    /// <summary>Final counts; reports <see cref="ImportPhase.Finished"/> at fraction 1.</summary>
    /// <param name="rows">Rows read.</param>
    /// <param name="accepted">Values accepted.</param>
    /// <param name="rejects">Rejects.</param>
    public void Finish(int rows, int accepted, int rejects)
    {
        _rows = rows;
        _storeDone = _storeTotal;
        _accepted = accepted;
        _rejects = rejects;
        Enter(ImportPhase.Finished);
    }

    private void Maybe()
    {
        if (_sink is null) return;
        _dirty = true;
        if (Stopwatch.GetElapsedTime(_lastReport) < Interval) return;
        Emit();
    }

    private void Emit()
    {
        if (_sink is null) return;
        static double Part(double done, double total) => total <= 0 ? 0 : Math.Clamp(done / total, 0, 1);
        var f = _phase switch
        {
            ImportPhase.Checksum => 0.1 * Part(_bytes, BytesTotal),
            ImportPhase.Reading => 0.1 + 0.4 * Part(_bytes, BytesTotal),
            ImportPhase.Storing => 0.5 + 0.3 * Part(_storeDone, _storeTotal),
            ImportPhase.ComputingAqi => 0.8 + 0.2 * Part(_aqiDone, _aqiTotal),
            _ => 1,
        };
        _lastFraction = Math.Max(_lastFraction, f);
        _dirty = false;
        _lastReport = Stopwatch.GetTimestamp();
        _sink.Report(new ImportProgress(_phase, _bytes, BytesTotal, _rows, _storeDone, _storeTotal, _accepted, _rejects, _aqiDone, _aqiTotal, _lastFraction));
    }
}

/// <summary>A read-only pass-through stream that tells a callback how many bytes have been read. Not thread-safe.</summary>
internal sealed class CountingStream(Stream inner, Action<long> onRead) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => inner.CanSeek;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        onRead(inner.Position);
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = await inner.ReadAsync(buffer, cancellationToken);
        onRead(inner.Position);
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>Hours of AQI recomputation done: natural-day hours (24 per site-day) of the spans handled so far.</summary>
/// <param name="HoursDone">Hours done.</param>
/// <param name="HoursTotal">Hours to do.</param>
public sealed record RecomputeProgress(int HoursDone, int HoursTotal)
{
    /// <summary>Fraction done, 0…1 (1 when there is nothing to do).</summary>
    public double Fraction => HoursTotal <= 0 ? 1 : (double)HoursDone / HoursTotal;
}

/// <summary>One site's natural days (Beijing) to recompute.</summary>
/// <param name="SiteId">Site.</param>
/// <param name="From">First natural day.</param>
/// <param name="To">Last natural day (inclusive).</param>
public sealed record AqiSpan(long SiteId, DateOnly From, DateOnly To);

/// <summary>
/// Recomputes stored hourly and daily AQI over site spans with <see cref="AirEvaluator.RecomputeAsync"/>, in windows of
/// <see cref="WindowDays"/> natural days so that progress can be reported. The result equals one call over the whole
/// span: each window's evaluation reads the 23 hours before it and rewrites the 23 hours after it (the real-time moving
/// means of <c>AirAveraging.RealTimeInputs</c>), and daily AQI (HJ 663, GB 3095 Table 4 validity, O3 MDA8 within the
/// natural day) depends only on the 24 hours of its natural day. Each window is replaced in its own transaction. Thread-safe.
/// </summary>
public static class AqiRecomputation
{
    /// <summary>Natural days per transaction: 31.</summary>
    public const int WindowDays = 31;

    /// <summary>Hourly rows (reviewed series) of hours <see cref="AirEvaluator.RecomputeAsync"/> rewrites for the span (its
    /// natural days and the <see cref="AirAveraging.RealTimeWindowHours"/> − 1 hours after), and daily rows of its days.</summary>
    private static async Task<(int Hours, int Days)> StoredAsync(SmartEnvStore store, AqiSpan s, CancellationToken ct)
    {
        var t0 = AirEvaluator.HourStart(s.From, 1);
        var end = AirEvaluator.HourStart(s.To.AddDays(1), 0).AddHours(AirAveraging.RealTimeWindowHours);
        await using var db = store.CreateContext();
        var hours = await db.HourlyAqi.IgnoreQueryFilters().CountAsync(h => h.SiteId == s.SiteId && h.Reviewed && h.HourStart >= t0 && h.HourStart < end, ct);
        var days = await db.DailyAqi.IgnoreQueryFilters().CountAsync(d => d.SiteId == s.SiteId && d.Reviewed && d.Date >= s.From && d.Date <= s.To, ct);
        return (hours, days);
    }

    /// <summary>Recomputes every span.</summary>
    /// <param name="store">The store.</param>
    /// <param name="spans">Site spans.</param>
    /// <param name="progress">Receives hours done of total after each window (synchronously), or null.</param>
    /// <param name="time">Clock for <c>calculated_at</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Hourly and daily AQI rows written.</returns>
    /// <exception cref="ArgumentException">A span ends before it starts.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public static async Task<(int Hours, int Days)> RunAsync(SmartEnvStore store, IReadOnlyList<AqiSpan> spans,
        IProgress<RecomputeProgress>? progress = null, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(spans);
        foreach (var s in spans)
            if (s.To < s.From) throw new ArgumentException("period end is before its start", nameof(spans));
        var total = spans.Sum(s => (s.To.DayNumber - s.From.DayNumber + 1) * 24);
        var evaluator = new AirEvaluator(store, time);
        int hours = 0, days = 0, done = 0;
        progress?.Report(new RecomputeProgress(0, total));
        foreach (var s in spans)
        {
            for (var a = s.From; a <= s.To; a = a.AddDays(WindowDays))
            {
                var b = a.AddDays(WindowDays - 1) is var e && e > s.To ? s.To : e;
                await evaluator.RecomputeAsync(s.SiteId, a, b, ct);
                done += (b.DayNumber - a.DayNumber + 1) * 24;
                progress?.Report(new RecomputeProgress(done, total));
            }
            // The counts are the rows now stored for the span, not the sum of the windows' counts: each window also rewrites
            // the 23 hours after it, which the next window writes again (issue 15: 144,966 hourly rows reported, 140,869
            // stored). Every row of the span's range was (re)written by the windows above, so the stored rows are this run's.
            var (h, d) = await StoredAsync(store, s, ct);
            hours += h;
            days += d;
        }
        return (hours, days);
    }
}
