using SmartEnv.Standards.Noise;

namespace SmartEnv.Standards.Tests.Noise;

public class NoiseDayEvaluationTests
{
    private static readonly DateOnly D = new(2024, 5, 1);

    /// <summary>Hours of noise day <see cref="D"/>: <paramref name="day"/> levels for the hours starting 06:00, 07:00, …
    /// and <paramref name="night"/> levels for 22:00, 23:00, 00:00 (next date) ….</summary>
    private static List<NoiseHour> Hours(decimal[] day, decimal[] night)
    {
        var start = D.ToDateTime(new TimeOnly(6, 0));
        var list = day.Select((l, i) => new NoiseHour(start.AddHours(i), l)).ToList();
        list.AddRange(night.Select((l, i) => new NoiseHour(start.AddHours(16 + i), l)));
        return list;
    }

    private static decimal[] Rep(int n, decimal v) => Enumerable.Repeat(v, n).ToArray();

    [Fact]
    public void Equal_hours_give_that_level_and_equality_with_the_limit_complies()
    {
        // 16 daytime hours all 55 dB(A) → Ld 55.0; 8 night hours all 45 → Ln 45.0; zone 1 limits 55/45: equal = 达标.
        var a = NoiseDayEvaluation.Evaluate(D, Hours(Rep(16, 55m), Rep(8, 45m)), Gb3096Zone.Zone1);
        Assert.Equal(55.0m, a.Ld.Level);
        Assert.Equal(45.0m, a.Ln.Level);
        Assert.Equal((16, 16, 12), (a.Ld.Hours, a.Ld.Expected, a.Ld.Required));
        Assert.Equal((8, 8, 6), (a.Ln.Hours, a.Ln.Expected, a.Ln.Required));
        Assert.True(a.Compliance.DayCompliant);
        Assert.True(a.Compliance.NightCompliant);
        Assert.Null(a.Compliance.DayExceedance);
        // Zone 0 (50/40): 5.0 dB over by day and by night.
        var z0 = NoiseDayEvaluation.Evaluate(D, Hours(Rep(16, 55m), Rep(8, 45m)), Gb3096Zone.Zone0);
        Assert.Equal((false, false), (z0.Compliance.DayCompliant, z0.Compliance.NightCompliant));
        Assert.Equal((5.0m, 5.0m), (z0.Compliance.DayExceedance, z0.Compliance.NightExceedance));
    }

    [Fact]
    public void Mixed_hours_hand_worked()
    {
        // Day: 8 h at 60 and 8 h at 50: (8·10^6 + 8·10^5)/16 = 550 000; 10·lg(550 000) = 57.404 → 57.4.
        // Night: 6 h at 45 and 2 h at 55: (6·10^4.5 + 2·10^5.5)/8 = (189 736.7 + 632 455.7)/8 = 102 774.1;
        //        10·lg(102 774.1) = 50.119 → 50.1.
        // Zone 2 (60/50): day 达标, night 超标 by 0.1 dB.
        decimal[] day = [.. Rep(8, 60m), .. Rep(8, 50m)];
        decimal[] night = [.. Rep(6, 45m), .. Rep(2, 55m)];
        var a = NoiseDayEvaluation.Evaluate(D, Hours(day, night), Gb3096Zone.Zone2);
        Assert.Equal(57.4m, a.Ld.Level);
        Assert.Equal(50.1m, a.Ln.Level);
        Assert.True(a.Compliance.DayCompliant);
        Assert.False(a.Compliance.NightCompliant);
        Assert.Equal(0.1m, a.Compliance.NightExceedance);
        Assert.Equal("GB 3096-2008 Table 1, 2 类; §5.4 L_max ≤ night + 15", a.Compliance.Limits.Basis);
    }

    [Theory]
    // Boundaries of Table 1: at the limit complies, 0.1 above does not.
    [InlineData(Gb3096Zone.Zone4a, "70.0", "55.0", true, true)]
    [InlineData(Gb3096Zone.Zone4a, "70.1", "55.1", false, false)]
    [InlineData(Gb3096Zone.Zone4b, "70.0", "60.0", true, true)]
    [InlineData(Gb3096Zone.Zone4b, "70.0", "60.1", true, false)]
    [InlineData(Gb3096Zone.Zone3, "65.0", "55.1", true, false)]
    [InlineData(Gb3096Zone.Zone3, "65.1", "55.0", false, true)]
    [InlineData(Gb3096Zone.Zone0, "50.0", "40.0", true, true)]
    [InlineData(Gb3096Zone.Zone0, "50.1", "40.1", false, false)]
    public void Zone_limits_at_the_boundary(Gb3096Zone zone, string ld, string ln, bool dayOk, bool nightOk)
    {
        var d = decimal.Parse(ld, System.Globalization.CultureInfo.InvariantCulture);
        var n = decimal.Parse(ln, System.Globalization.CultureInfo.InvariantCulture);
        var a = NoiseDayEvaluation.Evaluate(D, Hours(Rep(16, d), Rep(8, n)), zone);
        Assert.Equal((d, n), (a.Ld.Level, a.Ln.Level));
        Assert.Equal((dayOk, nightOk), (a.Compliance.DayCompliant, a.Compliance.NightCompliant));
    }

    [Fact]
    public void Coverage_twelve_of_sixteen_by_day_and_six_of_eight_by_night()
    {
        Assert.Equal(12, NoiseDayEvaluation.MinimumHours(16));
        Assert.Equal(6, NoiseDayEvaluation.MinimumHours(8));
        var few = NoiseDayEvaluation.Evaluate(D, Hours(Rep(11, 55m), Rep(5, 45m)), Gb3096Zone.Zone1);
        Assert.Null(few.Ld.Level);
        Assert.Null(few.Ln.Level);
        Assert.Equal((11, 5), (few.Ld.Hours, few.Ln.Hours));
        Assert.Null(few.Compliance.DayCompliant);
        Assert.Null(few.Compliance.NightCompliant);
        // 12 day hours at 58 → 58.0; 6 night hours at 46 → 46.0; zone 1 (55/45): 超标 3.0 / 1.0.
        var enough = NoiseDayEvaluation.Evaluate(D, Hours(Rep(12, 58m), Rep(6, 46m)), Gb3096Zone.Zone1);
        Assert.Equal((58.0m, 46.0m), (enough.Ld.Level, enough.Ln.Level));
        Assert.Equal((3.0m, 1.0m), (enough.Compliance.DayExceedance, enough.Compliance.NightExceedance));
    }

    [Fact]
    public void Night_belongs_to_the_date_it_begins_on()
    {
        Assert.Equal(new DateOnly(2024, 5, 1), NoiseDayEvaluation.NoiseDayOf(new DateTime(2024, 5, 2, 5, 0, 0)));
        Assert.Equal(new DateOnly(2024, 5, 2), NoiseDayEvaluation.NoiseDayOf(new DateTime(2024, 5, 2, 6, 0, 0)));
        Assert.Equal(new DateOnly(2024, 5, 1), NoiseDayEvaluation.NoiseDayOf(new DateTime(2024, 5, 1, 23, 0, 0)));
        // Calendar day 2024-05-02 00:00–24:00, 40 dB(A) in night hours and 60 in day hours: its 00:00–05:00 hours are the
        // night of 2024-05-01 (6 h, exactly the minimum → Ln 40.0, no day hours); 2024-05-02 has 16 day hours at 60 and
        // only 2 night hours (22:00, 23:00) → Ln not evaluated.
        var start = new DateTime(2024, 5, 2, 0, 0, 0);
        var hours = Enumerable.Range(0, 24).Select(h => new NoiseHour(start.AddHours(h), h is >= 6 and < 22 ? 60m : 40m)).ToList();
        var days = NoiseDayEvaluation.EvaluateDays(hours, Gb3096Zone.Zone2);
        Assert.Equal(2, days.Count);
        Assert.Equal((new DateOnly(2024, 5, 1), (decimal?)null, 0, 40.0m, 6), (days[0].Day, days[0].Ld.Level, days[0].Ld.Hours, days[0].Ln.Level, days[0].Ln.Hours));
        Assert.Equal((new DateOnly(2024, 5, 2), 60.0m, 16, (decimal?)null, 2), (days[1].Day, days[1].Ld.Level, days[1].Ld.Hours, days[1].Ln.Level, days[1].Ln.Hours));
        // The hour starting 21:00 is day, the one starting 22:00 night.
        var edge = NoiseDayEvaluation.Evaluate(D, [new NoiseHour(D.ToDateTime(new TimeOnly(21, 0)), 70m), new NoiseHour(D.ToDateTime(new TimeOnly(22, 0)), 30m)], Gb3096Zone.Zone2);
        Assert.Equal((1, 1), (edge.Ld.Hours, edge.Ln.Hours));
    }

    [Fact]
    public void Misuse_is_an_argument_error()
    {
        var h = new NoiseHour(D.ToDateTime(new TimeOnly(8, 0)), 55m);
        Assert.Throws<ArgumentException>(() => NoiseDayEvaluation.Evaluate(D, [h, h], Gb3096Zone.Zone1));
        Assert.Throws<ArgumentException>(() => NoiseDayEvaluation.Evaluate(D, [new NoiseHour(D.ToDateTime(new TimeOnly(8, 30)), 55m)], Gb3096Zone.Zone1));
        Assert.Throws<ArgumentException>(() => NoiseDayEvaluation.Evaluate(D, [h], Gb3096Zone.Zone1, periods: new NoisePeriods(new TimeOnly(22, 0), new TimeOnly(6, 0))));
    }
}
