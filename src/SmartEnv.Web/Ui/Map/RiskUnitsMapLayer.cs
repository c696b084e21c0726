using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The <c>risk-units</c> layer of the 一张图 map (issue 20): one feature per environmental-risk unit, placed at its
/// enterprise's registry position (<c>enterprises.longitude/latitude</c>, street code from the registry), coloured by the
/// assessed HJ 941 level: 一般 blue <c>#1677FF</c>, 较大 orange <c>#FA8C16</c>, 重大 red <c>#F5222D</c> (SmartEnv choice, the
/// usual blue/orange/red of risk grading; docs/emergency.md). Staff only (<see cref="MapLayerInfo.Public"/> false): the
/// public query gets nothing. Links to the 一企一档 file <c>/enterprises/{uscc}</c>; the tooltip is the expression.
/// Stateless; thread-safe.
/// </summary>
public sealed class RiskUnitsMapLayer : IMapLayer
{
    /// <summary>The layer's description.</summary>
    public static readonly MapLayerInfo LayerInfo = new("risk-units", "环境风险单元", "Risk units", false, "diamond",
    [
        new MapCategory("一般", "一般环境风险", "General risk", "#1677FF"),
        new MapCategory("较大", "较大环境风险", "Larger risk", "#FA8C16"),
        new MapCategory("重大", "重大环境风险", "Major risk", "#F5222D"),
    ], 60);

    /// <inheritdoc />
    public MapLayerInfo Info => LayerInfo;

    /// <summary>The AntDesign tag colour of a level (blue, orange, red), as the map colours.</summary>
    /// <param name="level">A level.</param>
    public static string AntColour(RiskLevel level) => level switch
    {
        RiskLevel.Major => "red",
        RiskLevel.Larger => "orange",
        _ => "blue",
    };

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PublicOnly) return [];
        var rows = await (from u in db.EmergencyRiskUnits.AsNoTracking()
                          join e in db.Enterprises.AsNoTracking() on u.Uscc equals e.Uscc
                          where query.StreetCode == null || e.StreetCode == query.StreetCode
                          select new { u.Id, u.Name, u.Level, u.Expression, e.Uscc, EnterpriseName = e.Name, e.Longitude, e.Latitude, e.StreetCode }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Id).Select(r => new MapFeature(
            r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.EnterpriseName + " · " + r.Name,
            (double?)r.Longitude, (double?)r.Latitude, LayerInfo.Categories.Any(c => c.Key == r.Level) ? r.Level : "一般", r.StreetCode,
            "/enterprises/" + r.Uscc, r.Expression))];
    }
}
