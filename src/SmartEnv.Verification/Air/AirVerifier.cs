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
    /// <summary>Figure name of the AQI.</summary>
    public const string AqiFigure = "aqi";
    /// <summary>Prefix of the figure name of a published IAQI: <c>iaqi:</c> + indicator key (<c>iaqi:pm25_1h</c>).</summary>
    public const string IaqiFigurePrefix = "iaqi:";
    /// <summary>Figure name of the level (1…6, HJ 633 Table 2).</summary>
    public const string LevelFigure = "level";
    /// <summary>Figure name of the category (优 … 严重污染, HJ 633 Table 2).</summary>
    public const string CategoryFigure = "category";
    /// <summary>Figure name of the primary pollutants (首要污染物, HJ 633-2012 §3.3), compared as a set.</summary>
    public const string PrimaryFigure = "primary";

    /// <summary>Verifies rows: every published figure of a row (<see cref="CheckAll"/>) is compared. Rows without a
    /// published figure, or without every concentration of the regime's hourly set (incomplete: the AQI of a row with a
    /// pollutant missing is not defined by the 2012 texts), are counted as read and skipped.</summary>
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
            compared.AddRange(CheckAll(row, regime));
        }
        return VerificationEngine.Run("air", regime?.Id, read, compared, ("站点小时", "station-hours"), message);
    }

    /// <summary>The compared AQI of one published row, or null when it cannot be compared (see <see cref="CheckAll"/>).</summary>
    /// <param name="row">The row.</param>
    /// <param name="regime">Fixed regime, or null for <see cref="AqiRegime.ForDate"/> of <see cref="AirPublishedRow.Day"/>.</param>
    public static CheckedRow? Check(AirPublishedRow row, AqiRegime? regime = null) =>
        CheckAll(row, regime).FirstOrDefault(c => c.Figure == AqiFigure);

    /// <summary>
    /// Every compared figure of one published row, in the order aqi, iaqi:* (indicator order), level, category, primary;
    /// empty when the row is incomplete under the regime. Ours comes from <see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/>:
    /// AQI, IAQI per indicator (an indicator outside the hourly set, e.g. <c>o3_8h</c> under CNEMC-2014, from
    /// <see cref="AqiCalculator.Iaqi"/>; skipped when not computed), level and category from <see cref="AqiCategory"/>, primary
    /// pollutants per HJ 633-2012 §3.3 (only when AQI &gt; 50, every indicator whose integer IAQI equals the AQI). Each
    /// hypothesis variant of <see cref="Predict"/> is recomputed as a whole result and the figure read from it; the primary
    /// figure also has <see cref="VerificationCauses.PrimaryBelow51"/>. Texts: numbers invariant; category zh-CN name;
    /// primary as indicator keys in indicator order joined by <c>,</c>, <c>-</c> for none.
    /// </summary>
    /// <param name="row">The row.</param>
    /// <param name="regime">Fixed regime, or null for <see cref="AqiRegime.ForDate"/> of <see cref="AirPublishedRow.Day"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A concentration is negative, or a published level/category outside 1…6.</exception>
    public static IReadOnlyList<CheckedRow> CheckAll(AirPublishedRow row, AqiRegime? regime = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Aqi is null && row.Iaqi is null && row.Level is null && row.Category is null && row.Primary is null) return [];
        var rg = regime ?? AqiRegime.ForDate(row.Day);
        var standard = AqiCalculator.Hourly(row.Concentrations, rg);
        // A row missing a pollutant of the regime's set is not compared: what a publisher shows then (the AQI of the rest,
        // or "NA" as HJ 633-2026 §5.3.1 asks) is not fixed by the 2012 texts, so no figure can be called right.
        if (standard.Aqi is not { } ours || !standard.Complete) return [];
        var conc = row.Concentrations;
        var extras = (row.Iaqi?.Keys ?? []).Where(i => !standard.Iaqi.ContainsKey(i) && conc.ContainsKey(i)).ToList();
        var outcomes = new Lazy<IReadOnlyDictionary<string, Outcome?>>(() => Outcomes(conc, rg, standard, extras, row.Day));
        var time = BeijingTime.ToBeijing(row.Time);
        var list = new List<CheckedRow>();
        void Add(string figure, string published, string our, decimal? diff, Func<Outcome, string?> predict,
            Func<IEnumerable<KeyValuePair<string, string?>>>? more = null) =>
            list.Add(new CheckedRow(row.Station, time, figure, published, our, diff, new Lazy<IReadOnlyDictionary<string, string?>>(() =>
            {
                var d = outcomes.Value.ToDictionary(p => p.Key, p => p.Value is { } o ? predict(o) : null, StringComparer.Ordinal);
                if (more is not null) foreach (var (k, v) in more()) d[k] = v;
                return d;
            }), row.Location));

        if (row.Aqi is { } a) Add(AqiFigure, Text(a), Text(ours), a - ours, o => o.Aqi is { } v ? Text(v) : null);
        if (row.Iaqi is { } iaqi)
            foreach (var (ind, pub) in iaqi.OrderBy(p => p.Key))
            {
                var mine = standard.Iaqi.TryGetValue(ind, out var s) ? s
                    : conc.TryGetValue(ind, out var c) ? AqiCalculator.Iaqi(ind, c, rg)?.Value : null;
                if (mine is not { } m) continue;
                Add(IaqiFigurePrefix + ind.Key(), Text(pub), Text(m), pub - m, o => o.IaqiOf(ind) is { } v ? Text(v) : null);
            }
        if (row.Level is { } level)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(level, 1, nameof(row));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 6, nameof(row));
            Add(LevelFigure, Text(level), Text(standard.Category!.Level), level - standard.Category.Level,
                o => o.Aqi is { } v ? Text(AqiCategory.ForAqi(v).Level) : null);
        }
        if (row.Category is { } cat)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(cat, 1, nameof(row));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cat, 6, nameof(row));
            Add(CategoryFigure, AqiCategory.Levels[cat - 1].Zh, standard.Category!.Zh, null, o => o.Aqi is { } v ? AqiCategory.ForAqi(v).Zh : null);
        }
        if (row.Primary is { } primary)
            Add(PrimaryFigure, PrimaryText(primary), PrimaryText(standard.PrimaryPollutants), null, o => o.Aqi is { } v ? PrimaryText(o.PrimaryOf(v)) : null,
                () =>
                [
                    // The §3.3 "AQI > 50" condition ignored: the indicators at the maximum listed although the AQI is ≤ 50.
                    new(VerificationCauses.PrimaryBelow51, ours <= 50 && ours > 0
                        ? PrimaryText(standard.Entries.Where(e => e.Value == ours).Select(e => e.Indicator))
                        : null),
                ]);
        return list;
    }

    /// <summary>Text of a primary-pollutant set: indicator keys in <see cref="AqiIndicator"/> order joined by <c>,</c>;
    /// <c>-</c> when empty. Two sets compare equal exactly when their texts are equal (order and separators ignored).</summary>
    /// <param name="indicators">The indicators (duplicates ignored).</param>
    public static string PrimaryText(IEnumerable<AqiIndicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var keys = indicators.Distinct().Order().Select(i => i.Key()).ToList();
        return keys.Count == 0 ? "-" : string.Join(",", keys);
    }

    /// <summary>
    /// What each hypothesis variant predicts for the AQI (null: the variant does not apply). All IAQIs come from
    /// <see cref="AqiCalculator"/> (<see cref="AqiCalculator.Iaqi"/>, <see cref="AqiCalculator.Hourly(IReadOnlyDictionary{AqiIndicator, decimal}, AqiRegime)"/>,
    /// <see cref="AqiCalculator.ExactIaqi"/>); AQI = the maximum (HJ 633 formula 2). Variants:
    /// <list type="bullet">
    /// <item><c>rounding-nearest</c>, <c>rounding-floor</c>: every IAQI computed by formula (1) rounded half up / down instead of up.</item>
    /// <item><c>regime:ID</c> for each other regime already in force on <paramref name="day"/> (<see cref="InForceOn"/>; a
    /// publisher may lag behind a new rule but cannot apply one published after the data) and only when that regime's AQI
    /// is complete on the row.</item>
    /// <item><c>so2-24h-breakpoints-on-1h</c>: the SO2 IAQI is the 24-h column applied to the 1-h value.</item>
    /// <item><c>o3-8h-included</c> (regime without O3 8h hourly, row with <c>o3_8h</c>) / <c>o3-8h-excluded</c> (regime with it).</item>
    /// <item><c>input-rounding</c>: concentrations rounded per GB/T 8170 first (regimes that do not round).</item>
    /// <item><c>unit-scale/KEY*1000</c>, <c>unit-scale/KEY/1000</c>: one concentration scaled.</item>
    /// <item><c>missing-pollutant-ignored/KEY</c>: one IAQI of the set left out.</item>
    /// </list>
    /// The other figures (<see cref="CheckAll"/>) are read from the same variant results.
    /// </summary>
    /// <param name="concentrations">The row's concentrations.</param>
    /// <param name="regime">The regime in force.</param>
    /// <param name="standard">The standard result under <paramref name="regime"/> (computed when null).</param>
    /// <param name="day">Natural day of the data: only regimes in force on it are hypotheses; null: every regime (no date known).</param>
    public static IReadOnlyDictionary<string, int?> Predict(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime, AqiResult? standard = null,
        DateOnly? day = null)
    {
        ArgumentNullException.ThrowIfNull(concentrations);
        ArgumentNullException.ThrowIfNull(regime);
        standard ??= AqiCalculator.Hourly(concentrations, regime);
        return Outcomes(concentrations, regime, standard, [], day).ToDictionary(p => p.Key, p => p.Value?.Aqi, StringComparer.Ordinal);
    }

    /// <summary>A variant's whole result: the IAQIs that make its AQI, the AQI, and the IAQIs of published indicators
    /// outside the AQI's set (rounding variants only).</summary>
    private sealed record Outcome(IReadOnlyDictionary<AqiIndicator, int?> Iaqi, int? Aqi, IReadOnlyDictionary<AqiIndicator, int?>? Extra = null)
    {
        public static Outcome Of(IEnumerable<KeyValuePair<AqiIndicator, int?>> iaqi, IReadOnlyDictionary<AqiIndicator, int?>? extra = null)
        {
            var d = iaqi.ToDictionary(p => p.Key, p => p.Value);
            return new Outcome(d, Max(d.Values), extra);
        }

        public int? IaqiOf(AqiIndicator i) => Iaqi.TryGetValue(i, out var v) ? v : Extra is not null && Extra.TryGetValue(i, out var x) ? x : null;

        // HJ 633-2012 §3.3: only when AQI > 50; every indicator whose integer IAQI equals the AQI (ties all listed).
        public IEnumerable<AqiIndicator> PrimaryOf(int aqi) => aqi > 50 ? Iaqi.Where(p => p.Value == aqi).Select(p => p.Key) : [];
    }

    private static Dictionary<string, Outcome?> Outcomes(IReadOnlyDictionary<AqiIndicator, decimal> concentrations, AqiRegime regime, AqiResult standard,
        IReadOnlyList<AqiIndicator> extras, DateOnly? day)
    {
        var p = new Dictionary<string, Outcome?>(StringComparer.Ordinal);
        var entries = standard.Entries;
        static Outcome FromResult(AqiResult r) => new(r.Iaqi, r.Aqi);
        IEnumerable<KeyValuePair<AqiIndicator, int?>> Std(Func<IaqiEntry, bool>? keep = null) =>
            entries.Where(e => keep is null || keep(e)).Select(e => KeyValuePair.Create(e.Indicator, e.Value));

        foreach (var (key, round) in new (string, Func<decimal, decimal>)[]
            { (VerificationCauses.RoundingNearest, x => Math.Round(x, MidpointRounding.AwayFromZero)), (VerificationCauses.RoundingFloor, decimal.Floor) })
        {
            var extra = extras.ToDictionary(i => i, i => AqiCalculator.ExactIaqi(i, concentrations[i], regime) is { } x ? (int?)(int)round(x) : null);
            p[key] = Outcome.Of(entries.Select(e => KeyValuePair.Create(e.Indicator, Rounded(e, concentrations, regime, round))), extra);
        }

        foreach (var other in AqiRegime.All.Where(r => r != regime && (day is not { } d || InForceOn(r, d))))
        {
            var o = AqiCalculator.Hourly(concentrations, other);
            p[VerificationCauses.Regime(other.Id)] = o.Complete ? FromResult(o) : null;
        }

        p[VerificationCauses.So2DailyBreakpointsOnHourly] = concentrations.TryGetValue(AqiIndicator.So2_1h, out var so2)
            && entries.Any(e => e.Indicator == AqiIndicator.So2_1h)
            ? Outcome.Of(entries.Select(e => KeyValuePair.Create(e.Indicator,
                e.Indicator == AqiIndicator.So2_1h ? AqiCalculator.Iaqi(AqiIndicator.So2_24h, so2, regime)!.Value : e.Value)))
            : null;

        var hasO3Eight = regime.HourlySet.Contains(AqiIndicator.O3_8h);
        p[VerificationCauses.O3EightHourIncluded] = !hasO3Eight && concentrations.TryGetValue(AqiIndicator.O3_8h, out var o3)
            ? Outcome.Of(Std().Append(KeyValuePair.Create(AqiIndicator.O3_8h, AqiCalculator.Iaqi(AqiIndicator.O3_8h, o3, regime)!.Value)))
            : null;
        p[VerificationCauses.O3EightHourExcluded] = hasO3Eight && entries.Any(e => e.Indicator == AqiIndicator.O3_8h)
            ? Outcome.Of(Std(e => e.Indicator != AqiIndicator.O3_8h))
            : null;

        p[VerificationCauses.InputRounding] = regime.RoundsInputs ? null
            : FromResult(AqiCalculator.Hourly(concentrations.ToDictionary(c => c.Key, c => AqiCalculator.RoundInput(c.Key, c.Value)), regime));

        foreach (var e in entries)
        {
            var c = concentrations[e.Indicator];
            foreach (var (suffix, scaled) in new[] { ("*1000", c * 1000m), ("/1000", c / 1000m) })
            {
                var d = concentrations.ToDictionary(x => x.Key, x => x.Value);
                d[e.Indicator] = scaled;
                p[$"{VerificationCauses.UnitScale}/{e.Indicator.Key()}{suffix}"] = FromResult(AqiCalculator.Hourly(d, regime));
            }
            p[$"{VerificationCauses.MissingPollutantIgnored}/{e.Indicator.Key()}"] = entries.Count > 1
                ? Outcome.Of(Std(x => x.Indicator != e.Indicator))
                : null;
        }
        return p;
    }

    /// <summary>
    /// Whether <paramref name="regime"/> may explain data of <paramref name="day"/>: its start date is on or before the day
    /// (HJ 633-2012: no lower bound, the earliest regime; CNEMC-2014: <see cref="AqiRegime.Cnemc2014From"/>; HJ 633-2026:
    /// <see cref="AqiRegime.Hj633_2026From"/>). A later regime than the one in force is never a hypothesis — a publisher can lag,
    /// not anticipate. Pure; thread-safe.
    /// </summary>
    /// <param name="regime">The regime.</param>
    /// <param name="day">Natural day of the data.</param>
    public static bool InForceOn(AqiRegime regime, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(regime);
        var from = regime == AqiRegime.Hj633_2026 ? AqiRegime.Hj633_2026From
            : regime == AqiRegime.Cnemc2014 ? AqiRegime.Cnemc2014From
            : DateOnly.MinValue;
        return from <= day;
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
