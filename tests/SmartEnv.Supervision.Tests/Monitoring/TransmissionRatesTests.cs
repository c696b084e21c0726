using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>Plan §4 loopback day (expected interval 60 min → 24 hours due; 3 received, the D hour invalid → 2 valid):
/// 传输率 3/24 = 12.50 %, 有效率 2/3 = 66.67 %, 有效传输率 3/24 × 2/3 = 2/24 = 8.33 %; control with N → 3/3. Accepted 停产
/// 13:00–23:00 excuses 11 hours → expected 13: 3/13 = 23.08 %, 2/13 = 15.38 %. With the alternative 有效率 denominator
/// <c>expected</c>: 2/24.</summary>
public class TransmissionRatesTests
{
    private static readonly SourceRules Rules = SourceRuleFile.Default;

    [Fact]
    public void The_loopback_day()
    {
        var r = TransmissionRates.Of(new RateCounts(24, 3, 2), Rules);
        Assert.Equal((0.125m, 2m / 3m, 6m / 72m), (r.Transmission!.Value, r.Effectiveness!.Value, r.Effective!.Value));
        Assert.Equal((12.50m, 66.67m, 8.33m), (TransmissionRates.Percent(r.Transmission.Value), TransmissionRates.Percent(r.Effectiveness.Value), TransmissionRates.Percent(r.Effective.Value)));
    }

    [Fact]
    public void The_control_day_with_flag_N_is_fully_effective() => Assert.Equal(1m, TransmissionRates.Of(new RateCounts(24, 3, 3), Rules).Effectiveness);

    [Fact]
    public void Excused_shutdown_hours_leave_the_denominator()
    {
        var r = TransmissionRates.Of(new RateCounts(13, 3, 2), Rules);
        Assert.Equal((23.08m, 66.67m, 15.38m), (TransmissionRates.Percent(r.Transmission!.Value), TransmissionRates.Percent(r.Effectiveness!.Value), TransmissionRates.Percent(r.Effective!.Value)));
    }

    [Fact]
    public void The_effectiveness_denominator_is_a_rule_file_switch()
    {
        var alt = SourceRuleFile.Parse(SourceRuleFileTests.DefaultText().Replace("rate.effectiveness_denominator\treceived", "rate.effectiveness_denominator\texpected"));
        Assert.Equal(2m / 24m, TransmissionRates.Of(new RateCounts(24, 3, 2), alt).Effectiveness);
    }

    [Fact]
    public void A_silent_day_has_zero_transmission_and_no_effectiveness()
    {
        var r = TransmissionRates.Of(new RateCounts(24, 0, 0), Rules);
        Assert.Equal(((decimal?)0m, (decimal?)null, (decimal?)null), (r.Transmission, r.Effectiveness, r.Effective));
    }
}
