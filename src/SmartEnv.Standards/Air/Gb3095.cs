using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Air;

/// <summary>The six basic pollutants of GB 3095 Table 1 that carry an AQI.</summary>
public enum AirPollutant
{
    /// <summary>Sulphur dioxide, μg/m³.</summary>
    So2,
    /// <summary>Nitrogen dioxide, μg/m³.</summary>
    No2,
    /// <summary>Carbon monoxide, mg/m³.</summary>
    Co,
    /// <summary>Ozone, μg/m³.</summary>
    O3,
    /// <summary>PM10, μg/m³.</summary>
    Pm10,
    /// <summary>PM2.5, μg/m³.</summary>
    Pm25,
}

/// <summary>Averaging times of GB 3095 limits.</summary>
public enum Gb3095Averaging
{
    /// <summary>Annual mean (年平均).</summary>
    Annual,
    /// <summary>24-hour (daily) mean (24小时平均 / 日平均).</summary>
    Daily,
    /// <summary>1-hour mean (1小时平均).</summary>
    OneHour,
    /// <summary>O3 daily maximum 8-hour mean (日最大8小时平均).</summary>
    DailyMax8h,
}

/// <summary>Which GB 3095 limit table is in force.</summary>
public enum Gb3095Edition
{
    /// <summary>GB 3095-2012 (with its 2018 amendment), in force until 2026-02-28.</summary>
    Gb3095_2012,
    /// <summary>GB 3095-2026 "过渡阶段" columns, 2026-03-01 … 2030-12-31 (§4.4).</summary>
    Gb3095_2026Transition,
    /// <summary>GB 3095-2026 "浓度限值" columns, from 2031-01-01 (§4.4).</summary>
    Gb3095_2026Final,
}

/// <summary>
/// Concentration limits of GB 3095-2012 Table 1 and GB 3095-2026 Table 1 (transition and final stages) for the six AQI
/// pollutants, grade I (class-1 zones) and grade II (class-2 zones). Units μg/m³, CO mg/m³.
/// </summary>
public static class Gb3095
{
    /// <summary>The unit GB 3095 Table 1 states a pollutant's limits in (and HJ 633 its breakpoints): mg/m³ for CO, μg/m³ for the others.</summary>
    /// <param name="pollutant">Pollutant.</param>
    public static MeasurementUnit Unit(AirPollutant pollutant) =>
        pollutant == AirPollutant.Co ? MeasurementUnit.MilligramPerCubicMetre : MeasurementUnit.MicrogramPerCubicMetre;

    /// <summary>GB 3095-2026 effective date (preface).</summary>
    public static readonly DateOnly Edition2026From = new(2026, 3, 1);

    /// <summary>GB 3095-2026 §4.4: the final limits apply from this date.</summary>
    public static readonly DateOnly Edition2026FinalFrom = new(2031, 1, 1);

    /// <summary>The edition in force on a date.</summary>
    /// <param name="date">Beijing-time date.</param>
    public static Gb3095Edition EditionFor(DateOnly date) =>
        date < Edition2026From ? Gb3095Edition.Gb3095_2012 : date < Edition2026FinalFrom ? Gb3095Edition.Gb3095_2026Transition : Gb3095Edition.Gb3095_2026Final;

    /// <summary>A short citation of an edition's limit table.</summary>
    /// <param name="edition">The edition.</param>
    public static string Citation(Gb3095Edition edition) => edition switch
    {
        Gb3095Edition.Gb3095_2012 => "GB 3095-2012 Table 1",
        Gb3095Edition.Gb3095_2026Transition => "GB 3095-2026 Table 1 (过渡阶段, 2026-03-01…2030-12-31)",
        _ => "GB 3095-2026 Table 1 (浓度限值, from 2031-01-01)",
    };

    /// <summary>The limit, or null when the table has none for that pollutant and averaging (e.g. CO annual).</summary>
    /// <param name="edition">Edition.</param>
    /// <param name="pollutant">Pollutant.</param>
    /// <param name="averaging">Averaging time (<see cref="Gb3095Averaging.DailyMax8h"/> only for O3).</param>
    /// <param name="grade">1 or 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="grade"/> is not 1 or 2.</exception>
    public static decimal? Limit(Gb3095Edition edition, AirPollutant pollutant, Gb3095Averaging averaging, int grade = 2)
    {
        if (grade is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(grade), grade, "grade is 1 or 2");
        var row = Row(pollutant, averaging);
        if (row is null) return null;
        var col = (int)edition * 2 + (grade - 1);
        return row[col];
    }

    /// <summary>The limit in force on a date.</summary>
    /// <param name="date">Beijing-time date.</param>
    /// <param name="pollutant">Pollutant.</param>
    /// <param name="averaging">Averaging time.</param>
    /// <param name="grade">1 or 2.</param>
    public static decimal? Limit(DateOnly date, AirPollutant pollutant, Gb3095Averaging averaging, int grade = 2) =>
        Limit(EditionFor(date), pollutant, averaging, grade);

    // Columns: 2012 I, 2012 II, 2026 transition I, II, 2026 final I, II (standards.md §2.1 [S] and §2.4 [P]).
    private static decimal[]? Row(AirPollutant p, Gb3095Averaging a) => (p, a) switch
    {
        (AirPollutant.So2, Gb3095Averaging.Annual) => [20, 60, 20, 60, 20, 20],
        (AirPollutant.So2, Gb3095Averaging.Daily) => [50, 150, 50, 150, 50, 50],
        (AirPollutant.So2, Gb3095Averaging.OneHour) => [150, 500, 150, 500, 150, 150],
        (AirPollutant.No2, Gb3095Averaging.Annual) => [40, 40, 40, 40, 30, 30],
        (AirPollutant.No2, Gb3095Averaging.Daily) => [80, 80, 80, 80, 50, 50],
        (AirPollutant.No2, Gb3095Averaging.OneHour) => [200, 200, 200, 200, 200, 200],
        (AirPollutant.Co, Gb3095Averaging.Daily) => [4, 4, 4, 4, 4, 4],
        (AirPollutant.Co, Gb3095Averaging.OneHour) => [10, 10, 10, 10, 10, 10],
        (AirPollutant.O3, Gb3095Averaging.DailyMax8h) => [100, 160, 100, 160, 100, 160],
        (AirPollutant.O3, Gb3095Averaging.OneHour) => [160, 200, 160, 200, 160, 200],
        (AirPollutant.Pm10, Gb3095Averaging.Annual) => [40, 70, 40, 60, 20, 50],
        (AirPollutant.Pm10, Gb3095Averaging.Daily) => [50, 150, 50, 120, 50, 100],
        (AirPollutant.Pm25, Gb3095Averaging.Annual) => [15, 35, 15, 30, 10, 25],
        (AirPollutant.Pm25, Gb3095Averaging.Daily) => [35, 75, 35, 60, 25, 50],
        _ => null,
    };
}
