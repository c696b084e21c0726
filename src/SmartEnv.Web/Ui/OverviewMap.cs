using System.Net;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>One entry of the overview map's legend = one marker series (one colour, one symbol).</summary>
/// <param name="Key">Stable key: <c>aqi-1</c>…<c>aqi-6</c> (HJ 633 level), <c>air-none</c>, <c>water-I</c>…<c>water-worse-than-V</c>
/// (GB 3838 class, <see cref="WaterClassText.ToAscii"/>), <c>water-none</c>, <c>noise-ok</c>, <c>noise-exceeds</c>, <c>noise-none</c>.</param>
/// <param name="Name">Legend text in the current language.</param>
/// <param name="Colour">Fill colour "#RRGGBB": the HJ 633-2012 Appendix A colour of the AQI level (<see cref="AqiCategory.Color"/>),
/// the water quality colour of the class (<see cref="WaterClassText.ToColour"/>), or grey for no data.</param>
/// <param name="Symbol">ECharts symbol: circle (air), diamond (water), triangle (noise).</param>
/// <param name="Rank">Severity rank 0 (no data) … 6 (严重污染); a higher rank is drawn above a lower one and has the larger
/// marker (so its label wins when labels overlap). Air: the HJ 633 level 1–6; water: the qualitative category of the class
/// (Ⅰ–Ⅱ 优 1, Ⅲ 良好 2, Ⅳ 轻度污染 3, Ⅴ 中度污染 4, 劣Ⅴ 重度污染 5; 环办〔2011〕22号); noise: 达标 1, 超标 4 (our choice).</param>
public sealed record MapLegendEntry(string Key, string Name, string Colour, string Symbol, int Rank);

/// <summary>A site drawn on the map.</summary>
/// <param name="Site">The site.</param>
/// <param name="Entry">Its legend entry (series).</param>
public sealed record MapMarker(SiteStatus Site, MapLegendEntry Entry);

/// <summary>Why a site is not on the map.</summary>
public enum UnplacedReason
{
    /// <summary>The registry has no position for it (no public source states one).</summary>
    NoCoordinates,

    /// <summary>Its position lies outside the drawn extent (<see cref="OverviewMap.West"/>…<see cref="OverviewMap.North"/>).</summary>
    OutsideMap,
}

/// <summary>A site listed beside the map instead of drawn on it.</summary>
/// <param name="Site">The site.</param>
/// <param name="Reason">Why it is not drawn.</param>
/// <param name="Entry">Its legend entry (colour of its latest value).</param>
public sealed record UnplacedSite(SiteStatus Site, UnplacedReason Reason, MapLegendEntry Entry);

/// <summary>The overview map: ECharts options plus what they draw, for the page and for tests.</summary>
/// <param name="Options">ECharts options (district outlines, district names, one scatter series per legend entry).</param>
/// <param name="Markers">Sites drawn, in paint order: the last one is on top (highest rank, then highest AQI).</param>
/// <param name="Unplaced">Sites not drawn (no position, or outside the extent), worst first.</param>
/// <param name="Legend">Legend entries in legend order: the six AQI levels and air without data, the six water classes and
/// water without data, then the noise entries when the map has noise sites.</param>
public sealed record OverviewMapModel(ChartOptions Options, IReadOnlyList<MapMarker> Markers, IReadOnlyList<UnplacedSite> Unplaced,
    IReadOnlyList<MapLegendEntry> Legend);

/// <summary>
/// Builds the overview map (docs/ui.md "Overview map"): markers at their registry positions on a lon/lat value grid over the
/// district outlines, coloured by the latest AQI (HJ 633-2012 Table 2 / Appendix A, <see cref="AqiCategory"/>) or water class
/// (GB 3838-2002, <see cref="WaterClassText.ToColour"/>); the worst drawn on top and largest; labels laid out by ECharts
/// without overlaps (<c>labelLayout.moveOverlap</c> then <c>hideOverlap</c>, which keeps the label of the larger marker);
/// zoom and pan by the mouse or touch (<c>dataZoom</c> inside on both axes). Sites without a position are returned in
/// <see cref="OverviewMapModel.Unplaced"/> to be listed beside the map. Pure; thread-safe.
/// </summary>
public static class OverviewMap
{
    /// <summary>
    /// The district outlines as one ECharts lines series on the maps' cartesian plane (x = longitude, y = latitude in
    /// degrees, as <see cref="GeoData.Rings"/> gives them): 江北区 blue and 2.5 px, its neighbours grey and 1 px, silent, under
    /// the markers (z 1). Shared by the overview, 一企一档, 危险废物 and 信访投诉 maps. Pure; thread-safe.
    /// </summary>
    /// <param name="rings">Outline rings by district name.</param>
    public static LinesSeries OutlineSeries(IReadOnlyList<(string Name, double[][] Ring)> rings) => new()
    {
        Name = "district-outlines", CoordinateSystem = "cartesian2d", Polyline = true, Silent = true, Z = 1,
        Data = rings.Select(r => (object)new
        {
            name = r.Name,
            coords = r.Ring,
            lineStyle = new { color = r.Name == "江北区" ? "#1677ff" : "#bfbfbf", width = r.Name == "江北区" ? 2.5 : 1 },
        }).ToList(),
    };

    /// <summary>Western edge of the drawn extent, degrees east (江北 and its neighbours).</summary>
    public const double West = 106.40;

    /// <summary>Eastern edge of the drawn extent, degrees east.</summary>
    public const double East = 106.95;

    /// <summary>Southern edge of the drawn extent, degrees north.</summary>
    public const double South = 29.45;

    /// <summary>Northern edge of the drawn extent, degrees north.</summary>
    public const double North = 29.78;

    private const string NoDataColour = "#bfbfbf";
    private const string SeriesPrefix = "site-";

    /// <summary>Marker size in px for a severity rank: 10 px without data … 22 px for 严重污染.</summary>
    /// <param name="rank">Rank 0…6 (<see cref="MapLegendEntry.Rank"/>).</param>
    public static int SymbolSize(int rank) => 10 + 2 * rank;

    /// <summary>The legend entries (see <see cref="OverviewMapModel.Legend"/>).</summary>
    /// <param name="withNoise">Include the noise entries.</param>
    public static IReadOnlyList<MapLegendEntry> LegendEntries(bool withNoise)
    {
        var zh = SmartEnvUi.IsChinese;
        var list = new List<MapLegendEntry>();
        list.AddRange(AqiCategory.Levels.Select(c => new MapLegendEntry("aqi-" + c.Level, zh ? c.Zh : c.En, c.Color, "circle", c.Level)));
        list.Add(new("air-none", Texts.Overview.MapAirNoData, NoDataColour, "circle", 0));
        list.AddRange(Enum.GetValues<WaterClass>().Select(c =>
            new MapLegendEntry("water-" + c.ToAscii(), Texts.Common.ClassN(c.ToDisplay()), c.ToQuality().ToColour(), "diamond", (int)c.ToQuality())));
        list.Add(new("water-none", Texts.Overview.MapWaterNoData, NoDataColour, "diamond", 0));
        if (withNoise)
        {
            list.Add(new("noise-ok", Texts.Overview.MapNoiseMeets, "#52c41a", "triangle", 1));
            list.Add(new("noise-exceeds", Texts.Overview.MapNoiseExceeds, "#f5222d", "triangle", 4));
            list.Add(new("noise-none", Texts.Overview.MapNoiseNoData, NoDataColour, "triangle", 0));
        }
        return list;
    }

    /// <summary>The legend entry key of a site's latest value (<see cref="MapLegendEntry.Key"/>); shared with the 一张图
    /// station layers (<see cref="Map.SiteMapLayer"/>), so both maps colour a station alike. Pure.</summary>
    /// <param name="s">The site.</param>
    public static string KeyOf(SiteStatus s) => s.Kind switch
    {
        SiteKind.Air => s.LatestAqi?.Category is { } c ? "aqi-" + c.Level : "air-none",
        SiteKind.Water => s.WaterLatestClass is { } w ? "water-" + w.ToAscii() : "water-none",
        // Noise (outlets, kind source, are never on the overview: OverviewService leaves them out).
        _ => s.NoiseCompliant switch { true => "noise-ok", false => "noise-exceeds", _ => "noise-none" },
    };

    /// <summary>True when the site has a position inside the drawn extent.</summary>
    private static bool Inside(SiteStatus s) =>
        s.Longitude is { } lon && s.Latitude is { } lat && (double)lon is >= West and <= East && (double)lat is >= South and <= North;

    /// <summary>Builds the map.</summary>
    /// <param name="sites">Sites of the overview (<see cref="OverviewModel.Sites"/>).</param>
    /// <param name="rings">District outlines (<see cref="GeoData.Rings"/>), [lon, lat] degrees.</param>
    public static OverviewMapModel Build(IReadOnlyList<SiteStatus> sites, IReadOnlyList<(string Name, double[][] Ring)> rings)
    {
        var legend = LegendEntries(sites.Any(s => s.Kind == SiteKind.Noise));
        var byKey = legend.ToDictionary(e => e.Key);
        // Paint order: rank, then AQI (air), water before air at the same rank; the last marker is drawn on top.
        var markers = sites.Where(Inside).Select(s => new MapMarker(s, byKey[KeyOf(s)]))
            .OrderBy(m => m.Entry.Rank).ThenBy(m => m.Site.Kind == SiteKind.Air ? 1 : 0).ThenBy(m => m.Site.LatestAqi?.Aqi ?? -1)
            .ToList();
        var unplaced = sites.Where(s => !Inside(s))
            .Select(s => new UnplacedSite(s, s.Longitude is null || s.Latitude is null ? UnplacedReason.NoCoordinates : UnplacedReason.OutsideMap, byKey[KeyOf(s)]))
            .OrderByDescending(u => u.Entry.Rank).ThenByDescending(u => u.Site.LatestAqi?.Aqi ?? -1).ToList();

        var districtNames = rings.GroupBy(r => r.Name).Select(g =>
        {
            var ring = g.OrderByDescending(r => r.Ring.Length).First().Ring;
            return (object)new { name = g.Key, value = new[] { ring.Average(p => p[0]), ring.Average(p => p[1]) } };
        }).ToList();

        var series = new List<ISeries>
        {
            OutlineSeries(rings),
            new ScatterSeries
            {
                Name = "district-names", Silent = true, SymbolSize = 0, Data = districtNames, Z = 1,
                Label = new() { Show = true, Formatter = "{b}", Color = "#8c8c8c" },
                LabelLayout = new ObjectOrFunction(new { hideOverlap = true }), // zero-size host: lowest priority, hidden under a site label
            },
        };
        // One series per legend entry, in paint order (z rises with rank, so a worse series is always above a better one).
        foreach (var e in legend.OrderBy(e => e.Rank).ThenBy(e => e.Symbol == "circle" ? 1 : 0))
        {
            var data = markers.Where(m => m.Entry == e).Select(m => (object)Point(m)).ToList();
            series.Add(new ScatterSeries
            {
                Id = SeriesPrefix + e.Key,
                Name = e.Name,
                Symbol = e.Symbol,
                SymbolSize = SymbolSize(e.Rank),
                Z = 3 + e.Rank,
                ItemStyle = new() { Color = new Color(e.Colour), BorderColor = new Color("#000"), BorderWidth = 1 },
                Data = data,
                Label = new() { Show = true, Formatter = "{b}", Position = LabelPosition.Right },
                LabelLayout = new ObjectOrFunction(new { moveOverlap = "shiftY", hideOverlap = true }),
            });
        }
        var options = new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Item },
            Legend = new()
            {
                Bottom = 0,
                Data = legend.Select(e => e.Name).ToList(),
            },
            Grid = new() { Left = 10, Right = 10, Top = 10, Bottom = 64 },
            XAxis = new() { Type = AxisType.Value, Min = West, Max = East, Show = false },
            YAxis = new() { Type = AxisType.Value, Min = South, Max = North, Show = false },
            DataZoom =
            [
                new InsideDataZoom { XAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
                new InsideDataZoom { YAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
            ],
            Series = series,
        };
        return new OverviewMapModel(options, markers, unplaced, legend);
    }

    /// <summary>A site's latest value as shown in its tooltip and in the list beside the map: "AQI 400 严重污染" for air
    /// with an AQI, else the legend entry's name (e.g. "Ⅱ 类", "水：无数据").</summary>
    /// <param name="s">The site.</param>
    /// <param name="entry">Its legend entry.</param>
    public static string ValueText(SiteStatus s, MapLegendEntry entry) =>
        s.Kind == SiteKind.Air && s.LatestAqi is { Aqi: { } aqi } ? $"AQI {aqi} {entry.Name}" : entry.Name;

    /// <summary>A marker: [lon, lat] and an HTML tooltip (name, code, latest value and its own time, 非实时 when stale, estimated position).</summary>
    private static object Point(MapMarker m)
    {
        var s = m.Site;
        var lines = new List<string> { WebUtility.HtmlEncode($"{s.Name} {s.Code}") };
        lines.Add(WebUtility.HtmlEncode(ValueText(s, m.Entry)));
        // The value's own time, and 非实时 when that value is older than its kind allows (Freshness, one rule).
        if ((s.ValueEnd ?? s.LatestHourEnd) is { } t) lines.Add(WebUtility.HtmlEncode(Texts.Common.HourEnding(Display.Beijing(t))));
        if (s.Stale) lines.Add(WebUtility.HtmlEncode(Texts.Common.NotCurrent));
        if (s.Approximate) lines.Add(WebUtility.HtmlEncode(Texts.Overview.MapApproximate));
        return new
        {
            name = s.Name,
            value = new object?[] { s.Longitude, s.Latitude },
            itemStyle = s.Approximate ? new { opacity = 0.75, borderType = "dashed" } : null,
            tooltip = new { formatter = string.Join("<br/>", lines) },
        };
    }
}
