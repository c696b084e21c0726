namespace SmartEnv.Standards.Air;

/// <summary>What a regime does with an SO2 1-hour mean above 800 μg/m³ (the top of the SO2 1h column).</summary>
public enum So2HourlyAbove800Rule
{
    /// <summary>HJ 633-2012 Table 1 note (2): SO2 is reported by its 24-hour-mean IAQI (needs <c>so2_24h</c>).</summary>
    UseDailyMeanIaqi,
    /// <summary>HJ 633-2026 Table 3 note b: the SO2 IAQI is 200.</summary>
    Fixed200,
}

/// <summary>What a regime does with an O3 8-hour mean above 800 μg/m³ (the top of the O3 8h column).</summary>
public enum O3EightHourAbove800Rule
{
    /// <summary>HJ 633-2012 Table 1 note (3): no O3 8h IAQI; O3 is reported by the 1-hour IAQI.</summary>
    NotComputedUseOneHour,
    /// <summary>HJ 633-2026 Table 3 note c: the O3 8h IAQI is 300.</summary>
    Fixed300,
}

/// <summary>
/// An AQI rule set: breakpoint tables, the indicator sets of the real-time (hourly) and daily reports, input rounding and
/// the special rules above the table tops. Three regimes exist, selected by date (<see cref="ForDate"/>) unless the caller
/// names one (<see cref="FromId"/>):
/// <list type="bullet">
/// <item><see cref="Hj633_2012"/> "HJ633-2012": the text as written (hourly: SO2/NO2/CO/O3 1h, O3 8h moving, PM 24h moving).</item>
/// <item><see cref="Cnemc2014"/> "CNEMC-2014": national-platform practice 2014-01-01 … 2026-02-28: HJ 633-2012 Table 1 with the
/// PM 1-h values on the 24-h breakpoints and no O3 8h in the hourly AQI; daily as HJ 633-2012.</item>
/// <item><see cref="Hj633_2026"/> "HJ633-2026" from 2026-03-01: Table 3 (new PM breakpoints), GB/T 8170 input rounding,
/// SO2 1h &gt; 800 → 200, O3 8h &gt; 800 → 300, daily report without O3 1h, no exceeding-pollutant definition.</item>
/// </list>
/// Immutable and thread-safe.
/// </summary>
public sealed class AqiRegime
{
    /// <summary>Start of CNEMC's 1-h particulate practice (CNA report 2014-01-01 quoting MEP; standards.md §1.6).</summary>
    public static readonly DateOnly Cnemc2014From = new(2014, 1, 1);

    /// <summary>Effective date of HJ 633-2026 (cover and preface).</summary>
    public static readonly DateOnly Hj633_2026From = new(2026, 3, 1);

    // HJ 633-2012 Table 1 (p.2). Columns shared with HJ 633-2026 Table 3 (identical except PM10 and PM2.5).
    private static readonly BreakpointTable So2Day = new("SO2 24h", 0, 50, 150, 475, 800, 1600, 2100, 2620);
    private static readonly BreakpointTable So2Hour = new("SO2 1h", 0, 150, 500, 650, 800);
    private static readonly BreakpointTable No2Day = new("NO2 24h", 0, 40, 80, 180, 280, 565, 750, 940);
    private static readonly BreakpointTable No2Hour = new("NO2 1h", 0, 100, 200, 700, 1200, 2340, 3090, 3840);
    private static readonly BreakpointTable CoDay = new("CO 24h", 0, 2, 4, 14, 24, 36, 48, 60);
    private static readonly BreakpointTable CoHour = new("CO 1h", 0, 5, 10, 35, 60, 90, 120, 150);
    private static readonly BreakpointTable O3Hour = new("O3 1h", 0, 160, 200, 300, 400, 800, 1000, 1200);
    private static readonly BreakpointTable O3Eight = new("O3 8h", 0, 100, 160, 215, 265, 800);
    // HJ 633-2012 Table 1 particulate columns.
    private static readonly BreakpointTable Pm10Day2012 = new("PM10 24h", 0, 50, 150, 250, 350, 420, 500, 600);
    private static readonly BreakpointTable Pm25Day2012 = new("PM2.5 24h", 0, 35, 75, 115, 150, 250, 350, 500);
    // HJ 633-2026 Table 3 particulate columns (IAQI-100 points moved to 120 and 60).
    private static readonly BreakpointTable Pm10Day2026 = new("PM10 24h", 0, 50, 120, 250, 350, 420, 500, 600);
    private static readonly BreakpointTable Pm25Day2026 = new("PM2.5 24h", 0, 35, 60, 115, 150, 250, 350, 500);

    /// <summary>HJ 633-2012 as written (Table 1; real-time report Table 4: 7 IAQIs incl. O3 8h moving and PM 24h moving).</summary>
    public static AqiRegime Hj633_2012 { get; } = new(
        "HJ633-2012", "HJ 633-2012 环境空气质量指数（AQI）技术规定（试行）, Table 1; real-time set per Table 4",
        Pm10Day2012, Pm25Day2012, particulateHourlyOnDailyTable: false,
        hourly: [AqiIndicator.So2_1h, AqiIndicator.No2_1h, AqiIndicator.Co_1h, AqiIndicator.O3_1h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h],
        daily: [AqiIndicator.So2_24h, AqiIndicator.No2_24h, AqiIndicator.Co_24h, AqiIndicator.O3_1h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h],
        roundsInputs: false, reportsExceeding: true, So2HourlyAbove800Rule.UseDailyMeanIaqi, O3EightHourAbove800Rule.NotComputedUseOneHour);

    /// <summary>CNEMC national-platform practice 2014-01-01 … 2026-02-28: HJ 633-2012 Table 1, hourly PM 1-h values on the 24-h breakpoints.</summary>
    public static AqiRegime Cnemc2014 { get; } = new(
        "CNEMC-2014", "HJ 633-2012 Table 1 with CNEMC real-time practice from 2014-01-01 (PM 1-h values on 24-h breakpoints; no O3 8h hourly)",
        Pm10Day2012, Pm25Day2012, particulateHourlyOnDailyTable: true,
        hourly: [AqiIndicator.So2_1h, AqiIndicator.No2_1h, AqiIndicator.Co_1h, AqiIndicator.O3_1h, AqiIndicator.Pm10_1h, AqiIndicator.Pm25_1h],
        daily: [AqiIndicator.So2_24h, AqiIndicator.No2_24h, AqiIndicator.Co_24h, AqiIndicator.O3_1h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h],
        roundsInputs: false, reportsExceeding: true, So2HourlyAbove800Rule.UseDailyMeanIaqi, O3EightHourAbove800Rule.NotComputedUseOneHour);

    /// <summary>HJ 633-2026 (effective 2026-03-01): Table 3, §4.2.2–§4.2.4 indicator sets and GB/T 8170 input rounding.</summary>
    public static AqiRegime Hj633_2026 { get; } = new(
        "HJ633-2026", "HJ 633-2026 环境空气质量指数（AQI）技术规定, Table 3; §4.2.2 daily set, §4.2.3–4.2.4 real-time set",
        Pm10Day2026, Pm25Day2026, particulateHourlyOnDailyTable: true,
        hourly: [AqiIndicator.So2_1h, AqiIndicator.No2_1h, AqiIndicator.Co_1h, AqiIndicator.O3_1h, AqiIndicator.Pm10_1h, AqiIndicator.Pm25_1h],
        daily: [AqiIndicator.So2_24h, AqiIndicator.No2_24h, AqiIndicator.Co_24h, AqiIndicator.O3_8h, AqiIndicator.Pm10_24h, AqiIndicator.Pm25_24h],
        roundsInputs: true, reportsExceeding: false, So2HourlyAbove800Rule.Fixed200, O3EightHourAbove800Rule.Fixed300);

    /// <summary>The three regimes, oldest first.</summary>
    public static IReadOnlyList<AqiRegime> All { get; } = [Hj633_2012, Cnemc2014, Hj633_2026];

    private readonly Dictionary<AqiIndicator, BreakpointTable> _tables;

    private AqiRegime(string id, string citation, BreakpointTable pm10Day, BreakpointTable pm25Day, bool particulateHourlyOnDailyTable,
        AqiIndicator[] hourly, AqiIndicator[] daily, bool roundsInputs, bool reportsExceeding,
        So2HourlyAbove800Rule so2Rule, O3EightHourAbove800Rule o3Rule)
    {
        Id = id;
        Citation = citation;
        HourlySet = hourly;
        DailySet = daily;
        RoundsInputs = roundsInputs;
        ReportsExceeding = reportsExceeding;
        So2Above800 = so2Rule;
        O3EightHourAbove800 = o3Rule;
        _tables = new()
        {
            [AqiIndicator.So2_24h] = So2Day, [AqiIndicator.So2_1h] = So2Hour,
            [AqiIndicator.No2_24h] = No2Day, [AqiIndicator.No2_1h] = No2Hour,
            [AqiIndicator.Co_24h] = CoDay, [AqiIndicator.Co_1h] = CoHour,
            [AqiIndicator.O3_1h] = O3Hour, [AqiIndicator.O3_8h] = O3Eight,
            [AqiIndicator.Pm10_24h] = pm10Day, [AqiIndicator.Pm25_24h] = pm25Day,
        };
        if (particulateHourlyOnDailyTable)
        {
            // HJ 633-2026 §4.2.4 (and CNEMC practice since 2014): PM 1-h means use the daily-mean breakpoints.
            _tables[AqiIndicator.Pm10_1h] = pm10Day;
            _tables[AqiIndicator.Pm25_1h] = pm25Day;
        }
    }

    /// <summary>Identifier: "HJ633-2012", "CNEMC-2014" or "HJ633-2026".</summary>
    public string Id { get; }

    /// <summary>The standard and table the regime implements.</summary>
    public string Citation { get; }

    /// <summary>Indicators of the real-time (hourly) report that carry an IAQI, in report order.</summary>
    public IReadOnlyList<AqiIndicator> HourlySet { get; }

    /// <summary>Indicators of the daily report, in report order (O3 1h and O3 8h are daily maxima).</summary>
    public IReadOnlyList<AqiIndicator> DailySet { get; }

    /// <summary>Whether inputs are rounded per GB/T 8170 before the IAQI (integers; CO 1 decimal) — HJ 633-2026 §4.2.2/§4.2.3.</summary>
    public bool RoundsInputs { get; }

    /// <summary>Whether the regime defines exceeding pollutants (超标污染物, IAQI &gt; 100; HJ 633-2012 §3.4). HJ 633-2026 deleted it.</summary>
    public bool ReportsExceeding { get; }

    /// <summary>Rule for SO2 1h above 800 μg/m³.</summary>
    public So2HourlyAbove800Rule So2Above800 { get; }

    /// <summary>Rule for O3 8h above 800 μg/m³.</summary>
    public O3EightHourAbove800Rule O3EightHourAbove800 { get; }

    /// <summary>The indicator set of a report: <see cref="HourlySet"/> or <see cref="DailySet"/>.</summary>
    /// <param name="report">Hourly (real-time) or daily.</param>
    public IReadOnlyList<AqiIndicator> Set(AqiReport report) => report == AqiReport.Hourly ? HourlySet : DailySet;

    /// <summary>
    /// The indicators a report reads: its <see cref="Set"/>, plus <c>so2_24h</c> for the hourly report of a regime whose
    /// SO2 1h &gt; 800 rule reports SO2 by its 24-hour-mean IAQI (HJ 633-2012 Table 1 note (2),
    /// <see cref="So2HourlyAbove800Rule.UseDailyMeanIaqi"/>). Any other indicator given to the report is ignored by
    /// <see cref="AqiCalculator"/>.
    /// </summary>
    /// <param name="report">Hourly (real-time) or daily.</param>
    public IReadOnlyList<AqiIndicator> Inputs(AqiReport report) =>
        report == AqiReport.Hourly && So2Above800 == So2HourlyAbove800Rule.UseDailyMeanIaqi && !HourlySet.Contains(AqiIndicator.So2_24h)
            ? [.. HourlySet, AqiIndicator.So2_24h]
            : Set(report);

    /// <summary>Whether a report reads the indicator (<see cref="Inputs"/>).</summary>
    /// <param name="report">Hourly (real-time) or daily.</param>
    /// <param name="indicator">Indicator.</param>
    public bool Uses(AqiReport report, AqiIndicator indicator) => Inputs(report).Contains(indicator);

    /// <summary>The breakpoint column for an indicator, or null when the indicator carries no IAQI in this regime
    /// (PM 1-h values under the HJ 633-2012 text).</summary>
    /// <param name="indicator">The indicator.</param>
    public BreakpointTable? Table(AqiIndicator indicator) => _tables.GetValueOrDefault(indicator);

    /// <summary>
    /// The regime in force for a Beijing-time calendar date: before 2014-01-01 HJ633-2012; 2014-01-01 … 2026-02-28 CNEMC-2014;
    /// from 2026-03-01 HJ633-2026. For a CNEMC hour label, pass the natural day the hour belongs to
    /// (<see cref="Common.HourEnding.NaturalDay"/>).
    /// </summary>
    /// <param name="date">Beijing-time date.</param>
    public static AqiRegime ForDate(DateOnly date) =>
        date < Cnemc2014From ? Hj633_2012 : date < Hj633_2026From ? Cnemc2014 : Hj633_2026;

    /// <summary>The regime with the given id (case-insensitive; "HJ633-2012", "CNEMC-2014", "HJ633-2026").</summary>
    /// <param name="id">Regime id.</param>
    /// <param name="regime">The regime when found.</param>
    /// <returns>Whether the id is known.</returns>
    public static bool TryFromId(string? id, out AqiRegime regime)
    {
        regime = All.FirstOrDefault(r => string.Equals(r.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase))!;
        return regime is not null;
    }

    /// <summary>The regime with the given id.</summary>
    /// <param name="id">Regime id.</param>
    /// <exception cref="ArgumentException">Unknown id.</exception>
    public static AqiRegime FromId(string id) =>
        TryFromId(id, out var r) ? r : throw new ArgumentException($"unknown AQI regime '{id}' (expected {string.Join(", ", All.Select(x => x.Id))})", nameof(id));

    /// <inheritdoc />
    public override string ToString() => Id;
}
