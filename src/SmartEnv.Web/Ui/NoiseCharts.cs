using SmartEnv.Standards.Noise;
using Vizor.ECharts;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Ui;

/// <summary>
/// ECharts options of the noise page: hourly L_Aeq of one site (category axis of Beijing-time hour starts) with the
/// GB 3096-2008 Table 1 limit that applies to each hour (day limit for hours starting 06:00–21:00, night limit otherwise).
/// Pure; thread-safe.
/// </summary>
public static class NoiseCharts
{
    /// <summary>Hourly Leq line, dB(A), and the applicable zone limit as a dashed line (when a zone is registered).</summary>
    /// <param name="points">Hours in time order.</param>
    /// <param name="limits">Zone limits, or null.</param>
    /// <param name="leqName">Series name of the levels.</param>
    /// <param name="limitName">Series name of the limit.</param>
    public static ChartOptions HourlyLeq(IReadOnlyList<NoiseHourPoint> points, NoiseLimits? limits, string leqName, string limitName)
    {
        ArgumentNullException.ThrowIfNull(points);
        var series = new List<LineSeries>
        {
            new LineSeries { Name = leqName, ShowSymbol = points.Count <= 48, Data = points.Select(p => (object?)p.Leq).ToList() },
        };
        if (limits is { } l)
            series.Add(new LineSeries
            {
                Name = limitName, ShowSymbol = false, Step = Vizor.ECharts.Step.End, LineStyle = new() { Type = LineTypeStyle.Dashed, Color = new Color("#cf1322") },
                ItemStyle = new() { Color = new Color("#cf1322") },
                Data = points.Select(p => (object?)(NoisePeriods.Default.IsNight(TimeOnly.FromDateTime(BeijingTime.Local(p.Start))) ? l.Night : l.Day)).ToList(),
            });
        return new ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Legend = new() { Top = 0 },
            Grid = new() { Left = 50, Right = 30, Top = 40, Bottom = 30 },
            XAxis = new() { Type = AxisType.Category, Data = points.Select(p => Display.Beijing(p.Start)).ToList() },
            YAxis = new() { Type = AxisType.Value, Name = "dB(A)", Min = 30 },
            Series = [.. series],
        };
    }
}
