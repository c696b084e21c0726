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
    int ValuesAccepted, int Rejected, int ValuesInserted);

/// <summary>One rejected row or cell of an import (<c>import_rejects</c>).</summary>
/// <param name="Row">1-based line in the file.</param>
/// <param name="Column">1-based column as stored (<c>0</c> = whole row; HJ 212 logs: byte position in the line).</param>
/// <param name="Reason">Why.</param>
public sealed record RejectRow(int Row, string? Column, string Reason);

/// <summary>Data view model: raw packets, the quarantine list and import runs. Scoped; not thread-safe.</summary>
/// <param name="db">Store context.</param>
public sealed partial class DataService(SmartEnvDbContext db)
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
        return rows.Select(p => new PacketRow(p.Id, p.ReceivedAt, p.Peer, p.Mn, p.Cn, p.Status, p.QuarantineReason, p.QuarantineDetail,
            p.CrcValid, p.FramingDiagnostics, MaskPassword(p.Text))).ToList();
    }

    /// <summary>Import runs, newest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<ImportRow>> ImportsAsync(CancellationToken ct = default) =>
        (await db.ImportLogs.AsNoTracking().OrderByDescending(i => i.Id).Take(Limit).ToListAsync(ct))
        .Select(Row).ToList();

    private static ImportRow Row(ImportLog i) => new(i.Id, i.Format, i.FileName, i.StartedAt, i.FinishedAt, i.RowsRead, i.ValuesAccepted, i.Rejected, i.ValuesInserted);

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

    /// <summary>Replaces the value of every <c>PW=</c> field of an HJ 212 frame with <c>******</c>.</summary>
    /// <param name="text">Frame text.</param>
    public static string MaskPassword(string text) => PasswordField().Replace(text, "PW=******");

    [GeneratedRegex("PW=[^;&]*")]
    private static partial Regex PasswordField();
}
