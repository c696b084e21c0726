using System.Globalization;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;

namespace SmartEnv.Verifications.Air;

/// <summary>
/// Verification of published hourly AQI (issue 22, docs/verification.md §1): recompute with <see cref="AqiCalculator"/>
/// under the regime in force (<see cref="AqiRegime.ForDate"/>, or the one named) and test the hypotheses of
/// <see cref="Predict"/> on every mismatch. Pure; thread-safe.
/// </summary>
public static class AirVerifier
{
    /// <summary>Verifies rows. Rows without a published AQI, or without every concentration of the regime's hourly set
    /// (incomplete: the AQI of a row with a pollutant missing is not defined by the 2012 texts), are counted as read and skipped.</summary>
    /// <param name="rows">Published rows (any order; sorted by time, stably).</param>
    /// <param name="regime">Regime to apply to every row, or null for the regime of each row's date.</param>
    /// <param name="message">Optional note carried by the report.</param>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative.</exception>
    public static VerificationReport Verify(IEnumerable<AirPublishedRow> rows, AqiRegime? regime = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var read = 0;
        var compared = new List<CheckedRow>();
        foreach (var row in rows)
        {
            read++;
            if (Check(row, regime) is { } c) compared.Add(c);
        }
        return VerificationEngine.Run("air", regime?.Id, read, compared, ("站点小时", "station-hours"), message);
    }

    /// <summary>The compared row of one published row, or null when it cannot be compared.</summary>
    /// <param name="row">The row.</param>
    /// <param name="regime">Fixed regime, or null for <see cref="AqiRegime.ForDate"/> of <see cref="AirPublishedRow.Day"/>.</param>
    public static CheckedRow? Check(AirPublishedRow row, AqiRegime? regime = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Aqi is not { } published) return null;
        var rg = regime ?? AqiRegime.ForDate(row.Day);
        var standard = AqiCalculator.Hourly(row.Concentrations, rg);
        // A row missing a pollutant of the regime's set is not compared: what a publisher shows then (the AQI of the rest,
        // or "NA" as HJ 633-2026 §5.3.1 asks) is not fixed by the 2012 texts, so no figure can be called right.
        if (standard.Aqi is not { } ours || !standard.Complete) return null;
        return new CheckedRow(row.Station, BeijingTime.ToBeijing(row.Time), "aqi", Text(published), Text(ours), published - ours,
            new Lazy<IReadOnlyDictionary<string, string?>>(() => Predict(row.Concentrations, rg, standard)
                .ToDictionary(p => p.Key, p => p.Value is { } v ? Text(v) : null)), row.Location);
    }

    /// <summary>
    /// What each hypothesis variant predicts for the AQI (null: the variant does not apply). All IAQIs come from
    /// <see cref="AqiCalculator"/> (<see cref="AqiCalculator.Iaqi"/>, <see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/>,
    /// <see cref="AqiCalculator.ExactIaqi"/>); AQI = the maximum (HJ 633 formula 2). Variants:
    /// <list type="bullet">
    /// <item><c>rounding-nearest</c>, <c>rounding-floor</c>: every IAQI computed by formula (1) rounded half up / down instead of up.</item>
    /// <item><c>regime:ID</c> for each other regime (only when that regime's AQI is complete on the row).</item>
    /// <item><c>so2-24h-breakpoints-on-1h</c>: the SO2 IAQI is the 24-h column applied to the 1-h value.</item>
    /// <item><c>o3-8h-included</c> (regime without O3 8h hourly, row with <c>o3_8h</c>) / <c>o3-8h-excluded</c> (regime with it).</item>
    /// <item><c>input-rounding</c>: concentrations rounded per GB/T 8170 first (regimes that do not round).</item>
    /// <item><c>unit-scale/KEY*1000</c>, <c>unit-scale/KEY/1000</c>: one concentration scaled.</item>
    /// <item><c>missing-pollutant-ignored/KEY</c>: one IAQI of the set left out.</item>
    /// </list>
    /// </summary>
    /// <param name="concentrations">The row's concentrations.</param>
    /// <param name="regime">The regime in force.</param>
    /// <param name="standard">The standard result under <paramref name="regime"/> (computed when null).</param>
    public static IReadOnlyDictionary<string, int?> Predict(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime, AqiResult? standard = null)
    {
        ArgumentNullException.ThrowIfNull(concentrations);
        ArgumentNullException.ThrowIfNull(regime);
        standard ??= AqiCalculator.Hourly(concentrations, regime);
        var p = new Dictionary<string, int?>(StringComparer.Ordinal);
        var entries = standard.Entries;

        p[VerificationCauses.RoundingNearest] = Max(entries.Select(e => Rounded(e, concentrations, regime, x => Math.Round(x, MidpointRounding.AwayFromZero))));
        p[VerificationCauses.RoundingFloor] = Max(entries.Select(e => Rounded(e, concentrations, regime, decimal.Floor)));

        foreach (var other in AqiRegime.All.Where(r => r != regime))
        {
            var o = AqiCalculator.Hourly(concentrations, other);
            p[VerificationCauses.Regime(other.Id)] = o.Complete ? o.Aqi : null;
        }

        p[VerificationCauses.So2DailyBreakpointsOnHourly] = concentrations.TryGetValue(AqiIndicator.So2_1h, out var so2)
            && entries.Any(e => e.Indicator == AqiIndicator.So2_1h)
            ? Max(entries.Select(e => e.Indicator == AqiIndicator.So2_1h ? AqiCalculator.Iaqi(AqiIndicator.So2_24h, so2, regime)!.Value : e.Value))
            : null;

        var hasO3Eight = regime.HourlySet.Contains(AqiIndicator.O3_8h);
        p[VerificationCauses.O3EightHourIncluded] = !hasO3Eight && concentrations.TryGetValue(AqiIndicator.O3_8h, out var o3)
            ? Max(entries.Select(e => e.Value).Append(AqiCalculator.Iaqi(AqiIndicator.O3_8h, o3, regime)!.Value))
            : null;
        p[VerificationCauses.O3EightHourExcluded] = hasO3Eight && entries.Any(e => e.Indicator == AqiIndicator.O3_8h)
            ? Max(entries.Where(e => e.Indicator != AqiIndicator.O3_8h).Select(e => e.Value))
            : null;

        p[VerificationCauses.InputRounding] = regime.RoundsInputs ? null
            : AqiCalculator.Hourly(concentrations.ToDictionary(c => c.Key, c => AqiCalculator.RoundInput(c.Key, c.Value)), regime).Aqi;

        foreach (var e in entries)
        {
            var c = concentrations[e.Indicator];
            foreach (var (suffix, scaled) in new[] { ("*1000", c * 1000m), ("/1000", c / 1000m) })
            {
                var d = concentrations.ToDictionary(x => x.Key, x => x.Value);
                d[e.Indicator] = scaled;
                p[$"{VerificationCauses.UnitScale}/{e.Indicator.Key()}{suffix}"] = AqiCalculator.Hourly(d, regime).Aqi;
            }
            p[$"{VerificationCauses.MissingPollutantIgnored}/{e.Indicator.Key()}"] = entries.Count > 1
                ? Max(entries.Where(x => x.Indicator != e.Indicator).Select(x => x.Value))
                : null;
        }
        return p;
    }

    private static int? Rounded(IaqiEntry e, IReadOnlyDictionary<AqiIndicator, decimal> conc, AqiRegime regime, Func<decimal, decimal> round)
    {
        // Formula (1) values only; the special rules above the table tops (SO2 > 800 → 24-h mean's IAQI, caps) keep their
        // value except the 24-h mean's own formula value, which is rounded the same way.
        decimal? exact = e.Note switch
        {
            IaqiNote.None => AqiCalculator.ExactIaqi(e.Indicator, conc[e.Indicator], regime),
            IaqiNote.So2FromDailyMean => AqiCalculator.ExactIaqi(AqiIndicator.So2_24h, conc[AqiIndicator.So2_24h], regime),
            _ => null,
        };
        return exact is { } x ? (int)round(x) : e.Value;
    }

    private static int? Max(IEnumerable<int?> values)
    {
        int? m = null;
        foreach (var v in values) if (v is { } x && (m is null || x > m)) m = x;
        return m;
    }

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
