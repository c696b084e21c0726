using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Tests;

public class Gbt8170Tests
{
    // Examples worked by hand from GB/T 8170-2008 §3.3 ("四舍六入五成双").
    [Theory]
    [InlineData("12.1498", 1, "12.1")]
    [InlineData("10.502", 0, "11")]   // more than half: up
    [InlineData("1.050", 1, "1.0")]   // exactly half, kept digit even: stays
    [InlineData("0.350", 1, "0.4")]   // exactly half, kept digit odd: up to even
    [InlineData("35.5", 0, "36")]
    [InlineData("34.5", 0, "34")]
    [InlineData("-2.5", 0, "-2")]
    public void Rounds_half_to_even(string value, int decimals, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Gbt8170.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), decimals));
    }
}
