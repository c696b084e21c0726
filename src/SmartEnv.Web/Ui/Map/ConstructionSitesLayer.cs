using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The 一张图 layer <c>construction-sites</c> (issue 20): every construction site at its position, categorised by its latest
/// stored 红黄绿牌 card (<c>green</c>, <c>yellow</c>, <c>red</c>; <c>none</c> before the first evaluation). Public: the public
/// map shows the project name and the card colour only — never monitor values (the detail line is the card's month);
/// staff get the link to the site page <c>/construction/{code}</c>. Reads through the caller's context; safe once per
/// request (not concurrently).
/// </summary>
public sealed class ConstructionSitesLayer : IMapLayer
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
        var sites = query.PublicOnly ? db.ConstructionSites.IgnoreQueryFilters() : db.ConstructionSites;
        var list = await sites.AsNoTracking().Where(s => query.StreetCode == null || s.StreetCode == query.StreetCode)
            .Select(s => new { s.Id, s.Code, s.ProjectName, s.Longitude, s.Latitude, s.StreetCode }).ToListAsync(ct);
        var ids = list.Select(s => s.Id).ToList();
        var cards = (await db.ConstructionCards.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.ConstructionSiteId))
                .Select(c => new { c.Id, c.ConstructionSiteId, c.Month, c.Colour }).ToListAsync(ct))
            .GroupBy(c => c.ConstructionSiteId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Month).ThenByDescending(c => c.Id).First());
        return [.. list.OrderBy(s => s.Code, StringComparer.Ordinal).Select(s =>
        {
            var card = cards.GetValueOrDefault(s.Id);
            return new MapFeature(s.Code, s.ProjectName, (double?)s.Longitude, (double?)s.Latitude, card?.Colour ?? "none", s.StreetCode,
                query.PublicOnly ? null : "/construction/" + s.Code, card is null ? null : card.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
        })];
    }
}
