using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities.Credit;

namespace SmartEnv.Storage;

/// <summary>
/// The current environmental-credit grade of enterprises as stored (issue 19): the grade of the latest evaluation (highest
/// year, then highest id), replaced by the latest event-driven change (<c>credit_grade_events</c>) recorded after that
/// evaluation; no grade when neither exists. Read by the draw (grade strata) and by the credit job. Static; thread-safe
/// (each call uses the caller's context, which is not).
/// </summary>
public static class CreditGrades
{
    /// <summary>The current grade of each USCC of <paramref name="usccs"/> that has one (absent from the result: no grade).</summary>
    /// <param name="db">A context that sees the enterprises' credit rows (staff or job scope).</param>
    /// <param name="usccs">The enterprises.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>USCC → grade.</returns>
    public static async Task<IReadOnlyDictionary<string, StoredCreditGrade>> CurrentAsync(SmartEnvDbContext db, IReadOnlyCollection<string> usccs, CancellationToken ct = default) =>
        (await CurrentSourcesAsync(db, usccs, ct)).ToDictionary(kv => kv.Key, kv => kv.Value.Grade, StringComparer.Ordinal);

    /// <summary>The current grade of each USCC that has one, with the record it comes from (the one rule of this class).</summary>
    /// <param name="db">A context that sees the enterprises' credit rows (staff or job scope).</param>
    /// <param name="usccs">The enterprises.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>USCC → the grade and its source.</returns>
    public static async Task<IReadOnlyDictionary<string, CurrentCreditGrade>> CurrentSourcesAsync(SmartEnvDbContext db, IReadOnlyCollection<string> usccs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(usccs);
        var list = usccs.Distinct(StringComparer.Ordinal).ToList();
        var evaluations = await db.CreditEvaluations.AsNoTracking().Where(e => list.Contains(e.Uscc))
            .Select(e => new { e.Id, e.Uscc, e.Year, e.Grade, e.EvaluatedAt }).ToListAsync(ct);
        var events = await db.CreditGradeEvents.AsNoTracking().Where(e => list.Contains(e.Uscc))
            .Select(e => new { e.Id, e.Uscc, e.ToGrade, e.RecordedAt }).ToListAsync(ct);
        var result = new Dictionary<string, CurrentCreditGrade>(StringComparer.Ordinal);
        foreach (var uscc in list)
        {
            var latest = evaluations.Where(e => e.Uscc == uscc).OrderByDescending(e => e.Year).ThenByDescending(e => e.Id).FirstOrDefault();
            var since = latest?.EvaluatedAt ?? DateTimeOffset.MinValue;
            var change = events.Where(e => e.Uscc == uscc && e.RecordedAt >= since).OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id).FirstOrDefault();
            if (change is not null) result[uscc] = new CurrentCreditGrade(change.ToGrade, latest?.Year, "G" + change.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), change.RecordedAt);
            else if (latest is not null) result[uscc] = new CurrentCreditGrade(latest.Grade, latest.Year, "E" + latest.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), latest.EvaluatedAt);
        }
        return result;
    }
}

/// <summary>An enterprise's current credit grade and where it comes from (<see cref="CreditGrades.CurrentSourcesAsync"/>).
/// Immutable; thread-safe.</summary>
/// <param name="Grade">The grade.</param>
/// <param name="Year">The year of the latest evaluation (null only when there is none).</param>
/// <param name="RecordId">The record that set it: <c>E</c> + evaluation id or <c>G</c> + grade-event id.</param>
/// <param name="Since">When that record was stored (evaluated-at or recorded-at, UTC instant).</param>
public sealed record CurrentCreditGrade(StoredCreditGrade Grade, int? Year, string RecordId, DateTimeOffset Since);
