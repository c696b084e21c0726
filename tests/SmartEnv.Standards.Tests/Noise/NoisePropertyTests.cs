using FsCheck.Xunit;
using SmartEnv.Standards.Noise;

namespace SmartEnv.Standards.Tests.Noise;

public class NoisePropertyTests
{
    // The energy mean lies between the lowest and the highest sample (within the 0.05 dB of rounding), and is never
    // below the arithmetic mean.
    [Property(MaxTest = 300)]
    public bool Leq_lies_between_min_and_max(byte[] raw)
    {
        if (raw.Length == 0) return true;
        var levels = raw.Select(b => 30m + b % 90 + (b % 10) / 10m).ToArray();
        var leq = NoiseLevels.Leq(levels);
        return leq >= levels.Min() - 0.05m && leq <= levels.Max() + 0.05m && leq >= Math.Round(levels.Average(), 1) - 0.05m;
    }

    [Fact]
    public void Duration_weighted_leq_and_ldn_with_other_hours()
    {
        // 60 dB for 3 h and 70 dB for 1 h: 10·lg[(3·1e6 + 1e7)/4] = 10·lg(3.25e6) = 65.12 → 65.1
        Assert.Equal(65.1m, NoiseLevels.Leq([(60m, 3.0), (70m, 1.0)]));
        // Day 07:00–23:00 is still 16 h: Ldn(60, 50) = (16·1e6 + 8·1e6)/24 → 60.0; day 06:00–20:00 (14 h, night 10 h):
        // Ld 60, Ln 55 (night weighted as 65): (14·1e6 + 10·10^6.5)/24 = 1 900 949 → 62.79 → 62.8
        Assert.Equal(60.0m, NoiseLevels.Ldn(60m, 50m, new NoisePeriods(new TimeOnly(7, 0), new TimeOnly(23, 0))));
        Assert.Equal(62.8m, NoiseLevels.Ldn(60m, 55m, new NoisePeriods(new TimeOnly(6, 0), new TimeOnly(20, 0))));
    }
}
