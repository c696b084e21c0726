namespace SmartEnv.Supervision.Monitoring;

/// <summary>
/// Conversion of a measured flue-gas concentration to the reference oxygen content (折算浓度):
/// ρ = ρ′ × (21 − φ(O₂)ref) / (21 − φ′(O₂)measured) (online-monitoring-rates.md §5.1, CONFIRMED form: DB37/2375-2019 §5.2
/// formula (1); the reference O₂ is a column of each permit limit, as printed in the permit). Exact decimal arithmetic; no
/// rounding (display rounds, GB/T 8170). Pure; thread-safe.
/// </summary>
public static class OxygenReference
{
    /// <summary>Converts a measured concentration to the reference O₂.</summary>
    /// <param name="measured">Measured concentration ρ′ (mg/m³, dry standard condition).</param>
    /// <param name="o2Measured">Measured O₂ φ′ in % (volume).</param>
    /// <param name="o2Ref">Reference O₂ φref in % (from the permit limit).</param>
    /// <param name="maxO2">Rule-file guard <c>o2.max_measured</c> (19 %, unconfirmed): at or above it the denominator
    /// (21 − φ′) is too small to trust and no conversion is made.</param>
    /// <returns>The converted concentration, or null when <paramref name="o2Measured"/> ≥ <paramref name="maxO2"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An O₂ value below 0 or a reference O₂ of 21 % or more.</exception>
    public static decimal? Convert(decimal measured, decimal o2Measured, decimal o2Ref, decimal maxO2)
    {
        if (o2Measured < 0) throw new ArgumentOutOfRangeException(nameof(o2Measured), o2Measured, "O₂ cannot be negative");
        if (o2Ref is < 0 or >= 21) throw new ArgumentOutOfRangeException(nameof(o2Ref), o2Ref, "reference O₂ must lie in [0, 21) %");
        if (o2Measured >= maxO2 || o2Measured >= 21) return null;
        return measured * (21m - o2Ref) / (21m - o2Measured);
    }
}
