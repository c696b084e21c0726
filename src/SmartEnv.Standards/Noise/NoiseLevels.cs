using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Noise;

/// <summary>
/// Sound-level arithmetic in dB(A): energy-mean Leq, percentile levels L10/L50/L90, Lmax. The logarithm and power steps use
/// <see cref="double"/> (they are irrational); the result is converted to <see cref="decimal"/> and rounded to 0.1 dB with
/// GB/T 8170-2008 half-even (<see cref="Gbt8170.Round"/>), and all comparisons with limits use that decimal.
/// </summary>
public static class NoiseLevels
{
    /// <summary>
    /// Equivalent continuous A-weighted level of equal-interval samples:
    /// L_eq = 10·lg[(1/N)·Σ 10^(0.1·L_i)] (GB 12523-2011 §3.4, GB 12348-2008 §3.3, discrete form), rounded to 0.1 dB(A).
    /// </summary>
    /// <param name="levels">Sample levels, dB(A).</param>
    /// <returns>Leq, dB(A), to 0.1.</returns>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static decimal Leq(IEnumerable<decimal> levels) => Leq(levels.Select(l => (l, 1.0)));

    /// <summary>
    /// Duration-weighted Leq: L_eq = 10·lg[Σ t_i·10^(0.1·L_i) / Σ t_i], rounded to 0.1 dB(A). Used to combine periods of
    /// different lengths (e.g. Ldn).
    /// </summary>
    /// <param name="levels">(level dB(A), weight ≥ 0, e.g. seconds or hours).</param>
    /// <returns>Leq, dB(A), to 0.1.</returns>
    /// <exception cref="ArgumentException">No samples or zero total weight.</exception>
    public static decimal Leq(IEnumerable<(decimal Level, double Weight)> levels)
    {
        double sum = 0, w = 0;
        foreach (var (l, t) in levels)
        {
            if (t < 0) throw new ArgumentException("negative weight", nameof(levels));
            sum += t * Math.Pow(10, 0.1 * (double)l);
            w += t;
        }
        if (w <= 0) throw new ArgumentException("no samples", nameof(levels));
        return Gbt8170.Round((decimal)(10 * Math.Log10(sum / w)), 1);
    }

    /// <summary>
    /// Day-night level (GB 3096-2008 §3, 昼夜等效声级): L_dn = 10·lg{[D·10^(0.1·L_d) + N·10^(0.1·(L_n + 10))]/(D + N)},
    /// with D and N the hours of day and night (16 and 8 with the default 06:00/22:00), from the reported Ld and Ln;
    /// rounded to 0.1 dB(A).
    /// </summary>
    /// <param name="ld">Day Leq, dB(A).</param>
    /// <param name="ln">Night Leq, dB(A).</param>
    /// <param name="periods">Day and night hours.</param>
    public static decimal Ldn(decimal ld, decimal ln, NoisePeriods? periods = null)
    {
        var p = periods ?? NoisePeriods.Default;
        return Leq([(ld, p.DayHours), (ln + 10m, 24 - p.DayHours)]);
    }

    /// <summary>
    /// Percentile level L_N: the level exceeded in N % of the samples. Definition used: sort the samples in descending
    /// order and take the one at 1-based rank ⌈N/100 · n⌉ (with 100 samples, L10 is the 10th highest, L90 the 90th — the
    /// practice of GB 3222 / HJ 640 for 100 or 200 instantaneous samples). No interpolation.
    /// </summary>
    /// <param name="levels">Sample levels, dB(A).</param>
    /// <param name="n">Percentage, 0 &lt; N &lt; 100 (10, 50, 90).</param>
    /// <exception cref="ArgumentException">No samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> outside (0, 100).</exception>
    public static decimal Percentile(IEnumerable<decimal> levels, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, 100);
        var sorted = levels.OrderByDescending(x => x).ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no samples", nameof(levels));
        var rank = (int)Math.Ceiling(n * sorted.Length / 100m);
        return sorted[Math.Max(rank, 1) - 1];
    }
}

/// <summary>
/// Day and night of the noise law (昼间 06:00–22:00, 夜间 22:00–06:00; GB 12523-2011 §3.8, GB 12348-2008 §3.6). Local
/// governments at county level or above may redefine them, so both starts are configurable.
/// </summary>
/// <param name="DayStart">Start of the day period (default 06:00).</param>
/// <param name="NightStart">Start of the night period (default 22:00).</param>
public sealed record NoisePeriods(TimeOnly DayStart, TimeOnly NightStart)
{
    /// <summary>06:00–22:00 day, 22:00–06:00 night.</summary>
    public static NoisePeriods Default { get; } = new(new TimeOnly(6, 0), new TimeOnly(22, 0));

    /// <summary>True when <paramref name="t"/> is in the night period (start inclusive, end exclusive).</summary>
    /// <param name="t">Local clock time.</param>
    public bool IsNight(TimeOnly t) => !t.IsBetween(DayStart, NightStart);

    /// <summary>Length of the day period in hours.</summary>
    public double DayHours => (NightStart - DayStart).TotalHours is var h && h > 0 ? h : h + 24;
}

/// <summary>A timed sample.</summary>
/// <param name="Time">Local time of the sample (start of its interval).</param>
/// <param name="Level">A-weighted level, dB(A).</param>
public readonly record struct NoiseSample(DateTime Time, decimal Level);

/// <summary>Summary of timed samples (all levels dB(A), to 0.1; null when the period had no sample).</summary>
/// <param name="Leq">Leq over all samples.</param>
/// <param name="Ld">Day Leq.</param>
/// <param name="Ln">Night Leq.</param>
/// <param name="Ldn">Day-night level (when both Ld and Ln exist).</param>
/// <param name="L10">L10 over all samples.</param>
/// <param name="L50">L50.</param>
/// <param name="L90">L90.</param>
/// <param name="Lmax">Highest sample.</param>
/// <param name="LmaxNight">Highest night sample.</param>
/// <param name="DaySamples">Day sample count.</param>
/// <param name="NightSamples">Night sample count.</param>
public sealed record NoiseSummary(
    decimal Leq, decimal? Ld, decimal? Ln, decimal? Ldn, decimal L10, decimal L50, decimal L90, decimal Lmax,
    decimal? LmaxNight, int DaySamples, int NightSamples);

/// <summary>Day/night split of timed samples.</summary>
public static class NoiseDayNight
{
    /// <summary>
    /// Summarises equal-interval samples: Leq, Ld, Ln, Ldn, L10/L50/L90, Lmax and the night Lmax, splitting by
    /// <paramref name="periods"/> on each sample's clock time.
    /// </summary>
    /// <param name="samples">Timed samples (equal intervals).</param>
    /// <param name="periods">Day and night; default 06:00/22:00.</param>
    /// <exception cref="ArgumentException">No samples.</exception>
    public static NoiseSummary Summarise(IReadOnlyCollection<NoiseSample> samples, NoisePeriods? periods = null)
    {
        if (samples.Count == 0) throw new ArgumentException("no samples", nameof(samples));
        var p = periods ?? NoisePeriods.Default;
        var day = samples.Where(s => !p.IsNight(TimeOnly.FromDateTime(s.Time))).Select(s => s.Level).ToArray();
        var night = samples.Where(s => p.IsNight(TimeOnly.FromDateTime(s.Time))).Select(s => s.Level).ToArray();
        var all = samples.Select(s => s.Level).ToArray();
        decimal? ld = day.Length > 0 ? NoiseLevels.Leq(day) : null;
        decimal? ln = night.Length > 0 ? NoiseLevels.Leq(night) : null;
        return new NoiseSummary(NoiseLevels.Leq(all), ld, ln,
            ld is { } d && ln is { } n ? NoiseLevels.Ldn(d, n, p) : null,
            NoiseLevels.Percentile(all, 10), NoiseLevels.Percentile(all, 50), NoiseLevels.Percentile(all, 90),
            all.Max(), night.Length > 0 ? night.Max() : null, day.Length, night.Length);
    }
}
