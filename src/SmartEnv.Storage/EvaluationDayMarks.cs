using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Marks site-days pending in <c>evaluation_days</c> inside the caller's transaction, so the mark commits with the values
/// that caused it (issue 15: marks kept in memory until the next evaluation round were lost when the process was killed
/// in between, and a day computed from the older data then stayed <c>done</c>). Each mark raises the day's
/// <see cref="EvaluationDay.Generation"/> with <c>generation = generation + 1</c> in SQL (never a value read earlier), so a
/// claim computing older data sees the change (<c>EvaluationClaims</c>). Days are updated in (site, day) order so that two
/// instances marking overlapping days cannot deadlock. Not thread-safe (uses the caller's context).
/// </summary>
public static class EvaluationDayMarks
{
    /// <summary>Marks the days pending (state <c>pending</c>, error and retry time cleared, generation raised); a day without a
    /// row gets one. Call inside an open transaction of <paramref name="db"/>.</summary>
    /// <param name="db">Context whose transaction the marks join.</param>
    /// <param name="days">(site id, natural day in Beijing time); duplicates are ignored.</param>
    /// <param name="now">Time written to <c>updated_at</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="DbUpdateException">Another writer inserted the same new day at the same moment (unique key): the
    /// caller's batch fails and is retried, when the row exists.</exception>
    public static async Task MarkPendingAsync(SmartEnvDbContext db, IEnumerable<(long SiteId, DateOnly Day)> days, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(days);
        now = now.ToUniversalTime();
        var added = false;
        foreach (var (site, day) in days.Distinct().OrderBy(d => d.SiteId).ThenBy(d => d.Day))
        {
            var n = await db.EvaluationDays.Where(e => e.SiteId == site && e.Day == day).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Generation, e => e.Generation + 1)
                .SetProperty(e => e.State, EvaluationState.Pending)
                .SetProperty(e => e.LastError, (string?)null)
                .SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(e => e.UpdatedAt, now), ct);
            if (n > 0) continue;
            db.EvaluationDays.Add(new EvaluationDay { SiteId = site, Day = day, State = EvaluationState.Pending, Generation = 1, UpdatedAt = now });
            added = true;
        }
        if (added) await db.SaveChangesAsync(ct);
    }
}
