using System.Net;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>The map of generators and receivers: ECharts options and which enterprises it draws.</summary>
/// <param name="Options">ECharts options (district outlines, one scatter series per main role).</param>
/// <param name="Placed">Enterprises drawn (position inside the extent).</param>
/// <param name="Unplaced">Enterprises without a position inside the extent (listed beside the map).</param>
public sealed record WasteMapModel(ChartOptions Options, IReadOnlyList<WastePartyRow> Placed, IReadOnlyList<WastePartyRow> Unplaced);

/// <summary>
/// ECharts options of the 危险废物 pages: the storage-age histogram (bars per bin, the 366+ bin red: over the one-year
/// storage limit, 固废法 Art. 81 / supervision.md §3.3) and the map of generators and receivers on the lon/lat grid and
/// district outlines of the overview map (<see cref="OverviewMap"/>, <see cref="GeoData"/>), a marker per enterprise
/// coloured by its main role (SmartEnv's choice of colours, the AntDesign palette). Pure; thread-safe.
/// </summary>
public static class WasteCharts
{
    /// <summary>Marker colour of a role id ("#RRGGBB").</summary>
    /// <param name="role"><c>generator</c>, <c>carrier</c>, <c>receiver</c>, <c>medical</c> or <c>disposal</c>.</param>
    public static string Colour(string role) => role switch
    {
        "receiver" => "#1677ff",
        "disposal" => "#13c2c2",
        "carrier" => "#722ed1",
        "medical" => "#eb2f96",
        _ => "#fa8c16",
    };

    /// <summary>Role ids in legend order.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["generator", "receiver", "carrier", "medical", "disposal"];

    /// <summary>The storage-age histogram.</summary>
    /// <param name="bins">The bins in order (<see cref="WasteService.AgeBins"/>).</param>
    /// <param name="countName">Axis name of the counts.</param>
    public static ChartOptions AgeHistogram(IReadOnlyList<WasteAgeBin> bins, string countName)
    {
        ArgumentNullException.ThrowIfNull(bins);
        return new ChartOptions
        {
            Animation = false,
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Grid = new() { Left = 50, Right = 20, Top = 30, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = bins.Select(b => Texts.Waste.AgeBin(b.Key)).ToList() },
            YAxis = new() { Type = AxisType.Value, Name = countName, MinInterval = 1 },
            Series =
            [
                new BarSeries
                {
                    Name = countName,
                    Data = bins.Select(b => (object?)new BarSeriesData { Value = b.Count, ItemStyle = new() { Color = new Color(b.Key == "366-" ? "#cf1322" : "#1677ff") } }).ToList(),
                    Label = new() { Show = true, Position = LabelPosition.Top },
                },
            ],
        };
    }

    private static bool Inside(WastePartyRow r) =>
        r.Longitude is { } lon && r.Latitude is { } lat
        && (double)lon is >= OverviewMap.West and <= OverviewMap.East && (double)lat is >= OverviewMap.South and <= OverviewMap.North;

    /// <summary>Builds the map of <paramref name="rows"/>.</summary>
    /// <param name="rows">Enterprises with waste roles.</param>
    /// <param name="rings">District outlines (<see cref="GeoData.Rings"/>).</param>
    public static WasteMapModel Map(IReadOnlyList<WastePartyRow> rows, IReadOnlyList<(string Name, double[][] Ring)> rings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(rings);
        var placed = rows.Where(Inside).ToList();
        var unplaced = rows.Where(r => !Inside(r)).ToList();
        var series = new List<ISeries>
        {
            OverviewMap.OutlineSeries(rings),
        };
        foreach (var role in Roles)
        {
            series.Add(new ScatterSeries
            {
                Id = "waste-" + role,
                Name = Texts.Waste.Role(role),
                Symbol = role is "receiver" or "disposal" ? "diamond" : "circle",
                SymbolSize = role is "receiver" or "disposal" ? 16 : 11,
                Z = role is "receiver" or "disposal" ? 4 : 3,
                ItemStyle = new() { Color = new Color(Colour(role)), BorderColor = new Color("#000"), BorderWidth = 1 },
                Data = placed.Where(r => r.Roles.Count > 0 && r.Roles[0] == role).Select(r => (object)new
                {
                    name = r.Name,
                    value = new object?[] { r.Longitude, r.Latitude },
                    tooltip = new
                    {
                        formatter = WebUtility.HtmlEncode($"{r.Name} {r.Uscc}") + "<br/>" + WebUtility.HtmlEncode(string.Join("、", r.Roles.Select(Texts.Waste.Role)))
                            + "<br/>" + WebUtility.HtmlEncode(Texts.Waste.StockT + " " + WasteService.T(r.StockT)),
                    },
                }).ToList(),
                Label = new() { Show = true, Formatter = "{b}", Position = LabelPosition.Right },
                LabelLayout = new ObjectOrFunction(new { moveOverlap = "shiftY", hideOverlap = true }),
            });
        }
        var options = new ChartOptions
        {
            Animation = false,
            Tooltip = new() { Trigger = TooltipTrigger.Item },
            Legend = new() { Bottom = 0, Data = Roles.Select(Texts.Waste.Role).ToList() },
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
        return new WasteMapModel(options, placed, unplaced);
    }
}
