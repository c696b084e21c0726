using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>
/// A pollutant with its averaging time, as used for IAQI (HJ 633-2012 Table 1, HJ 633-2026 Table 3). Keys in text form
/// (CLI, JSON, <c>aqi-vectors.tsv</c>) are lower-case: <c>so2_1h</c>, <c>so2_24h</c>, <c>no2_1h</c>, <c>no2_24h</c>,
/// <c>co_1h</c>, <c>co_24h</c>, <c>o3_1h</c>, <c>o3_8h</c>, <c>pm10_1h</c>, <c>pm10_24h</c>, <c>pm25_1h</c>,
/// <c>pm25_24h</c>. Units: μg/m³, except CO in mg/m³.
/// </summary>
public enum AqiIndicator
{
    /// <summary>SO2 1-hour mean, μg/m³ (real-time reports only).</summary>
    So2_1h,
    /// <summary>SO2 24-hour mean (daily) or 24-hour moving mean, μg/m³.</summary>
    So2_24h,
    /// <summary>NO2 1-hour mean, μg/m³ (real-time reports only).</summary>
    No2_1h,
    /// <summary>NO2 24-hour mean, μg/m³.</summary>
    No2_24h,
    /// <summary>CO 1-hour mean, mg/m³ (real-time reports only).</summary>
    Co_1h,
    /// <summary>CO 24-hour mean, mg/m³.</summary>
    Co_24h,
    /// <summary>O3 1-hour mean (real-time) or daily maximum 1-hour mean (daily report, 2012 only), μg/m³.</summary>
    O3_1h,
    /// <summary>O3 8-hour moving mean (real-time, 2012 text) or daily maximum 8-hour mean (daily report), μg/m³.</summary>
    O3_8h,
    /// <summary>PM10 1-hour mean, μg/m³; carries an IAQI on the 24-h breakpoints in CNEMC-2014 and HJ633-2026 regimes.</summary>
    Pm10_1h,
    /// <summary>PM10 24-hour mean or 24-hour moving mean, μg/m³.</summary>
    Pm10_24h,
    /// <summary>PM2.5 1-hour mean, μg/m³; carries an IAQI on the 24-h breakpoints in CNEMC-2014 and HJ633-2026 regimes.</summary>
    Pm25_1h,
    /// <summary>PM2.5 24-hour mean or 24-hour moving mean, μg/m³.</summary>
    Pm25_24h,
}

/// <summary>Text keys and units of <see cref="AqiIndicator"/>.</summary>
public static class AqiIndicators
{
    private static readonly string[] Keys =
        ["so2_1h", "so2_24h", "no2_1h", "no2_24h", "co_1h", "co_24h", "o3_1h", "o3_8h", "pm10_1h", "pm10_24h", "pm25_1h", "pm25_24h"];

    /// <summary>All twelve indicators in declaration order.</summary>
    public static IReadOnlyList<AqiIndicator> All { get; } = Enum.GetValues<AqiIndicator>();

    /// <summary>The lower-case key, e.g. <c>pm25_1h</c>.</summary>
    /// <param name="indicator">The indicator.</param>
    public static string Key(this AqiIndicator indicator) => Keys[(int)indicator];

    /// <summary>Parses a key such as <c>pm25_24h</c> (case-insensitive; <c>pm2.5_24h</c> and <c>pm2_5_24h</c> are accepted too).</summary>
    /// <param name="key">The key text.</param>
    /// <param name="indicator">The indicator when the key is known.</param>
    /// <returns>Whether the key is known.</returns>
    public static bool TryParse(string? key, out AqiIndicator indicator)
    {
        indicator = default;
        if (string.IsNullOrWhiteSpace(key)) return false;
        var k = key.Trim().ToLowerInvariant().Replace("pm2.5", "pm25").Replace("pm2_5", "pm25");
        var i = Array.IndexOf(Keys, k);
        if (i < 0) return false;
        indicator = (AqiIndicator)i;
        return true;
    }

    /// <summary>True for CO (mg/m³); all other indicators are in μg/m³.</summary>
    /// <param name="indicator">The indicator.</param>
    public static bool IsCarbonMonoxide(this AqiIndicator indicator) => indicator is AqiIndicator.Co_1h or AqiIndicator.Co_24h;

    /// <summary>The unit the indicator's breakpoints (HJ 633 Table 1) and GB 3095 limits are in: mg/m³ for CO, otherwise μg/m³.</summary>
    /// <param name="indicator">The indicator.</param>
    public static MeasurementUnit LimitUnit(this AqiIndicator indicator) =>
        indicator.IsCarbonMonoxide() ? MeasurementUnit.MilligramPerCubicMetre : MeasurementUnit.MicrogramPerCubicMetre;

    /// <summary>The symbol of <see cref="LimitUnit"/>: <c>mg/m³</c> for CO, otherwise <c>μg/m³</c>.</summary>
    /// <param name="indicator">The indicator.</param>
    public static string Unit(this AqiIndicator indicator) => indicator.LimitUnit().Symbol;
}
