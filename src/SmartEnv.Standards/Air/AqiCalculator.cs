using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>
/// AQI and IAQI per HJ 633 (see <see cref="AqiRegime"/> for the three regimes). Pure functions over exact
/// <see cref="decimal"/> concentrations (μg/m³; CO mg/m³). Thread-safe.
/// </summary>
public static class AqiCalculator
{
    /// <summary>
    /// Real-time (hourly) AQI over the regime's <see cref="AqiRegime.HourlySet"/>. Indicators outside the set are ignored
    /// except <c>so2_24h</c>, which HJ 633-2012 note (2) needs when <c>so2_1h</c> &gt; 800.
    /// </summary>
    /// <param name="concentrations">Concentration per indicator (μg/m³; CO mg/m³), each ≥ 0.</param>
    /// <param name="regime">Regime to apply.</param>
    /// <returns>The result; incomplete when a set member is missing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative.</exception>
    public static AqiResult Hourly(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime) =>
        Compute(concentrations, regime, AqiReport.Hourly);

    /// <summary>
    /// Daily AQI over the regime's <see cref="AqiRegime.DailySet"/>: 24-h means, O3 daily max 1-h (2012 regimes only) and
    /// O3 daily max 8-h mean. Indicators outside the set are ignored.
    /// </summary>
    /// <param name="concentrations">Concentration per indicator (μg/m³; CO mg/m³), each ≥ 0.</param>
    /// <param name="regime">Regime to apply.</param>
    /// <returns>The result; incomplete when a set member is missing.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative.</exception>
    public static AqiResult Daily(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime) =>
        Compute(concentrations, regime, AqiReport.Daily);

    /// <summary>Hourly AQI with the regime selected by date (<see cref="AqiRegime.ForDate"/>).</summary>
    /// <param name="concentrations">Concentration per indicator.</param>
    /// <param name="date">Beijing-time natural day of the hour.</param>
    public static AqiResult Hourly(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, DateOnly date) =>
        Hourly(concentrations, AqiRegime.ForDate(date));

    /// <summary>Daily AQI with the regime selected by date (<see cref="AqiRegime.ForDate"/>).</summary>
    /// <param name="concentrations">Concentration per indicator.</param>
    /// <param name="date">Beijing-time natural day.</param>
    public static AqiResult Daily(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, DateOnly date) =>
        Daily(concentrations, AqiRegime.ForDate(date));

    /// <summary>
    /// The IAQI of a single indicator under a regime, with the rules above the table tops: SO2 1h &gt; 800 (2012: IAQI of
    /// <paramref name="so2DailyMean"/>; 2026: 200), O3 8h &gt; 800 (2012: not computed; 2026: 300), any other value above
    /// the top: 500 with <see cref="IaqiNote.CappedAt500"/>. In HJ633-2026 the input is first rounded per GB/T 8170
    /// (integer; CO 1 decimal).
    /// </summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="concentration">Concentration ≥ 0 (μg/m³; CO mg/m³).</param>
    /// <param name="regime">Regime.</param>
    /// <param name="so2DailyMean">The SO2 24-h mean for the HJ 633-2012 note (2) rule, if known.</param>
    /// <returns>The entry, or null when the indicator carries no IAQI in the regime (PM 1h under the HJ 633-2012 text).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative.</exception>
    public static IaqiEntry? Iaqi(AqiIndicator indicator, decimal concentration, AqiRegime regime, decimal? so2DailyMean = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concentration);
        var table = regime.Table(indicator);
        if (table is null) return null;
        var c = regime.RoundsInputs ? RoundInput(indicator, concentration) : concentration;
        if (c <= table.Top) return new IaqiEntry(indicator, c, table.Iaqi(c), IaqiNote.None);
        switch (indicator)
        {
            case AqiIndicator.So2_1h when regime.So2Above800 == So2HourlyAbove800Rule.Fixed200:
                return new IaqiEntry(indicator, c, 200, IaqiNote.So2Fixed200);
            case AqiIndicator.So2_1h:
                if (so2DailyMean is not { } d) return new IaqiEntry(indicator, c, null, IaqiNote.So2DailyMeanMissing);
                var daily = Iaqi(AqiIndicator.So2_24h, d, regime)!;
                return new IaqiEntry(indicator, c, daily.Value,
                    daily.Note == IaqiNote.CappedAt500 ? IaqiNote.CappedAt500 : IaqiNote.So2FromDailyMean);
            case AqiIndicator.O3_8h when regime.O3EightHourAbove800 == O3EightHourAbove800Rule.Fixed300:
                return new IaqiEntry(indicator, c, 300, IaqiNote.O3EightHourFixed300);
            case AqiIndicator.O3_8h:
                return new IaqiEntry(indicator, c, null, IaqiNote.O3EightHourNotComputed);
            default:
                return new IaqiEntry(indicator, c, 500, IaqiNote.CappedAt500);
        }
    }

    /// <summary>
    /// The unrounded IAQI of formula (1) for a concentration inside the indicator's column (the value whose ceiling
    /// <see cref="Iaqi"/> returns), after the regime's input rounding. Null when the indicator has no column in the regime
    /// or the concentration is above the column's top (there a special rule, not formula (1), gives the IAQI). Used only
    /// by the verification of published figures to test other rounding rules (docs/verification.md).
    /// </summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="concentration">Concentration ≥ 0 (μg/m³; CO mg/m³).</param>
    /// <param name="regime">Regime.</param>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative.</exception>
    public static decimal? ExactIaqi(AqiIndicator indicator, decimal concentration, AqiRegime regime)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concentration);
        ArgumentNullException.ThrowIfNull(regime);
        var table = regime.Table(indicator);
        if (table is null) return null;
        var c = regime.RoundsInputs ? RoundInput(indicator, concentration) : concentration;
        return c <= table.Top ? table.ExactIaqi(c) : null;
    }

    /// <summary>
    /// GB/T 8170 (half-even) rounding of a concentration to the reporting precision of HJ 633-2026 §4.2.2: integer μg/m³,
    /// CO to 1 decimal mg/m³.
    /// </summary>
    /// <param name="indicator">The indicator (decides CO vs other).</param>
    /// <param name="concentration">The concentration.</param>
    public static decimal RoundInput(AqiIndicator indicator, decimal concentration) =>
        Gbt8170.Round(concentration, indicator.IsCarbonMonoxide() ? 1 : 0);

    private static AqiResult Compute(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime, AqiReport report)
    {
        ArgumentNullException.ThrowIfNull(concentrations);
        ArgumentNullException.ThrowIfNull(regime);
        foreach (var (k, v) in concentrations)
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(concentrations), v, $"{k.Key()} must not be negative");
        var set = report == AqiReport.Hourly ? regime.HourlySet : regime.DailySet;
        var entries = new List<IaqiEntry>(set.Count);
        var missing = new List<AqiIndicator>();
        decimal? so2Daily = concentrations.TryGetValue(AqiIndicator.So2_24h, out var s) ? s : null;
        foreach (var ind in set)
        {
            if (!concentrations.TryGetValue(ind, out var c)) { missing.Add(ind); continue; }
            entries.Add(Iaqi(ind, c, regime, so2Daily)!);
        }
        return new AqiResult(regime, report, entries, missing);
    }
}
