using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>ρ = ρ′ × (21 − O₂ref)/(21 − O₂) (online-monitoring-rates.md §5.1), worked by hand: 20 × (21 − 9)/(21 − 12) =
/// 20 × 12/9 = 26.666… (26.67 shown); O₂ = ref → unchanged; O₂ ≥ the rule file's 19 % → no conversion.</summary>
public class OxygenReferenceTests
{
    [Fact]
    public void Twenty_at_twelve_percent_is_26_67_at_nine_percent()
    {
        var c = OxygenReference.Convert(20m, 12m, 9m, 19m);
        Assert.Equal(26.67m, Math.Round(c!.Value, 2, MidpointRounding.ToEven));
        Assert.Equal(80m / 3m, c.Value); // exact in decimal: 20·12/9 = 80/3
    }

    [Fact]
    public void At_the_reference_oxygen_the_value_is_unchanged() => Assert.Equal(20m, OxygenReference.Convert(20m, 9m, 9m, 19m));

    [Theory]
    [InlineData(19)]
    [InlineData(20.5)]
    public void At_or_above_the_guard_there_is_no_conversion(double o2) => Assert.Null(OxygenReference.Convert(20m, (decimal)o2, 9m, 19m));

    [Fact]
    public void The_default_rule_file_guard_is_19_percent() => Assert.Equal(19m, SourceRuleFile.Default.MaxMeasuredO2);
}
