using SmartEnv.Evaluation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Storage.Entities;
using static SmartEnv.Evaluation.AirParameterCodes;

namespace SmartEnv.Imports;

/// <summary>
/// Where a row type of the national CNEMC hourly air files (<c>sites_*.csv</c>, <c>china_cities_*.csv</c>) is stored:
/// the pollutant's factor code (<see cref="AirParameterCodes"/>) and the averaging period of the published statistic.
/// Read by the import and the replay simulator. Thread-safe (stateless).
/// </summary>
public static class CnemcParameters
{
    /// <summary>Code and averaging period of a CNEMC file type (SOURCES.md §2), or null for the published AQI (not
    /// stored: SmartEnv computes its own). <c>PM2.5</c> → (a34004, hour), <c>PM2.5_24h</c> → (a34004, 24-h moving mean),
    /// <c>O3_8h</c> → (a05024, 8-h moving mean), <c>O3_24h</c> → (a05024, max 1-h of 24 h), <c>O3_8h_24h</c> → (a05024,
    /// max 8-h of 24 h).</summary>
    /// <param name="type">The file's row type.</param>
    public static (string Code, PeriodType Period)? ForCnemc(CnemcType type) => type switch
    {
        CnemcType.Pm25 => (Pm25, PeriodType.Hour),
        CnemcType.Pm25_24h => (Pm25, PeriodType.Moving24h),
        CnemcType.Pm10 => (Pm10, PeriodType.Hour),
        CnemcType.Pm10_24h => (Pm10, PeriodType.Moving24h),
        CnemcType.So2 => (So2, PeriodType.Hour),
        CnemcType.So2_24h => (So2, PeriodType.Moving24h),
        CnemcType.No2 => (No2, PeriodType.Hour),
        CnemcType.No2_24h => (No2, PeriodType.Moving24h),
        CnemcType.O3 => (O3, PeriodType.Hour),
        CnemcType.O3_24h => (O3, PeriodType.Max1hOf24h),
        CnemcType.O3_8h => (O3, PeriodType.Moving8h),
        CnemcType.O3_8h_24h => (O3, PeriodType.Max8hOf24h),
        CnemcType.Co => (Co, PeriodType.Hour),
        CnemcType.Co_24h => (Co, PeriodType.Moving24h),
        _ => null,
    };
}
