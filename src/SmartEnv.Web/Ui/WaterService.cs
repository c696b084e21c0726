using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
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
/// <param name="InDistrict">False for a section outside the district (<see cref="Site.InDistrict"/>).</param>
public sealed record WaterSectionRow(string Code, string Name, string? WaterBody, ControlLevel? ControlLevel, string? TargetClass,
    int Values, DateTimeOffset? LatestEnd, string? Note, DateTimeOffset? SampleTime = null, WaterAssessment? Latest = null,
    WaterClass? Target = null, bool? MeetsTarget = null, bool InDistrict = true);

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

    /// <summary>The item of <see cref="ItemSet"/> whose GB 3838 Table 1 key is <paramref name="key"/> (e.g. <c>codmn</c>, as in
    /// the page's <c>?item=</c>); false for another key or an item outside the set.</summary>
    /// <param name="key">Item key, or null.</param>
    /// <param name="item">The item when found.</param>
    public static bool TryItem(string? key, out WaterItem item)
    {
        item = default;
        return key is not null && Gb3838Table1.TryGetByKey(key, out item) && ItemSet.Contains(item);
    }

    /// <summary>GB 3838 Table 1 key of an item (the inverse of <see cref="TryItem"/>).</summary>
    /// <param name="item">The item.</param>
    public static string ItemKey(WaterItem item) => Gb3838Table1.Get(item).Key;

    /// <summary>Rows per page of the 水 page's sections table.</summary>
    public const int PageSize = 20;

    /// <summary>Water sections, the district's first, then registry order: the public ones, and all for an admin.</summary>
    /// <param name="includeNonPublic">Include non-public sites (admin).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<List<WaterSectionRow>> SectionsAsync(bool includeNonPublic = false, CancellationToken ct = default) =>
        await RowsAsync(await Visible(includeNonPublic).OrderByDescending(s => s.InDistrict).ThenBy(s => s.Id).ToListAsync(ct), ct);

    /// <summary>
    /// One page of the sections table: the visible sections (public ones; all for an admin) whose name, code or water body
    /// contains <paramref name="filter"/> (case-insensitive for Latin letters), the district's first, then registry order;
    /// only the page's sections are assessed, so a registry holding a national file's 1,600 sections stays fast.
    /// </summary>
    /// <param name="includeNonPublic">Include non-public sites (admin).</param>
    /// <param name="filter">Text to look for, or null/blank for all.</param>
    /// <param name="page">1-based page; clamped to 1…last page.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<WaterSectionPage> PageAsync(bool includeNonPublic, string? filter, int page, CancellationToken ct = default)
    {
        var q = Visible(includeNonPublic);
        if (filter?.Trim() is { Length: > 0 } f)
        {
            var lower = f.ToLowerInvariant();
            q = q.Where(s => s.NameZh.Contains(f) || s.Code.ToLower().Contains(lower) || (s.NameEn != null && s.NameEn.ToLower().Contains(lower))
                || (s.WaterBody != null && s.WaterBody.Contains(f)));
        }
        var total = await q.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var sites = await q.OrderByDescending(s => s.InDistrict).ThenBy(s => s.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return new WaterSectionPage(await RowsAsync(sites, ct), total, page, pages);
    }

    private IQueryable<Site> Visible(bool includeNonPublic) =>
        db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Water && (includeNonPublic || s.IsPublic));

    private async Task<List<WaterSectionRow>> RowsAsync(List<Site> sites, CancellationToken ct)
    {
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
                st?.N ?? 0, st?.Last, s.Note, last?.Time, a, target, meets, s.InDistrict));
        }
        return rows;
    }

    /// <summary>
    /// Samples of one section in (end − <paramref name="window"/>, end], where end is the section's latest sample with an
    /// item of <see cref="ItemSet"/>; each classified by <see cref="WaterClassifier.Classify"/> over <see cref="ItemSet"/>
    /// (river limits). Samples without any item of the set are left out. An unknown code or a section without samples
    /// gives an empty trend.
    /// </summary>
    /// <param name="code">Section code.</param>
    /// <param name="window">Window length, or null for all samples.</param>
    /// <param name="includeNonPublic">Also for a non-public section (admin); otherwise such a section has an empty trend.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<WaterTrend> TrendAsync(string code, TimeSpan? window, bool includeNonPublic = false, CancellationToken ct = default)
    {
        var site = await Visible(includeNonPublic).FirstOrDefaultAsync(s => s.Code == code, ct);
        if (site is null) return new WaterTrend(code, null, null, []);
        WaterClass? target = WaterClassText.TryParse(site.WaterTargetClass, out var t) ? t : null;
        var samples = await WaterSamples.ReadAsync(db, [site.Id], null, null, ct);
        var list = samples.TryGetValue(site.Id, out var l)
            ? l.Select(x => x.Values.Where(v => ItemSet.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value))
                .Zip(l, (v, x) => (x.Time, Values: v)).Where(x => x.Values.Count > 0).ToList()
            : [];
        if (list.Count == 0) return new WaterTrend(code, target, null, []);
        var end = list[^1].Time;
        var points = list.Where(x => window is not { } w || x.Time > end - w)
            .Select(x => new WaterTrendPoint(x.Time, x.Values, WaterClassifier.Classify(x.Values, ItemSet))).ToList();
        return new WaterTrend(code, target, end, points);
    }
}

/// <summary>One page of the sections table.</summary>
/// <param name="Rows">The page's sections.</param>
/// <param name="Total">Sections matching the filter, all pages.</param>
/// <param name="Page">This page, 1-based.</param>
/// <param name="Pages">Number of pages (at least 1).</param>
public sealed record WaterSectionPage(IReadOnlyList<WaterSectionRow> Rows, int Total, int Page, int Pages);

/// <summary>One sample of a section's trend.</summary>
/// <param name="Time">Sample time (UTC instant; shown in Beijing time).</param>
/// <param name="Values">The sample's <see cref="WaterService.ItemSet"/> values as stored (mg/L; pH dimensionless).</param>
/// <param name="Assessment">GB 3838-2002 single-factor assessment of the sample over <see cref="WaterService.ItemSet"/>.</param>
public sealed record WaterTrendPoint(DateTimeOffset Time, IReadOnlyDictionary<WaterItem, decimal> Values, WaterAssessment Assessment);

/// <summary>Trend of one section: its samples in a window ending at its latest sample.</summary>
/// <param name="Code">Section code.</param>
/// <param name="Target">Target class, or null when not published.</param>
/// <param name="End">Time (UTC) of the section's latest sample with an item of <see cref="WaterService.ItemSet"/>, or null.</param>
/// <param name="Points">Samples in (End − window, End], time order; empty without data.</param>
public sealed record WaterTrend(string Code, WaterClass? Target, DateTimeOffset? End, IReadOnlyList<WaterTrendPoint> Points);

/// <summary>Trend windows of the water page, each ending at the section's latest sample.</summary>
public static class WaterTrendWindows
{
    /// <summary>Window keys in display order: <c>24h</c>, <c>7d</c>, <c>30d</c>, <c>all</c>.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["24h", "7d", "30d", "all"];

    /// <summary>Length of a window; null for <c>all</c>.</summary>
    /// <param name="key">One of <see cref="Keys"/>.</param>
    /// <exception cref="ArgumentException">The key is not one of <see cref="Keys"/>.</exception>
    public static TimeSpan? Span(string key) => key switch
    {
        "24h" => TimeSpan.FromHours(24),
        "7d" => TimeSpan.FromDays(7),
        "30d" => TimeSpan.FromDays(30),
        "all" => null,
        _ => throw new ArgumentException($"unknown trend window '{key}' (24h, 7d, 30d, all)", nameof(key)),
    };
}
