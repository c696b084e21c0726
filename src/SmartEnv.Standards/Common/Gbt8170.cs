namespace SmartEnv.Standards.Common;

/// <summary>
/// Numerical rounding per GB/T 8170-2008 《数值修约规则与极限数值的表示和判定》 §3.3: "四舍六入五成双" — round half to even
/// when the digits dropped are exactly one half of the last kept unit. Operates on exact <see cref="decimal"/> values, so a
/// value such as 35.5 is exactly a half and rounds to 36, 34.5 to 34.
/// </summary>
/// <remarks>Pure and thread-safe.</remarks>
public static class Gbt8170
{
    /// <summary>Rounds <paramref name="value"/> to <paramref name="decimals"/> decimal places, half to even (GB/T 8170-2008 §3.3).</summary>
    /// <param name="value">Exact value.</param>
    /// <param name="decimals">Digits after the decimal point to keep, 0…28.</param>
    /// <returns>The rounded value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside 0…28.</exception>
    public static decimal Round(decimal value, int decimals = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return Math.Round(value, decimals, MidpointRounding.ToEven);
    }
}
