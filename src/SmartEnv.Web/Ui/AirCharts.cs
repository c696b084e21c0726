using SmartEnv.Standards.Air;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// ECharts options of the air page built from engine results: AQI trend and pollutant curves (category axis of
/// Beijing-time hour ends), and the daily AQI calendar in the HJ 633-2012 Appendix A colours. Pure; thread-safe.
/// </summary>
public static class AirCharts
{
    /// <summary>Piecewise visual map of the six AQI levels: bands and colours as <see cref="AqiCategory.Levels"/> states them
    /// (HJ 633-2012 Table 2, Appendix A).</summary>
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
            Min = c.Min,
            Max = c.Max,
            Label = zh ? c.Zh : c.En,
            Color = new Color(c.Color),
        }).ToList(),
        OutOfRange = new() { Color = new Color("#bfbfbf") },
    };

    /// <summary>Axis tooltip of the AQI trend: the hour, then each series' value; an incomplete hour adds its reason
    /// (the data item's <c>reason</c>).</summary>
    private const string TrendTooltip =
        "function (ps) { return ps.length ? ps[0].axisValue + ps.map(function (p) { var v = Array.isArray(p.value) ? p.value[1] : p.value; " +
        "if (v == null) return ''; return '<br/>' + p.marker + p.seriesName + ': ' + v + (p.data && p.data.reason ? '（' + p.data.reason + '）' : ''); }).join('') : ''; }";

    /// <summary>Item tooltip of the calendar: the date and the AQI, or the reason a day has no valid AQI.</summary>
    private const string CalendarTooltip =
        "function (p) { return p.value[0] + '<br/>' + (p.data && p.data.reason ? p.seriesName + '：' + p.data.reason : 'AQI ' + p.value[1]); }";

    /// <summary>
    /// Hourly AQI line coloured by level. Only complete hours (<see cref="AqiResult.Complete"/>: every indicator of the
    /// regime present) are drawn on the line; an incomplete hour is a gap in the line and a hollow, dashed marker of its
    /// own series (<paramref name="incompleteName"/>) whose tooltip gives the reason — an AQI over a subset of pollutants
    /// is never drawn as a real (possibly low) value.
    /// </summary>
    /// <param name="points">Trend points.</param>
    /// <param name="zh">Chinese labels.</param>
    /// <param name="incompleteName">Name of the incomplete-hours series (UI language).</param>
    /// <param name="reason">Why a point is incomplete (UI language), e.g. <see cref="Incomplete.Missing"/>.</param>
    public static ChartOptions AqiTrend(IReadOnlyList<AirTrendPoint> points, bool zh, string incompleteName, Func<AirTrendPoint, string> reason)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(reason);
        var visual = AqiLevels(zh, true);
        visual.SeriesIndex = 0; // the level colours apply to the line; the incomplete markers stay hollow
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis, Formatter = new JavascriptFunction(TrendTooltip) },
            Legend = new() { Top = 0, Data = new List<string> { incompleteName } },
            Grid = new() { Left = 50, Right = 30, Top = 30, Bottom = 70 },
            XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.End)).ToList() },
            YAxis = new() { Type = AxisType.Value, Name = "AQI" },
            VisualMap = visual,
            Series =
            [
                new LineSeries { Name = "AQI", ShowSymbol = false, ConnectNulls = false,
                    Data = points.Select(p => p.Aqi.Complete ? (object?)p.Aqi.Aqi : null).ToList() },
                new ScatterSeries
                {
                    Name = incompleteName,
                    Symbol = "emptyCircle",
                    SymbolSize = 7,
                    Data = points.Where(p => !p.Aqi.Complete && p.Aqi.Aqi is not null).Select(p => (object)new
                    {
                        value = new object[] { Display.Beijing(p.End), p.Aqi.Aqi! },
                        reason = reason(p),
                        itemStyle = new { color = "#fff", borderColor = p.Aqi.Category?.Color ?? "#8c8c8c", borderType = "dashed", borderWidth = 1.5 },
                    }).ToList(),
                },
            ],
        };
    }

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

    /// <summary>
    /// Daily AQI calendar heatmap of one year. Days with a valid AQI carry their level colour; a day without one (GB 3095
    /// Table 4 validity, <see cref="AirDay.AqiValid"/>) is drawn as a hollow dashed cell of its own series
    /// (<paramref name="invalidName"/>) whose tooltip gives the reason — never as a low value.
    /// </summary>
    /// <param name="a">Assessment (one calendar year, or part of one).</param>
    /// <param name="zh">Chinese labels.</param>
    /// <param name="invalidName">Name of the invalid-days series (UI language).</param>
    /// <param name="reason">Why a day has no valid AQI (UI language), e.g. <see cref="Incomplete.Reasons"/>.</param>
    public static ChartOptions Calendar(AirAssessment a, bool zh, string invalidName, Func<AirDay, string> reason)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(reason);
        var visual = AqiLevels(zh, true);
        visual.SeriesIndex = 0;
        var year = a.From.Year;
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Item, Formatter = new JavascriptFunction(CalendarTooltip) },
            VisualMap = visual,
            Calendar = new()
            {
                Range = year.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
                new ScatterSeries
                {
                    Name = invalidName,
                    CoordinateSystem = "calendar",
                    Symbol = "rect",
                    SymbolSize = 10,
                    Data = a.Days.Where(d => !d.AqiValid && d.Date.Year == year).Select(d => (object)new
                    {
                        value = new object[] { Display.Date(d.Date), 0 },
                        reason = reason(d),
                        itemStyle = new { color = "#fff", borderColor = "#8c8c8c", borderType = "dashed", borderWidth = 1 },
                    }).ToList(),
                },
            ],
        };
    }
}
