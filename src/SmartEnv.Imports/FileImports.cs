using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Intake;
using SmartEnv.Hj212;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Imports;

/// <summary>
/// Entry point of every file import (<c>smartenv import</c> and <c>POST /api/import</c>): dispatches on the format name
/// to <see cref="CnemcSitesImporter"/>, <see cref="PrsaImporter"/>, <see cref="CnemcWaterImporter"/> or
/// <see cref="Hj212LogImporter"/>. Each stores measurements keyed by (site, parameter, period, time) with the import run
/// and file line as provenance (HJ 212 logs: the packet's registered MN and raw packet), so that re-running an import
/// changes nothing. Not thread-safe per store (one import at a time).
/// </summary>
public static class FileImport
{
    /// <summary>Supported format names.</summary>
    public static IReadOnlyList<string> Formats { get; } =
        [CnemcSitesImporter.Format, PrsaImporter.Format, CnemcWaterImporter.Format, Hj212LogImporter.Format];

    /// <summary>Imports one file.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="format">One of <see cref="Formats"/>.</param>
    /// <param name="path">File (plain or .gz).</param>
    /// <param name="progress">Receives throttled <see cref="ImportProgress"/> snapshots synchronously on the importing
    /// thread (at most every 250 ms, at each phase change and at the end), or null.</param>
    /// <param name="stations">cnemc-sites only: station codes to keep, or null for all.</param>
    /// <param name="stationList">cnemc-sites only: CNEMC station list, or null.</param>
    /// <param name="allSites">cnemc-sites and cnemc-water: also import the stations/sections outside the district, as
    /// non-public sites outside the district's views (default: only the district's own, <see cref="DistrictScope"/>).</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="factorAliases">hj212-log only: vendor factor-code aliases, or null for the shipped defaults
    /// (<see cref="FactorAliasFile"/>).</param>
    /// <param name="actor">Who runs the import, for its audit entry (<c>import.run</c>, one per import with its counts, written
    /// when the import has ended: the import spans many transactions) and for the history of the values it replaces
    /// (<c>import.values.replace</c>); null = the system job <c>import</c>.</param>
    /// <param name="replace">Whether the import may change stored values (<c>--replace</c>, <c>replace=true</c>). Without it an
    /// import that would change any stored value is refused whole: nothing is applied and the summary's
    /// <see cref="ImportSummary.State"/> is <c>refused</c> with the count and examples (<see cref="ImportStaging"/>).</param>
    /// <param name="limits">Limits the file is read under (<see cref="ImportLimits"/>; the defaults when null). A file past
    /// a limit is refused whole: one reject with line and column, <see cref="ImportSummary.Limit"/> naming the limit.</param>
    /// <param name="encoding">Declared text encoding of a CSV format, or <see cref="DataFileEncoding.Auto"/> (detected:
    /// UTF-8 or GBK); not used by hj212-log.</param>
    /// <param name="source">Key of the data source the file came from (<c>--source</c>, form field <c>source</c>; issue 22), or
    /// null. The import log records it; when the run is applied and hours of it lie in the range of an active finding of the
    /// source (<see cref="DataSources.FindingCoverage"/>), the summary carries one warning per finding
    /// (<see cref="ImportSummary.SourceFlags"/>) and the log is marked flagged with the finding ids. The import is never
    /// refused for it.</param>
    /// <exception cref="ArgumentException">Unknown format, or no data source of key <paramref name="source"/>.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public static async Task<ImportSummary> ImportAsync(SmartEnvStore store, string format, string path, IProgress<ImportProgress>? progress = null,
        IReadOnlySet<string>? stations = null, string? stationList = null, bool allSites = false, CancellationToken ct = default,
        SmartEnv.Hj212.Codes.Hj212FactorAliases? factorAliases = null, SmartEnv.Storage.Audit.AuditActor? actor = null, bool replace = false,
        ImportLimits? limits = null, DataFileEncoding encoding = DataFileEncoding.Auto, string? source = null)
    {
        if (source is not null && !await DataSources.SourceFlags.ExistsAsync(store, source, ct))
            throw new ArgumentException($"no data source '{source}' (record it on /data/sources or with POST /api/data-sources first)", nameof(source));
        var run = new ImportRunContext(replace, actor ?? SmartEnv.Storage.Audit.AuditActor.System("import")) { Source = source };
        ImportSummary summary;
        var outer = ImportRunContext.Current.Value;
        ImportRunContext.Current.Value = run;
        try
        {
            summary = await ImportFileAsync(store, format, path, progress, stations, stationList, allSites, ct, factorAliases, (limits ?? ImportLimits.Default).Validate(), encoding);
            if (run.Book is { Log: not null } b)
            {
                summary = summary with
                {
                    State = SnakeCaseEnumConverter<ImportState>.ToSnake(b.Log.State.ToString()), ChangedValues = b.Applied?.Examples ?? [], Replace = replace,
                };
                if (source is not null)
                    summary = summary with
                    {
                        Source = source,
                        SourceFlags = b.Log.State == ImportState.Applied ? await DataSources.SourceFlags.FlagAsync(store, b.Log.Id, source, format, b.HourLabels(), ct) : [],
                    };
            }
        }
        catch (ImportRefusedException refused)
        {
            summary = refused.Summary with { Format = format };
        }
        catch (Exception ex) when (run.Book is { Log: not null } book)
        {
            // Roll back what the run left (staged values, empty sites it created); never hide the original error.
            try { await book.FailAsync(ex); }
            catch (Exception cleanup) when (cleanup is StoreUnavailableException or OperationCanceledException) { _ = cleanup; }
            throw;
        }
        finally
        {
            ImportRunContext.Current.Value = outer;
        }
        await SmartEnv.Storage.Audit.AuditTrail.AppendOperationAsync(store, run.Actor, "import.run", "import",
            summary.ImportLogId.ToString(CultureInfo.InvariantCulture), null, new
            {
                format, file = summary.File, import_log_id = summary.ImportLogId, rows_read = summary.RowsRead, rows_skipped = summary.RowsSkipped,
                values_accepted = summary.ValuesAccepted, values_inserted = summary.ValuesInserted, values_changed = summary.ValuesChanged,
                rejects = summary.Rejects.Count, sites_created = summary.SitesCreated, hourly_aqi = summary.HourlyAqi, daily_aqi = summary.DailyAqi,
                sites_outside_district = summary.SitesOutsideDistrict, all_sites = allSites, state = summary.State, replace,
                source, flagged_findings = summary.SourceFlags.Select(f => f.FindingId).ToList(),
            }, ct: ct);
        return summary;
    }

    private static async Task<ImportSummary> ImportFileAsync(SmartEnvStore store, string format, string path, IProgress<ImportProgress>? progress,
        IReadOnlySet<string>? stations, string? stationList, bool allSites, CancellationToken ct, SmartEnv.Hj212.Codes.Hj212FactorAliases? factorAliases,
        ImportLimits limits, DataFileEncoding encoding)
    {
        var s = format switch
        {
            CnemcSitesImporter.Format => await new CnemcSitesImporter(store) { AllSites = allSites, Limits = limits, Encoding = encoding }.ImportAsync(path, stations, stationList, progress, ct),
            PrsaImporter.Format => await new PrsaImporter(store) { Limits = limits, Encoding = encoding }.ImportAsync(path, progress, ct),
            CnemcWaterImporter.Format => await new CnemcWaterImporter(store) { AllSites = allSites, Limits = limits, Encoding = encoding }.ImportAsync(path, progress, ct),
            Hj212LogImporter.Format => await new Hj212LogImporter(store, factorAliases: factorAliases) { Limits = limits }.ImportAsync(path, progress, ct),
            _ => throw new ArgumentException($"unknown format '{format}' (supported: {string.Join(", ", Formats)})", nameof(format)),
        };
        return s with { Format = format };
    }
}

/// <summary>The options of the import running on this async flow (set by <see cref="FileImport.ImportAsync"/>, read by
/// <see cref="ImportBook"/>), and the book it opened, so that <see cref="FileImport"/> can roll a failed run back.</summary>
internal sealed class ImportRunContext(bool replace, SmartEnv.Storage.Audit.AuditActor actor)
{
    public static readonly AsyncLocal<ImportRunContext?> Current = new();

    public bool Replace { get; } = replace;
    public SmartEnv.Storage.Audit.AuditActor Actor { get; } = actor;
    public string? Source { get; init; }
    public ImportBook? Book { get; set; }
}

/// <summary>An import refused because it would change stored values without the replace option (caught by
/// <see cref="FileImport"/>, which answers with <see cref="Summary"/>).</summary>
internal sealed class ImportRefusedException(ImportSummary summary) : Exception($"{summary.ValuesChanged} stored values would change")
{
    public ImportSummary Summary { get; } = summary;
}

/// <summary>Shared bookkeeping of the importers: the <c>import_logs</c> row (state, owner, heartbeat), its rejects, site
/// lookup, the staged write path (<see cref="ImportStaging"/>: stage, then apply whole or refuse) and AQI recomputation.</summary>
internal sealed class ImportBook
{
    private readonly SmartEnvStore store;
    private readonly TimeProvider time;
    private readonly string format;
    private readonly string path;
    private readonly IProgress<ImportProgress>? progress;
    private readonly ImportRunContext? _run;

    public ImportBook(SmartEnvStore store, TimeProvider time, string format, string path, IProgress<ImportProgress>? progress)
    {
        (this.store, this.time, this.format, this.path, this.progress) = (store, time, format, path, progress);
        FileName = Path.GetFileName(path);
        _run = ImportRunContext.Current.Value;
        if (_run is not null) _run.Book = this;
    }

    /// <summary>Whether stored values may change (the run's replace option; false when the importer is used directly).</summary>
    public bool Replace => _run?.Replace ?? false;

    /// <summary>Who runs the import.</summary>
    public SmartEnv.Storage.Audit.AuditActor Actor => _run?.Actor ?? SmartEnv.Storage.Audit.AuditActor.System("import");

    /// <summary>The apply's outcome once <see cref="StoreAsync"/> has run (examples of changed values), else null.</summary>
    public ApplyResult? Applied { get; private set; }

    public ImportLog Log { get; private set; } = null!;

    private readonly HashSet<DateTimeOffset> _hours = [];

    /// <summary>The distinct hours of the values stored through <see cref="StoreAsync"/>, named by their published label
    /// (air: start + 1 h), ascending (issue 22: which findings of the source apply).</summary>
    public IReadOnlyList<DateTimeOffset> HourLabels() => [.. _hours.Order()];
    public string FileName { get; }
    public string Sha256 { get; private set; } = "";
    public ImportProgressTracker Tracker { get; private set; } = null!;

    public async Task StartAsync(CancellationToken ct)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("no such file", path);
        Tracker = new ImportProgressTracker(progress, new FileInfo(path).Length);
        Tracker.Enter(ImportPhase.Checksum);
        await using (var f = new CountingStream(File.OpenRead(path), Tracker.Bytes)) Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
        var now = time.GetUtcNow();
        await using var db = store.CreateContext();
        Log = new ImportLog
        {
            Format = format, FileName = FileName.Length > 256 ? FileName[..256] : FileName, Sha256 = Sha256, StartedAt = now,
            State = ImportState.Running, Owner = ImportRecovery.CurrentOwner, HeartbeatAt = now, Replace = Replace, SourceKey = _run?.Source,
            SiteIdFloor = await db.Sites.MaxAsync(s => (long?)s.Id, ct) ?? 0,
        };
        db.ImportLogs.Add(Log);
        await db.SaveChangesAsync(ct);
        Tracker.Enter(ImportPhase.Reading);
    }

    /// <summary>The file (plain or gzip) for reading, reporting the raw byte position to the tracker.</summary>
    public Stream OpenRead() =>
        CompressedFile.OpenRead(new CountingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), Tracker.Bytes), FileName);

    public async Task FinishAsync(int rows, int accepted, int inserted, IReadOnlyList<ImportRejectInfo> rejects, CancellationToken ct)
    {
        await using (var db = store.CreateContext())
        {
            db.Attach(Log);
            Log.FinishedAt = time.GetUtcNow();
            // A run that stored nothing because its file was rejected whole is "rejected"; one that went through the apply is applied.
            Log.State = Applied is null && rejects.Count > 0 && format != Hj212LogImporter.Format ? ImportState.Rejected : ImportState.Applied;
            if (Applied is { } a) Log.ValuesChanged = a.Changed;
            Log.RowsRead = rows;
            Log.ValuesAccepted = accepted;
            Log.ValuesInserted = inserted;
            Log.Rejected = rejects.Count;
            foreach (var x in rejects)
                db.ImportRejects.Add(new ImportReject { ImportLogId = Log.Id, Row = x.Row, Column = x.Column.ToString(CultureInfo.InvariantCulture), Reason = x.Reason.Length > 256 ? x.Reason[..256] : x.Reason });
            await db.SaveChangesAsync(ct);
        }
        Tracker.Finish(rows, accepted, rejects.Count);
    }

    /// <summary>Recomputes hourly/daily AQI over each site's span of imported air hour values.</summary>
    public Task<(int Hours, int Days)> RecomputeAsync(IEnumerable<ObservationInput> values, CancellationToken ct)
    {
        var spans = values.Where(o => (o.Period == PeriodType.Hour && AirParameterCodes.Pollutant(o.ParameterCode) is not null) || SubHourlyMeans.Feeds(o.Period, o.ParameterCode))
            .Select(o => (o.SiteId, Day: NaturalDay(o.DataTime)))
            .GroupBy(x => x.SiteId).Select(g => new AqiSpan(g.Key, g.Min(x => x.Day), g.Max(x => x.Day))).ToList();
        return RecomputeAsync(spans, ct);
    }

    /// <summary>Recomputes the spans, reporting hours done as <see cref="ImportPhase.ComputingAqi"/>.</summary>
    public async Task<(int Hours, int Days)> RecomputeAsync(IReadOnlyList<AqiSpan> spans, CancellationToken ct)
    {
        if (spans.Count == 0) return (0, 0);
        Tracker.Enter(ImportPhase.ComputingAqi);
        return await AqiRecomputation.RunAsync(store, spans, new SyncProgress<RecomputeProgress>(Tracker.Aqi), time, ct);
    }

    private static DateOnly NaturalDay(DateTimeOffset start)
    {
        var (date, hour) = AirEvaluator.Label(start);
        return HourEnding.NaturalDay(date, hour);
    }

    /// <summary>The one write path of the file imports (<see cref="ImportStaging"/>): stages the values in transactions of
    /// <see cref="CnemcSitesImporter.ChunkSize"/> as <see cref="ImportPhase.Storing"/> (reporting values staged), then
    /// applies them whole in one transaction, marking the natural days of air values pending in it. When the values would
    /// change stored ones and the run may not replace, the run is ended as <see cref="ImportState.Refused"/> (nothing
    /// applied, the sites it created removed) and <see cref="ImportRefusedException"/> carries the summary.</summary>
    /// <param name="values">Values, enumerated once (may be lazy).</param>
    /// <param name="count">How many <paramref name="values"/> yields (progress total).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Inserted, changed and unchanged values of the apply (Packets = 0).</returns>
    public async Task<WriteResult> StoreAsync(IEnumerable<ObservationInput> values, int count, CancellationToken ct)
    {
        var staging = new ImportStaging(store, time);
        var staged = 0;
        var days = new Dictionary<long, (DateOnly From, DateOnly To)>();
        Tracker.StoreTotal(count);
        Tracker.Enter(ImportPhase.Storing);
        // Air files key an hour by its start (label − 1 h); water files by the published time itself.
        var labelShift = format is CnemcSitesImporter.Format or PrsaImporter.Format ? TimeSpan.FromHours(1) : TimeSpan.Zero;
        foreach (var chunk in values.Chunk(CnemcSitesImporter.ChunkSize))
        {
            foreach (var o in chunk)
            {
                _hours.Add(o.DataTime + labelShift);
                if (!((o.Period == PeriodType.Hour && AirParameterCodes.Pollutant(o.ParameterCode) is not null) || SubHourlyMeans.Feeds(o.Period, o.ParameterCode))) continue;
                var d = NaturalDay(o.DataTime);
                days[o.SiteId] = days.TryGetValue(o.SiteId, out var r) ? (d < r.From ? d : r.From, d > r.To ? d : r.To) : (d, d);
            }
            staged += await staging.StageAsync(Log.Id, chunk, ct);
            Tracker.Stored(staged, staged, 0);
        }
        var result = await staging.ApplyAsync(Log.Id, Replace, Actor, days.Select(kv => (kv.Key, kv.Value.From, kv.Value.To)).ToList(), ct);
        Applied = result;
        if (!result.Applied)
        {
            var removed = await staging.DiscardAsync(Log.Id, ImportState.Refused, RefusalText(result), result.Changed, ct);
            Tracker.Finish(0, 0, 0);
            throw new ImportRefusedException(new ImportSummary(FileName, Log.Id, 0, 0, 0, result.Changed, [], [], 0, 0)
            {
                State = "refused", ChangedValues = result.Examples, Replace = false, SitesRemoved = removed,
            });
        }
        Log.State = ImportState.Applied;
        return new WriteResult(0, result.Inserted, result.Changed, result.Unchanged);
    }

    /// <summary>The refusal as one line: count, the examples, and how to proceed.</summary>
    public static string RefusalText(ApplyResult r) =>
        $"refused: {r.Changed} stored values would change (e.g. " + string.Join("; ", r.Examples.Take(5).Select(Describe))
        + "); nothing was applied — re-run with --replace (API: replace=true) to replace them; the previous values are then kept in the audit trail";

    /// <summary>One changed value as <c>SITE PARAMETER PERIOD TIME(Beijing): OLD → NEW</c>.</summary>
    public static string Describe(ChangedValue c) =>
        $"{c.Site} {c.Parameter} {c.Period} {SmartEnv.Standards.Common.BeijingTime.ToBeijing(c.DataTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}: {c.OldValue ?? "(empty)"} → {c.NewValue ?? "(empty)"}";

    /// <summary>Ends the run after an error or cancellation: nothing of it stays visible (<see cref="ImportStaging.DiscardAsync"/>).
    /// Runs without cancellation, so that a cancelled import is still rolled back.</summary>
    public Task FailAsync(Exception error)
    {
        var message = error is OperationCanceledException ? "cancelled before the run was applied; nothing of it was stored"
            : $"failed: {error.GetBaseException().Message}";
        return new ImportStaging(store, time).DiscardAsync(Log.Id, ImportState.Failed, message, ct: CancellationToken.None);
    }

    public static WriteResult Add(WriteResult a, WriteResult b) =>
        new(a.Packets + b.Packets, a.ObservationsInserted + b.ObservationsInserted, a.ObservationsChanged + b.ObservationsChanged, a.ObservationsUnchanged + b.ObservationsUnchanged);

    public static int Accepted(WriteResult r) => r.ObservationsInserted + r.ObservationsChanged + r.ObservationsUnchanged;
}

/// <summary>Texts of the import's change report. Static; thread-safe.</summary>
public static class ImportTexts
{
    /// <summary>One changed value as <c>SITE PARAMETER PERIOD yyyy-MM-dd HH:mm (Beijing): OLD → NEW</c>.</summary>
    /// <param name="c">The change.</param>
    public static string Describe(ChangedValue c) => ImportBook.Describe(c);
}

/// <summary>An <see cref="IProgress{T}"/> that calls its handler synchronously (unlike <see cref="Progress{T}"/>, which
/// posts to the thread pool and may reorder reports).</summary>
/// <typeparam name="T">Report type.</typeparam>
/// <param name="handler">Called with each report.</param>
public sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => handler(value);
}

/// <summary>
/// <c>smartenv import --format prsa</c>: UCI Beijing Multi-Site files (<see cref="PrsaReader"/>; μg/m³, CO mg/m³). Each
/// station is matched to a site whose code, Chinese or English name equals the file's station name (case-insensitive),
/// otherwise a site <c>PRSA-NAME</c> is created (air, no control level or coordinates: the file has none). Values are hour
/// measurements of the site (μg/m³, CO mg/m³ after the reader's ÷ 1000) at the start of the hour-ending label (as
/// CNEMC), provenance = import run and file line. A
/// malformed file is rejected whole with its line and column; nothing of it is stored. Not thread-safe.
/// </summary>
/// <param name="store">A migrated store.</param>
/// <param name="time">Clock.</param>
public sealed class PrsaImporter(SmartEnvStore store, TimeProvider? time = null)
{
    /// <summary>Format name on the command line.</summary>
    public const string Format = "prsa";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Imports one file.</summary>
    /// <param name="path">PRSA CSV (plain or .gz).</param>
    /// <param name="progress">Receives throttled progress snapshots, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<ImportSummary> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var book = new ImportBook(store, _time, Format, path, progress);
        await book.StartAsync(ct);
        var now = _time.GetUtcNow();
        // Pass 1: check the whole file, keep a tally per station (never its rows: memory does not grow with the file).
        var tally = new Dictionary<string, (int Line, int Column, int Hours, int Values)>(StringComparer.Ordinal);
        var rows = 0;
        string encoding;
        try
        {
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.QuotedCsv);
            foreach (var h in PrsaReader.Read(text.Text, book.FileName, now))
            {
                var n = Enum.GetValues<AirPollutant>().Count(p => h.ToAirHour().Get(p) is not null);
                tally[h.Station] = tally.TryGetValue(h.Station, out var t) ? (t.Line, t.Column, t.Hours + 1, t.Values + n) : (h.Line, h.StationColumn, 1, n);
                book.Tracker.Rows(++rows);
            }
            encoding = text.EncodingName;
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        Dictionary<string, long> ids;
        List<string> created, matched;
        try
        {
            (ids, created, matched) = await SitesAsync(tally.Keys.ToList(), ct, (name, code) =>
                ImportReading.CheckNewSiteCode(book.FileName, code, tally[name].Line, tally[name].Column, $"station '{name}'"));
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        var spans = new AqiSpanTally();
        IEnumerable<ObservationInput> Values()
        {
            // Pass 2: the values, streamed into the chunked upsert.
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.QuotedCsv);
            foreach (var h in PrsaReader.Read(text.Text, book.FileName, now))
            {
                var start = AirEvaluator.HourStart(h.Date, h.Hour);
                var air = h.ToAirHour();
                foreach (var p in Enum.GetValues<AirPollutant>())
                    if (air.Get(p) is { } x)
                    {
                        var o = new ObservationInput(ids[h.Station], null, AirParameterCodes.Of(p), PeriodType.Hour, start, x, x.ToString(CultureInfo.InvariantCulture))
                        {
                            Unit = AirParameterCodes.UnitOf(AirParameterCodes.Of(p)), ImportLogId = book.Log.Id, SourceRow = h.Line,
                        };
                        spans.Add(o);
                        yield return o;
                    }
            }
        }
        var count = tally.Values.Sum(t => t.Values);
        var total = count == 0 ? new WriteResult(0, 0, 0, 0) : await book.StoreAsync(Values(), count, ct);
        var (hs, ds) = await book.RecomputeAsync(spans.Spans, ct);
        await book.FinishAsync(rows, ImportBook.Accepted(total), total.ObservationsInserted, [], ct);
        return new ImportSummary(book.FileName, book.Log.Id, rows, ImportBook.Accepted(total), total.ObservationsInserted,
            total.ObservationsChanged, [], created, hs, ds) { SitesMatched = matched, Encoding = encoding };
    }

    /// <summary>Limits the file is read under (default <see cref="ImportLimits.Default"/>).</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    /// <summary>Declared encoding, or <see cref="DataFileEncoding.Auto"/> (default: detected, UTF-8 or GBK).</summary>
    public DataFileEncoding Encoding { get; init; } = DataFileEncoding.Auto;

    private async Task<(Dictionary<string, long>, List<string>, List<string>)> SitesAsync(List<string> stations, CancellationToken ct, Action<string, string> checkNewCode)
    {
        await using var db = store.CreateContext();
        var air = await db.Sites.Where(s => s.Kind == SiteKind.Air).ToListAsync(ct);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var created = new List<Site>();
        var matched = new List<string>();
        foreach (var name in stations)
        {
            var code = ("PRSA-" + name) is var c && c.Length > Site.CodeLength ? c[..Site.CodeLength] : c;
            var site = air.FirstOrDefault(s => s.Code == code)
                ?? air.FirstOrDefault(s => string.Equals(s.Code, name, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(s.NameEn, name, StringComparison.OrdinalIgnoreCase) || s.NameZh == name);
            if (site is null)
            {
                checkNewCode(name, "PRSA-" + name); // untruncated: a name too long for a code is refused, not cut
                site = new Site
                {
                    Code = code, NameZh = name, NameEn = name, Kind = SiteKind.Air, CoordinatesApproximate = true,
                    CoordinateSource = "not known: the PRSA file gives no coordinates", IsPublic = false, InDistrict = false,
                    Note = "created by prsa import (UCI Beijing Multi-Site Air-Quality Data)",
                };
                db.Sites.Add(site);
                created.Add(site);
            }
            else matched.Add($"{name} → {site.Code}");
        }
        await db.SaveChangesAsync(ct);
        foreach (var name in stations)
        {
            var code = ("PRSA-" + name) is var c && c.Length > Site.CodeLength ? c[..Site.CodeLength] : c;
            ids[name] = (created.FirstOrDefault(s => s.Code == code) ?? air.First(s => s.Code == code
                || string.Equals(s.Code, name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.NameEn, name, StringComparison.OrdinalIgnoreCase) || s.NameZh == name)).Id;
        }
        return (ids, created.Select(s => s.Code).ToList(), matched);
    }
}

/// <summary>
/// <c>smartenv import --format cnemc-water</c>: CNEMC national surface-water automatic-station files
/// (<see cref="CnemcWaterFile"/>). A section is identified by (省份, 断面名称) (the release has no code): it is matched to
/// the site coded <c>W-省份-断面名称</c>, or, for sections of the district's city (<see cref="DistrictScope.CityZh"/>, 重庆市),
/// to a registry water site of the district whose Chinese name is the section name or its water body followed by the
/// section name (寸滩 → seeded 长江寸滩). Only the district's sections are stored (<see cref="DistrictScope"/>: matched to a
/// site with <see cref="Site.InDistrict"/>, or of a 省份 in the district's import areas, then created as a public district
/// site); the others are counted (<see cref="ImportSummary.SitesOutsideDistrict"/>, <see cref="ImportSummary.RowsOutsideDistrict"/>)
/// unless <see cref="AllSites"/>, which creates them as non-public sites outside the district (国控: the release covers
/// national stations). Values of rows whose 站点情况 is 正常 are stored as hour measurements of the
/// site (DataTime = sample time, Beijing; unit from the column header; provenance = import run and file line) with the
/// HJ 212-2017 table B.1 codes
/// (w01010 水温 ℃, w01001 pH, w01009 DO, w01014 电导率 μS/cm, w01003 浊度 NTU, w01019 CODMn, w21003 NH3-N, w21011 TP,
/// w21001 TN, mg/L); chlorophyll-a and algal density have no code in the registry and are not stored. Rows of stations
/// in maintenance or without a time are counted as skipped. A repeated row (same section and time) keeps its last
/// occurrence. A malformed file, or one with a sample time that is not a plausible observation time
/// (<see cref="DataTimePlausibility"/>: 2000-01-01 Beijing … now), is rejected whole (line and column). Not thread-safe.
/// </summary>
/// <param name="store">A migrated store.</param>
/// <param name="time">Clock.</param>
/// <param name="district">What counts as the district's own; <see cref="DistrictScope.Seeded"/> when null.</param>
public sealed class CnemcWaterImporter(SmartEnvStore store, TimeProvider? time = null, DistrictScope? district = null)
{
    /// <summary>Format name on the command line.</summary>
    public const string Format = "cnemc-water";

    /// <summary>Also import the sections outside the district, as non-public sites with <see cref="Site.InDistrict"/>
    /// false (<c>--all-sites</c>, <c>all_sites=true</c>). Default false.</summary>
    public bool AllSites { get; init; }

    private readonly DistrictScope _district = district ?? DistrictScope.Seeded;

    private static readonly TimeSpan Beijing = SmartEnv.Standards.Common.BeijingTime.Offset;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Site code of a section created by this importer: <c>W-</c> and the first 12 hex digits of the SHA-256 of
    /// the UTF-8 text <c>省份 TAB 断面名称</c> (e.g. <c>W-…</c> for 重庆市 寸滩). The release has no section code and its names
    /// are Chinese, which a site code may not hold (<see cref="Site.CodePattern"/>: codes are URL path segments; issue 14
    /// item 8); 48 bits keep the ≈ 3,600 national sections apart (collision chance ≈ 2 × 10⁻⁸). The name stays in
    /// <c>name_zh</c>, the province in the note.</summary>
    /// <param name="province">省份.</param>
    /// <param name="section">断面名称.</param>
    public static string SiteCode(string province, string section) =>
        "W-" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(province + "\t" + section)))[..12];

    /// <summary>The code earlier releases gave such a section, <c>W-省份-断面名称</c> (cut at 64 characters): still matched,
    /// so a store of an earlier release gains no second site for the same section.</summary>
    /// <param name="province">省份.</param>
    /// <param name="section">断面名称.</param>
    public static string LegacySiteCode(string province, string section) => ("W-" + province + "-" + section) is var c && c.Length > Site.CodeLength ? c[..Site.CodeLength] : c;

    /// <summary>Imports one file.</summary>
    /// <param name="path">CNEMC water CSV (plain or .gz).</param>
    /// <param name="progress">Receives throttled progress snapshots, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<ImportSummary> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var book = new ImportBook(store, _time, Format, path, progress);
        await book.StartAsync(ct);
        var now = _time.GetUtcNow();
        // Pass 1: check the whole file (format, plausible times, limits, encoding) keeping only the sections' keys and
        // counts; nothing is stored unless the whole file passes. Memory: per section, not per row.
        var rows = 0;
        var sections = new Dictionary<(string Province, string Section), (int Line, int Rows)>();
        string encoding;
        try
        {
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.QuotedCsv);
            foreach (var r in ReadRows(text, book.FileName))
            {
                book.Tracker.Rows(++rows);
                if (r.Time is { } t && DataTimePlausibility.CheckBeijing(t, now, DataTimePlausibility.FileTolerance) is var verdict && verdict != DataTimeVerdict.Plausible)
                    throw new CnemcWaterFormatException($"{book.FileName}: line {r.LineNumber}, column 'datetime_cst': "
                        + $"'{t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}' is not a plausible observation time: {DataTimePlausibility.Describe(verdict, now, DataTimePlausibility.FileTolerance)}", r.LineNumber);
                if (!r.IsNormal || r.Time is null) continue;
                sections[r.SectionKey] = sections.TryGetValue(r.SectionKey, out var c) ? (c.Line, c.Rows + 1) : ((int)r.LineNumber, 1);
            }
            encoding = text.EncodingName;
        }
        catch (CnemcWaterFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, new ImportRejectInfo((int)ex.Line, ColumnOf(ex.Message), PrefixedOnce(ex.Message, book.FileName)), null, ct);
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        var usableRows = sections.Values.Sum(x => x.Rows);
        var skipped = rows - usableRows;
        Dictionary<(string, string), Site> ids;
        List<string> created, matched;
        try
        {
            (ids, created, matched) = await SitesAsync(sections.Keys.ToList(), ct, (key, code) =>
                ImportReading.CheckNewSiteCode(book.FileName, code, sections[key].Line, 4, $"section {key.Province} {key.Section}"));
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        var outside = sections.Keys.Count(k => !ids.ContainsKey(k));
        var rowsOutside = sections.Where(x => !ids.ContainsKey(x.Key)).Sum(x => x.Value.Rows);
        // Pass 2: the kept sections' rows. A repeated (section, time) keeps its last occurrence, so the values of the kept
        // sections are gathered by key before storing (memory: the district's values, not the file).
        var byKey = new Dictionary<(string, string, string), ObservationInput>();
        if (ids.Count > 0)
        {
            using var text = ImportReading.Open(book, Limits, Encoding, DataFileSyntax.QuotedCsv);
            foreach (var r in ReadRows(text, book.FileName))
            {
                if (!r.IsNormal || r.Time is null || !ids.TryGetValue(r.SectionKey, out var site)) continue;
                var at = new DateTimeOffset(r.Time.Value, Beijing);
                void Add(string code, string unit, CnemcWaterValue v)
                {
                    if (v.Value is { } x) byKey[(site.Code, code, at.ToString("O", CultureInfo.InvariantCulture))] =
                        new(site.Id, null, code, PeriodType.Hour, at, x, x.ToString(CultureInfo.InvariantCulture))
                        {
                            Unit = unit, ImportLogId = book.Log.Id, SourceRow = (int)r.LineNumber,
                        };
                }
                // Units as the release's column headers give them (水温(℃), pH(无量纲), 溶解氧(mg/L), 电导率(μS/cm), 浊度(NTU), …).
                Add("w01010", "℃", r.Temperature);
                Add("w01001", "", r.PH);
                Add("w01009", "mg/L", r.DissolvedOxygen);
                Add("w01014", "μS/cm", r.Conductivity);
                Add("w01003", "NTU", r.Turbidity);
                Add("w01019", "mg/L", r.PermanganateIndex);
                Add("w21003", "mg/L", r.AmmoniaNitrogen);
                Add("w21011", "mg/L", r.TotalPhosphorus);
                Add("w21001", "mg/L", r.TotalNitrogen);
            }
        }
        var values = byKey.Values.ToList();
        var total = await book.StoreAsync(values, values.Count, ct);
        await book.FinishAsync(rows, ImportBook.Accepted(total), total.ObservationsInserted, [], ct);
        return new ImportSummary(book.FileName, book.Log.Id, rows, ImportBook.Accepted(total), total.ObservationsInserted,
            total.ObservationsChanged, [], created, 0, 0)
        {
            RowsSkipped = skipped, SitesMatched = matched, SitesOutsideDistrict = outside, RowsOutsideDistrict = rowsOutside, AllSites = AllSites,
            Encoding = encoding,
        };
    }

    /// <summary>Limits the file is read under (default <see cref="ImportLimits.Default"/>).</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    /// <summary>Declared encoding, or <see cref="DataFileEncoding.Auto"/> (default: detected, UTF-8 or GBK).</summary>
    public DataFileEncoding Encoding { get; init; } = DataFileEncoding.Auto;

    private static IEnumerable<CnemcWaterRow> ReadRows(DataFileText text, string source)
    {
        foreach (var r in CnemcWaterFile.ReadRows(text.Text)) yield return r;
    }

    private static string PrefixedOnce(string message, string file) => message.StartsWith(file + ": ", StringComparison.Ordinal) ? message : $"{file}: {message}";

    /// <summary>The 1-based column named in a reader message ("column 'NAME'"), or 0.</summary>
    private static int ColumnOf(string message)
    {
        string[] cols = ["datetime_cst", "省份", "流域", "断面名称", "监测时间", "水质类别", "水温(℃)", "pH(无量纲)", "溶解氧(mg/L)",
            "电导率(μS/cm)", "浊度(NTU)", "高锰酸盐指数(mg/L)", "氨氮(mg/L)", "总磷(mg/L)", "总氮(mg/L)", "叶绿素α(mg/L)", "藻密度(cells/L)", "站点情况"];
        for (var i = 0; i < cols.Length; i++)
            if (message.Contains("column '" + cols[i] + "'", StringComparison.Ordinal)) return i + 1;
        return 0;
    }

    private async Task<(Dictionary<(string, string), Site>, List<string>, List<string>)> SitesAsync(List<(string Province, string Section)> keys, CancellationToken ct,
        Action<(string Province, string Section), string> checkNewCode)
    {
        await using var db = store.CreateContext();
        var water = await db.Sites.Where(s => s.Kind == SiteKind.Water).ToListAsync(ct);
        var byCode = water.ToDictionary(s => s.Code, StringComparer.Ordinal);
        // Name matching only against the district's own registry sites, never against sections this importer created.
        var registry = water.Where(s => s.InDistrict && !s.Code.StartsWith("W-", StringComparison.Ordinal)).ToList();
        var result = new Dictionary<(string, string), Site>();
        var created = new List<string>();
        var matched = new List<string>();
        foreach (var key in keys)
        {
            var code = SiteCode(key.Province, key.Section);
            var site = byCode.GetValueOrDefault(code) ?? byCode.GetValueOrDefault(LegacySiteCode(key.Province, key.Section));
            if (site is null && _district.CityZh is { } city && key.Province == city)
            {
                site = registry.FirstOrDefault(s => s.NameZh == key.Section || (s.WaterBody is not null && s.NameZh == s.WaterBody + key.Section));
                if (site is not null) matched.Add($"{key.Province} {key.Section} → {site.Code}");
            }
            if (site is not null && !site.InDistrict && !AllSites) continue; // outside the district (created by an earlier --all-sites)
            if (site is null)
            {
                var mine = _district.IsImportArea(key.Province);
                if (!mine && !AllSites) continue;
                checkNewCode(key, code);
                site = new Site
                {
                    Code = code, NameZh = key.Section.Length > 128 ? key.Section[..128] : key.Section, Kind = SiteKind.Water,
                    ControlLevel = ControlLevel.National, CoordinatesApproximate = true,
                    CoordinateSource = "not known: the CNEMC release gives no coordinates", IsPublic = mine, InDistrict = mine,
                    Note = $"created by cnemc-water import; {key.Province}" + (mine ? "; in the district's import areas" : "; outside the district (--all-sites)"),
                };
                db.Sites.Add(site);
                byCode[code] = site;
                created.Add(code);
            }
            result[key] = site;
        }
        await db.SaveChangesAsync(ct);
        return (result, created, matched);
    }
}

/// <summary>
/// <c>smartenv import --format hj212-log</c>: a logger or gateway log with one raw HJ 212 packet per line (plain or .gz;
/// the line ending stands for the packet's CRLF; blank lines are skipped). Every line goes through the gateway's
/// <see cref="PacketIntake"/> (framing, CRC, MN/PW against the device registry, decoding), so it is accepted or quarantined
/// exactly as on the wire; each line is stored in <c>raw_packets</c> with peer <c>import:SHA16:LINE</c> (first 16 hex
/// digits of the file's SHA-256), quarantined lines are listed as rejects (line, byte column of a parse fault, reason).
/// Lines of a file already imported (same peer) are not stored again; their values are re-upserted, which changes nothing.
/// Hourly and daily AQI of the days of accepted hour values are recomputed. Not thread-safe.
/// </summary>
/// <param name="store">A migrated store.</param>
/// <param name="time">Clock (receive time of the stored packets).</param>
/// <param name="factorAliases">Vendor factor-code aliases, as the gateway intake's <see cref="IntakeOptions.FactorAliases"/>;
/// null for the shipped defaults.</param>
public sealed class Hj212LogImporter(SmartEnvStore store, TimeProvider? time = null, SmartEnv.Hj212.Codes.Hj212FactorAliases? factorAliases = null)
{
    /// <summary>Format name on the command line.</summary>
    public const string Format = "hj212-log";

    /// <summary>Packets per transaction.</summary>
    public const int BatchSize = 1000;

    /// <summary>Longest frame read from a log line: 16 KiB, the gateway's default frame cap (HJ 212-2017 §6.3 allows a
    /// 1024-byte segment; real loggers exceed it), so a logged packet is cut as it would be on the wire.</summary>
    public const int LogFrameBytes = 16 * 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Imports one log.</summary>
    /// <param name="path">Log file (plain or .gz).</param>
    /// <param name="progress">Receives throttled progress snapshots, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public async Task<ImportSummary> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var book = new ImportBook(store, _time, Format, path, progress);
        await book.StartAsync(ct);
        // Pass 1: the limits only (lines, line length, size), so a refused log stores nothing; one line in memory at a time.
        var lineCount = 0;
        try
        {
            using var check = ImportReading.Open(book, Limits, DataFileEncoding.Auto, DataFileSyntax.Lines);
            foreach (var _ in check.ReadLines()) lineCount++;
        }
        catch (DataFileFormatException ex)
        {
            return await ImportReading.RefuseAsync(book, ex, ct);
        }
        var prefix = "import:" + book.Sha256[..16] + ":";
        HashSet<string> done;
        await using (var db = store.CreateContext())
            done = (await db.RawPackets.Where(r => r.Peer != null && r.Peer.StartsWith(prefix)).Select(r => r.Peer!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var options = new IntakeOptions { FactorAliases = factorAliases ?? FactorAliasFile.Defaults };
        var devices = new DeviceRegistry(store, TimeSpan.FromMinutes(1), _time);
        book.Tracker.StoreTotal(lineCount);
        book.Tracker.Enter(ImportPhase.Storing);
        var rejects = new List<ImportRejectInfo>();
        var fresh = new List<PacketWrite>();
        var again = new List<ObservationInput>();
        var spans = new AqiSpanTally();
        var writer = new ObservationWriter(store, _time) { RecordsReceipt = false, DeduplicatesResends = false }; // a log is history, not a live logger; its lines are keyed by file + line
        var total = new WriteResult(0, 0, 0, 0);
        var received = _time.GetUtcNow();
        var rowsRead = 0;
        // Pass 2: line by line (streamed), stored in batches of BatchSize packets.
        using (var text = ImportReading.Open(book, Limits, DataFileEncoding.Auto, DataFileSyntax.Lines))
        {
            foreach (var (lineNo, line) in text.ReadLines())
            {
                rowsRead++;
                var framer = new Hj212Framer(new Hj212FramerOptions { MaxFrameBytes = LogFrameBytes });
                var buffer = new ReadOnlySequence<byte>([.. line.Span, (byte)'\r', (byte)'\n']);
                var k = 0;
                while (framer.TryReadFrame(ref buffer, true, out var frame))
                {
                    var peer = prefix + lineNo.ToString(CultureInfo.InvariantCulture) + (k++ == 0 ? "" : "." + k.ToString(CultureInfo.InvariantCulture));
                    var w = PacketIntake.Cut(frame, received, peer, options, LogFrameBytes);
                    await PacketIntake.ClassifyAsync(w, devices, options.FactorAliases, ct);
                    if (w.Raw.Status == PacketStatus.Quarantined)
                        rejects.Add(new ImportRejectInfo(lineNo, w.FaultPosition is { } p ? p + 1 : 0,
                            $"{SnakeCase(w.Raw.QuarantineReason?.ToString() ?? "malformed")}: {w.Raw.QuarantineDetail}"));
                    foreach (var o in w.Observations) spans.Add(o);
                    if (done.Contains(peer)) again.AddRange(w.Observations);
                    else fresh.Add(new PacketWrite(w.Raw, w.Observations));
                }
                if (fresh.Count >= BatchSize || again.Count >= BatchSize * 10)
                {
                    total = await FlushAsync(writer, fresh, again, total, ct);
                }
                book.Tracker.Rows(rowsRead);
                book.Tracker.Stored(rowsRead, ImportBook.Accepted(total), rejects.Count);
            }
        }
        total = await FlushAsync(writer, fresh, again, total, ct);
        book.Tracker.Stored(rowsRead, ImportBook.Accepted(total), rejects.Count);
        var (hs, ds) = await book.RecomputeAsync(spans.Spans, ct);
        await book.FinishAsync(rowsRead, ImportBook.Accepted(total), total.ObservationsInserted, rejects, ct);
        return new ImportSummary(book.FileName, book.Log.Id, rowsRead, ImportBook.Accepted(total), total.ObservationsInserted,
            total.ObservationsChanged, rejects, [], hs, ds) { Encoding = "bytes" };
    }

    /// <summary>Limits the log is read under (default <see cref="ImportLimits.Default"/>; cells are not counted: HJ 212
    /// packets use commas inside a field).</summary>
    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    private static async Task<WriteResult> FlushAsync(ObservationWriter writer, List<PacketWrite> fresh, List<ObservationInput> again, WriteResult total, CancellationToken ct)
    {
        if (fresh.Count > 0) total = ImportBook.Add(total, await writer.WriteAsync(fresh, ct));
        if (again.Count > 0) total = ImportBook.Add(total, await writer.UpsertAsync(again, ct));
        fresh.Clear();
        again.Clear();
        return total;
    }

    private static string SnakeCase(string s) => string.Concat(s.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}

