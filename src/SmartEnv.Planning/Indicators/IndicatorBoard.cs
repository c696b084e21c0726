namespace SmartEnv.Planning.Indicators;

/// <summary>A point of an indicator's sparkline: year and current value (null when none).</summary>
/// <param name="Year">Year.</param>
/// <param name="Value">Current value, null when none was recorded.</param>
public sealed record SparkPoint(int Year, decimal? Value);

/// <summary>
/// The indicator board: the 17 indicators with their value series, assessed for a year, with a sparkline of current values
/// from the baseline year to the target year.
/// </summary>
public sealed class IndicatorBoard
{
    private readonly Dictionary<int, IndicatorSeries> _series;

    /// <summary>Creates a board.</summary>
    /// <param name="indicators">专栏2 indicators.</param>
    /// <param name="series">Known series by 序号 (missing ones start empty).</param>
    public IndicatorBoard(IReadOnlyList<PlanIndicator> indicators, IReadOnlyDictionary<int, IndicatorSeries>? series = null)
    {
        Indicators = indicators ?? throw new ArgumentNullException(nameof(indicators));
        _series = indicators.ToDictionary(i => i.Number, i => series?.GetValueOrDefault(i.Number) ?? new IndicatorSeries(i.Number));
    }

    /// <summary>The indicators.</summary>
    public IReadOnlyList<PlanIndicator> Indicators { get; }

    /// <summary>The series of an indicator.</summary>
    /// <param name="number">专栏2 序号.</param>
    /// <exception cref="KeyNotFoundException">No such indicator.</exception>
    public IndicatorSeries Series(int number) => _series[number];

    /// <summary>Records a value (kept as a new version, never overwriting).</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="KeyNotFoundException">No such indicator.</exception>
    public IndicatorValueVersion Record(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _series[value.IndicatorNumber].Record(value);
    }

    /// <summary>Assessment of every indicator for a year, in 序号 order.</summary>
    /// <param name="year">The year.</param>
    public IReadOnlyList<IndicatorAssessment> Assess(int year) =>
        Indicators.Select(i => IndicatorStatusEvaluator.Assess(i, _series[i.Number], year)).ToList();

    /// <summary>Current values from the baseline year to the target year (one point per year).</summary>
    /// <param name="number">专栏2 序号.</param>
    public IReadOnlyList<SparkPoint> Sparkline(int number)
    {
        var i = Indicators.Single(x => x.Number == number);
        var s = _series[number];
        return Enumerable.Range(i.BaselineYear, i.TargetYear - i.BaselineYear + 1).Select(y => new SparkPoint(y, s.Current(y)?.Value)).ToList();
    }
}
