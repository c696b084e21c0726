using System.Globalization;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Ui.Map;

/// <summary>
/// The station layers of the 一张图 map (<c>air</c>, <c>water</c>, <c>noise</c>; issue 20): the sites the overview shows
/// (<see cref="OverviewService"/>: the registry's Jiangbei air and water stations and every noise site, never outlets),
/// coloured exactly as the overview map colours them (<see cref="OverviewMap.KeyOf"/> and
/// <see cref="OverviewMap.LegendEntries"/>: the latest stored hourly AQI's HJ 633 level, the latest sample's GB 3838 class,
/// the latest noise day's verdict, grey without data). The public map gets the public sites only; staff also the
/// non-public ones. Sites carry no street, so their <see cref="MapFeature.StreetCode"/> is null and a street filter leaves
/// them out (the contract's rule). The features come from the overview's own read path, not from <c>db</c> (same scoped
/// context). Scoped; not thread-safe.
/// </summary>
/// <param name="overview">The overview service (the one read path of a station's latest value).</param>
/// <param name="kind">Air, water or noise.</param>
public abstract class SiteMapLayer(OverviewService overview, SiteKind kind) : IMapLayer
{
    /// <inheritdoc />
    public MapLayerInfo Info { get; } = Describe(kind);

    private static MapLayerInfo Describe(SiteKind kind)
    {
        (string key, Func<string> name, string symbol, int order) = kind switch
        {
            SiteKind.Air => ("air", () => Texts.Onemap.LayerAir, "circle", 60),
            SiteKind.Water => ("water", () => Texts.Onemap.LayerWater, "diamond", 50),
            _ => ("noise", (Func<string>)(() => Texts.Onemap.LayerNoise), "triangle", 40),
        };
        var (zh, en) = (MapTexts.InCulture("zh-CN", name), MapTexts.InCulture("en-US", name));
        var prefix = kind switch { SiteKind.Air => "aqi-|air-", SiteKind.Water => "water-", _ => "noise-" };
        bool Mine(string k) => prefix.Split('|').Any(p => k.StartsWith(p, StringComparison.Ordinal));
        var zhEntries = MapTexts.InCulture("zh-CN", () => OverviewMap.LegendEntries(true)).Where(e => Mine(e.Key)).ToList();
        var enEntries = MapTexts.InCulture("en-US", () => OverviewMap.LegendEntries(true)).ToDictionary(e => e.Key);
        return new MapLayerInfo(key, zh, en, true, symbol,
            [.. zhEntries.Select(e => new MapCategory(e.Key, e.Name, enEntries[e.Key].Name, e.Colour))], order);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MapFeature>> FeaturesAsync(SmartEnvDbContext db, MapLayerQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.StreetCode is not null) return []; // stations carry no street (see the class remarks)
        var model = await overview.LoadAsync(false, !query.PublicOnly, ct);
        var legend = OverviewMap.LegendEntries(true).ToDictionary(e => e.Key);
        var page = kind switch { SiteKind.Air => "/air", SiteKind.Water => "/water", _ => "/noise" };
        return [.. model.Sites.Where(s => s.Kind == kind).Select(s =>
            {
                var key = OverviewMap.KeyOf(s);
                return new MapFeature(s.Code, s.Name, (double?)s.Longitude, (double?)s.Latitude, key, null,
                    page + "?site=" + Uri.EscapeDataString(s.Code), OverviewMap.ValueText(s, legend[key]));
            }).OrderBy(f => f.Id, StringComparer.Ordinal)];
    }
}

/// <summary>The <c>air</c> layer: air quality stations by the latest stored hourly AQI (public).</summary>
/// <param name="overview">Overview service.</param>
public sealed class AirMapLayer(OverviewService overview) : SiteMapLayer(overview, SiteKind.Air);

/// <summary>The <c>water</c> layer: water quality sections by the latest sample's GB 3838 class (public).</summary>
/// <param name="overview">Overview service.</param>
public sealed class WaterMapLayer(OverviewService overview) : SiteMapLayer(overview, SiteKind.Water);

/// <summary>The <c>noise</c> layer: noise monitoring points by the latest noise day's verdict (public).</summary>
/// <param name="overview">Overview service.</param>
public sealed class NoiseMapLayer(OverviewService overview) : SiteMapLayer(overview, SiteKind.Noise);
