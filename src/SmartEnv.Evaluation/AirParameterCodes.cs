using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;

namespace SmartEnv.Evaluation;

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

    /// <summary>
    /// The six 1-h codes in <see cref="AirPollutant"/> order (SO2, NO2, CO, O3, PM10, PM2.5): the only stored values the
    /// air evaluation reads. Moving means are computed from them (<see cref="AirAveraging.RealTimeInputs"/>); the moving
    /// statistics CNEMC publishes beside them (<c>_24h</c>, <c>_8h</c>, …) are stored as received but are no AQI input.
    /// </summary>
    public static IReadOnlyList<string> OneHour { get; } = [So2, No2, Co, O3, Pm10, Pm25];

    /// <summary>The stored code of a pollutant's 1-h mean.</summary>
    /// <param name="pollutant">Pollutant.</param>
    public static string Of(AirPollutant pollutant) => OneHour[(int)pollutant];

    /// <summary>The pollutant whose 1-h mean a stored code holds (one of <see cref="OneHour"/>), or null.</summary>
    /// <param name="code">Stored parameter code.</param>
    public static AirPollutant? Pollutant(string code) => code switch
    {
        So2 => AirPollutant.So2,
        No2 => AirPollutant.No2,
        Co => AirPollutant.Co,
        O3 => AirPollutant.O3,
        Pm10 => AirPollutant.Pm10,
        Pm25 => AirPollutant.Pm25,
        _ => null,
    };
}
