namespace SmartEnv.Planning.Indicators;

/// <summary>Where an indicator value comes from.</summary>
public enum ValueSource
{
    /// <summary>Computed by the platform from monitoring data (e.g. #9 good-day ratio and #13 PM2.5 annual mean via the
    /// HJ 663-2013 assessment of the configured air stations).</summary>
    Computed,
    /// <summary>Reported by a person or department (manual entry or Excel upload).</summary>
    Reported,
}

/// <summary>
/// One recorded value of an indicator for a year. Values are in the indicator's unit (% as percent points, PM2.5 in
/// μg/m³); for cumulative reduction indicators (名称 …下降率) the value is the cumulative reduction in % since the
/// baseline year.
/// </summary>
/// <param name="IndicatorNumber">专栏2 序号.</param>
/// <param name="Year">Year the value describes.</param>
/// <param name="Value">The value (exact).</param>
/// <param name="Source">Computed or reported.</param>
/// <param name="By">Who: the reporting person/department, or the computing engine (e.g. <c>smartenv air assess</c>).</param>
/// <param name="At">When it was recorded (UTC).</param>
/// <param name="Evidence">Evidence: document number or file for reported values; data set and station list for computed ones.</param>
/// <param name="Note">Free note (reason of a correction), null when none.</param>
/// <param name="Valid">False when the value is a statistic that fails its validity rule (e.g. a PM2.5 annual mean over fewer
/// valid days than GB 3095-2012 Table 4 requires, HJ 663-2013 §5): it is shown as not valid, never judged against the
/// target (<see cref="IndicatorStatus.NotValid"/>) and not used for a projection. Reported values are valid.</param>
public sealed record IndicatorValue(int IndicatorNumber, int Year, decimal Value, ValueSource Source, string By, DateTimeOffset At, string Evidence,
    string? Note = null, bool Valid = true);

/// <summary>A version of a value: the record and its 1-based version number within its year.</summary>
/// <param name="Version">1 for the first value of the year, 2 for the first correction, …</param>
/// <param name="Value">The recorded value.</param>
public sealed record IndicatorValueVersion(int Version, IndicatorValue Value);

/// <summary>
/// The value series of one indicator by year. Recording never overwrites: every value is kept as a new version of its
/// year and the latest version (by recording order) is the current one, whatever its source.
/// </summary>
public sealed class IndicatorSeries
{
    private readonly SortedDictionary<int, List<IndicatorValueVersion>> _byYear = [];

    /// <summary>Creates an empty series.</summary>
    /// <param name="indicatorNumber">专栏2 序号.</param>
    public IndicatorSeries(int indicatorNumber) => IndicatorNumber = indicatorNumber;

    /// <summary>专栏2 序号.</summary>
    public int IndicatorNumber { get; }

    /// <summary>Records a value as the newest version of its year.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The stored version.</returns>
    /// <exception cref="ArgumentException">The value belongs to another indicator, or <c>By</c> is empty.</exception>
    public IndicatorValueVersion Record(IndicatorValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IndicatorNumber != IndicatorNumber) throw new ArgumentException($"value for indicator {value.IndicatorNumber} recorded in series {IndicatorNumber}", nameof(value));
        if (string.IsNullOrWhiteSpace(value.By)) throw new ArgumentException("a value needs its reporter or computing engine (By)", nameof(value));
        if (!_byYear.TryGetValue(value.Year, out var list)) _byYear[value.Year] = list = [];
        var v = new IndicatorValueVersion(list.Count + 1, value);
        list.Add(v);
        return v;
    }

    /// <summary>Years with at least one value, ascending.</summary>
    public IEnumerable<int> Years => _byYear.Keys;

    /// <summary>The current (latest) value of a year, null when none.</summary>
    /// <param name="year">The year.</param>
    public IndicatorValue? Current(int year) => _byYear.TryGetValue(year, out var l) ? l[^1].Value : null;

    /// <summary>All versions of a year, oldest first (empty when none).</summary>
    /// <param name="year">The year.</param>
    public IReadOnlyList<IndicatorValueVersion> History(int year) => _byYear.TryGetValue(year, out var l) ? l : [];
}
