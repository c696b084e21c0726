using System.Net;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui.Map;

/// <summary>A drawn series of the 一张图 map: which layer and category its points belong to, and its features in data
/// order (a click's data index picks the feature).</summary>
/// <param name="Layer">Layer key.</param>
/// <param name="Category">Category key.</param>
/// <param name="Features">Its features, in data order.</param>
public sealed record OneMapSeries(string Layer, string Category, IReadOnlyList<MapFeature> Features);

/// <summary>The 一张图 chart: ECharts options and, by series index, what each series draws.</summary>
/// <param name="Options">ECharts options.</param>
/// <param name="SeriesByIndex">The series in option order; null for the outline series (not clickable).</param>
public sealed record OneMapModel(ChartOptions Options, IReadOnlyList<OneMapSeries?> SeriesByIndex)
{
    /// <summary>The feature at a clicked series and data index, or null.</summary>
    /// <param name="seriesIndex">ECharts series index.</param>
    /// <param name="dataIndex">ECharts data index.</param>
    public MapFeature? FeatureAt(int seriesIndex, int dataIndex) =>
        seriesIndex >= 0 && seriesIndex < SeriesByIndex.Count && SeriesByIndex[seriesIndex] is { } s && dataIndex >= 0 && dataIndex < s.Features.Count
            ? s.Features[dataIndex] : null;
}

/// <summary>
/// Builds the 一张图 chart (docs/map.md): the district outlines of the overview map (<see cref="OverviewMap.OutlineSeries"/>,
/// the same lon/lat value grid and extent <see cref="OverviewMap.West"/>…<see cref="OverviewMap.North"/>), then one scatter
/// series per shown layer and category (id <c>{layer}:{category}</c>, the layer's symbol, the category's colour; a layer of
/// higher <see cref="MapLayerInfo.Order"/> above a lower one), zoom and pan by mouse or touch. Hidden layers draw no series.
/// Pure; thread-safe.
/// </summary>
public static class OneMap
{
    /// <summary>True when the feature has a position inside the drawn extent (the overview map's rule).</summary>
    /// <param name="f">A feature.</param>
    public static bool Inside(MapFeature f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Longitude is { } lon && f.Latitude is { } lat
            && lon is >= OverviewMap.West and <= OverviewMap.East && lat is >= OverviewMap.South and <= OverviewMap.North;
    }

    /// <summary>Builds the chart.</summary>
    /// <param name="layers">Layers with their features (<see cref="MapService.AllAsync"/>).</param>
    /// <param name="hidden">Keys of layers toggled off.</param>
    /// <param name="rings">District outlines (<see cref="GeoData.Rings"/>).</param>
    /// <param name="chinese">Legend and names in Chinese.</param>
    public static OneMapModel Build(IReadOnlyList<MapLayerData> layers, IReadOnlySet<string> hidden,
        IReadOnlyList<(string Name, double[][] Ring)> rings, bool chinese)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(rings);
        var series = new List<ISeries> { OverviewMap.OutlineSeries(rings) };
        var index = new List<OneMapSeries?> { null };
        foreach (var l in layers.Where(l => !hidden.Contains(l.Info.Key)).OrderBy(l => l.Info.Order))
        {
            foreach (var c in l.Info.Categories)
            {
                var features = l.Placed.Where(f => f.Category == c.Key).ToList();
                var name = (chinese ? l.Info.NameZh : l.Info.NameEn) + "·" + (chinese ? c.NameZh : c.NameEn);
                series.Add(new ScatterSeries
                {
                    Id = l.Info.Key + ":" + c.Key,
                    Name = name,
                    Symbol = l.Info.Symbol,
                    SymbolSize = 12,
                    Z = 3 + Math.Clamp(l.Info.Order / 10, 0, 50),
                    ItemStyle = new() { Color = new Color(c.Colour), BorderColor = new Color("#000"), BorderWidth = 1 },
                    Data = features.Select(f => (object)new
                    {
                        name = f.Name,
                        value = new object?[] { f.Longitude, f.Latitude },
                        tooltip = new { formatter = WebUtility.HtmlEncode(f.Name) + (f.Detail is { } d ? "<br/>" + WebUtility.HtmlEncode(d) : "") },
                    }).ToList(),
                });
                index.Add(new OneMapSeries(l.Info.Key, c.Key, features));
            }
        }
        var options = new ChartOptions
        {
            Animation = false, // drawn at once: a screenshot or a reader sees the final markers
            Tooltip = new() { Trigger = TooltipTrigger.Item },
            // No ECharts legend: the page lists each layer with its toggle, categories and counts beside the map.
            Grid = new() { Left = 10, Right = 10, Top = 10, Bottom = 10 },
            XAxis = new() { Type = AxisType.Value, Min = OverviewMap.West, Max = OverviewMap.East, Show = false },
            YAxis = new() { Type = AxisType.Value, Min = OverviewMap.South, Max = OverviewMap.North, Show = false },
            DataZoom =
            [
                new InsideDataZoom { XAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
                new InsideDataZoom { YAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
            ],
            Series = series,
        };
        return new OneMapModel(options, index);
    }
}
