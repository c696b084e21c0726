namespace SmartEnv.Standards.Air;

/// <summary>
/// One column of an IAQI breakpoint table: concentration limits BP_0 … BP_n against the IAQI points 0, 50, 100, 150, 200,
/// 300, 400, 500 (HJ 633-2012 Table 1; HJ 633-2026 Table 3). Segments are continuous: each segment's low end is the
/// previous segment's high end. Immutable.
/// </summary>
public sealed class BreakpointTable
{
    /// <summary>IAQI value at each breakpoint (HJ 633 tables, first column).</summary>
    public static IReadOnlyList<int> IaqiPoints { get; } = [0, 50, 100, 150, 200, 300, 400, 500];

    private readonly decimal[] _bp;

    /// <summary>Creates a column.</summary>
    /// <param name="column">Column title as in the standard, e.g. "PM2.5 24h".</param>
    /// <param name="breakpoints">Concentration limits from IAQI 0 upwards (2…8 values, strictly increasing, first 0).</param>
    /// <exception cref="ArgumentException">The breakpoints are not 2…8 strictly increasing values starting at 0.</exception>
    public BreakpointTable(string column, params decimal[] breakpoints)
    {
        if (breakpoints.Length is < 2 or > 8 || breakpoints[0] != 0m)
            throw new ArgumentException("a column has 2..8 breakpoints starting at 0", nameof(breakpoints));
        for (var i = 1; i < breakpoints.Length; i++)
            if (breakpoints[i] <= breakpoints[i - 1]) throw new ArgumentException("breakpoints must increase", nameof(breakpoints));
        Column = column;
        _bp = breakpoints;
    }

    /// <summary>Column title as in the standard.</summary>
    public string Column { get; }

    /// <summary>The concentration breakpoints, BP_0 = 0 first.</summary>
    public IReadOnlyList<decimal> Breakpoints => _bp;

    /// <summary>The highest concentration the column defines.</summary>
    public decimal Top => _bp[^1];

    /// <summary>The IAQI at <see cref="Top"/> (500 for most columns, 200 for SO2 1h, 300 for O3 8h).</summary>
    public int TopIaqi => IaqiPoints[_bp.Length - 1];

    /// <summary>
    /// IAQI by HJ 633 formula (1), IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo)·(C − BP_Lo) + IAQI_Lo, rounded up to an integer
    /// (HJ 633-2012 §6.2, HJ 633-2026 §4.2.6 "进位取整"). Computed in exact decimal arithmetic: CO 24h 2.2 → 55.
    /// </summary>
    /// <param name="concentration">Concentration, 0 ≤ C ≤ <see cref="Top"/>, in the column's unit.</param>
    /// <returns>The IAQI, 0 … <see cref="TopIaqi"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is negative or above <see cref="Top"/>.</exception>
    public int Iaqi(decimal concentration) => (int)decimal.Ceiling(ExactIaqi(concentration));

    /// <summary>
    /// The value of HJ 633 formula (1) before the standard's rounding up (<see cref="Iaqi"/> is its ceiling). For the
    /// verification of published figures (docs/verification.md), whose rounding hypotheses (nearest, floor) round this
    /// value another way; never a published figure itself. Exact decimal arithmetic as in <see cref="Iaqi"/>.
    /// </summary>
    /// <param name="concentration">Concentration, 0 ≤ C ≤ <see cref="Top"/>, in the column's unit.</param>
    /// <returns>The unrounded IAQI, 0 … <see cref="TopIaqi"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C is negative or above <see cref="Top"/>.</exception>
    public decimal ExactIaqi(decimal concentration)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concentration);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(concentration, Top);
        var i = 0;
        while (concentration > _bp[i + 1]) i++;
        decimal lo = _bp[i], hi = _bp[i + 1];
        int ilo = IaqiPoints[i], ihi = IaqiPoints[i + 1];
        // Numerator first keeps the only inexact step (one division) far from integers: a non-integer quotient differs
        // from the nearest integer by at least 1/(BP_Hi − BP_Lo) scaled, which is far above decimal's 28-digit precision.
        var rise = (ihi - ilo) * (concentration - lo);
        var run = hi - lo;
        return ilo + rise / run;
    }
}
