namespace SmartEnv.Standards.Common;

/// <summary>
/// Beijing time (China Standard Time, UTC+8, no daylight saving): the time base of HJ 212-2017 DataTime/QN (local time
/// of the logger, §6.3), of CNEMC's hour-ending labels and of natural days in HJ 663-2013 §3 / GB 3095-2012 Table 4.
/// The one owner of the offset: code that needs Beijing wall-clock time reads it here. Pure; thread-safe.
/// </summary>
public static class BeijingTime
{
    /// <summary>The offset from UTC: +8 h.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The Beijing natural day (calendar date) of an instant.</summary>
    /// <param name="instant">Any instant (any offset).</param>
    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);
}
