namespace SmartEnv.Storage.Entities;

/// <summary>
/// Averaging period of an observation, from the HJ 212 command that carried it (HJ 212-2017 table 9):
/// 2011 real-time, 2051 minute, 2061 hour, 2031 day. Stored as text <c>rtd</c>/<c>min</c>/<c>hour</c>/<c>day</c>.
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
}
