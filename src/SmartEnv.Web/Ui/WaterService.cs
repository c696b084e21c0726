using Microsoft.EntityFrameworkCore;
using SmartEnv.Pipeline;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui;

/// <summary>One water section row.</summary>
/// <param name="Code">Section code.</param>
/// <param name="Name">Name in the current language.</param>
/// <param name="WaterBody">River.</param>
/// <param name="ControlLevel">国控/市控/区控.</param>
/// <param name="TargetClass">GB 3838-2002 target class I…V as stored in the registry, or null when not published.</param>
/// <param name="Values">Number of stored values.</param>
/// <param name="LatestEnd">Time (UTC) of the latest stored value, or null.</param>
/// <param name="Note">Registry note.</param>
/// <param name="SampleTime">Time (UTC) of the latest sample with a GB 3838 item value, or null when none.</param>
/// <param name="Latest">Single-factor assessment of that sample over <see cref="WaterService.ItemSet"/>, or null.</param>
/// <param name="Target">Target class parsed, or null.</param>
/// <param name="MeetsTarget">达标 (true) / 超标 (false) of the latest class against the target; null without either.</param>
public sealed record WaterSectionRow(string Code, string Name, string? WaterBody, ControlLevel? ControlLevel, string? TargetClass,
    int Values, DateTimeOffset? LatestEnd, string? Note, DateTimeOffset? SampleTime = null, WaterAssessment? Latest = null,
    WaterClass? Target = null, bool? MeetsTarget = null);

/// <summary>
/// Water view model: the sections of the registry with their target class and, from the stored observations, the
/// latest sample's GB 3838-2002 single-factor assessment (class, per-item class, 超标倍数, 主要污染指标) over the
/// <c>auto-5</c> item set the national automatic stations publish (pH, DO, CODMn, NH3-N, TP), and 达标/超标 against the
/// target (GB 3838-2002 §5.1). Sections are treated as rivers. Scoped; not thread-safe.
/// </summary>
/// <param name="db">Store context.</param>
public sealed class WaterService(SmartEnvDbContext db)
{
    /// <summary>Item set of the page's class: <see cref="WaterItemSets.Auto5"/> ("auto-5").</summary>
    public static IReadOnlyList<WaterItem> ItemSet => WaterItemSets.Auto5;

    /// <summary>Water sections, registry order.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<WaterSectionRow>> SectionsAsync(CancellationToken ct = default)
    {
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Water).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var stats = (await db.Observations.AsNoTracking().Where(o => ids.Contains(o.SiteId)).GroupBy(o => o.SiteId)
            .Select(g => new { g.Key, N = g.Count(), Last = g.Max(o => o.DataTime) }).ToListAsync(ct)).ToDictionary(x => x.Key);
        var withData = stats.Keys.ToList();
        var samples = await WaterSamples.ReadAsync(db, withData, null, null, ct);
        var rows = new List<WaterSectionRow>();
        foreach (var s in sites)
        {
            stats.TryGetValue(s.Id, out var st);
            WaterClass? target = WaterClassText.TryParse(s.WaterTargetClass, out var t) ? t : null;
            var last = samples.TryGetValue(s.Id, out var list)
                ? list.LastOrDefault(x => ItemSet.Any(i => x.Values.ContainsKey(i))) : null;
            var a = last is null ? null : WaterClassifier.Classify(last.Values, ItemSet);
            bool? meets = a?.Class is { } c && target is { } tc ? WaterClassifier.MeetsTarget(c, tc) : null;
            rows.Add(new WaterSectionRow(s.Code, AirService.Name(s), s.WaterBody, s.ControlLevel, s.WaterTargetClass,
                st?.N ?? 0, st?.Last, s.Note, last?.Time, a, target, meets));
        }
        return rows;
    }
}
