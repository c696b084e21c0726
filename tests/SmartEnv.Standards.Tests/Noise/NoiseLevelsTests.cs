using System.Globalization;
using SmartEnv.Standards.Noise;

namespace SmartEnv.Standards.Tests.Noise;

public class NoiseLevelsTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    // Hand-worked: Leq = 10·lg[(1/N)·Σ10^(L/10)].
    [Theory]
    [InlineData("60.0", "60,60")]                 // equal levels
    [InlineData("67.4", "60,70")]                 // 10·lg(5.5e6) = 67.40
    [InlineData("65.7", "50,60,70")]              // 10·lg(3.7e6) = 65.68
    [InlineData("70.0", "40,40,40,40,40,40,40,40,40,80")] // 10·lg(1.0009e7) = 70.004
    // 10·1e6 + 10·1e7 + 2·1e4 = 1.1002e8; /22 = 5.0009e6; 10·lg = 66.99 → 67.0
    [InlineData("67.0", "60,60,60,60,60,60,60,60,60,60,70,70,70,70,70,70,70,70,70,70,40,40")]
    [InlineData("55.3", "55.3")]                  // a single level comes back exactly
    public void Leq_hand_worked(string expected, string levels) =>
        Assert.Equal(D(expected), NoiseLevels.Leq(levels.Split(',').Select(D)));

    [Fact]
    public void Ldn_hand_worked()
    {
        // (16·10^6 + 8·10^(0.1·60))/24 = 10^6 → 60.0
        Assert.Equal(60.0m, NoiseLevels.Ldn(60m, 50m));
        // (16·10^5.5 + 8·10^6)/24 = 544 151.8 → 57.36 → 57.4
        Assert.Equal(57.4m, NoiseLevels.Ldn(55m, 50m));
    }

    [Fact]
    public void Percentiles_by_descending_rank()
    {
        var hundred = Enumerable.Range(1, 100).Select(i => (decimal)i).ToArray();
        Assert.Equal(91m, NoiseLevels.Percentile(hundred, 10)); // 10th highest
        Assert.Equal(51m, NoiseLevels.Percentile(hundred, 50));
        Assert.Equal(11m, NoiseLevels.Percentile(hundred, 90));
        decimal[] three = [60m, 50m, 70m];
        Assert.Equal(70m, NoiseLevels.Percentile(three, 10)); // rank ⌈0.3⌉ = 1
        Assert.Equal(60m, NoiseLevels.Percentile(three, 50)); // rank ⌈1.5⌉ = 2
        Assert.Equal(50m, NoiseLevels.Percentile(three, 90)); // rank ⌈2.7⌉ = 3
        Assert.Throws<ArgumentException>(() => NoiseLevels.Percentile([], 10));
    }

    [Fact]
    public void Day_and_night_split_at_06_and_22()
    {
        var t = new DateTime(2024, 5, 1);
        NoiseSample[] s =
        [
            new(t.AddHours(5).AddMinutes(59), 50m), // night
            new(t.AddHours(6), 60m),                // day (start inclusive)
            new(t.AddHours(21).AddMinutes(59), 70m),// day
            new(t.AddHours(22), 60m),               // night
        ];
        var r = NoiseDayNight.Summarise(s);
        Assert.Equal(2, r.DaySamples);
        Assert.Equal(67.4m, r.Ld);       // 60, 70
        Assert.Equal(57.4m, r.Ln);       // 50, 60: 10·lg(5.5e5) = 57.40
        Assert.Equal(60m, r.LmaxNight);
        Assert.Equal(70m, r.Lmax);
        // Local government redefines day as 07:00–23:00: 06:00 becomes night, 22:00 day.
        var r2 = NoiseDayNight.Summarise(s, new NoisePeriods(new TimeOnly(7, 0), new TimeOnly(23, 0)));
        Assert.Equal(67.4m, r2.Ld);      // 70, 60
        Assert.Equal(57.4m, r2.Ln);      // 50, 60
        Assert.Equal(60m, r2.LmaxNight);
    }
}
