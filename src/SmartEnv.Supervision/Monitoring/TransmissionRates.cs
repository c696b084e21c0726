namespace SmartEnv.Supervision.Monitoring;

/// <summary>Hour counts of an outlet over a period (a day, or the sum of a month's days: month rates are Σ counts, never a
/// mean of daily ratios).</summary>
/// <param name="Expected">Hours due at the outlet's expected interval, less excused hours (accepted 停产, rule file).</param>
/// <param name="Received">Hours with a stored value.</param>
/// <param name="Valid">Received hours whose flag the rule file counts valid.</param>
public sealed record RateCounts(int Expected, int Received, int Valid);

/// <summary>The rates of a period as exact fractions (0…1; shown as % to 2 places, GB/T 8170); null where the denominator
/// is 0.</summary>
/// <param name="Transmission">传输率.</param>
/// <param name="Effectiveness">有效率.</param>
/// <param name="Effective">有效传输率 = 传输率 × 有效率.</param>
public sealed record Rates(decimal? Transmission, decimal? Effectiveness, decimal? Effective);

/// <summary>
/// 传输率, 有效率 and 有效传输率 = 传输率 × 有效率 (online-monitoring-rates.md §2.1, CONFIRMED as a product). The two
/// denominators are NOT confirmed (§2.2, §2.3) and come from the rule file: 传输率 = received / expected (or received);
/// 有效率 = valid / received (default) or valid / expected. Pure; thread-safe.
/// </summary>
public static class TransmissionRates
{
    /// <summary>The rates of the counts.</summary>
    /// <param name="c">Counts.</param>
    /// <param name="rules">Rule file (denominators).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative count, or valid &gt; received.</exception>
    public static Rates Of(RateCounts c, SourceRules rules)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(rules);
        if (c.Expected < 0 || c.Received < 0 || c.Valid < 0 || c.Valid > c.Received)
            throw new ArgumentOutOfRangeException(nameof(c), c, "counts must be ≥ 0 with valid ≤ received");
        static decimal? Ratio(int n, int d) => d == 0 ? null : (decimal)n / d;
        int Den(RateDenominator d) => d == RateDenominator.Expected ? c.Expected : c.Received;
        var tDen = Den(rules.TransmissionDenominator);
        var eDen = Den(rules.EffectivenessDenominator);
        var t = Ratio(c.Received, tDen);
        var e = Ratio(c.Valid, eDen);
        // The product from the counts (one division), so 3/24 × 2/3 is 6/72 and not a product of two rounded quotients.
        decimal? effective = t is null || e is null ? null : (decimal)c.Received * c.Valid / ((decimal)tDen * eDen);
        return new Rates(t, e, effective);
    }

    /// <summary>A rate as shown: percent to 2 places, GB/T 8170 half-even (2/24 → 8.33).</summary>
    /// <param name="rate">Fraction.</param>
    public static decimal Percent(decimal rate) => Math.Round(rate * 100m, 2, MidpointRounding.ToEven);
}
