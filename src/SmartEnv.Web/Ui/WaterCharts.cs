using SmartEnv.Standards.Water;
using Vizor.ECharts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// ECharts options of the water page's section trend (category x axis of Beijing-time sample times): the GB 3838-2002
/// class per sample on a category y axis Ⅰ…劣Ⅴ with points in the 环办〔2011〕22号 quality colours
/// (<see cref="WaterClassText.ToColour"/>) and the target class as a dashed line; and the values of one item with its
/// class Ⅲ limit(s) of GB 3838-2002 Table 1 (river) as dashed lines. Classes come from <see cref="WaterClassifier"/> via
/// <see cref="WaterTrendPoint.Assessment"/>. Pure; thread-safe.
/// </summary>
public static class WaterCharts
{
    private const string LimitColour = "#cf1322";

    /// <summary>Axis tooltip: the sample time and its class by name (the series values are category indexes).</summary>
    private static readonly string ClassTooltip =
        "function (ps) { var c = [" + string.Join(",", Enum.GetValues<WaterClass>().Select(c => "'" + c.ToDisplay() + "'")) + "]; " +
        "return ps.length ? ps[0].axisValue + ps.map(function (p) { return '<br/>' + p.marker + p.seriesName + ': ' + (p.value == null ? '—' : c[p.value]); }).join('') : ''; }";

    /// <summary>Category index of a class on the y axis (Ⅰ → 0 … 劣Ⅴ → 5).</summary>
    private static int Index(WaterClass c) => (int)c - 1;

    /// <summary>The classes in axis order (Ⅰ at the bottom, 劣Ⅴ at the top).</summary>
    public static IReadOnlyList<WaterClass> Classes { get; } = Enum.GetValues<WaterClass>();

    /// <summary>Class per sample; samples without a class (no item evaluable) are gaps.</summary>
    /// <param name="points">Trend samples, time order.</param>
    /// <param name="target">Target class, or null (no line).</param>
    /// <param name="className">Series name of the class.</param>
    /// <param name="targetName">Label of the target line (e.g. "目标 Ⅲ 类").</param>
    public static ChartOptions ClassTrend(IReadOnlyList<WaterTrendPoint> points, WaterClass? target, string className, string targetName)
    {
        ArgumentNullException.ThrowIfNull(points);
        var series = new LineSeries
        {
            Name = className,
            ShowSymbol = true,
            Symbol = "circle",
            SymbolSize = 10,
            ConnectNulls = false,
            LineStyle = new() { Color = new Color("#8c8c8c"), Width = 1 },
            Data = points.Select(p => p.Assessment.Class is { } c
                ? (object?)new LineSeriesData { Value = Index(c), ItemStyle = new() { Color = new Color(c.ToQuality().ToColour()) } }
                : null).ToList(),
        };
        if (target is { } t)
            series.MarkLine = new MarkLine
            {
                Silent = true,
                Symbol = "none",
                LineStyle = new() { Type = LineTypeStyle.Dashed, Color = new Color(LimitColour), Width = 2 },
                Label = new() { Formatter = targetName },
                Data = new object[] { new Dictionary<string, object> { ["yAxis"] = Index(t), ["name"] = targetName } },
            };
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis, Formatter = new JavascriptFunction(ClassTooltip) },
            Grid = new() { Left = 50, Right = 110, Top = 20, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.Time)).ToList() },
            YAxis = new() { Type = AxisType.Category, Data = Classes.Select(c => c.ToDisplay()).ToList(), BoundaryGap = false },
            Series = [series],
        };
    }

    /// <summary>
    /// Values of one item (mg/L; pH dimensionless) with its GB 3838-2002 Table 1 class Ⅲ limit (river) as a dashed line,
    /// two lines (6 and 9) for pH. The y axis spans the values and the limit(s).
    /// </summary>
    /// <param name="points">Trend samples, time order; samples without the item are gaps.</param>
    /// <param name="item">Item shown.</param>
    /// <param name="itemName">Series name (item name in the current language).</param>
    /// <param name="limitName">Label prefix of the limit line (e.g. "Ⅲ类限值").</param>
    public static ChartOptions ItemTrend(IReadOnlyList<WaterTrendPoint> points, WaterItem item, string itemName, string limitName)
    {
        ArgumentNullException.ThrowIfNull(points);
        var info = Gb3838Table1.Get(item);
        var limits = info.Kind == LimitKind.Range ? info.LimitsFor(WaterbodyType.River).ToList()
            : info.Kind == LimitKind.None ? [] : [info.LimitsFor(WaterbodyType.River)[2]];
        var values = points.Select(p => p.Values.TryGetValue(item, out var v) ? (decimal?)v : null).ToList();
        var all = values.OfType<decimal>().Concat(limits).ToList();
        var unit = info.Unit.Length == 0 ? "pH" : info.Unit;
        var series = new LineSeries
        {
            Name = itemName,
            ShowSymbol = points.Count <= 60,
            ConnectNulls = false,
            Data = values.Select(v => (object?)v).ToList(),
            MarkLine = limits.Count == 0 ? null : new MarkLine
            {
                Silent = true,
                Symbol = "none",
                LineStyle = new() { Type = LineTypeStyle.Dashed, Color = new Color(LimitColour), Width = 2 },
                
                Data = limits.Select(l => (object)new Dictionary<string, object>
                {
                    ["yAxis"] = l,
                    ["name"] = limitName,
                    ["label"] = new Dictionary<string, object> { ["formatter"] = $"{limitName} {l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" },
                }).ToArray(),
            },
        };
        // Axis bounds (display only): the values and limits plus 10 %, on a step of a tenth of the range's magnitude.
        var (lo, hi) = all.Count == 0 ? (0d, 1d) : ((double)all.Min(), (double)all.Max());
        var pad = hi == lo ? Math.Max(Math.Abs(hi) * 0.1, 0.1) : (hi - lo) * 0.1;
        var step = Math.Pow(10, Math.Floor(Math.Log10(hi - lo + 2 * pad)) - 1);
        var min = Math.Max(0, Math.Floor((lo - pad) / step) * step);
        var max = Math.Ceiling((hi + pad) / step) * step;
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Legend = new() { Top = 0 },
            Grid = new() { Left = 60, Right = 110, Top = 40, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.Time)).ToList() },
            YAxis = new() { Type = AxisType.Value, Name = unit, Min = Math.Round(min, 6), Max = Math.Round(max, 6) },
            Series = [series],
        };
    }
}
