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
    public static async Task<IReadOnlyDictionary<string, StoredCreditGrade>> CurrentAsync(SmartEnvDbContext db, IReadOnlyCollection<string> usccs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(usccs);
        var list = usccs.Distinct(StringComparer.Ordinal).ToList();
        var evaluations = await db.CreditEvaluations.AsNoTracking().Where(e => list.Contains(e.Uscc))
            .Select(e => new { e.Id, e.Uscc, e.Year, e.Grade, e.EvaluatedAt }).ToListAsync(ct);
        var events = await db.CreditGradeEvents.AsNoTracking().Where(e => list.Contains(e.Uscc))
            .Select(e => new { e.Id, e.Uscc, e.ToGrade, e.RecordedAt }).ToListAsync(ct);
        var result = new Dictionary<string, StoredCreditGrade>(StringComparer.Ordinal);
        foreach (var uscc in list)
        {
            var latest = evaluations.Where(e => e.Uscc == uscc).OrderByDescending(e => e.Year).ThenByDescending(e => e.Id).FirstOrDefault();
            var since = latest?.EvaluatedAt ?? DateTimeOffset.MinValue;
            var change = events.Where(e => e.Uscc == uscc && e.RecordedAt >= since).OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id).FirstOrDefault();
            if (change is not null) result[uscc] = change.ToGrade;
            else if (latest is not null) result[uscc] = latest.Grade;
        }
        return result;
    }
}
