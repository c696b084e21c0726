using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The <c>drainage-outlets</c> layer (public): every registered 入河排水口 at its position, coloured by its 整治 status
/// (未整治 red, 整治中 orange, 已整治 blue, 已规范化 green; statuses of <c>drainage-rules.tsv</c>). Public because the
/// outlet's name, receiving river and 整治 status are what rectification notices publish; the public feature carries only
/// those (no responsible unit, no sensor ids, no samples) and links to no page, staff features link to
/// <c>/drainage/{code}</c>. Street from the registry. Scoped; not thread-safe.
/// </summary>
public sealed class DrainageMapLayer : IMapLayer
{
    private static readonly Dictionary<string, string> Colours = new(StringComparer.Ordinal)
    {
        [DrainageRules.Untreated] = "#f5222d", [DrainageRules.InProgress] = "#fa8c16", [DrainageRules.Treated] = "#1677ff", [DrainageRules.Normalized] = "#52c41a",
    };

    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        [DrainageRules.Untreated] = "Not rectified", [DrainageRules.InProgress] = "Being rectified", [DrainageRules.Treated] = "Rectified", [DrainageRules.Normalized] = "Standardised",
    };

    /// <inheritdoc />
    public MapLayerInfo Info { get; } = new("drainage-outlets", "入河排水口", "Drainage outlets", true, "triangle",
        [.. DrainageRules.Default.Statuses.Select(s => new MapCategory(s.Key, s.NameZh, English[s.Key], Colours[s.Key]))], 45);

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var rules = DrainageRules.Default;
        var q = db.DrainageOutlets.AsNoTracking();
        if (query.StreetCode is { } street) q = q.Where(o => o.StreetCode == street);
        var rows = await q.Select(o => new { o.Code, o.Name, o.Longitude, o.Latitude, o.Status, o.StreetCode, o.River }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new MapFeature(r.Code, r.Name, (double?)r.Longitude, (double?)r.Latitude, r.Status, r.StreetCode,
            query.PublicOnly ? null : "/drainage/" + Uri.EscapeDataString(r.Code),
            (rules.FindRiver(r.River)?.NameZh ?? r.River) + " · " + (rules.FindStatus(r.Status)?.NameZh ?? r.Status)))];
    }
}
