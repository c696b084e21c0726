namespace SmartEnv.Supervision.Monitoring;

/// <summary>
/// 超标倍数 of a value over a permit limit: (C − L) / L, only when C &gt; L (issue 16 plan §3.2a; the convention of the
/// water page, docs/ui.md). Stored to <see cref="StoredDecimals"/> places and shown to <see cref="DisplayDecimals"/>, both
/// rounded by GB/T 8170-2008 (round half to even). Pure; thread-safe.
/// </summary>
public static class Exceedance
{
    /// <summary>Decimal places of the stored multiple (column decimal(9,4)).</summary>
    public const int StoredDecimals = 4;

    /// <summary>Decimal places of the shown multiple.</summary>
    public const int DisplayDecimals = 2;

    /// <summary>The exact 超标倍数, or null when the value does not exceed the limit.</summary>
    /// <param name="value">Concentration C, in the unit of the limit.</param>
    /// <param name="limit">Permit limit L (&gt; 0).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive.</exception>
    public static decimal? Multiple(decimal value, decimal limit)
    {
        if (limit <= 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "a permit limit is positive");
        return value > limit ? (value - limit) / limit : null;
    }

    /// <summary>The multiple as stored: GB/T 8170 to 4 places (0.142857… → 0.1429).</summary>
    /// <param name="multiple">Exact multiple.</param>
    public static decimal Stored(decimal multiple) => Math.Round(multiple, StoredDecimals, MidpointRounding.ToEven);

    /// <summary>The multiple as shown: GB/T 8170 to 2 places (0.142857… → 0.14).</summary>
    /// <param name="multiple">Exact or stored multiple.</param>
    public static decimal Display(decimal multiple) => Math.Round(multiple, DisplayDecimals, MidpointRounding.ToEven);
}
