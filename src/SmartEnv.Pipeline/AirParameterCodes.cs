using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;

namespace SmartEnv.Pipeline;

/// <summary>
/// Parameter codes under which air values are stored: the HJ 212-2017 appendix B (table B.2) codes for the six 1-h
/// pollutants (a34004 PM2.5, a34002 PM10, a21026 SO2, a21004 NO2, a05024 O3 in μg/m³; a21005 CO in mg/m³), and for the
/// moving statistics that CNEMC publishes beside them (no HJ 212 code exists) the 1-h code with a suffix:
/// <c>_24h</c> (24-h moving mean), <c>_8h</c> (O3 8-h moving mean), <c>_24hmax</c> (O3 max 1-h of 24 h),
/// <c>_8h_24h</c> (O3 8-h statistic over 24 h). Thread-safe.
/// </summary>
public static class AirParameterCodes
{
    /// <summary>PM2.5 1-h, μg/m³.</summary>
    public const string Pm25 = "a34004";
    /// <summary>PM10 1-h, μg/m³.</summary>
    public const string Pm10 = "a34002";
    /// <summary>SO2 1-h, μg/m³.</summary>
    public const string So2 = "a21026";
    /// <summary>NO2 1-h, μg/m³.</summary>
    public const string No2 = "a21004";
    /// <summary>O3 1-h, μg/m³.</summary>
    public const string O3 = "a05024";
    /// <summary>CO 1-h, mg/m³.</summary>
    public const string Co = "a21005";

    /// <summary>Code of a CNEMC file type, or null for the published AQI (not stored: SmartEnv computes its own).</summary>
    /// <param name="type">The file's row type.</param>
    public static string? ForCnemc(CnemcType type) => type switch
    {
        CnemcType.Pm25 => Pm25,
        CnemcType.Pm25_24h => Pm25 + "_24h",
        CnemcType.Pm10 => Pm10,
        CnemcType.Pm10_24h => Pm10 + "_24h",
        CnemcType.So2 => So2,
        CnemcType.So2_24h => So2 + "_24h",
        CnemcType.No2 => No2,
        CnemcType.No2_24h => No2 + "_24h",
        CnemcType.O3 => O3,
        CnemcType.O3_24h => O3 + "_24hmax",
        CnemcType.O3_8h => O3 + "_8h",
        CnemcType.O3_8h_24h => O3 + "_8h_24h",
        CnemcType.Co => Co,
        CnemcType.Co_24h => Co + "_24h",
        _ => null,
    };

    /// <summary>The AQI input a stored code feeds (HJ 633-2012 table 1 indicators), or null.</summary>
    /// <param name="code">Stored parameter code.</param>
    public static AqiIndicator? Indicator(string code) => code switch
    {
        So2 => AqiIndicator.So2_1h,
        So2 + "_24h" => AqiIndicator.So2_24h,
        No2 => AqiIndicator.No2_1h,
        Co => AqiIndicator.Co_1h,
        O3 => AqiIndicator.O3_1h,
        O3 + "_8h" => AqiIndicator.O3_8h,
        Pm10 => AqiIndicator.Pm10_1h,
        Pm10 + "_24h" => AqiIndicator.Pm10_24h,
        Pm25 => AqiIndicator.Pm25_1h,
        Pm25 + "_24h" => AqiIndicator.Pm25_24h,
        _ => null,
    };

    /// <summary>Every code the air evaluation reads.</summary>
    public static IReadOnlyList<string> Evaluated { get; } =
        [So2, So2 + "_24h", No2, Co, O3, O3 + "_8h", Pm10, Pm10 + "_24h", Pm25, Pm25 + "_24h"];
}
