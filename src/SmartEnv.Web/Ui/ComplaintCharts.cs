using System.Globalization;
using System.Text;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The district outline of 江北区 drawn as an SVG the public form can be clicked on (no script): a plain equirectangular
/// projection of the outline's bounding box (lon/lat degrees, GCJ-02 as <see cref="GeoData"/> reads it; x scaled by
/// cos(mid-latitude) so the shape is not stretched), <see cref="Width"/> px wide. Maps a click's offset in the picture
/// back to degrees. Pure; immutable; thread-safe. Source of the outline: DataV.GeoAtlas (wwwroot/geo/ATTRIBUTION.md).
/// </summary>
public sealed class DistrictOutline
{
    /// <summary>Picture width in CSS pixels (fits a 390 px phone with the page's margins).</summary>
    public const double Width = 320;

    /// <summary>Margin around the outline inside the picture, in pixels.</summary>
    public const double Margin = 6;

    /// <summary>Western edge of the picture, degrees east.</summary>
    public double West { get; }

    /// <summary>Eastern edge, degrees east.</summary>
    public double East { get; }

    /// <summary>Southern edge, degrees north.</summary>
    public double South { get; }

    /// <summary>Northern edge, degrees north.</summary>
    public double North { get; }

    /// <summary>Picture height in pixels (from the box's aspect).</summary>
    public double Height { get; }

    /// <summary>SVG path data of the outline's rings (<c>M x,y L … Z</c>, pixels).</summary>
    public string Path { get; }

    private DistrictOutline(IReadOnlyList<double[][]> rings)
    {
        var pts = rings.SelectMany(r => r).ToList();
        West = pts.Min(p => p[0]);
        East = pts.Max(p => p[0]);
        South = pts.Min(p => p[1]);
        North = pts.Max(p => p[1]);
        var cos = Math.Cos((South + North) / 2 * Math.PI / 180);
        Height = Math.Round((Width - 2 * Margin) * (North - South) / ((East - West) * cos) + 2 * Margin, 1);
        var sb = new StringBuilder();
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i++)
            {
                var (x, y) = ToPixel(ring[i][1], ring[i][0]);
                sb.Append(i == 0 ? 'M' : 'L').Append(x.ToString("0.#", CultureInfo.InvariantCulture)).Append(',').Append(y.ToString("0.#", CultureInfo.InvariantCulture));
            }
            sb.Append('Z');
        }
        Path = sb.ToString();
    }

    /// <summary>The outline of the district named <paramref name="name"/> among <paramref name="rings"/>, or null when absent.</summary>
    /// <param name="rings"><see cref="GeoData.Rings"/>.</param>
    /// <param name="name">District name, default 江北区.</param>
    public static DistrictOutline? Of(IReadOnlyList<(string Name, double[][] Ring)> rings, string name = "江北区")
    {
        ArgumentNullException.ThrowIfNull(rings);
        var mine = rings.Where(r => r.Name == name && r.Ring.Length > 2).Select(r => r.Ring).ToList();
        return mine.Count == 0 ? null : new DistrictOutline(mine);
    }

    /// <summary>Pixel position of a point (may fall outside the picture).</summary>
    /// <param name="latitude">Degrees north.</param>
    /// <param name="longitude">Degrees east.</param>
    public (double X, double Y) ToPixel(double latitude, double longitude) =>
        (Margin + (longitude - West) / (East - West) * (Width - 2 * Margin), Margin + (North - latitude) / (North - South) * (Height - 2 * Margin));

    /// <summary>The point under a click at pixel offset (<paramref name="x"/>, <paramref name="y"/>), rounded to 6 decimals
    /// (≈ 0.1 m), or null outside the outline's box.</summary>
    /// <param name="x">Offset from the picture's left edge, pixels.</param>
    /// <param name="y">Offset from its top edge, pixels.</param>
    public (double Latitude, double Longitude)? FromPixel(double x, double y)
    {
        var lon = West + (x - Margin) / (Width - 2 * Margin) * (East - West);
        var lat = North - (y - Margin) / (Height - 2 * Margin) * (North - South);
        if (lon < West || lon > East || lat < South || lat > North) return null;
        return (Math.Round(lat, 6), Math.Round(lon, 6));
    }
}

/// <summary>
/// ECharts options of the 信访投诉 pages: the hotspot map (district outlines of <see cref="GeoData"/> on the lon/lat grid
/// of the overview map, one circle per occupied grid cell of P4's <c>HotspotGrid</c> at the mean position of its cases,
/// area growing with the count — symbol size 10 + 8·√n px, at most 60 — labelled with the count) and the bar charts of the
/// bulletin tables (one bar per row, counts on top). SmartEnv's choice of sizes and colours (the AntDesign palette).
/// Pure; thread-safe.
/// </summary>
public static class ComplaintCharts
{
    /// <summary>Circle size in pixels of a hotspot of <paramref name="count"/> cases: 10 + 8·√count, at most 60.</summary>
    /// <param name="count">Cases in the cell (≥ 1).</param>
    public static double SymbolSize(int count) => Math.Min(60, Math.Round(10 + 8 * Math.Sqrt(Math.Max(1, count)), 1));

    /// <summary>The hotspot map.</summary>
    /// <param name="hotspots">Occupied cells: mean position, count and case numbers.</param>
    /// <param name="rings">District outlines (<see cref="GeoData.Rings"/>).</param>
    /// <param name="countName">Series name (e.g. 投诉件数).</param>
    public static Vizor.ECharts.ChartOptions HotspotMap(IReadOnlyList<SmartEnv.Supervision.Complaints.Statistics.Hotspot> hotspots,
        IReadOnlyList<(string Name, double[][] Ring)> rings, string countName)
    {
        ArgumentNullException.ThrowIfNull(hotspots);
        ArgumentNullException.ThrowIfNull(rings);
        var series = new List<Vizor.ECharts.ISeries>
        {
            OverviewMap.OutlineSeries(rings),
            new Vizor.ECharts.ScatterSeries
            {
                Id = "complaint-hotspots",
                Name = countName,
                Z = 3,
                ItemStyle = new() { Color = new Vizor.ECharts.Color("rgba(207,19,34,0.55)"), BorderColor = new Vizor.ECharts.Color("#a8071a"), BorderWidth = 1 },
                Data = hotspots.Select(h => (object)new
                {
                    name = h.Count.ToString(CultureInfo.InvariantCulture),
                    value = new object[] { Math.Round(h.Longitude, 6), Math.Round(h.Latitude, 6), h.Count },
                    symbolSize = SymbolSize(h.Count),
                    tooltip = new
                    {
                        formatter = System.Net.WebUtility.HtmlEncode($"{countName} {h.Count}") + "<br/>"
                            + System.Net.WebUtility.HtmlEncode(string.Join(" ", h.Numbers.Take(8)) + (h.Numbers.Count > 8 ? " …" : "")),
                    },
                }).ToList(),
                Label = new() { Show = true, Formatter = "{b}", Position = Vizor.ECharts.LabelPosition.Inside, Color = new Vizor.ECharts.Color("#fff") },
            },
        };
        return new Vizor.ECharts.ChartOptions
        {
            Animation = false,
            Tooltip = new() { Trigger = Vizor.ECharts.TooltipTrigger.Item },
            Grid = new() { Left = 10, Right = 10, Top = 10, Bottom = 10 },
            XAxis = new() { Type = Vizor.ECharts.AxisType.Value, Min = OverviewMap.West, Max = OverviewMap.East, Show = false },
            YAxis = new() { Type = Vizor.ECharts.AxisType.Value, Min = OverviewMap.South, Max = OverviewMap.North, Show = false },
            DataZoom =
            [
                new Vizor.ECharts.InsideDataZoom { XAxisIndex = 0, FilterMode = Vizor.ECharts.DataZoomFilterMode.None },
                new Vizor.ECharts.InsideDataZoom { YAxisIndex = 0, FilterMode = Vizor.ECharts.DataZoomFilterMode.None },
            ],
            Series = series,
        };
    }

    /// <summary>A bar chart of one bulletin table: one bar per row in the given order, the count on top.</summary>
    /// <param name="rows">Label and count per row.</param>
    /// <param name="countName">Axis and series name (e.g. 件数).</param>
    /// <param name="rotateLabels">Rotate the category labels (long names: streets, industries).</param>
    public static Vizor.ECharts.ChartOptions Bars(IReadOnlyList<(string Label, int Count)> rows, string countName, bool rotateLabels = false)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new Vizor.ECharts.ChartOptions
        {
            Animation = false,
            Tooltip = new() { Trigger = Vizor.ECharts.TooltipTrigger.Axis },
            Grid = new() { Left = 40, Right = 10, Top = 24, Bottom = rotateLabels ? 90 : 30 },
            XAxis = new()
            {
                Type = Vizor.ECharts.AxisType.Category, Data = rows.Select(r => r.Label).ToList(),
                AxisLabel = new() { Interval = 0, Rotate = rotateLabels ? 40 : 0 },
            },
            YAxis = new() { Type = Vizor.ECharts.AxisType.Value, Name = countName, MinInterval = 1 },
            Series =
            [
                new Vizor.ECharts.BarSeries
                {
                    Name = countName,
                    Data = rows.Select(r => (object?)r.Count).ToList(),
                    ItemStyle = new() { Color = new Vizor.ECharts.Color("#1677ff") },
                    Label = new() { Show = true, Position = Vizor.ECharts.LabelPosition.Top },
                },
            ],
        };
    }
}
