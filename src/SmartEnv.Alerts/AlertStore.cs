using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Alerts;

/// <summary>One alert with its site, as listed by the API and the 告警 page.</summary>
/// <param name="Id">Alert id.</param>
/// <param name="SiteCode">Site code.</param>
/// <param name="SiteNameZh">Site name (Chinese).</param>
/// <param name="SiteNameEn">Site name (English), or null.</param>
/// <param name="Rule">Rule.</param>
/// <param name="Severity">Worst severity of the episode.</param>
/// <param name="Status">Handling status.</param>
/// <param name="OpenedAt">Condition start (UTC).</param>
/// <param name="LastSeenAt">Latest instant the condition held (UTC).</param>
/// <param name="ConditionClearedAt">When the condition ended (UTC), or null while it holds.</param>
/// <param name="PeakValue">AQI / hours offline / class number (6 = 劣Ⅴ).</param>
/// <param name="Detail">Primary pollutants / MN / target class.</param>
/// <param name="MessageZh">Message, Chinese.</param>
/// <param name="MessageEn">Message, English.</param>
/// <param name="AcknowledgedBy">Who acknowledged.</param>
/// <param name="AcknowledgedAt">When acknowledged (UTC).</param>
/// <param name="AcknowledgeNote">Acknowledgement note.</param>
/// <param name="ClosedBy">Who closed.</param>
/// <param name="ClosedAt">When closed (UTC).</param>
/// <param name="CloseNote">Closing note.</param>
public sealed record AlertRow(long Id, string SiteCode, string SiteNameZh, string? SiteNameEn, AlertRule Rule, AlertSeverity Severity,
    AlertStatus Status, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ConditionClearedAt, decimal? PeakValue,
    string? Detail, string MessageZh, string MessageEn, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeNote,
    string? ClosedBy, DateTimeOffset? ClosedAt, string? CloseNote)
{
    /// <summary>True when the condition has ended (shown as 'condition ended' until staff close the alert).</summary>
    public bool ConditionEnded => ConditionClearedAt is not null;
}

/// <summary>Which alerts a list shows.</summary>
public enum AlertListStatus
{
    /// <summary>Not closed (open or acknowledged): what needs handling.</summary>
    Open,

    /// <summary>Every alert.</summary>
    All,

    /// <summary>Closed only.</summary>
    Closed,
}

/// <summary>Reads and handles stored alerts (list, open count, acknowledge, close). Not thread-safe (one context).</summary>
/// <param name="db">Store context.</param>
/// <param name="time">Clock for handling times.</param>
public sealed class AlertStore(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Longest note kept (characters); longer notes are rejected by the callers.</summary>
    public const int MaxNote = 1024;

    /// <summary>Longest handler name kept (characters).</summary>
    public const int MaxBy = 64;

    /// <summary>Alerts newest condition start first.</summary>
    /// <param name="status">Open (not closed, default) / all / closed.</param>
    /// <param name="siteCode">Only this site, or null.</param>
    /// <param name="rule">Only this rule, or null.</param>
    /// <param name="limit">At most this many rows (1…5000).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<AlertRow>> ListAsync(AlertListStatus status = AlertListStatus.Open, string? siteCode = null, AlertRule? rule = null,
        int limit = 1000, CancellationToken ct = default)
    {
        var q = db.Alerts.AsNoTracking();
        q = status switch
        {
            AlertListStatus.Open => q.Where(a => a.Status != AlertStatus.Closed),
            AlertListStatus.Closed => q.Where(a => a.Status == AlertStatus.Closed),
            _ => q,
        };
        if (!string.IsNullOrWhiteSpace(siteCode)) q = q.Where(a => a.Site!.Code == siteCode);
        if (rule is { } r) q = q.Where(a => a.Rule == r);
        var rows = await q.OrderByDescending(a => a.Id).Take(Math.Clamp(limit, 1, 5000))
            .Select(a => new AlertRow(a.Id, a.Site!.Code, a.Site.NameZh, a.Site.NameEn, a.Rule, a.Severity, a.Status, a.OpenedAt, a.LastSeenAt,
                a.ConditionClearedAt, a.PeakValue, a.Detail, a.MessageZh, a.MessageEn, a.AcknowledgedBy, a.AcknowledgedAt, a.AcknowledgeNote,
                a.ClosedBy, a.ClosedAt, a.CloseNote)).ToListAsync(ct);
        return [.. rows.OrderByDescending(a => a.OpenedAt).ThenByDescending(a => a.Id)];
    }

    /// <summary>Number of alerts in status open — nobody has acknowledged them yet: the overview's 未处理告警 (the 告警 page's
    /// status 未处理). Acknowledged alerts (已确认, being handled, not closed) are counted by
    /// <see cref="AcknowledgedCountAsync"/>.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<int> OpenCountAsync(CancellationToken ct = default) => db.Alerts.CountAsync(a => a.Status == AlertStatus.Open, ct);

    /// <summary>Number of acknowledged alerts not yet closed (已确认).</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<int> AcknowledgedCountAsync(CancellationToken ct = default) => db.Alerts.CountAsync(a => a.Status == AlertStatus.Acknowledged, ct);

    /// <summary>Open → acknowledged, recording who, when (clock, UTC) and the note.</summary>
    /// <param name="id">Alert id.</param>
    /// <param name="by">Handler (free text until accounts exist), required: each step records who.</param>
    /// <param name="note">Note, or null.</param>
    /// <param name="actor">Who, for the audit entry (<c>alert.acknowledge</c>, written in the same transaction); null = the user named <paramref name="by"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="by"/> is empty or white space (callers check it first).</exception>
    public Task<AlertTransition> AcknowledgeAsync(long id, string by, string? note, AuditActor? actor = null, CancellationToken ct = default)
        => TransitionAsync(id, by, "alert.acknowledge", note, actor, AlertEpisodes.CanAcknowledge, a =>
        {
            a.Status = AlertStatus.Acknowledged;
            a.AcknowledgedBy = Clean(by);
            a.AcknowledgedAt = time.GetUtcNow().ToUniversalTime();
            a.AcknowledgeNote = Clean(note);
        }, ct);

    /// <summary>Open or acknowledged → closed, recording who, when and the note. Closing while the condition still holds
    /// silences the rest of that episode (no new alert until the condition has ended and returns).</summary>
    /// <param name="id">Alert id.</param>
    /// <param name="by">Handler, required.</param>
    /// <param name="note">Note (what was done), or null.</param>
    /// <param name="actor">Who, for the audit entry (<c>alert.close</c>, same transaction); null = the user named <paramref name="by"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="by"/> is empty or white space (callers check it first).</exception>
    public Task<AlertTransition> CloseAsync(long id, string by, string? note, AuditActor? actor = null, CancellationToken ct = default)
        => TransitionAsync(id, by, "alert.close", note, actor, AlertEpisodes.CanClose, a =>
        {
            a.Status = AlertStatus.Closed;
            a.ClosedBy = Clean(by);
            a.ClosedAt = time.GetUtcNow().ToUniversalTime();
            a.CloseNote = Clean(note);
        }, ct);

    // One handling step: who is required, the alert must exist and the episode rules must allow the step (AlertEpisodes).
    // The change and its audit entry are one transaction (AuditTrail).
    private async Task<AlertTransition> TransitionAsync(long id, string by, string action, string? note, AuditActor? actor,
        Func<AlertStatus, AlertTransition> allowed, Action<Alert> apply, CancellationToken ct)
    {
        RequireBy(by);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var a = await db.Alerts.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return AlertTransition.NotFound;
        var ok = allowed(a.Status);
        if (ok != AlertTransition.Done) return ok;
        var before = Snapshot(a);
        apply(a);
        await AuditTrail.AppendAsync(db, actor ?? new AuditActor(AuditActorKind.User, by.Trim()), action, "alert",
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, Snapshot(a), Clean(note), time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return AlertTransition.Done;
    }

    private static object Snapshot(Alert a) => new
    {
        id = a.Id, site_id = a.SiteId, rule = a.Rule, status = a.Status, acknowledged_by = a.AcknowledgedBy, acknowledged_at = a.AcknowledgedAt,
        acknowledge_note = a.AcknowledgeNote, closed_by = a.ClosedBy, closed_at = a.ClosedAt, close_note = a.CloseNote,
    };

    private static void RequireBy(string by)
    {
        if (string.IsNullOrWhiteSpace(by)) throw new ArgumentException("by (who handles the alert) is required", nameof(by));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
