using SmartEnv.Standards.Air;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// ECharts options of the air page built from engine results: AQI trend and pollutant curves (category axis of
/// Beijing-time hour ends), and the daily AQI calendar in the HJ 633-2012 Appendix A colours. Pure; thread-safe.
/// </summary>
public static class AirCharts
{
    /// <summary>Piecewise visual map of the six AQI levels (HJ 633-2012 Table 2 bands, Appendix A colours).</summary>
    /// <param name="zh">Chinese labels.</param>
    /// <param name="show">Show the legend.</param>
    public static PiecewiseVisualMap AqiLevels(bool zh, bool show) => new()
    {
        Show = show,
        Orient = Orient.Horizontal,
        Left = "center",
        Bottom = 0,
        Pieces = AqiCategory.Levels.Select(c => new VisualMapPiece
        {
            Min = c.Level switch { 1 => 0, 2 => 51, 3 => 101, 4 => 151, 5 => 201, _ => 301 },
            Max = c.Level switch { 1 => 50, 2 => 100, 3 => 150, 4 => 200, 5 => 300, _ => 500 },
            Label = zh ? c.Zh : c.En,
            Color = new Color(c.Color),
        }).ToList(),
        OutOfRange = new() { Color = new Color("#bfbfbf") },
    };

    /// <summary>Hourly AQI line coloured by level.</summary>
    /// <param name="points">Trend points.</param>
    /// <param name="zh">Chinese labels.</param>
    public static ChartOptions AqiTrend(IReadOnlyList<AirTrendPoint> points, bool zh) => new()
    {
        Tooltip = new() { Trigger = TooltipTrigger.Axis },
        Grid = new() { Left = 50, Right = 30, Top = 30, Bottom = 70 },
        XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.End)).ToList() },
        YAxis = new() { Type = AxisType.Value, Name = "AQI" },
        VisualMap = AqiLevels(zh, true),
        Series = [new LineSeries { Name = "AQI", ShowSymbol = false, Data = points.Select(p => (object?)p.Aqi.Aqi).ToList(), ConnectNulls = false }],
    };

    /// <summary>1-h concentration curves: five pollutants in μg/m³ on the left axis, CO in mg/m³ on the right.</summary>
    /// <param name="points">Trend points.</param>
    public static ChartOptions Pollutants(IReadOnlyList<AirTrendPoint> points)
    {
        LineSeries S(string name, Func<AirHour, decimal?> f, int axis = 0) =>
            new() { Name = name, ShowSymbol = false, YAxisIndex = axis, Data = points.Select(p => (object?)f(p.Hour)).ToList() };
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Legend = new() { Top = 0 },
            Grid = new() { Left = 50, Right = 60, Top = 40, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.End)).ToList() },
            YAxisList = [new() { Type = AxisType.Value, Name = "μg/m³" }, new() { Type = AxisType.Value, Name = "CO mg/m³" }],
            Series =
            [
                S(Display.Pollutant(AqiIndicator.Pm25_1h), h => h.Pm25), S(Display.Pollutant(AqiIndicator.Pm10_1h), h => h.Pm10),
                S(Display.Pollutant(AqiIndicator.O3_1h), h => h.O3), S(Display.Pollutant(AqiIndicator.No2_1h), h => h.No2),
                S(Display.Pollutant(AqiIndicator.So2_1h), h => h.So2), S(Display.Pollutant(AqiIndicator.Co_1h), h => h.Co, 1),
            ],
        };
    }

    /// <summary>Daily AQI calendar heatmap of one year; invalid days are left blank.</summary>
    /// <param name="a">Assessment (one calendar year, or part of one).</param>
    /// <param name="zh">Chinese labels.</param>
    public static ChartOptions Calendar(AirAssessment a, bool zh) => new()
    {
        Tooltip = new() { Trigger = TooltipTrigger.Item },
        VisualMap = AqiLevels(zh, true),
        Calendar = new()
        {
            Range = a.From.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Top = 30, Left = 40, Right = 20, CellSize = new CellSize("auto", 18),
            YearLabel = new() { Show = false },
            DayLabel = new() { NameMap = zh ? "ZH" : "EN", FirstDay = 1 },
            MonthLabel = new() { NameMap = zh ? "ZH" : "EN" },
        },
        Series =
        [
            new HeatmapSeries
            {
                CoordinateSystem = "calendar",
                Data = a.Days.Where(d => d.AqiValid).Select(d => (object)new object[] { Display.Date(d.Date), d.Aqi!.Aqi! }).ToList(),
            },
        ],
    };
}
