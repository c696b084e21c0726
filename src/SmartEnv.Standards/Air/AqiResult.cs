namespace SmartEnv.Standards.Air;

/// <summary>Why an IAQI is what it is, when a special rule applied.</summary>
public enum IaqiNote
{
    /// <summary>Computed by formula (1) within the table.</summary>
    None,
    /// <summary>Above the column's top breakpoint; capped at 500. Not defined by HJ 633-2012; HJ 633-2026 states AQI range 1–500.</summary>
    CappedAt500,
    /// <summary>SO2 1h &gt; 800 under HJ 633-2012 note (2): the value is the IAQI of the supplied <c>so2_24h</c>.</summary>
    So2FromDailyMean,
    /// <summary>SO2 1h &gt; 800 under HJ 633-2012 note (2) but no <c>so2_24h</c> was supplied: not computed.</summary>
    So2DailyMeanMissing,
    /// <summary>SO2 1h &gt; 800 under HJ 633-2026 Table 3 note b: fixed at 200.</summary>
    So2Fixed200,
    /// <summary>O3 8h &gt; 800 under HJ 633-2012 note (3): not computed ("NC"), O3 is carried by the 1-h IAQI.</summary>
    O3EightHourNotComputed,
    /// <summary>O3 8h &gt; 800 under HJ 633-2026 Table 3 note c: fixed at 300.</summary>
    O3EightHourFixed300,
}

/// <summary>The IAQI of one indicator.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Concentration">The concentration used (after GB/T 8170 rounding in the HJ633-2026 regime).</param>
/// <param name="Value">The IAQI (integer, rounded up), or null when not computed (see <paramref name="Note"/>).</param>
/// <param name="Note">Special rule applied, if any.</param>
public sealed record IaqiEntry(AqiIndicator Indicator, decimal Concentration, int? Value, IaqiNote Note);

/// <summary>Which report an AQI belongs to.</summary>
public enum AqiReport
{
    /// <summary>Real-time (hourly) report: HJ 633-2012 §5.1.3 / Table 4; HJ 633-2026 §4.2.3.</summary>
    Hourly,
    /// <summary>Daily report: HJ 633-2012 §5.1.2 / Table 3; HJ 633-2026 §4.2.2.</summary>
    Daily,
}

/// <summary>
/// An AQI result (HJ 633 §4–§5). AQI = max IAQI (formula 2) over the regime's indicator set, computed from the indicators
/// present; <see cref="Complete"/> says whether all were present.
/// </summary>
public sealed class AqiResult
{
    internal AqiResult(AqiRegime regime, AqiReport report, IReadOnlyList<IaqiEntry> entries, IReadOnlyList<AqiIndicator> missing)
    {
        Regime = regime;
        Report = report;
        Entries = entries;
        Missing = missing;
        Iaqi = entries.ToDictionary(e => e.Indicator, e => e.Value);
        var values = entries.Where(e => e.Value.HasValue).Select(e => e.Value!.Value).ToList();
        Aqi = values.Count == 0 ? null : values.Max();
        Category = Aqi is { } a ? AqiCategory.ForAqi(a) : null;
        // HJ 633-2012 §3.3 / HJ 633-2026 §4.3.1: primary pollutant only when AQI > 50; ties (equal integer IAQI) all listed.
        PrimaryPollutants = Aqi is > 50 ? entries.Where(e => e.Value == Aqi).Select(e => e.Indicator).ToList() : [];
        // HJ 633-2012 §3.4: exceeding pollutant = IAQI > 100 (the grade-II limit). Deleted in HJ 633-2026.
        Exceeding = regime.ReportsExceeding ? entries.Where(e => e.Value > 100).Select(e => e.Indicator).ToList() : [];
        Capped = entries.Any(e => e.Note == IaqiNote.CappedAt500);
        Complete = missing.Count == 0 && entries.All(e => e.Value.HasValue || e.Note == IaqiNote.O3EightHourNotComputed);
    }

    private AqiResult(AqiRegime regime, AqiReport report, int? aqi, IReadOnlyList<AqiIndicator> primary, bool complete,
        IReadOnlyDictionary<AqiIndicator, int?> iaqi, IReadOnlyList<IaqiEntry> entries, IReadOnlyList<AqiIndicator> missing)
    {
        Regime = regime;
        Report = report;
        Aqi = aqi;
        Category = aqi is { } a ? AqiCategory.ForAqi(a) : null;
        PrimaryPollutants = primary;
        Iaqi = iaqi;
        Entries = entries;
        Missing = missing;
        Exceeding = regime.ReportsExceeding ? iaqi.Where(e => e.Value > 100).Select(e => e.Key).OrderBy(k => k).ToList() : [];
        Complete = complete;
    }

    /// <summary>
    /// A result as it was stored (<c>hourly_aqi</c> / <c>daily_aqi</c> rows): AQI, primary pollutants, completeness and
    /// per-indicator IAQI are taken as written by the evaluation, not computed again; <see cref="Missing"/> is the regime's
    /// indicator set of the report minus the stored IAQI keys; <see cref="Capped"/> is not stored (false); <see cref="Entries"/> carry the stored concentration where
    /// one is known (daily values), else 0, and no note. Thread-safe (immutable).
    /// </summary>
    /// <param name="regime">Regime that computed the row.</param>
    /// <param name="report">Hourly or daily.</param>
    /// <param name="aqi">Stored AQI, or null.</param>
    /// <param name="primary">Stored primary pollutants (首要污染物).</param>
    /// <param name="complete">Stored completeness.</param>
    /// <param name="iaqi">Stored IAQI per indicator (null = not computed).</param>
    /// <param name="concentrations">Stored concentrations per indicator, where known.</param>
    public static AqiResult FromStored(AqiRegime regime, AqiReport report, int? aqi, IReadOnlyList<AqiIndicator> primary, bool complete,
        IReadOnlyDictionary<AqiIndicator, int?> iaqi, IReadOnlyDictionary<AqiIndicator, decimal>? concentrations = null)
    {
        ArgumentNullException.ThrowIfNull(regime);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(iaqi);
        var set = report == AqiReport.Hourly ? regime.HourlySet : regime.DailySet;
        var entries = set.Where(iaqi.ContainsKey)
            .Select(i => new IaqiEntry(i, concentrations?.GetValueOrDefault(i) ?? 0m, iaqi[i], iaqi[i] is null && i == AqiIndicator.O3_8h ? IaqiNote.O3EightHourNotComputed : IaqiNote.None))
            .ToList();
        return new AqiResult(regime, report, aqi, primary, complete, iaqi, entries, set.Where(i => !iaqi.ContainsKey(i)).ToList());
    }

    /// <summary>The regime applied.</summary>
    public AqiRegime Regime { get; }

    /// <summary>Hourly (real-time) or daily.</summary>
    public AqiReport Report { get; }

    /// <summary>AQI (integer ≥ 0), or null when no indicator of the set could be computed.</summary>
    public int? Aqi { get; }

    /// <summary>Level 1…6, or null when <see cref="Aqi"/> is null.</summary>
    public int? Level => Category?.Level;

    /// <summary>Level, category and colour, or null when <see cref="Aqi"/> is null.</summary>
    public AqiCategory? Category { get; }

    /// <summary>Primary pollutants (首要污染物): the indicators whose IAQI equals the AQI, only when AQI &gt; 50.</summary>
    public IReadOnlyList<AqiIndicator> PrimaryPollutants { get; }

    /// <summary>Exceeding pollutants (超标污染物, IAQI &gt; 100); always empty in the HJ633-2026 regime.</summary>
    public IReadOnlyList<AqiIndicator> Exceeding { get; }

    /// <summary>Per-indicator results in the regime's report order (only indicators of the set that were supplied).</summary>
    public IReadOnlyList<IaqiEntry> Entries { get; }

    /// <summary>IAQI per indicator (null = not computed, e.g. O3 8h &gt; 800 under HJ 633-2012).</summary>
    public IReadOnlyDictionary<AqiIndicator, int?> Iaqi { get; }

    /// <summary>Indicators of the set that were not supplied.</summary>
    public IReadOnlyList<AqiIndicator> Missing { get; }

    /// <summary>True when every indicator of the regime's set was supplied and evaluated.</summary>
    public bool Complete { get; }

    /// <summary>True when some IAQI was above its table top and capped at 500.</summary>
    public bool Capped { get; }

    /// <summary>
    /// HJ 633-2026 §5.3.1 publication rule: with a pollutant missing, the AQI is published only if it is &gt; 100; otherwise
    /// AQI, level and primary pollutant are shown as "NA". True when complete or AQI &gt; 100.
    /// </summary>
    public bool Publishable => Aqi is not null && (Complete || Aqi > 100);
}
