using SmartEnv.Construction;
using SmartEnv.Storage;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The 一张图 layer <c>construction-sites</c> (issue 20): every construction site at its position, categorised by its latest
/// stored 红黄绿牌 card (<c>green</c>, <c>yellow</c>, <c>red</c>; <c>none</c> before the first evaluation). Public: the public
/// map shows the project name and the card colour only — never monitor values (the detail line is the card's month);
/// staff get the link to the site page <c>/construction/{code}</c>. Reads through the caller's context; safe once per
/// request (not concurrently). The sites and their latest cards come from <see cref="ConstructionService.ListAsync"/>, the
/// read path of the site list, so the map never decides "the latest card" on its own.
/// </summary>
/// <param name="time">Clock (the app's; the system clock when null). The list reads no time today.</param>
public sealed class ConstructionSitesLayer(TimeProvider? time = null) : IMapLayer
{
    /// <summary>The layer key.</summary>
    public const string Key = "construction-sites";

    /// <inheritdoc />
    public MapLayerInfo Info { get; } = new(Key, "建筑工地", "Construction sites", Public: true, Symbol: "triangle",
    [
        new MapCategory("green", "绿牌", "Green card", "#2e7d32"),
        new MapCategory("yellow", "黄牌", "Yellow card", "#f9a825"),
        new MapCategory("red", "红牌", "Red card", "#c62828"),
        new MapCategory("none", "未评定", "Not yet evaluated", "#9e9e9e"),
    ], Order: 60);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        // The public map shows every registered site (a site is public information on the 住建 board at its gate); the
        // staff query runs in the caller's scope.
        var rows = await new ConstructionService(db, time ?? TimeProvider.System).ListAsync(query.PublicOnly, ct);
        return [.. rows.Where(r => query.StreetCode == null || r.Site.StreetCode == query.StreetCode).OrderBy(r => r.Site.Code, StringComparer.Ordinal).Select(r =>
            new MapFeature(r.Site.Code, r.Site.ProjectName, (double?)r.Site.Longitude, (double?)r.Site.Latitude, r.LatestCard?.Colour ?? "none", r.Site.StreetCode,
                query.PublicOnly ? null : "/construction/" + r.Site.Code,
                r.LatestCard is null ? null : r.LatestCard.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))];
    }
}
