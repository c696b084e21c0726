using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>The loopback hours of plan §4 against DA001's a21026 limit 35 mg/m³ at 9 % O₂: ZsAvg 30 N → judged, not over;
/// 40 N → exceeds, multiple (40 − 35)/35; 50 D → not judged, flag D. Measured-only hours are converted with the hour's O₂
/// (20 at 12 % → 26.67), or not judged without O₂ or at O₂ ≥ 19 %; a water limit (no reference O₂) judges the measured value.</summary>
public class HourJudgeTests
{
    private static readonly SourceRules Rules = SourceRuleFile.Default;
    private static readonly LimitInput So2 = new(35m, 9m);

    [Fact]
    public void The_three_loopback_hours()
    {
        Assert.Equal(new HourJudgement(HourBasis.ZsAvg, 30m, true, null, false, null), HourJudge.Judge(new(30m, null, null, "N"), So2, Rules));
        Assert.Equal(new HourJudgement(HourBasis.ZsAvg, 40m, true, null, true, 5m / 35m), HourJudge.Judge(new(40m, null, null, "N"), So2, Rules));
        Assert.Equal(new HourJudgement(HourBasis.ZsAvg, 50m, false, "D", false, null), HourJudge.Judge(new(50m, null, null, "D"), So2, Rules));
    }

    [Theory]
    [InlineData("F")]
    [InlineData("M")]
    [InlineData("C")]
    [InlineData("B")]
    [InlineData("S")]
    [InlineData("X")]
    public void Invalid_and_unknown_flags_are_not_judged(string flag) =>
        Assert.Equal((false, flag), HourJudge.Judge(new(50m, null, null, flag), So2, Rules) is var j ? (j.Judged, j.NotJudgedFlag) : default);

    [Fact]
    public void T_above_range_is_judged_and_a_missing_flag_reads_as_N()
    {
        Assert.True(HourJudge.Judge(new(50m, null, null, "T"), So2, Rules).Exceeds);
        Assert.True(HourJudge.Judge(new(50m, null, null, null), So2, Rules).Exceeds);
    }

    [Fact]
    public void Measured_only_is_converted_with_the_hours_oxygen()
    {
        var j = HourJudge.Judge(new(null, 20m, 12m, "N"), new LimitInput(25m, 9m), Rules);
        Assert.Equal((HourBasis.ConvertedFromMeasured, 80m / 3m, true, true), (j.Basis, j.Value, j.Judged, j.Exceeds)); // 26.67 > 25
    }

    [Fact]
    public void Measured_without_oxygen_or_at_19_percent_is_not_judged()
    {
        Assert.Equal((HourBasis.Measured, false, HourJudge.NoO2), HourJudge.Judge(new(null, 20m, null, "N"), So2, Rules) is var a ? (a.Basis, a.Judged, a.NotJudgedFlag) : default);
        Assert.Equal((HourBasis.Measured, false, HourJudge.O2OutOfRange), HourJudge.Judge(new(null, 20m, 19m, "N"), So2, Rules) is var b ? (b.Basis, b.Judged, b.NotJudgedFlag) : default);
    }

    [Fact]
    public void A_water_limit_judges_the_measured_value()
    {
        var j = HourJudge.Judge(new(null, 60m, null, "N"), new LimitInput(50m, null), Rules);
        Assert.Equal(new HourJudgement(HourBasis.Measured, 60m, true, null, true, 0.2m), j);
        Assert.Equal(HourJudge.NoValue, HourJudge.Judge(new(null, null, null, "N"), new LimitInput(50m, null), Rules).NotJudgedFlag);
    }
}
