using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Complaints.Statistics;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The <c>enterprises</c> layer (staff only): every registered enterprise at its registry position, coloured by its
/// pollutant discharge permit management category (重点管理 red, 简化管理 orange, 登记管理 blue, not recorded grey; the
/// category is the registry's <see cref="Enterprise.ManagementCategory"/>, 《固定污染源排污许可分类管理名录（2019年版）》).
/// The category, not the credit grade, because every enterprise has one in the registry while grades exist only after an
/// evaluation (docs/map.md). Street from <see cref="Enterprise.StreetCode"/>; page <c>/enterprises/{uscc}</c>. Scoped; not
/// thread-safe.
/// </summary>
public sealed class EnterprisesMapLayer : IMapLayer
{
    /// <inheritdoc />
    public MapLayerInfo Info { get; } = MapTexts.Layer("enterprises", () => Texts.Onemap.LayerEnterprises, false, "rect",
    [
        MapTexts.Category("key", () => Texts.Onemap.CatKey, "#f5222d"),
        MapTexts.Category("simplified", () => Texts.Onemap.CatSimplified, "#fa8c16"),
        MapTexts.Category("registration", () => Texts.Onemap.CatRegistration, "#1677ff"),
        MapTexts.Category("none", () => Texts.Onemap.CatNoCategory, "#bfbfbf"),
    ], 30);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PublicOnly) return []; // never on the public map (Info.Public is false); a defence in depth
        var q = db.Enterprises.AsNoTracking();
        if (query.StreetCode is { } street) q = q.Where(e => e.StreetCode == street);
        var rows = await q.Select(e => new { e.Uscc, e.Name, e.Longitude, e.Latitude, e.StreetCode, e.ManagementCategory, e.Street }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Uscc, StringComparer.Ordinal).Select(r =>
        {
            var cat = r.ManagementCategory switch
            {
                PermitCategory.Key => "key",
                PermitCategory.Simplified => "simplified",
                PermitCategory.Registration => "registration",
                _ => "none",
            };
            return new MapFeature(r.Uscc, r.Name, (double?)r.Longitude, (double?)r.Latitude, cat, r.StreetCode,
                "/enterprises/" + r.Uscc, Info.Categories.First(c => c.Key == cat).NameZh + (r.Street is { } s ? " · " + s : ""));
        })];
    }
}

/// <summary>
/// The <c>outlets</c> layer (staff only): the enterprises' discharge outlets (sites of kind <see cref="SiteKind.Source"/>,
/// code <c>{permit}-{DA###|DW###}</c>, HJ 608-2017 排放口编码), coloured by medium: DA 废气 purple, DW 废水 cyan. Position: the site's, else the permit outlet's, else the owner's registry position; street and page from the owner
/// (<c>/enterprises/{uscc}</c>). Scoped; not thread-safe.
/// </summary>
public sealed class OutletsMapLayer : IMapLayer
{
    /// <inheritdoc />
    public MapLayerInfo Info { get; } = MapTexts.Layer("outlets", () => Texts.Onemap.LayerOutlets, false, "pin",
    [
        MapTexts.Category("air", () => Texts.Onemap.CatOutletAir, "#722ed1"),
        MapTexts.Category("water", () => Texts.Onemap.CatOutletWater, "#13c2c2"),
        MapTexts.Category("other", () => Texts.Onemap.CatOutletOther, "#8c8c8c"),
    ], 35);

    /// <summary>The medium category of an outlet site code: <c>air</c> for <c>…-DA###</c>, <c>water</c> for
    /// <c>…-DW###</c>, else <c>other</c>. Pure.</summary>
    /// <param name="siteCode">Site code <c>{permit number}-{outlet code}</c>.</param>
    public static string CategoryOf(string siteCode)
    {
        ArgumentNullException.ThrowIfNull(siteCode);
        var i = siteCode.LastIndexOf('-');
        var outlet = i < 0 ? siteCode : siteCode[(i + 1)..];
        return outlet.StartsWith("DA", StringComparison.Ordinal) ? "air" : outlet.StartsWith("DW", StringComparison.Ordinal) ? "water" : "other";
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PublicOnly) return [];
        var sites = await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Source && s.EnterpriseUscc != null)
            .Select(s => new { s.Id, s.Code, s.NameZh, s.Longitude, s.Latitude, s.EnterpriseUscc }).ToListAsync(ct);
        var ids = sites.Select(s => s.Id).ToList();
        var permitPos = (await db.PermitOutlets.AsNoTracking().Where(o => ids.Contains(o.SiteId) && o.Longitude != null && o.Latitude != null)
                .Select(o => new { o.Id, o.SiteId, o.Longitude, o.Latitude }).ToListAsync(ct))
            .GroupBy(o => o.SiteId).ToDictionary(g => g.Key, g => g.OrderByDescending(o => o.Id).First());
        var usccs = sites.Select(s => s.EnterpriseUscc!).Distinct().ToList();
        var owners = await db.Enterprises.AsNoTracking().Where(e => usccs.Contains(e.Uscc))
            .Select(e => new { e.Uscc, e.Name, e.Longitude, e.Latitude, e.StreetCode }).ToDictionaryAsync(e => e.Uscc, ct);
        var list = new List<MapFeature>();
        foreach (var s in sites)
        {
            var owner = owners.GetValueOrDefault(s.EnterpriseUscc!);
            if (query.StreetCode is { } street && owner?.StreetCode != street) continue;
            decimal? lon = s.Longitude, lat = s.Latitude;
            if ((lon is null || lat is null) && permitPos.TryGetValue(s.Id, out var p)) (lon, lat) = (p.Longitude, p.Latitude);
            if (lon is null || lat is null) (lon, lat) = (owner?.Longitude, owner?.Latitude);
            list.Add(new MapFeature(s.Code, s.NameZh, (double?)lon, (double?)lat, CategoryOf(s.Code), owner?.StreetCode,
                "/enterprises/" + s.EnterpriseUscc, owner?.Name));
        }
        return [.. list.OrderBy(f => f.Id, StringComparer.Ordinal)];
    }
}

/// <summary>
/// The <c>drinking-water</c> layer (public): the plan names "全区3个城市集中式饮用水水源地" (规划 §5, seed line 417) but no
/// public source we hold gives their names or positions, so the layer is empty and its only legend entry says why — no
/// point is invented. When a public source is found, register the sources as sites and fill this layer from them.
/// Thread-safe (stateless).
/// </summary>
public sealed class DrinkingWaterMapLayer : IMapLayer
{
    /// <inheritdoc />
    public MapLayerInfo Info { get; } = MapTexts.Layer("drinking-water", () => Texts.Onemap.LayerDrinkingWater, true, "roundRect",
    [
        MapTexts.Category("unknown", () => Texts.Onemap.CatDrinkingUnknown, "#2f54eb"),
    ], 20);

    /// <inheritdoc />
    public Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MapFeature>>([]);
}

/// <summary>
/// The <c>complaint-hotspots</c> layer (staff only): complaints registered in the last
/// <see cref="PeriodDays"/> Beijing days up to <see cref="MapLayerQuery.Today"/> (every state), clustered per street into
/// the 500 m cells of the 信访投诉 hotspot map (<see cref="HotspotGrid"/>, the rule of <c>/complaints/map</c>), one feature
/// per occupied cell at the mean position of its cases, coloured by its count (1 件 yellow, 2–4 件 orange, ≥5 件 red).
/// Cases without coordinates form one unplaced feature per street (or 未定位街道). Never reads who complained. Page
/// <c>/complaints/map</c>. Scoped; not thread-safe.
/// </summary>
public sealed class ComplaintHotspotsMapLayer : IMapLayer
{
    /// <summary>Days of the period, ending today (the hotspot page's default, <c>ComplaintStatisticsService.DefaultPeriodDays</c>).</summary>
    public const int PeriodDays = 90;

    /// <summary>Cell edge, metres (the hotspot page's default).</summary>
    public const double CellMetres = 500;

    /// <inheritdoc />
    public MapLayerInfo Info { get; } = MapTexts.Layer("complaint-hotspots", () => Texts.Onemap.LayerComplaintHotspots, false, "circle",
    [
        MapTexts.Category("one", () => Texts.Onemap.CatOneCase, "#fadb14"),
        MapTexts.Category("few", () => Texts.Onemap.CatFewCases, "#fa8c16"),
        MapTexts.Category("many", () => Texts.Onemap.CatManyCases, "#cf1322"),
    ], 70);

    /// <summary>The category of a cell with <paramref name="count"/> cases: 1 → one, 2–4 → few, ≥5 → many. Pure.</summary>
    /// <param name="count">Cases (≥1).</param>
    public static string CategoryOf(int count) => count >= 5 ? "many" : count >= 2 ? "few" : "one";

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PublicOnly) return [];
        var from = query.Today.AddDays(-(PeriodDays - 1));
        var q = db.Complaints.AsNoTracking().Where(c => c.RegisteredOn >= from && c.RegisteredOn <= query.Today);
        if (query.StreetCode is { } street) q = q.Where(c => c.StreetCode == street);
        var rows = await q.Select(c => new { c.Number, c.Latitude, c.Longitude, c.StreetCode }).ToListAsync(ct);
        var list = new List<MapFeature>();
        foreach (var g in rows.GroupBy(r => r.StreetCode ?? ""))
        {
            var streetName = DistrictStreets.Find(g.Key)?.Name ?? "未定位街道";
            var located = g.Where(r => r.Latitude is not null && r.Longitude is not null).ToList();
            foreach (var h in HotspotGrid.Cluster([.. located.Select(r => (r.Latitude!.Value, r.Longitude!.Value, r.Number))], CellMetres))
                list.Add(new MapFeature($"{(g.Key == "" ? "none" : g.Key)}:{h.Column}:{h.Row}", $"{streetName} {h.Count} 件", h.Longitude, h.Latitude,
                    CategoryOf(h.Count), g.Key == "" ? null : g.Key, "/complaints/map", string.Join("、", h.Numbers.Take(5))));
            var unlocated = g.Count() - located.Count;
            if (unlocated > 0)
                list.Add(new MapFeature($"{(g.Key == "" ? "none" : g.Key)}:unlocated", $"{streetName} 无坐标 {unlocated} 件", null, null,
                    CategoryOf(unlocated), g.Key == "" ? null : g.Key, "/complaints/map"));
        }
        return [.. list.OrderBy(f => f.Id, StringComparer.Ordinal)];
    }
}
