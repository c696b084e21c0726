namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// Tolerance between a manifest's quantity and the quantity received (or the ledger's 委外 quantity, P5's reconciliation).
/// <b>SmartEnv rule</b>: no official tolerance was found (《危险废物转移管理办法》 Art. 18 only says a quantity that "differs"
/// is a discrepancy), so weighing noise is allowed up to <c>max(1 % × expected, 0.001 t)</c> — 1 % being the usual class
/// of a trade weighbridge and 0.001 t weighing to the kilogram; both numbers are rows of <c>waste-rules.tsv</c>
/// (QuantityTolerancePercent, QuantityToleranceMinTonnes, confidence SmartEnv). Decimal tonnes, no rounding. Pure; thread-safe.
/// </summary>
public static class QuantityTolerance
{
    /// <summary>The largest difference still within the tolerance, in tonnes: <c>max(percent / 100 × expected, min)</c>.</summary>
    /// <param name="expectedTonnes">The manifest quantity, t (≥ 0).</param>
    /// <param name="rules">Rule file.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative quantity.</exception>
    public static decimal Allowed(decimal expectedTonnes, WasteRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedTonnes);
        return Math.Max(rules.QuantityTolerancePercent / 100m * expectedTonnes, rules.QuantityToleranceMinTonnes);
    }

    /// <summary>True when <c>|actual − expected| &gt; <see cref="Allowed"/></c> (a difference exactly at the tolerance is
    /// within it).</summary>
    /// <param name="expectedTonnes">The manifest quantity, t (≥ 0).</param>
    /// <param name="actualTonnes">The received (or ledger) quantity, t (≥ 0).</param>
    /// <param name="rules">Rule file.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative quantity.</exception>
    public static bool Exceeds(decimal expectedTonnes, decimal actualTonnes, WasteRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(actualTonnes);
        return Math.Abs(actualTonnes - expectedTonnes) > Allowed(expectedTonnes, rules);
    }
}
