using Microsoft.EntityFrameworkCore;
using SmartEnv.Complaints.Handling;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Signals;

/// <summary>
/// One complaint against an enterprise whose check found it 属实 or 部分属实 — what the 一企一档 file, the inspection
/// module (双随机 targeting, follow-up checks) and the credit module (社会监督 indicators) read. It carries the case, never
/// the reporter: no name, phone, e-mail, content, photos or address (supervision.md §5; issue 18 "reporter privacy").
/// Immutable; thread-safe.
/// </summary>
/// <param name="Number">Case number (<c>TS</c> + yyyyMMdd + 4 digits).</param>
/// <param name="RegisteredOn">Beijing date the case was registered (the period is counted on it).</param>
/// <param name="RegisteredAt">Instant of registration (UTC).</param>
/// <param name="Types">Pollution type codes of complaint-categories.tsv (top-level and sub-types), ordinal order.</param>
/// <param name="Verification"><see cref="Supervision.Complaints.Verification.True"/> (属实) or
/// <see cref="Supervision.Complaints.Verification.PartlyTrue"/> (部分属实); never <c>False</c>.</param>
/// <param name="CheckedAt">When the check was recorded (UTC), or null when the store has none.</param>
/// <param name="RepliedAt">When the written reply was given (UTC), or null (checked, not yet replied).</param>
/// <param name="State">Workflow state as stored, snake_case (<c>replied</c>, <c>closed</c>, <c>under_review</c>, …).</param>
public sealed record VerifiedComplaint(string Number, DateOnly RegisteredOn, DateTimeOffset RegisteredAt, IReadOnlyList<string> Types,
    Verification Verification, DateTimeOffset? CheckedAt, DateTimeOffset? RepliedAt, string State);

/// <summary>How many complaints name an enterprise in a period. Immutable; thread-safe.</summary>
/// <param name="Named">Every case whose reported unit is the enterprise (any state, merged duplicates and 不予受理 included:
/// each is one complaint received).</param>
/// <param name="Verified">Of those, the cases found 属实 or 部分属实, merged duplicates excluded (one matter counts once,
/// as in <see cref="ComplaintSignals.VerifiedAgainstAsync"/>).</param>
public sealed record ComplaintCounts(int Named, int Verified);

/// <summary>
/// Signals of the complaints module that later modules read (plan issue 18 §2, P7): the complaints against one enterprise
/// (<c>complaints.reported_uscc</c>) found 属实 / 部分属实 in a period, and the counts of the 一企一档 tab. Source: issue 18
/// "a verified complaint (属实) against an enterprise appears on its 一企一档 and counts for the inspection and credit
/// modules"; which findings count (属实 and 部分属实), that merged duplicates count once, and that the period is the
/// registration date are SmartEnv rules (the credit method's indicator text was not read: supervision.md §7.1 [U]).
/// <para>
/// The complaint tables carry the EF query filter "only <see cref="DataScope.All"/>": through a context of an enterprise
/// user or of the public these return nothing (empty list, zero counts), so call them with the job's or staff's context.
/// Stateless; thread-safe as far as the given context is (one context per caller, as EF Core requires).
/// </para>
/// </summary>
public static class ComplaintSignals
{
    /// <summary>The cases whose reported unit is <paramref name="uscc"/>, found 属实 or 部分属实, registered on a Beijing date in
    /// [<paramref name="from"/>, <paramref name="to"/>] (both inclusive), oldest first (registration instant, then number).
    /// A duplicate merged into another case (<c>merged_into_id</c> set) is left out: the master carries the handling, so one
    /// matter counts once. The verification is the current one (a 复查/复核 that changed it counts as changed).</summary>
    /// <param name="db">An unscoped (staff or job) context; an enterprise or public scope yields an empty list.</param>
    /// <param name="uscc">统一社会信用代码 of the enterprise (trimmed, compared upper case).</param>
    /// <param name="from">First registration date, inclusive.</param>
    /// <param name="to">Last registration date, inclusive.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The cases; none when <paramref name="to"/> is before <paramref name="from"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="uscc"/> is null.</exception>
    public static async Task<IReadOnlyList<VerifiedComplaint>> VerifiedAgainstAsync(SmartEnvDbContext db, string uscc, DateOnly from, DateOnly to,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(uscc);
        var code = uscc.Trim().ToUpperInvariant();
        if (to < from || code.Length == 0) return [];
        var rows = await db.Complaints.AsNoTracking()
            .Where(c => c.ReportedUscc == code && c.MergedIntoId == null
                && (c.Verification == StoredVerification.True || c.Verification == StoredVerification.PartlyTrue)
                && c.RegisteredOn >= from && c.RegisteredOn <= to)
            .Select(c => new { c.Id, c.Number, c.RegisteredOn, c.RegisteredAt, c.Verification, c.CheckedAt, c.RepliedAt, c.State })
            .ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var types = (await db.ComplaintTypes.AsNoTracking().Where(t => ids.Contains(t.ComplaintId)).Select(t => new { t.ComplaintId, t.Code }).ToListAsync(ct))
            .ToLookup(t => t.ComplaintId, t => t.Code);
        return rows
            .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new VerifiedComplaint(r.Number, r.RegisteredOn, r.RegisteredAt, [.. types[r.Id].Order(StringComparer.Ordinal)],
                r.Verification == StoredVerification.True ? Verification.True : Verification.PartlyTrue, r.CheckedAt, r.RepliedAt, ComplaintNames.Snake(r.State)))
            .ToList();
    }

    /// <summary>How many cases name <paramref name="uscc"/> and how many of them were found 属实 / 部分属实, registered on a
    /// Beijing date in [<paramref name="from"/>, <paramref name="to"/>] (inclusive; null = unbounded on that side).</summary>
    /// <param name="db">An unscoped (staff or job) context; an enterprise or public scope yields zeros.</param>
    /// <param name="uscc">统一社会信用代码 (trimmed, compared upper case).</param>
    /// <param name="from">First registration date, inclusive, or null.</param>
    /// <param name="to">Last registration date, inclusive, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The counts (<see cref="ComplaintCounts"/> says what each includes).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="uscc"/> is null.</exception>
    public static async Task<ComplaintCounts> CountAgainstAsync(SmartEnvDbContext db, string uscc, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(uscc);
        var code = uscc.Trim().ToUpperInvariant();
        var q = db.Complaints.AsNoTracking().Where(c => c.ReportedUscc == code);
        if (from is { } f) q = q.Where(c => c.RegisteredOn >= f);
        if (to is { } t) q = q.Where(c => c.RegisteredOn <= t);
        var named = await q.CountAsync(ct);
        var verified = named == 0 ? 0 : await q.CountAsync(c => c.MergedIntoId == null
            && (c.Verification == StoredVerification.True || c.Verification == StoredVerification.PartlyTrue), ct);
        return new ComplaintCounts(named, verified);
    }
}
