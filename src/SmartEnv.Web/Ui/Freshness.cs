using SmartEnv.Standards.Common;
namespace SmartEnv.Web.Ui;

/// <summary>What a "current" figure claims to be: the period it stands for.</summary>
public enum FigureKind
{
    /// <summary>An hourly value (hourly / real-time AQI of a station or the district, a 1-h mean): period 1 h.</summary>
    Hour,
    /// <summary>A natural day's value (daily AQI; a noise day's Ld/Ln): period 1 day (Beijing).</summary>
    Day,
    /// <summary>A 4-hourly automatic water sample (the national surface-water stations' cycle): period 4 h.</summary>
    WaterSample,
}

/// <summary>
/// The one staleness rule of the UI. A figure shown as current is stale (非实时) when the end of the period it describes is
/// older than <see cref="MaxAge"/> of its kind — the value's own time, whatever other loggers of the site did (their receive
/// times say whether a logger is online, not whether this value is current). Allowed age = the period itself plus the time
/// the next value needs to arrive: hour 1 h + 1 h (HJ 212 CN 2061 uploads the hour after it ends) = 2 h; natural day
/// 24 h + 2 h (the next day's value exists once that day has ended and its last hour arrived) = 26 h; water sample
/// 4 h + 4 h (the next sample) = 8 h. HJ 212 and HJ 633 set no such threshold: our choice (docs/ui.md). Also the clock
/// rules of "this year" and of periods reaching past today. Pure; thread-safe.
/// </summary>
public static class Freshness
{
    /// <summary>Interval of the automatic water stations' samples (CNEMC automatic surface-water release: every 4 h).</summary>
    public static readonly TimeSpan WaterSampleInterval = TimeSpan.FromHours(4);

    /// <summary>Age (from the end of the value's period) beyond which a figure of the kind is stale.</summary>
    /// <param name="kind">Figure kind.</param>
    public static TimeSpan MaxAge(FigureKind kind) => kind switch
    {
        FigureKind.Hour => TimeSpan.FromHours(2),
        FigureKind.Day => TimeSpan.FromHours(26),
        _ => 2 * WaterSampleInterval, // the sample's 4 h plus the next sample's 4 h
    };

    /// <summary>True when the value whose period ended at <paramref name="end"/> is older than <see cref="MaxAge"/> at
    /// <paramref name="now"/>; a value without a time is stale.</summary>
    /// <param name="kind">Figure kind.</param>
    /// <param name="end">End of the value's period (any offset), or null.</param>
    /// <param name="now">The clock's now.</param>
    public static bool IsStale(FigureKind kind, DateTimeOffset? end, DateTimeOffset now) =>
        end is not { } e || now - e > MaxAge(kind);

    /// <summary>End (UTC) of a natural day (Beijing): the next day's 00:00 (<see cref="BeijingTime.DayEnd"/>).</summary>
    /// <param name="day">Natural day.</param>
    public static DateTimeOffset DayEnd(DateOnly day) => BeijingTime.DayEnd(day);

    /// <summary>Today's natural day in Beijing time.</summary>
    /// <param name="now">The clock's now.</param>
    public static DateOnly Today(DateTimeOffset now) => BeijingTime.Today(now);

    /// <summary>True when <paramref name="year"/> is the current calendar year (Beijing) — "本年"; a past year is named by its number.</summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="now">The clock's now.</param>
    public static bool IsCurrentYear(int year, DateTimeOffset now) => Today(now).Year == year;

    /// <summary>
    /// The last day of an assessment period that can hold data: <paramref name="to"/>, or today (Beijing) when the period
    /// reaches past today — days that have not begun are not part of an HJ 663 assessment (they are neither valid nor
    /// excluded days). Null when the whole period lies in the future.
    /// </summary>
    /// <param name="from">First natural day.</param>
    /// <param name="to">Last natural day (inclusive).</param>
    /// <param name="now">The clock's now.</param>
    public static DateOnly? ElapsedEnd(DateOnly from, DateOnly to, DateTimeOffset now)
    {
        var today = Today(now);
        var end = to > today ? today : to;
        return end < from ? null : end;
    }
}
