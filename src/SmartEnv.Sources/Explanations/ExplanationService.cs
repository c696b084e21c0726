using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Explanations;

namespace SmartEnv.Sources.Explanations;

/// <summary>What an enterprise files (<see cref="ExplanationService.SubmitAsync"/>). Immutable; thread-safe.</summary>
/// <param name="SiteCode">Code of one outlet site of the enterprise (kind <see cref="SiteKind.Source"/>), or null/blank for
/// all its outlets.</param>
/// <param name="Reason"><c>shutdown|maintenance|fault|other</c> (停产/检修/故障/其他).</param>
/// <param name="FromHour">First covered hour start.</param>
/// <param name="ToHour">Last covered hour start (inclusive).</param>
/// <param name="Text">The explanation, 1–2,000 characters.</param>
public sealed record ExplanationInput(string? SiteCode, string? Reason, DateTimeOffset? FromHour, DateTimeOffset? ToHour, string? Text);

/// <summary>An uploaded attachment: its bytes and the name it was sent with. The caller owns the stream.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="FileName">Uploaded file name.</param>
public sealed record AttachmentUpload(Stream Content, string FileName);

/// <summary>How a call of <see cref="ExplanationService"/> ended.</summary>
public enum ExplanationOutcomeKind
{
    /// <summary>Done; <see cref="ExplanationOutcome.Explanation"/> is the row as stored.</summary>
    Ok,
    /// <summary>No such enterprise or explanation in the caller's scope.</summary>
    NotFound,
    /// <summary>A field is wrong (<see cref="ExplanationOutcome.Field"/>, <see cref="ExplanationOutcome.Message"/>).</summary>
    Invalid,
    /// <summary>The other party's act: staff withdrawing, the enterprise deciding.</summary>
    Forbidden,
    /// <summary>Not possible in the explanation's state (e.g. deciding a withdrawn one).</summary>
    Conflict,
}

/// <summary>Result of a call of <see cref="ExplanationService"/>. Immutable; thread-safe.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Explanation">The stored row when <see cref="ExplanationOutcomeKind.Ok"/>.</param>
/// <param name="Field">The wrong field (<c>site</c>, <c>reason</c>, <c>from_hour</c>, <c>to_hour</c>, <c>text</c>, <c>file</c>, <c>note</c>), or null.</param>
/// <param name="Message">Why, in English, or null.</param>
public sealed record ExplanationOutcome(ExplanationOutcomeKind Kind, SourceExplanation? Explanation = null, string? Field = null, string? Message = null);

/// <summary>
/// 异常说明 (issue 16): an enterprise files an explanation of abnormal outlet data over an hour range, with an optional
/// attachment; staff accept or reject it; the enterprise may withdraw it before a decision (<see cref="ExplanationWorkflow"/>).
/// Every change is one transaction with its audit entry (<see cref="AuditTrail"/>, actions <c>explanation.submit|accept|
/// reject|withdraw</c>, target <c>source_explanation</c>). Accepting — or revoking an accepted one — marks the covered
/// outlet site-days pending in the same transaction (<see cref="EvaluationDayMarks.MarkPendingAsync"/>), so the permit
/// evaluation recomputes those days and sets or clears <c>source_hours.explanation_id</c> and the excused hours; no value
/// is deleted or changed. Reads and writes go through the caller's context, so its <see cref="DataScope"/> applies: an
/// enterprise user reaches only its own rows (another enterprise's id is <see cref="ExplanationOutcomeKind.NotFound"/>).
/// Not thread-safe per context; the instance itself holds no mutable state.
/// </summary>
/// <param name="store">The store (for <see cref="AcceptedCoveringAsync"/>).</param>
/// <param name="attachments">Where attachments go, or null: then an upload is refused (field <c>file</c>).</param>
/// <param name="time">Clock; default the system clock.</param>
public sealed class ExplanationService(SmartEnvStore store, ExplanationAttachments? attachments = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Filing window in days after the last covered hour (<see cref="ExplanationPeriod.IsLate"/>; rule key
    /// <c>explanation.filing_window_days</c>, default 10, online-monitoring-rates.md §2.4 PARTIAL). A late one is flagged,
    /// never refused.</summary>
    public int FilingWindowDays { get; init; } = 10;

    /// <summary>The enterprise files an explanation (state <c>submitted</c>). Validates the fields, that the enterprise is in
    /// the context's scope and that the site is one of its outlet sites (kind <see cref="SiteKind.Source"/>; with no site,
    /// that it has at least one), stores the attachment, then inserts the row with its audit entry; a failed insert
    /// deletes the stored file.</summary>
    /// <param name="db">The caller's context (scoped).</param>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="input">The fields.</param>
    /// <param name="file">Attachment, or null.</param>
    /// <param name="actor">Who (its name is <c>submitted_by</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExplanationOutcome> SubmitAsync(SmartEnvDbContext db, string uscc, ExplanationInput input, AttachmentUpload? file, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return new(ExplanationOutcomeKind.NotFound, Message: $"no enterprise {uscc}");
        var reason = input.Reason?.Trim().ToLowerInvariant();
        if (reason is null || !SourceExplanation.Reasons.Contains(reason))
            return Invalid("reason", $"reason must be one of {string.Join('|', SourceExplanation.Reasons)}");
        if (input.FromHour is not { } from) return Invalid("from_hour", "from_hour is required (an hour start, ISO 8601 with offset)");
        if (input.ToHour is not { } to) return Invalid("to_hour", "to_hour is required (an hour start, ISO 8601 with offset)");
        if (ExplanationPeriod.Check(from, to) is { } rangeError) return Invalid(rangeError.StartsWith("from_hour", StringComparison.Ordinal) ? "from_hour" : "to_hour", rangeError);
        var text = input.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > SourceExplanation.TextLength)
            return Invalid("text", $"text must be 1–{SourceExplanation.TextLength} characters");
        long? siteId = null;
        if (!string.IsNullOrWhiteSpace(input.SiteCode))
        {
            var code = input.SiteCode.Trim();
            var site = await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => new { s.Id, s.EnterpriseUscc, s.Kind }).FirstOrDefaultAsync(ct);
            if (site is null || site.EnterpriseUscc != uscc || site.Kind != SiteKind.Source)
                return Invalid("site", $"{code} is not an outlet site (kind source) of enterprise {uscc}");
            siteId = site.Id;
        }
        else if (!await db.Sites.AnyAsync(s => s.EnterpriseUscc == uscc && s.Kind == SiteKind.Source, ct))
            return Invalid("site", $"enterprise {uscc} has no outlet site (kind source) to explain");

        StoredAttachment? stored = null;
        string? attachmentName = null;
        if (file is not null)
        {
            if (attachments is null) return Invalid("file", "this server keeps no attachments (no attachment directory configured)");
            if (ExplanationAttachments.CheckName(file.FileName) is { } nameError) return Invalid("file", nameError);
            var (saved, error) = await attachments.SaveAsync(file.Content, file.FileName, ct);
            if (saved is null) return Invalid("file", error!);
            stored = saved;
            attachmentName = ExplanationAttachments.SafeName(file.FileName);
        }

        var now = _time.GetUtcNow();
        var row = new SourceExplanation
        {
            Uscc = uscc, SiteId = siteId, Reason = reason, FromHour = from.ToUniversalTime(), ToHour = to.ToUniversalTime(), Text = text,
            AttachmentName = attachmentName, AttachmentPath = stored?.RelativePath, AttachmentSha256 = stored?.Sha256, AttachmentBytes = stored?.Bytes,
            State = ExplanationWorkflow.Name(ExplanationState.Submitted),
            SubmittedBy = Cut(actor.Name, SourceExplanation.ActorLength), SubmittedAt = now,
        };
        try
        {
            await using var tx = await AuditTrail.BeginAsync(db, ct);
            db.SourceExplanations.Add(row);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, actor, "explanation.submit", "source_explanation", Id(row), null, Snapshot(row), null, now, ct);
            await tx.CommitAsync(ct);
        }
        catch
        {
            if (stored is not null) attachments!.Delete(stored.RelativePath);
            throw;
        }
        return new(ExplanationOutcomeKind.Ok, row);
    }

    /// <summary>Staff accept (<see cref="ExplanationTrigger.Accept"/>) or reject (<see cref="ExplanationTrigger.Reject"/>,
    /// also the revocation of an accepted one), or the enterprise withdraws (<see cref="ExplanationTrigger.Withdraw"/>), as
    /// <see cref="ExplanationWorkflow"/> permits. A rejection needs a note (the enterprise is told why; SmartEnv rule).
    /// Entering or leaving <c>accepted</c> marks the covered outlet site-days pending in the same transaction: the site, or
    /// every outlet site (kind source) of the enterprise when the explanation names none, on each Beijing day of the range
    /// (<see cref="ExplanationPeriod.BeijingDays"/>). The row is read inside the audited transaction (which holds the audit
    /// chain lock), so two concurrent decisions on one explanation are serialised and the second sees the first's state.</summary>
    /// <param name="db">The caller's context (scoped).</param>
    /// <param name="uscc">The enterprise (from the route).</param>
    /// <param name="id">Explanation id.</param>
    /// <param name="trigger">What is asked.</param>
    /// <param name="isStaff">True when the caller is staff.</param>
    /// <param name="note">Decision note (required for a rejection, ≤ 1,024 characters), or null.</param>
    /// <param name="actor">Who (its name is <c>decided_by</c>).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ExplanationOutcome> TransitionAsync(SmartEnvDbContext db, string uscc, long id, ExplanationTrigger trigger, bool isStaff, string? note,
        AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > SourceExplanation.NoteLength }) return Invalid("note", $"note must be at most {SourceExplanation.NoteLength} characters");
        if (trigger == ExplanationTrigger.Reject && note is null) return Invalid("note", "a rejection states why: note is required");
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        var row = await db.SourceExplanations.SingleOrDefaultAsync(x => x.Id == id && x.Uscc == uscc, ct);
        if (row is null) return new(ExplanationOutcomeKind.NotFound, Message: $"no explanation {id} of enterprise {uscc}");
        var state = Parse(row.State);
        if (!ExplanationWorkflow.Permitted(state, isStaff).Contains(trigger))
        {
            var message = $"an explanation in state {row.State} cannot be {Verb(trigger)} by {(isStaff ? "staff" : "the enterprise")}";
            return ExplanationWorkflow.Permitted(state, !isStaff).Contains(trigger)
                ? new(ExplanationOutcomeKind.Forbidden, Message: message)
                : new(ExplanationOutcomeKind.Conflict, row, Message: message);
        }
        var next = ExplanationWorkflow.Fire(state, trigger, isStaff);
        var before = Snapshot(row);
        var now = _time.GetUtcNow();
        row.State = ExplanationWorkflow.Name(next);
        row.DecidedBy = Cut(actor.Name, SourceExplanation.ActorLength);
        row.DecidedAt = now;
        row.DecisionNote = note;
        await db.SaveChangesAsync(ct);
        if ((state == ExplanationState.Accepted) != (next == ExplanationState.Accepted))
        {
            var sites = row.SiteId is { } one
                ? [one]
                : await db.Sites.Where(s => s.EnterpriseUscc == uscc && s.Kind == SiteKind.Source).Select(s => s.Id).ToListAsync(ct);
            var days = ExplanationPeriod.BeijingDays(row.FromHour, row.ToHour);
            await EvaluationDayMarks.MarkPendingAsync(db, sites.SelectMany(s => days.Select(d => (s, d))), now, ct);
        }
        await AuditTrail.AppendAsync(db, actor, "explanation." + trigger.ToString().ToLowerInvariant(), "source_explanation", Id(row), before, Snapshot(row), note, now, ct);
        await tx.CommitAsync(ct);
        return new(ExplanationOutcomeKind.Ok, row);
    }

    /// <summary>The enterprise's explanations in the context's scope, newest first (at most <paramref name="limit"/>).</summary>
    /// <param name="db">The caller's context.</param>
    /// <param name="uscc">The enterprise.</param>
    /// <param name="state">Only this state (<c>submitted|accepted|rejected|withdrawn</c>), or null for all.</param>
    /// <param name="limit">Most rows (1–1,000).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Null when the enterprise is not in scope; else the rows with their site codes (null = all outlets).</returns>
    public static async Task<List<(SourceExplanation Row, string? SiteCode)>?> ListAsync(SmartEnvDbContext db, string uscc, string? state, int limit = 500, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return null;
        var q = db.SourceExplanations.AsNoTracking().Where(x => x.Uscc == uscc);
        if (state is not null) q = q.Where(x => x.State == state);
        var rows = await q.OrderByDescending(x => x.SubmittedAt).ThenByDescending(x => x.Id).Take(Math.Clamp(limit, 1, 1000)).ToListAsync(ct);
        var ids = rows.Where(r => r.SiteId is not null).Select(r => r.SiteId!.Value).Distinct().ToList();
        var codes = await db.Sites.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        return rows.Select(r => (r, r.SiteId is { } id ? codes.GetValueOrDefault(id) : null)).ToList();
    }

    /// <summary>True when the explanation was filed after the filing window (<see cref="FilingWindowDays"/>).</summary>
    /// <param name="row">A stored explanation.</param>
    public bool FiledLate(SourceExplanation row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return ExplanationPeriod.IsLate(row.ToHour, row.SubmittedAt, FilingWindowDays);
    }

    /// <summary>The accepted explanations covering an outlet's hours (plan §3.2, consumed by the permit evaluation):
    /// <see cref="SourceExplanationCover.AcceptedCoveringAsync"/> over an unrestricted context of the store.</summary>
    /// <param name="siteId">Outlet site id.</param>
    /// <param name="fromHour">First hour start.</param>
    /// <param name="toHour">Last hour start (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<(long Id, string Reason, DateTimeOffset From, DateTimeOffset To)>> AcceptedCoveringAsync(long siteId, DateTimeOffset fromHour, DateTimeOffset toHour, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        return await SourceExplanationCover.AcceptedCoveringAsync(db, siteId, fromHour, toHour, ct);
    }

    /// <summary>The state of a stored row.</summary>
    /// <param name="stored">Stored text (<c>submitted</c> …).</param>
    /// <exception cref="ArgumentException">Not a state.</exception>
    public static ExplanationState Parse(string stored) => Enum.TryParse<ExplanationState>(stored, ignoreCase: true, out var s) && SourceExplanation.States.Contains(stored)
        ? s : throw new ArgumentException($"unknown explanation state '{stored}'", nameof(stored));

    private static ExplanationOutcome Invalid(string field, string message) => new(ExplanationOutcomeKind.Invalid, Field: field, Message: message);

    private static string Verb(ExplanationTrigger t) => t switch
    {
        ExplanationTrigger.Accept => "accepted",
        ExplanationTrigger.Reject => "rejected",
        _ => "withdrawn",
    };

    private static string Id(SourceExplanation row) => row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    private static object Snapshot(SourceExplanation r) => new
    {
        r.Id, r.Uscc, r.SiteId, r.Reason, r.FromHour, r.ToHour, r.Text, r.AttachmentName, r.AttachmentSha256, r.AttachmentBytes,
        r.State, r.SubmittedBy, r.SubmittedAt, r.DecidedBy, r.DecidedAt, r.DecisionNote,
    };
}
