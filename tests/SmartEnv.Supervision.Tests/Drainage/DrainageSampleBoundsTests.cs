using SmartEnv.Standards.Water;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Supervision.Tests.Drainage;

/// <summary>
/// DrainageSampleBounds on the embedded drainage-sample-bounds.tsv: one row per GB 3838-2002 table 1 item in that item's
/// unit, every bound tested at, just below and just above (both ends included), the refusal names item, value and bound,
/// and a broken table is refused.
/// </summary>
public class DrainageSampleBoundsTests
{
    private static readonly DrainageSampleBounds B = DrainageSampleBounds.Default;

    [Fact]
    public void Every_table_1_item_has_one_bound_in_its_unit()
    {
        // 24 items of GB 3838-2002 table 1, in table order.
        Assert.Equal(Gb3838Table1.Items.Select(i => i.Key), B.Rows.Select(r => r.Item));
        Assert.Equal(24, B.Rows.Count);
        Assert.All(B.Rows, r => Assert.Equal(r.Item == "temp" ? "℃" : r.Item == "ph" ? "1" : r.Item == "fecal_coliform" ? "个/L" : "mg/L", r.Unit));
        Assert.All(B.Rows, r => Assert.True(r.Min >= 0 && r.Max > r.Min, r.Item));
        Assert.All(B.Rows.Where(r => r.Item is not ("temp" or "ph")), r => Assert.Equal(0m, r.Min)); // concentrations and counts are never negative
        Assert.All(B.Rows.Where(r => r.Confidence == "U"), r => Assert.StartsWith("SmartEnv choice", r.Source, StringComparison.Ordinal));
        Assert.StartsWith("drainage-sample-bounds@", B.Version, StringComparison.Ordinal);
    }

    [Theory]
    // item, min, max as in the table (pH 0–14, DO 0–20 mg/L, the largest upper bounds); step 0.01 (faecal coliform 1 per litre)
    [InlineData("ph", "0", "14", "0.01")]
    [InlineData("do", "0", "20", "0.01")]
    [InlineData("temp", "0", "100", "0.01")]
    [InlineData("cod", "0", "100000", "0.01")]
    [InlineData("nh3n", "0", "10000", "0.01")]
    [InlineData("hg", "0", "100", "0.01")]
    [InlineData("fecal_coliform", "0", "100000000000", "1")]
    public void At_just_inside_and_just_outside_each_bound(string item, string min, string max, string step)
    {
        decimal lo = decimal.Parse(min, System.Globalization.CultureInfo.InvariantCulture), hi = decimal.Parse(max, System.Globalization.CultureInfo.InvariantCulture),
            d = decimal.Parse(step, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((lo, hi), (B.Find(item)!.Min, B.Find(item)!.Max));
        Assert.Null(B.Check(item, lo));          // at the minimum: plausible
        Assert.Null(B.Check(item, lo + d));      // just above it
        Assert.NotNull(B.Check(item, lo - d));   // just below it
        Assert.Null(B.Check(item, hi));          // at the maximum
        Assert.Null(B.Check(item, hi - d));      // just below it
        Assert.NotNull(B.Check(item, hi + d));   // just above it
    }

    [Fact]
    public void A_refusal_names_item_value_and_bound()
    {
        Assert.StartsWith("ph = 14.01 is outside the plausible range 0–14 (above the maximum", B.Check("ph", 14.01m), StringComparison.Ordinal);
        Assert.StartsWith("do = 20.5 mg/L is outside the plausible range 0–20 mg/L (above the maximum", B.Check("DO", 20.5m), StringComparison.Ordinal);
        Assert.StartsWith("cod = -0.01 mg/L is outside the plausible range 0–100000 mg/L (below the minimum", B.Check("cod", -0.01m), StringComparison.Ordinal);
        Assert.Null(B.Check("xyz", -5m)); // no row: not this table's business (the service refuses unknown items)
    }

    [Theory]
    [InlineData("item\tunit\tmin\tmax\tconfidence\tsource\nph\t1\t14\t0\tS\tx\n")] // min > max
    [InlineData("item\tunit\tmin\tmax\tconfidence\tsource\nph\t1\t0\t14\tQ\tx\n")] // unknown confidence
    [InlineData("item\tunit\tmin\tmax\tconfidence\tsource\nph\t1\t0\t14\tS\tx\nPH\t1\t0\t14\tS\tx\n")] // twice
    [InlineData("item\tunit\tmin\tmax\tsource\nph\t1\t0\t14\tx\n")] // header
    [InlineData("# only a comment\n")] // no header
    public void A_broken_table_is_refused(string text) =>
        Assert.Throws<FormatException>(() => DrainageSampleBounds.Load(new StringReader(text)));
}
