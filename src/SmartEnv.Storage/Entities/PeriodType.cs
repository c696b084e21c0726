namespace SmartEnv.Storage.Entities;

/// <summary>
/// Averaging period of a measurement. The first four are the HJ 212 data uploads (HJ 212-2017 table 9): 2011
/// real-time, 2051 minute, 2061 hour, 2031 day. The others are the moving statistics CNEMC publishes beside each hour
/// in its national hourly files (HJ 633-2012 §5.1 / Table 4 moving means; SOURCES.md §2), stored under the pollutant's
/// own factor code. Stored as snake_case text: <c>rtd</c>, <c>min</c>, <c>hour</c>, <c>day</c>, <c>moving24h</c>,
/// <c>moving8h</c>, <c>max1h_of24h</c>, <c>max8h_of24h</c>.
/// </summary>
public enum PeriodType
{
    /// <summary>Real-time value (CN 2011); DataTime is the sampling moment.</summary>
    Rtd,
    /// <summary>Minute data (CN 2051); DataTime is the period start.</summary>
    Min,
    /// <summary>Hour data (CN 2061); DataTime is the period start.</summary>
    Hour,
    /// <summary>Day data (CN 2031); DataTime is the period start.</summary>
    Day,
    /// <summary>24-h moving mean ending with the hour (CNEMC <c>PM2.5_24h</c>, <c>PM10_24h</c>, <c>SO2_24h</c>,
    /// <c>NO2_24h</c>, <c>CO_24h</c>); DataTime is the start of that last hour.</summary>
    Moving24h,
    /// <summary>8-h moving mean ending with the hour (CNEMC <c>O3_8h</c>; HJ 633-2012 O3 8-h); DataTime as
    /// <see cref="Moving24h"/>.</summary>
    Moving8h,
    /// <summary>Maximum 1-h value of the 24 h ending with the hour (CNEMC <c>O3_24h</c>); DataTime as
    /// <see cref="Moving24h"/>.</summary>
    Max1hOf24h,
    /// <summary>Maximum 8-h moving mean of the 24 h ending with the hour (CNEMC <c>O3_8h_24h</c>); DataTime as
    /// <see cref="Moving24h"/>.</summary>
    Max8hOf24h,
}
