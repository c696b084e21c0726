namespace SmartEnv.Standards.Noise;

/// <summary>One hourly equivalent level of a fixed monitoring point (HJ 212 CN 2061 <c>Leq-Data</c>).</summary>
/// <param name="Start">Start of the hour, Beijing local clock time (HJ 212-2017 table 4: the DataTime of an hour upload is
/// the start of the period).</param>
/// <param name="Leq">Hourly L_Aeq, dB(A).</param>
public readonly record struct NoiseHour(DateTime Start, decimal Leq);

/// <summary>Energy mean of one period (day or night) of a noise day.</summary>
/// <param name="Level">Ld or Ln, dB(A) to 0.1 (GB/T 8170 half-even); null when fewer than <paramref name="Required"/>
/// hours were available (the period is not evaluated).</param>
/// <param name="Hours">Hourly values found in the period.</param>
/// <param name="Expected">Hours the period has (16 by day, 8 by night with the default periods).</param>
/// <param name="Required">Minimum hours for a valid level (<see cref="NoiseDayEvaluation.MinimumHours"/>).</param>
public sealed record NoisePeriodLevel(decimal? Level, int Hours, int Expected, int Required)
{
    /// <summary>True when the level was computed (enough hours).</summary>
    public bool Valid => Level is not null;
}

/// <summary>
/// GB 3096-2008 assessment of one noise day at a fixed point of a functional zone: Ld and Ln from hourly Leq values and
/// their comparison with the zone's Table 1 limits. The noise day D is 06:00 of D to 06:00 of D+1: its day period is
/// 06:00–22:00 of D and its night period 22:00 of D to 06:00 of D+1 — GB 3096-2008 §3.4 defines the night as "22:00 至次日
/// 6:00", so a night is counted with the date it begins on (docs/standards-noise.md).
/// </summary>
/// <param name="Day">Noise day D (Beijing date of the day period).</param>
/// <param name="Zone">Functional zone assessed against.</param>
/// <param name="Ld">Daytime level (昼间等效声级 L_d, GB 3096-2008 §3.3).</param>
/// <param name="Ln">Night-time level (夜间等效声级 L_n, GB 3096-2008 §3.3).</param>
/// <param name="Compliance">Comparison with the Table 1 limits; <see cref="NoiseCompliance.DayCompliant"/> /
/// <see cref="NoiseCompliance.NightCompliant"/> are null for a period without a valid level. L_max is not assessed
/// (hourly Leq carries no burst maximum).</param>
public sealed record NoiseDayAssessment(DateOnly Day, Gb3096Zone Zone, NoisePeriodLevel Ld, NoisePeriodLevel Ln, NoiseCompliance Compliance);

/// <summary>
/// Day/night evaluation of a GB 3096-2008 functional-zone monitoring point from hourly Leq (Annex C.2 定点监测法: at least
/// 24 h of continuous measurement giving each hour's Leq and the day and night Ld, Ln; each point is assessed on its own,
/// Ld and Ln against Table 1). Clause numbers are those of the 2008 text as cited by secondary sources
/// (../shared/reference/standards.md §5.1 [S]). Pure; thread-safe.
/// <list type="bullet">
/// <item>Ld = 10·lg[(1/n)·Σ 10^(0.1·Leq_i)] over the n hourly values whose hour starts in 06:00–22:00 of D; Ln the same
/// over the hours starting 22:00 of D … 05:00 of D+1 (昼间/夜间 of the noise law, GB 3096-2008 §3.4, GB 12348-2008 §3.6);
/// each hour has equal weight (1 h), so the energy mean of the hourly Leq equals the Leq of the whole period.</item>
/// <item>Coverage (our choice; GB 3096 Annex C asks for a continuous 24 h measurement and states no tolerance for automatic
/// stations): a period is evaluated when at least 75 % of its hours are present — 12 of 16 by day, 6 of 8 by night.</item>
/// <item>Only hours flagged normal are passed in by the caller (HJ 212 flag N or none: <see cref="Common.DataFlags.IsValid"/>).</item>
/// </list>
/// </summary>
public static class NoiseDayEvaluation
{
    /// <summary>Share of a period's hours required for a valid Ld or Ln: 0.75 (documented choice, see the class remarks).</summary>
    public const decimal Coverage = 0.75m;

    /// <summary>Minimum hours for a valid level of a period of <paramref name="expected"/> hours: ⌈0.75·expected⌉
    /// (12 of 16, 6 of 8).</summary>
    /// <param name="expected">Hours in the period.</param>
    public static int MinimumHours(int expected) => (int)Math.Ceiling(Coverage * expected);

    /// <summary>The noise day an hour belongs to: D when the hour starts at or after the day start (06:00) of D, else D−1
    /// (hours 00:00–05:00 close the night that began at 22:00 of the previous date).</summary>
    /// <param name="start">Hour start, Beijing local time.</param>
    /// <param name="periods">Day and night; default 06:00/22:00.</param>
    public static DateOnly NoiseDayOf(DateTime start, NoisePeriods? periods = null)
    {
        var p = periods ?? NoisePeriods.Default;
        var date = DateOnly.FromDateTime(start);
        return TimeOnly.FromDateTime(start) >= p.DayStart ? date : date.AddDays(-1);
    }

    /// <summary>Evaluates one noise day.</summary>
    /// <param name="day">Noise day D.</param>
    /// <param name="hours">Hourly values (any range; hours outside D's day and night are ignored). Starts must be whole hours
    /// and distinct.</param>
    /// <param name="zone">Functional zone of the point.</param>
    /// <param name="railway">For 4b: which railway (GB 3096-2008 §5.3).</param>
    /// <param name="periods">Day and night; default 06:00/22:00. The day start must precede the night start.</param>
    /// <exception cref="ArgumentException">Two values for the same hour, an hour start that is not a whole hour, or
    /// periods whose night starts before the day.</exception>
    public static NoiseDayAssessment Evaluate(DateOnly day, IEnumerable<NoiseHour> hours, Gb3096Zone zone,
        RailwayKind railway = RailwayKind.New, NoisePeriods? periods = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var p = periods ?? NoisePeriods.Default;
        if (p.NightStart <= p.DayStart) throw new ArgumentException("the day period must start before the night period", nameof(periods));
        var dayValues = new List<decimal>();
        var nightValues = new List<decimal>();
        var seen = new HashSet<DateTime>();
        foreach (var h in hours)
        {
            if (h.Start.Minute != 0 || h.Start.Second != 0 || h.Start.Millisecond != 0)
                throw new ArgumentException($"hour start {h.Start:yyyy-MM-dd HH:mm:ss} is not a whole hour", nameof(hours));
            if (!seen.Add(h.Start)) throw new ArgumentException($"two values for the hour starting {h.Start:yyyy-MM-dd HH:mm}", nameof(hours));
            if (NoiseDayOf(h.Start, p) != day) continue;
            (p.IsNight(TimeOnly.FromDateTime(h.Start)) ? nightValues : dayValues).Add(h.Leq);
        }
        var dayHours = (int)Math.Round(p.DayHours);
        var ld = Period(dayValues, dayHours);
        var ln = Period(nightValues, 24 - dayHours);
        return new NoiseDayAssessment(day, zone, ld, ln, Gb3096.Assess(zone, ld.Level, ln.Level, null, railway));
    }

    /// <summary>Evaluates every noise day that has at least one hour, in date order.</summary>
    /// <param name="hours">Hourly values of one point (distinct whole-hour starts).</param>
    /// <param name="zone">Functional zone.</param>
    /// <param name="railway">For 4b: which railway.</param>
    /// <param name="periods">Day and night; default 06:00/22:00.</param>
    /// <exception cref="ArgumentException">As <see cref="Evaluate"/>.</exception>
    public static IReadOnlyList<NoiseDayAssessment> EvaluateDays(IReadOnlyCollection<NoiseHour> hours, Gb3096Zone zone,
        RailwayKind railway = RailwayKind.New, NoisePeriods? periods = null)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return hours.GroupBy(h => NoiseDayOf(h.Start, periods)).OrderBy(g => g.Key)
            .Select(g => Evaluate(g.Key, g, zone, railway, periods)).ToList();
    }

    private static NoisePeriodLevel Period(List<decimal> values, int expected)
    {
        var required = MinimumHours(expected);
        return new NoisePeriodLevel(values.Count >= required ? NoiseLevels.Leq(values) : null, values.Count, expected, required);
    }
}
