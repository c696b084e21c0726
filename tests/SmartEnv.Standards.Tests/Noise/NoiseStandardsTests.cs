using SmartEnv.Standards.Noise;

namespace SmartEnv.Standards.Tests.Noise;

public class NoiseStandardsTests
{
    [Theory]
    // zone, day, night (standards.md §5.1, GB 3096-2008 Table 1)
    [InlineData("0", 50, 40)]
    [InlineData("1", 55, 45)]
    [InlineData("2", 60, 50)]
    [InlineData("3", 65, 55)]
    [InlineData("4a", 70, 55)]
    [InlineData("4b", 70, 60)]
    public void Gb3096_limits(string zone, int day, int night)
    {
        Assert.True(Gb3096.TryParseZone(zone, out var z));
        var l = Gb3096.Limits(z);
        Assert.Equal(day, l.Day);
        Assert.Equal(night, l.Night);
        Assert.Equal(night + 15, l.NightMax);
    }

    [Fact]
    public void Gb3096_equal_to_limit_complies_one_tenth_above_does_not()
    {
        var ok = Gb3096.Assess(Gb3096Zone.Zone2, 60.0m, 50.0m, 65.0m);
        Assert.True(ok.DayCompliant);
        Assert.True(ok.NightCompliant);
        Assert.True(ok.NightLmaxCompliant);
        Assert.Null(ok.DayExceedance);
        var bad = Gb3096.Assess(Gb3096Zone.Zone2, 60.1m, 50.1m, 65.1m);
        Assert.False(bad.DayCompliant);
        Assert.False(bad.NightCompliant);
        Assert.False(bad.NightLmaxCompliant);   // burst: Lmax − 50 = 15.1 > 15
        Assert.Equal(0.1m, bad.DayExceedance);
        var below = Gb3096.Assess(Gb3096Zone.Zone2, 59.9m, null, null);
        Assert.True(below.DayCompliant);
        Assert.Null(below.NightCompliant);
        Assert.Null(below.NightLmaxCompliant);
    }

    [Fact]
    public void Gb3096_existing_railway_rule()
    {
        Assert.Equal(RailwayKind.ExistingUrban, Gb3096.RailwayKindFromEiaApproval(new DateOnly(2010, 12, 31)));
        Assert.Equal(RailwayKind.New, Gb3096.RailwayKindFromEiaApproval(new DateOnly(2011, 1, 1)));
        var existing = Gb3096.Limits(Gb3096Zone.Zone4b, RailwayKind.ExistingUrban);
        Assert.Equal((70m, 55m, 70m), (existing.Day, existing.Night, existing.NightMax));
        Assert.False(Gb3096.Assess(Gb3096Zone.Zone4b, 65m, 58m, null, RailwayKind.ExistingUrban).NightCompliant);
        Assert.True(Gb3096.Assess(Gb3096Zone.Zone4b, 65m, 58m, null, RailwayKind.New).NightCompliant);
        // The railway kind only matters for 4b.
        Assert.Equal(55m, Gb3096.Limits(Gb3096Zone.Zone4a, RailwayKind.New).Night);
    }

    [Fact]
    public void Gb12523_construction_limits_edges_and_indoor()
    {
        var a = Gb12523.Assess(70.0m, 55.0m, 70.0m);
        Assert.True(a.DayCompliant); Assert.True(a.NightCompliant); Assert.True(a.NightLmaxCompliant);
        var b = Gb12523.Assess(70.1m, 55.1m, 70.1m);
        Assert.False(b.DayCompliant); Assert.False(b.NightCompliant); Assert.False(b.NightLmaxCompliant);
        var indoor = Gb12523.Limits(indoor: true);
        Assert.Equal((60m, 45m, 60m), (indoor.Day, indoor.Night, indoor.NightMax));
        Assert.False(Gb12523.Assess(60.1m, 45m, 60m, indoor: true).DayCompliant);
        Assert.True(Gb12523.Assess(60m, 45m, 60m, indoor: true).NightLmaxCompliant);
    }

    [Theory]
    // class, rule, indoor → day, night, night Lmax
    [InlineData(0, NightMaxRule.Frequent10, false, 50, 40, 50)]
    [InlineData(2, NightMaxRule.Frequent10, false, 60, 50, 60)]
    [InlineData(2, NightMaxRule.Occasional15, false, 60, 50, 65)]
    [InlineData(3, NightMaxRule.Occasional15, false, 65, 55, 70)]
    [InlineData(4, NightMaxRule.Frequent10, false, 70, 55, 65)]
    [InlineData(1, NightMaxRule.Occasional15, true, 45, 35, 50)]
    public void Gb12348_limits(int cls, NightMaxRule rule, bool indoor, int day, int night, int lmax)
    {
        var l = Gb12348.Limits(cls, rule, indoor);
        Assert.Equal((day, night, lmax), ((int)l.Day, (int)l.Night, (int)l.NightMax));
    }

    [Fact]
    public void Gb12348_frequent_and_occasional_edges()
    {
        Assert.True(Gb12348.Assess(2, null, null, 60.0m, NightMaxRule.Frequent10).NightLmaxCompliant);
        Assert.False(Gb12348.Assess(2, null, null, 60.1m, NightMaxRule.Frequent10).NightLmaxCompliant);
        Assert.True(Gb12348.Assess(2, null, null, 65.0m, NightMaxRule.Occasional15).NightLmaxCompliant);
        Assert.False(Gb12348.Assess(2, null, null, 65.1m, NightMaxRule.Occasional15).NightLmaxCompliant);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gb12348.Limits(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gb12348.Limits(2, NightMaxRule.Burst15));
    }

    [Theory]
    // measured, background → status, correction, result (GB 12523 §5.5 / GB 12348 table; difference rounded half-even)
    [InlineData("70", "59.4", BackgroundCorrectionStatus.NotNeeded, "0", "70")]   // 10.6 → 11
    [InlineData("70", "59.9", BackgroundCorrectionStatus.Corrected, "-1", "69")]  // 10.1 → 10
    [InlineData("70", "64", BackgroundCorrectionStatus.Corrected, "-1", "69")]    // 6
    [InlineData("70", "65", BackgroundCorrectionStatus.Corrected, "-2", "68")]    // 5
    [InlineData("70", "66.5", BackgroundCorrectionStatus.Corrected, "-2", "68")]  // 3.5 → 4
    [InlineData("70", "67", BackgroundCorrectionStatus.Corrected, "-3", "67")]    // 3
    [InlineData("70", "67.5", BackgroundCorrectionStatus.NotCorrectable, "0", null)] // 2.5 → 2
    [InlineData("70", "68", BackgroundCorrectionStatus.NotCorrectable, "0", null)]
    public void Background_correction_table(string measured, string background, BackgroundCorrectionStatus status, string corr, string? result)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var r = NoiseBackground.Correct(decimal.Parse(measured, inv), decimal.Parse(background, inv));
        Assert.Equal(status, r.Status);
        Assert.Equal(decimal.Parse(corr, inv), r.Correction);
        Assert.Equal(result is null ? null : decimal.Parse(result, inv), r.Result);
    }
}
