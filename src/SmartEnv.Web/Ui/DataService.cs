using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>A raw packet row (accepted or quarantined) as the data page shows it; the PW field is masked.</summary>
/// <param name="Id">Packet id.</param>
/// <param name="ReceivedAt">Receive instant (UTC).</param>
/// <param name="Peer">Remote endpoint.</param>
/// <param name="Mn">MN.</param>
/// <param name="Cn">CN.</param>
/// <param name="Status">Accepted or quarantined.</param>
/// <param name="Reason">Quarantine reason, or null.</param>
/// <param name="Detail">Reason detail.</param>
/// <param name="CrcValid">CRC verdict.</param>
/// <param name="Diagnostics">Framing diagnostics.</param>
/// <param name="Text">Frame text with <c>PW=</c> masked.</param>
public sealed record PacketRow(long Id, DateTimeOffset ReceivedAt, string? Peer, string? Mn, string? Cn, PacketStatus Status,
    QuarantineReason? Reason, string? Detail, bool CrcValid, string? Diagnostics, string Text);

/// <summary>An import run.</summary>
/// <param name="Id">Id of the <c>import_logs</c> row.</param>
/// <param name="Format">Import format.</param>
/// <param name="FileName">File name.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="FinishedAt">End (UTC), null while running.</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="ValuesAccepted">Values accepted.</param>
/// <param name="Rejected">Rows rejected.</param>
/// <param name="ValuesInserted">Values new to the store.</param>
public sealed record ImportRow(long Id, string Format, string FileName, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int RowsRead,
    int ValuesAccepted, int Rejected, int ValuesInserted)
{
    /// <summary>The run's state (<c>import_logs.state</c>): applied, rejected (file refused whole), refused (would change
    /// stored values without replace), failed, or running.</summary>
    public ImportState State { get; init; } = ImportState.Applied;

    /// <summary>Stored values the run would change (refused) or changed (applied with replace).</summary>
    public int ValuesChanged { get; init; }
}

/// <summary>One rejected row or cell of an import (<c>import_rejects</c>).</summary>
/// <param name="Row">1-based line in the file.</param>
/// <param name="Column">1-based column as stored (<c>0</c> = whole row; HJ 212 logs: byte position in the line).</param>
/// <param name="Reason">Why.</param>
public sealed record RejectRow(int Row, string? Column, string Reason);

/// <summary>One site-day whose stored evaluation is not current (<see cref="EvaluationDay"/>): pending, or failed with the
/// reason and the time of the automatic retry.</summary>
/// <param name="SiteId">Site id.</param>
/// <param name="SiteCode">Site code.</param>
/// <param name="SiteName">Site name in the current language.</param>
/// <param name="Day">Natural day (Beijing).</param>
/// <param name="State">Pending or failed.</param>
/// <param name="Attempts">Failed attempts since the last success.</param>
/// <param name="LastError">Reason of the last failure, or null.</param>
/// <param name="UpdatedAt">When the state last changed (UTC).</param>
/// <param name="NextAttemptAt">When a failed day is retried automatically (UTC), or null.</param>
public sealed record EvaluationDayRow(long SiteId, string SiteCode, string SiteName, DateOnly Day, EvaluationState State, int Attempts,
    string? LastError, DateTimeOffset UpdatedAt, DateTimeOffset? NextAttemptAt);

/// <summary>Data view model: raw packets, the quarantine list, import runs and the evaluation state of the stored AQI
/// (days pending or failed, with a retry). Scoped; not thread-safe.</summary>
/// <param name="db">Store context.</param>
/// <param name="store">The store (for a retry's recomputation); a retry is refused without it.</param>
/// <param name="time">Clock of the recomputation; system clock when null.</param>
public sealed partial class DataService(SmartEnvDbContext db, SmartEnvStore? store = null, TimeProvider? time = null)
{
    /// <summary>Rows shown per list (the newest).</summary>
    public const int Limit = 500;

    /// <summary>Newest packets of one status (newest first), at most <see cref="Limit"/>.</summary>
    /// <param name="status">Accepted (raw packets) or quarantined.</param>
    /// <param name="mn">Optional MN filter.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<PacketRow>> PacketsAsync(PacketStatus status, string? mn = null, CancellationToken ct = default)
    {
        var q = db.RawPackets.AsNoTracking().Where(p => p.Status == status);
        if (!string.IsNullOrWhiteSpace(mn)) q = q.Where(p => p.Mn == mn);
        var rows = await q.OrderByDescending(p => p.Id).Take(Limit).ToListAsync(ct);
        return rows.Select(p => new PacketRow(p.Id, p.ReceivedAt, p.Peer, p.Mn, p.Cn, p.Status, p.QuarantineReason, MaskPassword(p.QuarantineDetail),
            p.CrcValid, p.FramingDiagnostics, MaskPassword(p.Text))).ToList();
    }

    /// <summary>Import runs, newest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<ImportRow>> ImportsAsync(CancellationToken ct = default) =>
        (await db.ImportLogs.AsNoTracking().OrderByDescending(i => i.Id).Take(Limit).ToListAsync(ct))
        .Select(Row).ToList();

    private static ImportRow Row(ImportLog i) => new(i.Id, i.Format, i.FileName, i.StartedAt, i.FinishedAt, i.RowsRead, i.ValuesAccepted, i.Rejected, i.ValuesInserted)
    {
        State = i.State, ValuesChanged = i.ValuesChanged,
    };

    /// <summary>One import run with its rejected rows (file order), or null when unknown.</summary>
    /// <param name="id">Import log id.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(ImportRow Import, List<RejectRow> Rejects)?> ImportReportAsync(long id, CancellationToken ct = default)
    {
        var log = await db.ImportLogs.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (log is null) return null;
        var rejects = await db.ImportRejects.AsNoTracking().Where(r => r.ImportLogId == id).OrderBy(r => r.Row).ThenBy(r => r.Id)
            .Select(r => new RejectRow(r.Row, r.Column, r.Reason)).ToListAsync(ct);
        return (Row(log), rejects);
    }

    /// <summary>Id of the air site with this code, or null.</summary>
    /// <param name="code">Site code.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<long?> SiteIdAsync(string code, CancellationToken ct = default) =>
        await db.Sites.AsNoTracking().Where(s => s.Code == code && s.Kind == SiteKind.Air).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);

    /// <summary>Air sites (code and name) for the recomputation form, registry order.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<(string Code, string Name)>> AirSitesAsync(CancellationToken ct = default) =>
        (await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Air).OrderBy(s => s.Id).ToListAsync(ct))
        .Select(s => (s.Code, AirService.Name(s))).ToList();

    /// <summary>Site-days whose stored evaluation is not current — failed first (the reason is shown), then pending — at
    /// most <see cref="Limit"/>, with the counts of each state.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<(List<EvaluationDayRow> Rows, int Pending, int Failed)> EvaluationDaysAsync(CancellationToken ct = default)
    {
        var open = db.EvaluationDays.AsNoTracking().Where(e => e.State != EvaluationState.Done);
        var pending = await open.CountAsync(e => e.State == EvaluationState.Pending, ct);
        var failed = await open.CountAsync(e => e.State == EvaluationState.Failed, ct);
        var rows = await open.OrderBy(e => e.State == EvaluationState.Failed ? 0 : 1).ThenByDescending(e => e.Day).Take(Limit).ToListAsync(ct);
        var ids = rows.Select(r => r.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return ([.. rows.Select(r => new EvaluationDayRow(r.SiteId, sites[r.SiteId].Code, AirService.Name(sites[r.SiteId]), r.Day, r.State,
            r.Attempts, r.LastError, r.UpdatedAt, r.NextAttemptAt))], pending, failed);
    }

    /// <summary>Recomputes one site-day now (the 数据 page's retry button): on success the day is done with new figures, on
    /// failure it stays failed with the new reason (and the old figures).</summary>
    /// <param name="siteId">Site.</param>
    /// <param name="day">Natural day.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="actor">Who pressed retry (audit entry <c>evaluation.retry</c> with the outcome, written after the recomputation); null = the system job <c>evaluation-retry</c>.</param>
    /// <returns>Null on success, else the failure message.</returns>
    /// <exception cref="InvalidOperationException">The service was created without a store.</exception>
    public async Task<string?> RetryDayAsync(long siteId, DateOnly day, CancellationToken ct = default, SmartEnv.Storage.Audit.AuditActor? actor = null)
    {
        if (store is null) throw new InvalidOperationException("DataService has no store to recompute with");
        string? error = null;
        (int Hours, int Days) counts = default;
        try
        {
            counts = await new SmartEnv.Evaluation.AirEvaluator(store, time).RecomputeAsync(siteId, day, day, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = ex.GetBaseException().Message;
        }
        var code = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.Code).SingleOrDefaultAsync(ct);
        await SmartEnv.Storage.Audit.AuditTrail.AppendOperationAsync(store, actor ?? SmartEnv.Storage.Audit.AuditActor.System("evaluation-retry"), "evaluation.retry", "site",
            code ?? siteId.ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new { site_code = code, day, succeeded = error is null, hourly_aqi = counts.Hours, daily_aqi = counts.Days, error },
            time: (time ?? TimeProvider.System).GetUtcNow(), ct: ct);
        return error;
    }

    /// <summary>Replaces the value of every <c>PW=</c> field of an HJ 212 frame (in any letter case, wherever it occurs:
    /// a quarantined text may be cut anywhere) with <c>******</c>, up to the next <c>;</c>, <c>&amp;</c>, line end or
    /// the end of the text. Used by every page, export and API answer that returns packet texts (issue 14 item 4).</summary>
    /// <param name="text">Frame text or quarantine detail, or null.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static string? MaskPassword(string? text) => text is null ? null : PasswordField().Replace(text, "PW=******");

    // PW up to the next field separator ';', the CP end "&&" or the end of the line: a PW may hold ',' or a single '&' (a
    // tester's PW "12,34&5" kept "&5" visible), and white space may stand before '=' ("PW =999999" was not masked). A PW
    // holding ';' cannot be told from the next field (HJ 212-2017 §6.3 uses ';' between fields).
    [GeneratedRegex(@"PW\s*=(?:[^;&\r\n]|&(?!&))*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordField();
}
