using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>
/// <see cref="AirAveraging.RealTimeInputs"/>: the hour → real-time AQI inputs rule, checked against values worked by hand
/// from HJ 633-2012 Table 1 (HJ 633-2026 Table 3) and the GB 3095 Table 4 counts (24-h ≥ 20, 8-h ≥ 6 of 8).
/// </summary>
public class RealTimeInputsTests
{
    /// <summary>
    /// The synthetic day: natural day 2013-06-01 (HJ633-2012 regime), hour-of-day k = 1…24 (labels 2013-06-01 01 …
    /// 2013-06-02 00). Per hour: SO2 10, NO2 20, CO 0.5, PM10 60, PM2.5 = 40 + k, O3 = 100 + 5k. The reported hour is k = 24.
    /// <para>PM2.5 24-h moving mean = Σ(40 + k, k = 1…24) / 24 = (960 + 300) / 24 = 1260 / 24 = 52.5 → GB/T 8170
    /// half-even 52 (half-up would give 53). IAQI 50 + (52 − 35)·50/(75 − 35) = 50 + 21.25 = 71.25 → 72.</para>
    /// <para>O3 8-h moving mean over k = 17…24 = Σ(100 + 5k) / 8 = (800 + 5·164) / 8 = 1620 / 8 = 202.5 → 202. IAQI
    /// 100 + (202 − 160)·50/(215 − 160) = 100 + 2100/55 = 138.18… → 139.</para>
    /// <para>1-h IAQIs at k = 24: SO2 10 → 10·50/150 = 3.33 → 4; NO2 20 → 20·50/100 = 10; CO 0.5 → 0.5·50/5 = 5;
    /// O3 220 → 100 + 20·50/100 = 110; PM10 24-h 60 → 50 + 10·50/100 = 55. HJ633-2012 AQI = 139, primary o3_8h.
    /// The 1-h-only computation (what the stored AQI used before) had just SO2/NO2/CO/O3 1h: AQI 110, incomplete.</para>
    /// </summary>
    internal static List<AirHour> Day2013(Func<int, decimal?>? pm25 = null, Func<int, decimal?>? o3 = null)
    {
        var day = new DateOnly(2013, 6, 1);
        return Enumerable.Range(1, 24).Select(k =>
        {
            var (d, h) = k == 24 ? (day.AddDays(1), 0) : (day, k);
            return new AirHour(d, h, 10m, 20m, 0.5m, o3 is null ? 100 + 5m * k : o3(k), 60m, pm25 is null ? 40m + k : pm25(k));
        }).ToList();
    }

    private static AirHour?[] WindowOf(IEnumerable<AirHour> hours)
    {
        var w = new AirHourWindow();
        AirHour?[] last = [];
        foreach (var h in hours) last = w.Push(h);
        return last;
    }

    [Fact]
    public void Pre2014HourUsesTheMovingMeansOfHj633_2012Table4()
    {
        var window = WindowOf(Day2013());
        var inputs = AirAveraging.RealTimeInputs(window, AqiRegime.Hj633_2012);
        Assert.Equal(new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = 10m, [AqiIndicator.No2_1h] = 20m, [AqiIndicator.Co_1h] = 0.5m, [AqiIndicator.O3_1h] = 220m,
            [AqiIndicator.O3_8h] = 202m, [AqiIndicator.Pm10_24h] = 60m, [AqiIndicator.Pm25_24h] = 52m,
        }, inputs);
        // Exact means before rounding: 52.5 and 202.5.
        Assert.Equal(52.5m, AirAveraging.MovingMean(window, AirPollutant.Pm25, 24).Value);
        Assert.Equal(202.5m, AirAveraging.MovingMean(window, AirPollutant.O3, 8).Value);

        var r = AqiCalculator.Hourly(inputs, AqiRegime.Hj633_2012);
        Assert.Equal(139, r.Aqi);
        Assert.True(r.Complete);
        Assert.Equal(new[] { AqiIndicator.O3_8h }, r.PrimaryPollutants);
        Assert.Equal(72, r.Iaqi[AqiIndicator.Pm25_24h]);
        Assert.Equal(55, r.Iaqi[AqiIndicator.Pm10_24h]);
        Assert.Equal(110, r.Iaqi[AqiIndicator.O3_1h]);

        // What the store held before: the 1-h values only → 110, incomplete (o3_8h, pm10_24h, pm25_24h missing).
        var oneHourOnly = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = 10m, [AqiIndicator.No2_1h] = 20m, [AqiIndicator.Co_1h] = 0.5m, [AqiIndicator.O3_1h] = 220m,
            [AqiIndicator.Pm10_1h] = 60m, [AqiIndicator.Pm25_1h] = 64m,
        };
        var old = AqiCalculator.Hourly(oneHourOnly, AqiRegime.Hj633_2012);
        Assert.Equal((110, false), (old.Aqi, old.Complete));
    }

    [Fact]
    public void CnemcAnd2026HoursUseOneHourValuesOnly()
    {
        // Same window; CNEMC-2014 and HJ633-2026 real-time sets are the six 1-h means (PM on the 24-h breakpoints).
        var window = WindowOf(Day2013());
        var expected = new Dictionary<AqiIndicator, decimal>
        {
            [AqiIndicator.So2_1h] = 10m, [AqiIndicator.No2_1h] = 20m, [AqiIndicator.Co_1h] = 0.5m, [AqiIndicator.O3_1h] = 220m,
            [AqiIndicator.Pm10_1h] = 60m, [AqiIndicator.Pm25_1h] = 64m,
        };
        Assert.Equal(expected, AirAveraging.RealTimeInputs(window, AqiRegime.Cnemc2014));
        Assert.Equal(expected, AirAveraging.RealTimeInputs(window, AqiRegime.Hj633_2026));
        // CNEMC-2014: PM2.5 1h 64 → 50 + 29·50/40 = 86.25 → 87 (the largest; O3 1h 110 is larger) → AQI 110, primary o3_1h.
        var r = AqiCalculator.Hourly(expected, AqiRegime.Cnemc2014);
        Assert.Equal((110, 87), (r.Aqi, r.Iaqi[AqiIndicator.Pm25_1h]));
    }

    [Fact]
    public void TwentyValidHoursMakeA24hMeanNineteenDoNot()
    {
        // PM2.5 missing in hours k = 1…4: 20 valid (45…64), mean 1090/20 = 54.5 → half-even 54 → IAQI 50 + 19·50/40 = 73.75 → 74.
        var twenty = AirAveraging.RealTimeInputs(WindowOf(Day2013(pm25: k => k <= 4 ? null : 40m + k)), AqiRegime.Hj633_2012);
        Assert.Equal(54m, twenty[AqiIndicator.Pm25_24h]);
        Assert.Equal(74, AqiCalculator.Hourly(twenty, AqiRegime.Hj633_2012).Iaqi[AqiIndicator.Pm25_24h]);

        // Missing in k = 1…5: 19 valid → no 24-h mean; the AQI is computed from the rest and is incomplete.
        var nineteen = AirAveraging.RealTimeInputs(WindowOf(Day2013(pm25: k => k <= 5 ? null : 40m + k)), AqiRegime.Hj633_2012);
        Assert.False(nineteen.ContainsKey(AqiIndicator.Pm25_24h));
        var r = AqiCalculator.Hourly(nineteen, AqiRegime.Hj633_2012);
        Assert.Equal((139, false), (r.Aqi, r.Complete));
        Assert.Equal(new[] { AqiIndicator.Pm25_24h }, r.Missing);

        // The same counts when the hours are absent altogether (gaps in the window) rather than empty.
        var gaps = Day2013().Where((_, i) => i >= 4).ToList(); // hours k = 5…24 only
        Assert.Equal(54m, AirAveraging.RealTimeInputs(WindowOf(gaps), AqiRegime.Hj633_2012)[AqiIndicator.Pm25_24h]);
        Assert.False(AirAveraging.RealTimeInputs(WindowOf(gaps.Skip(1)), AqiRegime.Hj633_2012).ContainsKey(AqiIndicator.Pm25_24h));
    }

    [Fact]
    public void SixOfEightHoursMakeAnO3EightHourMeanFiveDoNot()
    {
        // O3 missing in k = 17, 18: 6 valid (k = 19…24: 195…220), mean 1245/6 = 207.5 → half-even 208 → 100 + 48·50/55 = 143.6… → 144.
        var six = AirAveraging.RealTimeInputs(WindowOf(Day2013(o3: k => k is 17 or 18 ? null : 100 + 5m * k)), AqiRegime.Hj633_2012);
        Assert.Equal(208m, six[AqiIndicator.O3_8h]);
        Assert.Equal(144, AqiCalculator.Hourly(six, AqiRegime.Hj633_2012).Aqi);
        var five = AirAveraging.RealTimeInputs(WindowOf(Day2013(o3: k => k is 17 or 18 or 19 ? null : 100 + 5m * k)), AqiRegime.Hj633_2012);
        Assert.False(five.ContainsKey(AqiIndicator.O3_8h));
    }

    /// <summary>
    /// SO2 1h above 800 under CNEMC-2014 (HJ 633-2012 Table 1 note 2): natural day 2019-03-01, SO2 100 in hours 1…23 and
    /// 900 in hour 24. 24-h moving mean = (23·100 + 900)/24 = 3200/24 = 133.33… → 133 → IAQI 50 + 83·50/100 = 91.5 → 92,
    /// which is then the SO2 IAQI of the hour. HJ633-2026 (a 2026 day) fixes it at 200 and needs no 24-h mean.
    /// </summary>
    [Fact]
    public void So2Above800UsesTheMovingMeanUnderCnemc2014()
    {
        static List<AirHour> Day(DateOnly day, Func<int, decimal?> so2) => Enumerable.Range(1, 24).Select(k =>
        {
            var (d, h) = k == 24 ? (day.AddDays(1), 0) : (day, k);
            return new AirHour(d, h, so2(k), 20m, 0.5m, 60m, 50m, 30m);
        }).ToList();

        var inputs = AirAveraging.RealTimeInputs(WindowOf(Day(new DateOnly(2019, 3, 1), k => k == 24 ? 900m : 100m)), AqiRegime.Cnemc2014);
        Assert.Equal(133m, inputs[AqiIndicator.So2_24h]);
        var r = AqiCalculator.Hourly(inputs, AqiRegime.Cnemc2014);
        var so2 = r.Entries.Single(e => e.Indicator == AqiIndicator.So2_1h);
        Assert.Equal((92, IaqiNote.So2FromDailyMean), (so2.Value, so2.Note));
        Assert.Equal((92, true), (r.Aqi, r.Complete));
        Assert.Equal(new[] { AqiIndicator.So2_1h }, r.PrimaryPollutants);

        // Only 19 valid SO2 hours: no 24-h mean, so the SO2 IAQI cannot be given (incomplete).
        var short19 = AirAveraging.RealTimeInputs(WindowOf(Day(new DateOnly(2019, 3, 1), k => k <= 5 ? null : k == 24 ? 900m : 100m)), AqiRegime.Cnemc2014);
        Assert.False(short19.ContainsKey(AqiIndicator.So2_24h));
        var r19 = AqiCalculator.Hourly(short19, AqiRegime.Cnemc2014);
        Assert.Equal((IaqiNote.So2DailyMeanMissing, false), (r19.Entries.Single(e => e.Indicator == AqiIndicator.So2_1h).Note, r19.Complete));

        // SO2 at or below 800 needs no 24-h mean: none is produced.
        Assert.False(AirAveraging.RealTimeInputs(WindowOf(Day(new DateOnly(2019, 3, 1), _ => 800m)), AqiRegime.Cnemc2014).ContainsKey(AqiIndicator.So2_24h));

        // HJ633-2026: 200 (Table 3 note b), no so2_24h input.
        var in2026 = AirAveraging.RealTimeInputs(WindowOf(Day(new DateOnly(2026, 6, 1), k => k == 24 ? 900m : 100m)), AqiRegime.Hj633_2026);
        Assert.False(in2026.ContainsKey(AqiIndicator.So2_24h));
        Assert.Equal(200, AqiCalculator.Hourly(in2026, AqiRegime.Hj633_2026).Iaqi[AqiIndicator.So2_1h]);
    }

    [Fact]
    public void WindowPutsEachHourInItsSlotAndRejectsMisuse()
    {
        var hours = Day2013();
        var w = new AirHourWindow();
        var first = w.Push(hours[0]);
        Assert.Equal(24, first.Length);
        Assert.Same(hours[0], first[23]);
        Assert.All(first[..23], Assert.Null);
        // Skip k = 2…3: slots of the gap are empty.
        var after = w.Push(hours[3]);
        Assert.Equal(new AirHour?[] { hours[0], null, null, hours[3] }, after[20..]);
        Assert.Throws<ArgumentException>(() => w.Push(hours[3]));
        Assert.Throws<ArgumentException>(() => w.Push(hours[1]));
        // A gap longer than the window leaves only the new hour.
        var later = w.Push(new AirHour(new DateOnly(2013, 6, 5), 3, 1, 1, 1, 1, 1, 1));
        Assert.Single(later, h => h is not null);

        Assert.Throws<ArgumentException>(() => AirAveraging.RealTimeInputs(first[1..], AqiRegime.Hj633_2012));
        var misplaced = (AirHour?[])first.Clone();
        misplaced[22] = hours[5];
        Assert.Throws<ArgumentException>(() => AirAveraging.RealTimeInputs(misplaced, AqiRegime.Hj633_2012));
        var empty = new AirHour?[24];
        Assert.Throws<ArgumentException>(() => AirAveraging.RealTimeInputs(empty, AqiRegime.Hj633_2012));
    }
}
