using System.Net;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>The enterprise map layer: ECharts options and which enterprises it draws.</summary>
/// <param name="Options">ECharts options (district outlines, one scatter series per state).</param>
/// <param name="Placed">Enterprises drawn (position inside the extent), worst state last (on top).</param>
/// <param name="Unplaced">Enterprises without a position inside the extent (listed beside the map).</param>
public sealed record EnterpriseMapModel(ChartOptions Options, IReadOnlyList<EnterpriseListRow> Placed, IReadOnlyList<EnterpriseListRow> Unplaced);

/// <summary>
/// The 一企一档 list page's map (docs/ui.md): enterprises at their positions on the lon/lat grid of the overview map
/// (<see cref="OverviewMap.West"/>…<see cref="OverviewMap.North"/>, the same district outlines of <see cref="GeoData"/>),
/// coloured by <see cref="EnterpriseState"/> — red open exceedance, orange attention, grey offline/unmonitored, green
/// ok (plan §2.4; SmartEnv's choice of colours, the AntDesign palette) — square markers, the worst drawn on top.
/// Pure; thread-safe.
/// </summary>
public static class EnterpriseMap
{
    /// <summary>The colour of a state ("#RRGGBB").</summary>
    /// <param name="state">State.</param>
    public static string Colour(EnterpriseState state) => state switch
    {
        EnterpriseState.Exceeding => "#f5222d",
        EnterpriseState.Attention => "#fa8c16",
        EnterpriseState.Offline => "#bfbfbf",
        _ => "#52c41a",
    };

    /// <summary>Paint order and marker size rank (0 ok … 3 exceeding).</summary>
    private static int Rank(EnterpriseState state) => state switch
    {
        EnterpriseState.Exceeding => 3,
        EnterpriseState.Attention => 2,
        EnterpriseState.Offline => 0,
        _ => 1,
    };

    private static bool Inside(EnterpriseListRow r) =>
        r.Longitude is { } lon && r.Latitude is { } lat
        && (double)lon is >= OverviewMap.West and <= OverviewMap.East && (double)lat is >= OverviewMap.South and <= OverviewMap.North;

    /// <summary>Builds the map of <paramref name="rows"/>.</summary>
    /// <param name="rows">Enterprises (every match of the search).</param>
    /// <param name="rings">District outlines (<see cref="GeoData.Rings"/>).</param>
    public static EnterpriseMapModel Build(IReadOnlyList<EnterpriseListRow> rows, IReadOnlyList<(string Name, double[][] Ring)> rings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rings);
        var placed = rows.Where(Inside).OrderBy(r => Rank(r.State)).ToList();
        var unplaced = rows.Where(r => !Inside(r)).OrderByDescending(r => Rank(r.State)).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var series = new List<ISeries>
        {
            OverviewMap.OutlineSeries(rings),
        };
        var states = Enum.GetValues<EnterpriseState>().OrderBy(Rank).ToList();
        foreach (var s in states)
        {
            series.Add(new ScatterSeries
            {
                Id = "enterprise-" + s.ToString().ToLowerInvariant(),
                Name = Texts.Enterprises.State(s),
                Symbol = "rect",
                SymbolSize = 10 + 2 * Rank(s),
                Z = 3 + Rank(s),
                ItemStyle = new() { Color = new Color(Colour(s)), BorderColor = new Color("#000"), BorderWidth = 1 },
                Data = placed.Where(r => r.State == s).Select(r => (object)new
                {
                    name = r.Name,
                    value = new object?[] { r.Longitude, r.Latitude },
                    tooltip = new { formatter = WebUtility.HtmlEncode($"{r.Name} {r.Uscc}") + "<br/>" + WebUtility.HtmlEncode(Texts.Enterprises.State(r.State)) },
                }).ToList(),
                Label = new() { Show = true, Formatter = "{b}", Position = LabelPosition.Right },
                LabelLayout = new ObjectOrFunction(new { moveOverlap = "shiftY", hideOverlap = true }),
            });
        }
        var options = new ChartOptions
        {
            Animation = false, // drawn at once: a screenshot or a reader sees the final markers
            Tooltip = new() { Trigger = TooltipTrigger.Item },
            Legend = new() { Bottom = 0, Data = states.Select(s => Texts.Enterprises.State(s)).ToList() },
            Grid = new() { Left = 10, Right = 10, Top = 10, Bottom = 40 },
            XAxis = new() { Type = AxisType.Value, Min = OverviewMap.West, Max = OverviewMap.East, Show = false },
            YAxis = new() { Type = AxisType.Value, Min = OverviewMap.South, Max = OverviewMap.North, Show = false },
            DataZoom =
            [
                new InsideDataZoom { XAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
                new InsideDataZoom { YAxisIndex = 0, FilterMode = DataZoomFilterMode.None },
            ],
            Series = series,
        };
        return new EnterpriseMapModel(options, placed, unplaced);
    }

    /// <summary>
    /// The 在线监测 trend of one series: hourly values (category x axis of Beijing times) with the permit limit as a
    /// dashed red line labelled with its value (as the water page draws its class Ⅲ limit); hours above the limit are red
    /// points. Pure.
    /// </summary>
    /// <param name="series">The series.</param>
    /// <param name="name">Series name (parameter name in the current language).</param>
    /// <param name="limitName">Label prefix of the limit line (e.g. 许可限值).</param>
    public static ChartOptions Trend(TrendSeries series, string name, string limitName)
    {
        ArgumentNullException.ThrowIfNull(series);
        var values = series.Points.Select(p => p.Value).ToList();
        var all = values.OfType<decimal>().ToList();
        if (series.Limit is { } lim) all.Add(lim);
        var line = new LineSeries
        {
            Name = name,
            ShowSymbol = series.Points.Count <= 60,
            ConnectNulls = false,
            Data = series.Points.Select(p => p.Value is { } v
                ? (object?)new LineSeriesData { Value = (double)v, ItemStyle = p.Exceeds ? new() { Color = new Color("#cf1322") } : null }
                : null).ToList(),
            MarkLine = series.Limit is not { } limit ? null : new MarkLine
            {
                Silent = true,
                Symbol = "none",
                LineStyle = new() { Type = LineTypeStyle.Dashed, Color = new Color("#cf1322"), Width = 2 },
                Data = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["yAxis"] = limit,
                        ["name"] = limitName,
                        ["label"] = new Dictionary<string, object> { ["formatter"] = $"{limitName} {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}" },
                    },
                },
            },
        };
        var max = all.Count == 0 ? 1d : (double)all.Max() * 1.1;
        return new ChartOptions
        {
            Animation = false,
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Legend = new() { Top = 0 },
            Grid = new() { Left = 60, Right = 120, Top = 40, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = series.Points.Select(p => Display.Beijing(p.Time)).ToList() },
            YAxis = new() { Type = AxisType.Value, Name = series.Unit ?? "", Min = 0, Max = Math.Ceiling(max) },
            Series = [line],
        };
    }
}
