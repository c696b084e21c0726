using SmartEnv.Standards.Air;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>
/// Parameter codes under which air values are stored: the HJ 212-2017 appendix B (table B.2) / HJ 524 codes of the six
/// pollutants (a34004 PM2.5, a34002 PM10, a21026 SO2, a21004 NO2, a05024 O3 in μg/m³; a21005 CO in mg/m³). The moving
/// statistics that CNEMC publishes beside the hour values keep their pollutant's code; their averaging period is the
/// measurement's <see cref="PeriodType"/> (<see cref="PeriodType.Moving24h"/>, <see cref="PeriodType.Moving8h"/>,
/// <see cref="PeriodType.Max1hOf24h"/>, <see cref="PeriodType.Max8hOf24h"/>), never a code suffix. Thread-safe.
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

    /// <summary>Unit of a stored air pollutant code as CNEMC and HJ 633 publish it: μg/m³, CO mg/m³ (GB 3095-2012 Table 1).</summary>
    /// <param name="code">One of the six codes.</param>
    public static string UnitOf(string code) => code == Co ? "mg/m³" : "μg/m³";

    /// <summary>
    /// The six 1-h codes in <see cref="AirPollutant"/> order (SO2, NO2, CO, O3, PM10, PM2.5): the only stored values the
    /// air evaluation reads. Moving means are computed from them (<see cref="AirAveraging.RealTimeInputs"/>); the moving
    /// statistics CNEMC publishes beside them (other periods of the same codes) are stored as received but are no AQI input.
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
