using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>One water section row.</summary>
/// <param name="Code">Section code.</param>
/// <param name="Name">Name in the current language.</param>
/// <param name="WaterBody">River.</param>
/// <param name="ControlLevel">国控/市控/区控.</param>
/// <param name="TargetClass">GB 3838-2002 target class I…V, or null when not published.</param>
/// <param name="Values">Number of stored values.</param>
/// <param name="LatestEnd">Time (UTC) of the latest stored value, or null.</param>
/// <param name="Note">Registry note.</param>
public sealed record WaterSectionRow(string Code, string Name, string? WaterBody, ControlLevel? ControlLevel, string? TargetClass,
    int Values, DateTimeOffset? LatestEnd, string? Note);

/// <summary>
/// Water view model: the sections of the registry with their target class and how much data the store holds. The
/// class of a sample (GB 3838-2002 single-factor assessment) is shown once water data and its engine are in the store;
/// until then the page says so. Scoped; not thread-safe.
/// </summary>
/// <param name="db">Store context.</param>
public sealed class WaterService(SmartEnvDbContext db)
{
    /// <summary>Water sections, registry order.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<WaterSectionRow>> SectionsAsync(CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Water).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var stats = (await db.Observations.AsNoTracking().Where(o => ids.Contains(o.SiteId)).GroupBy(o => o.SiteId)
            .Select(g => new { g.Key, N = g.Count(), Last = g.Max(o => o.DataTime) }).ToListAsync(ct)).ToDictionary(x => x.Key);
        return sites.Select(s => new WaterSectionRow(s.Code, AirService.Name(s), s.WaterBody, s.ControlLevel, s.WaterTargetClass,
            stats.TryGetValue(s.Id, out var st) ? st.N : 0, stats.TryGetValue(s.Id, out var st2) ? st2.Last : null, s.Note)).ToList();
    }
}
