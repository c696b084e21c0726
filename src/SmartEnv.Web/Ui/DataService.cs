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
/// <param name="Format">Import format.</param>
/// <param name="FileName">File name.</param>
/// <param name="StartedAt">Start (UTC).</param>
/// <param name="FinishedAt">End (UTC), null while running.</param>
/// <param name="RowsRead">Rows read.</param>
/// <param name="ValuesAccepted">Values accepted.</param>
/// <param name="Rejected">Rows rejected.</param>
public sealed record ImportRow(string Format, string FileName, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int RowsRead,
    int ValuesAccepted, int Rejected);

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
        .Select(i => new ImportRow(i.Format, i.FileName, i.StartedAt, i.FinishedAt, i.RowsRead, i.ValuesAccepted, i.Rejected)).ToList();

    /// <summary>Replaces the value of every <c>PW=</c> field of an HJ 212 frame with <c>******</c>.</summary>
    /// <param name="text">Frame text.</param>
    public static string MaskPassword(string text) => PasswordField().Replace(text, "PW=******");

    [GeneratedRegex("PW=[^;&]*")]
    private static partial Regex PasswordField();
}
