using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage;

/// <summary>
/// Which accepted 异常说明 cover an outlet's hours (issue 16, plan §3.2): the read the hourly permit evaluation
/// (<c>SmartEnv.Compliance</c>) makes to set <c>source_hours.explanation_id</c> and the excused hours of the day rates, in
/// its own context and transaction. Kept in the store layer because Compliance does not reference <c>SmartEnv.Sources</c>;
/// <c>SmartEnv.Sources.Explanations.ExplanationService.AcceptedCoveringAsync</c> is the same query over a context of its
/// own. Static; thread-safe (uses the caller's context, which is not).
/// </summary>
public static class SourceExplanationCover
{
    /// <summary>The accepted explanations of the site's owner that name this site or all its outlets (site null) and
    /// overlap the hour starts [<paramref name="fromHour"/>, <paramref name="toHour"/>] (inclusive), ordered by id.
    /// When several cover one hour, the caller decides which it records (docs/sources.md "Explanations": the evaluation
    /// takes the highest id). Reads through <paramref name="db"/>'s scope; a job passes an unrestricted context. A site no
    /// enterprise owns, or no such site: empty.</summary>
    /// <param name="db">Context (jobs: <see cref="SmartEnvStore.CreateContext()"/>).</param>
    /// <param name="siteId">Outlet site id.</param>
    /// <param name="fromHour">First hour start of interest.</param>
    /// <param name="toHour">Last hour start of interest (inclusive).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>(explanation id, reason <c>shutdown|maintenance|fault|other</c>, its first and last covered hour start, UTC).</returns>
    public static async Task<IReadOnlyList<(long Id, string Reason, DateTimeOffset From, DateTimeOffset To)>> AcceptedCoveringAsync(
        SmartEnvDbContext db, long siteId, DateTimeOffset fromHour, DateTimeOffset toHour, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var owner = await db.Sites.AsNoTracking().Where(s => s.Id == siteId).Select(s => s.EnterpriseUscc).FirstOrDefaultAsync(ct);
        if (owner is null) return [];
        var rows = await db.SourceExplanations.AsNoTracking()
            .Where(x => x.Uscc == owner && x.State == "accepted" && (x.SiteId == null || x.SiteId == siteId) && x.FromHour <= toHour && x.ToHour >= fromHour)
            .OrderBy(x => x.Id)
            .Select(x => new { x.Id, x.Reason, x.FromHour, x.ToHour })
            .ToListAsync(ct);
        return rows.Select(x => (x.Id, x.Reason, x.FromHour, x.ToHour)).ToList();
    }
}
