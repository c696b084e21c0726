using SmartEnv.Standards.Air;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>The unrounded formula (1) value used by the verification's rounding hypotheses (HJ 633-2012 Table 1).</summary>
public class ExactIaqiTests
{
    [Theory]
    // PM2.5 24h column 35–75 → 50–100: 50 + 50·(C − 35)/40. 40 → 56.25; 41 → 57.5; 43 → 60; 35 (at the breakpoint) → 50.
    [InlineData(40, "56.25", 57)]
    [InlineData(41, "57.5", 58)]
    [InlineData(43, "60", 60)]
    [InlineData(35, "50", 50)]
    [InlineData(35.4, "50.5", 51)]
    public void Pm25_exact_and_ceiling(double c, string exact, int iaqi)
    {
        var x = AqiCalculator.ExactIaqi(AqiIndicator.Pm25_1h, (decimal)c, AqiRegime.Cnemc2014);
        Assert.Equal(decimal.Parse(exact, System.Globalization.CultureInfo.InvariantCulture), x);
        Assert.Equal(iaqi, AqiCalculator.Iaqi(AqiIndicator.Pm25_1h, (decimal)c, AqiRegime.Cnemc2014)!.Value);
    }

    [Fact]
    public void Above_the_top_or_without_a_column_is_null()
    {
        // SO2 1h column tops at 800; PM2.5 1h has no column in the HJ 633-2012 text; HJ 633-2026 rounds 35.4 → 35 → 50.
        Assert.Null(AqiCalculator.ExactIaqi(AqiIndicator.So2_1h, 801m, AqiRegime.Cnemc2014));
        Assert.Equal(200m, AqiCalculator.ExactIaqi(AqiIndicator.So2_1h, 800m, AqiRegime.Cnemc2014));
        Assert.Null(AqiCalculator.ExactIaqi(AqiIndicator.Pm25_1h, 40m, AqiRegime.Hj633_2012));
        Assert.Equal(50m, AqiCalculator.ExactIaqi(AqiIndicator.Pm25_1h, 35.4m, AqiRegime.Hj633_2026));
    }
}
