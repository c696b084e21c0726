using SmartEnv.Standards.Common;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Imports;
using SmartEnv.Intake;
using SmartEnv.Storage;

namespace SmartEnv.Web;

/// <summary>What a long operation does.</summary>
public enum OperationKind
{
    /// <summary>A file import (<see cref="FileImport"/>).</summary>
    Import,

    /// <summary>Hourly and daily AQI recomputation of one site over a date range (<see cref="AqiRecomputation"/>).</summary>
    AqiRecompute,
}

/// <summary>Where a long operation stands.</summary>
public enum OperationState
{
    /// <summary>Waiting for the running import/recomputation to finish (they run one at a time).</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished; <see cref="OperationSnapshot.Import"/> or <see cref="OperationSnapshot.Recompute"/> holds the result
    /// (an import that rejected its file also ends here, with the rejects in its summary).</summary>
    Succeeded,

    /// <summary>Ended with an error (<see cref="OperationSnapshot.Error"/>), e.g. the database failed, or cancelled at shutdown.</summary>
    Failed,
}

/// <summary>Result of an AQI recomputation.</summary>
/// <param name="SiteCode">Site code.</param>
/// <param name="From">First natural day (Beijing).</param>
/// <param name="To">Last natural day (inclusive).</param>
/// <param name="HourlyAqi">Hourly AQI rows written.</param>
/// <param name="DailyAqi">Daily AQI rows written.</param>
public sealed record RecomputeResult(string SiteCode, DateOnly From, DateOnly To, int HourlyAqi, int DailyAqi);

/// <summary>A long operation as <c>GET /api/operations/{id}</c> and the 数据 page show it. Immutable.</summary>
/// <param name="Id">Operation id (12 hex digits).</param>
/// <param name="Kind">Import or AQI recomputation.</param>
/// <param name="Title">File name (imports) or <c>SITE FROM…TO</c> (recomputation).</param>
/// <param name="Format">Import format, or null.</param>
/// <param name="State">Queued, running, succeeded or failed.</param>
/// <param name="CreatedAt">When it was started (UTC).</param>
/// <param name="FinishedAt">When it ended (UTC), or null.</param>
/// <param name="Progress">Latest progress (for a recomputation only the AQI fields and the fraction are set), or null before the first report.</param>
/// <param name="Import">Import summary once succeeded (the same as the synchronous <c>POST /api/import</c> answer).</param>
/// <param name="Recompute">Recomputation result once succeeded.</param>
/// <param name="Error">Error message once failed.</param>
public sealed record OperationSnapshot(string Id, OperationKind Kind, string Title, string? Format, OperationState State,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, ImportProgress? Progress, ImportSummary? Import, RecomputeResult? Recompute, string? Error);

/// <summary>
/// In-process registry of the server's long operations (imports, AQI recomputations): runs them in the background one at
/// a time (imports are not thread-safe per store), keeps their progress and result, and remembers the last
/// <see cref="Keep"/> finished ones (older finished ones are dropped; nothing is persisted — the import itself is logged in
/// <c>import_logs</c>). Singleton; thread-safe. Disposing cancels what is running and waits for it.
/// </summary>
public sealed class OperationRegistry : IAsyncDisposable
{
    /// <summary>Finished operations kept: 50.</summary>
    public const int Keep = 50;

    private readonly SmartEnvStore _store;
    private readonly SmartEnv.Hj212.Codes.Hj212FactorAliases? _factorAliases;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<string, Entry> _ops = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly SmartEnv.Ingestion.Files.ImportLimits _limits;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>Creates the registry.</summary>
    /// <param name="store">The store operations write to.</param>
    /// <param name="time">Clock.</param>
    /// <param name="log">Logger for failed operations.</param>
    /// <param name="factorAliases">Vendor factor-code aliases for hj212-log imports; null = the shipped defaults.</param>
    /// <param name="limits">Limits imported files are read under; null = <see cref="SmartEnv.Ingestion.Files.ImportLimits.Default"/>.</param>
    public OperationRegistry(SmartEnvStore store, TimeProvider? time = null, ILogger<OperationRegistry>? log = null,
        SmartEnv.Hj212.Codes.Hj212FactorAliases? factorAliases = null, SmartEnv.Ingestion.Files.ImportLimits? limits = null)
    {
        _limits = (limits ?? SmartEnv.Ingestion.Files.ImportLimits.Default).Validate();
        _factorAliases = factorAliases;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
        _log = (ILogger?)log ?? NullLogger.Instance;
    }

    private sealed class Entry(string id, OperationKind kind, string title, string? format, DateTimeOffset created)
    {
        private volatile OperationSnapshot _snapshot = new(id, kind, title, format, OperationState.Queued, created, null, null, null, null, null);
        public OperationSnapshot Snapshot => _snapshot;
        public Task Completion { get; set; } = Task.CompletedTask;
        public void Set(Func<OperationSnapshot, OperationSnapshot> f) => _snapshot = f(_snapshot);
    }

    /// <summary>All kept operations, newest first.</summary>
    public IReadOnlyList<OperationSnapshot> List() =>
        _ops.Values.Select(e => e.Snapshot).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>One operation, or null when unknown (or dropped).</summary>
    /// <param name="id">Operation id.</param>
    public OperationSnapshot? Get(string id) => _ops.TryGetValue(id, out var e) ? e.Snapshot : null;

    /// <summary>Waits until the operation has ended and returns its final snapshot.</summary>
    /// <param name="id">Operation id.</param>
    /// <param name="ct">Cancellation of the wait (not of the operation).</param>
    /// <exception cref="KeyNotFoundException">Unknown id.</exception>
    public async Task<OperationSnapshot> WaitAsync(string id, CancellationToken ct = default)
    {
        if (!_ops.TryGetValue(id, out var e)) throw new KeyNotFoundException("unknown operation " + id);
        await e.Completion.WaitAsync(ct);
        return e.Snapshot;
    }

    /// <summary>Starts a file import in the background.</summary>
    /// <param name="format">One of <see cref="FileImport.Formats"/>.</param>
    /// <param name="path">The file; when <paramref name="deleteDirectory"/> is set, that directory is deleted afterwards.</param>
    /// <param name="title">Name shown (the uploaded file name).</param>
    /// <param name="deleteDirectory">Temporary directory holding the upload, deleted when the import ends, or null.</param>
    /// <param name="allSites">Also import stations/sections outside the district (non-public, outside the district's views).</param>
    /// <param name="actor">Who started it (audit entry <c>import.run</c>); null = the system job <c>import</c>.</param>
    /// <param name="encoding">Declared text encoding, or detected (<see cref="SmartEnv.Ingestion.Files.DataFileEncoding.Auto"/>).</param>
    /// <param name="replace">Whether the import may change stored values (else a run that would is refused whole,
    /// <see cref="ImportSummary.State"/> <c>refused</c>).</param>
    /// <param name="source">Key of the data source the file came from (issue 22; check it exists first), or null.</param>
    /// <returns>The queued operation.</returns>
    /// <exception cref="ArgumentException">Unknown format.</exception>
    /// <remarks>The upload directory is deleted when the operation ends, however it ends: imported, refused, failed, or
    /// cancelled while still queued behind another operation (server stopping).</remarks>
    public OperationSnapshot StartImport(string format, string path, string title, string? deleteDirectory = null, bool allSites = false,
        SmartEnv.Storage.Audit.AuditActor? actor = null, SmartEnv.Ingestion.Files.DataFileEncoding encoding = SmartEnv.Ingestion.Files.DataFileEncoding.Auto,
        bool replace = false, string? source = null)
    {
        if (!FileImport.Formats.Contains(format)) throw new ArgumentException($"unknown format '{format}'", nameof(format));
        return Start(OperationKind.Import, title, format, async (e, ct) =>
        {
            // The upload's lock: a server starting meanwhile (UploadDirectories.RemoveOrphans) leaves the directory alone.
            FileStream? held = null;
            if (deleteDirectory is not null)
            {
                try { held = UploadDirectories.Lock(deleteDirectory); }
                catch (IOException ex) { _log.LogWarning(ex, "could not lock upload directory {Dir}", deleteDirectory); }
            }
            try
            {
                var summary = await FileImport.ImportAsync(_store, format, path, new SyncProgress<ImportProgress>(p => e.Set(s => s with { Progress = p })),
                    allSites: allSites, ct: ct, factorAliases: _factorAliases, actor: actor, replace: replace, limits: _limits, encoding: encoding, source: source);
                e.Set(s => s with { Import = summary });
            }
            finally { held?.Dispose(); }
        }, cleanup: deleteDirectory is null ? null : () =>
        {
            try { Directory.Delete(deleteDirectory, true); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { _log.LogWarning(ex, "could not delete upload directory {Dir}", deleteDirectory); }
        });
    }

    /// <summary>Starts the recomputation of a site's hourly and daily AQI over natural days <paramref name="from"/>…<paramref name="to"/>.</summary>
    /// <param name="siteId">Site id.</param>
    /// <param name="siteCode">Site code (for the title and result).</param>
    /// <param name="from">First natural day (Beijing).</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="actor">Who started it (audit entry <c>aqi.recompute</c> with the counts, written when it has ended); null = the system job <c>recompute</c>.</param>
    /// <returns>The queued operation.</returns>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range fails <see cref="CheckRecomputeRange"/> (check first).</exception>
    public OperationSnapshot StartRecompute(long siteId, string siteCode, DateOnly from, DateOnly to, SmartEnv.Storage.Audit.AuditActor? actor = null)
    {
        if (to < from) throw new ArgumentException("period end is before its start", nameof(to));
        var check = CheckRecomputeRange(from, to, _time.GetUtcNow());
        if (check.Error is not null) throw new ArgumentOutOfRangeException(check.Field, check.Error);
        to = check.To;
        var title = $"{siteCode} {from:yyyy-MM-dd}…{to:yyyy-MM-dd}";
        return Start(OperationKind.AqiRecompute, title, null, async (e, ct) =>
        {
            var (h, d) = await AqiRecomputation.RunAsync(_store, [new AqiSpan(siteId, from, to)],
                new SyncProgress<RecomputeProgress>(p => e.Set(s => s with
                {
                    Progress = new ImportProgress(ImportPhase.ComputingAqi, 0, 0, 0, 0, 0, 0, 0, p.HoursDone, p.HoursTotal, p.Fraction),
                })), _time, ct);
            await SmartEnv.Storage.Audit.AuditTrail.AppendOperationAsync(_store, actor ?? SmartEnv.Storage.Audit.AuditActor.System("recompute"), "aqi.recompute", "site", siteCode,
                null, new { site_code = siteCode, from, to, hourly_aqi = h, daily_aqi = d }, time: _time.GetUtcNow(), ct: ct);
            e.Set(s => s with
            {
                Recompute = new RecomputeResult(siteCode, from, to, h, d),
                Progress = s.Progress! with { Phase = ImportPhase.Finished, Fraction = 1 },
            });
        });
    }

    /// <summary>
    /// Checks a recomputation range of natural days (Beijing) against the observation-time rule
    /// (<see cref="DataTimePlausibility"/>, no tolerance): <paramref name="from"/> must not be before 2000-01-01 nor after
    /// today (a range wholly in the future has no data to compute from); <paramref name="to"/> must not be before
    /// <paramref name="from"/> and is clamped to today, so no daily row is ever written for a day yet to come; the
    /// clamped range may span at most <see cref="Apis.ImportApi.MaxRecomputeDays"/> days.
    /// </summary>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="now">Current time (from the app's <see cref="TimeProvider"/>).</param>
    /// <returns>Field (<c>from</c>/<c>to</c>) and English error when refused, else nulls and the (clamped) last day.</returns>
    public static (string? Field, string? Error, DateOnly To) CheckRecomputeRange(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var today = BeijingTime.Today(now);
        switch (DataTimePlausibility.CheckDay(from, now, TimeSpan.Zero))
        {
            case DataTimeVerdict.TooEarly:
                return ("from", $"from {from:yyyy-MM-dd} is before 2000-01-01, the earliest plausible observation time", to);
            case DataTimeVerdict.InFuture:
                return ("from", $"from {from:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}, Beijing): there is no data to recompute", to);
        }
        if (to < from) return ("to", $"to {to:yyyy-MM-dd} is before from {from:yyyy-MM-dd}", to);
        if (to > today) to = today;
        if (to.DayNumber - from.DayNumber >= Apis.ImportApi.MaxRecomputeDays)
            return ("to", $"from…to must span at most {Apis.ImportApi.MaxRecomputeDays} days", to);
        return (null, null, to);
    }

    private OperationSnapshot Start(OperationKind kind, string title, string? format, Func<Entry, CancellationToken, Task> work, Action? cleanup = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var e = new Entry(id, kind, title, format, _time.GetUtcNow());
        _ops[id] = e;
        Trim();
        e.Completion = Task.Run(async () =>
        {
            try
            {
                await _oneAtATime.WaitAsync(_stop.Token);
                try
                {
                    e.Set(s => s with { State = OperationState.Running });
                    await work(e, _stop.Token);
                    e.Set(s => s with { State = OperationState.Succeeded, FinishedAt = _time.GetUtcNow() });
                }
                finally { _oneAtATime.Release(); }
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "operation {Id} ({Kind} {Title}) failed", id, kind, title);
                e.Set(s => s with { State = OperationState.Failed, FinishedAt = _time.GetUtcNow(), Error = ex is OperationCanceledException ? "cancelled (server stopping)" : ex.Message });
            }
            finally
            {
                cleanup?.Invoke(); // also when cancelled while queued: the work never ran
            }
        });
        return e.Snapshot;
    }

    private void Trim()
    {
        var finished = _ops.Values.Select(x => x.Snapshot).Where(s => s.FinishedAt is not null).OrderByDescending(s => s.CreatedAt).Skip(Keep).ToList();
        foreach (var s in finished) _ops.TryRemove(s.Id, out _);
    }

    /// <summary>Cancels running and queued operations and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        await Task.WhenAll(_ops.Values.Select(e => e.Completion));
        _stop.Dispose();
    }
}
