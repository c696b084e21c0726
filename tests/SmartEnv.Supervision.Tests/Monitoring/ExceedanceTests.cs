using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>超标倍数 = (C − L)/L only when C &gt; L (plan §3.2a): (40 − 35)/35 = 0.142857… → stored 0.1429, shown 0.14
/// (GB/T 8170 half-even); 35 vs 35 and 30 vs 35 → none; 70 vs 35 → 1.</summary>
public class ExceedanceTests
{
    [Fact]
    public void Forty_over_thirty_five_is_0_14()
    {
        var m = Exceedance.Multiple(40m, 35m)!.Value;
        Assert.Equal(5m / 35m, m);
        Assert.Equal(0.1429m, Exceedance.Stored(m));
        Assert.Equal(0.14m, Exceedance.Display(m));
    }

    [Theory]
    [InlineData(35, 35)]
    [InlineData(30, 35)]
    public void At_or_below_the_limit_there_is_no_multiple(int c, int l) => Assert.Null(Exceedance.Multiple(c, l));

    [Fact]
    public void Double_the_limit_is_multiple_one() => Assert.Equal(1m, Exceedance.Multiple(70m, 35m));

    [Fact]
    public void Display_rounds_half_to_even() => Assert.Equal((0.12m, 0.14m), (Exceedance.Display(0.125m), Exceedance.Display(0.135m)));

    [Fact]
    public void A_limit_of_zero_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => Exceedance.Multiple(1m, 0m));
}
