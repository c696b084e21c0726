using System.Globalization;
using SmartEnv.Standards.Water;

namespace SmartEnv.Standards.Tests.Water;

/// <summary>超标倍数 as reported (issue #11 item 15): (C − C_Ⅲ)/C_Ⅲ, two decimals, and an exceedance never shown as 0.</summary>
public sealed class ReportedExceedingMultipleTests
{
    [Theory]
    // CODMn (高锰酸盐指数) class Ⅲ limit 6 mg/L (GB 3838-2002 Table 1), worked by hand:
    [InlineData("6.01", "0.002")]   // 0.01/6 = 0.001666… → 0.00 at 2 places → first significant place: 0.002
    [InlineData("6.0006", "0.0001")] // 0.0006/6 = 0.0001
    [InlineData("6.06", "0.01")]    // 0.06/6 = 0.01
    [InlineData("9", "0.50")]       // 3/6 = 0.5, written with its two places
    [InlineData("6.027", "0.004")]  // 0.027/6 = 0.0045 → 0.00 at 2 places → at 3 places, GB/T 8170 half-to-even: 0.004
    public void CODMn_multiple_is_reported_with_enough_digits_to_be_non_zero(string value, string expected)
    {
        var m = WaterClassifier.ExceedingMultiple(WaterItem.PermanganateIndex, decimal.Parse(value, CultureInfo.InvariantCulture))!.Value;
        var reported = WaterClassifier.ReportedExceedingMultiple(m).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(expected, reported);
        Assert.NotEqual(0m, WaterClassifier.ReportedExceedingMultiple(m));
    }
}
