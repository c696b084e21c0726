using System.Globalization;
using System.Text.RegularExpressions;
using SmartEnv.Standards.Air;
using SmartEnv.Tests;

namespace SmartEnv.Standards.Tests.Air;

/// <summary>Every hand-computed row of ../shared/reference/aqi-vectors.tsv under its regime (standards.md §6).</summary>
public class AqiVectorTests
{
    public sealed record Vector(string Case, string Inputs, string Averaging, string ExpectedIaqi, string ExpectedAqi, string Primary, string Source, string Notes)
    {
        public override string ToString() => $"{Case} {Source}";
    }

    public static IEnumerable<object[]> Rows()
    {
        var lines = File.ReadAllLines(RepoPaths.SharedFile("reference/aqi-vectors.tsv"));
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split('\t');
            yield return [new Vector(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7])];
        }
    }

    [Fact]
    public void FileHasTheHundredAndFourHandComputedRows()
    {
        var rows = Rows().Select(r => (Vector)r[0]).ToList();
        Assert.Equal(104, rows.Count);
        Assert.All(rows, r => Assert.Contains("by-hand", r.Source));
    }

    private static AqiRegime RegimeOf(Vector v) =>
        v.Source.Contains("HJ 633-2026") ? AqiRegime.Hj633_2026 :
        v.Source.Contains("HJ 633-2012") ? AqiRegime.Hj633_2012 :
        throw new InvalidOperationException("not a hand-computed source: " + v.Source);

    private static Dictionary<AqiIndicator, decimal> Parse(string inputs) =>
        inputs.Split(';').Select(kv => kv.Split('=')).ToDictionary(
            kv => AqiIndicators.TryParse(kv[0], out var i) ? i : throw new FormatException(kv[0]),
            kv => decimal.Parse(kv[1], CultureInfo.InvariantCulture));

    private static Dictionary<AqiIndicator, int?> ParseIaqi(string s) =>
        s.Split(';').Select(kv => kv.Split('=')).ToDictionary(
            kv => AqiIndicators.TryParse(kv[0], out var i) ? i : throw new FormatException(kv[0]),
            kv => kv[1] == "NC" ? (int?)null : int.Parse(kv[1], CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Rows))]
    public void VectorPassesUnderItsRegime(Vector v)
    {
        var regime = RegimeOf(v);
        var inputs = Parse(v.Inputs);
        var expected = ParseIaqi(v.ExpectedIaqi);
        if (v.Averaging == "iaqi")
        {
            var (ind, c) = Assert.Single(inputs);
            var e = AqiCalculator.Iaqi(ind, c, regime);
            Assert.NotNull(e);
            Assert.Equal(expected[ind], e.Value);
            Assert.Equal(v.Notes.Contains("capped 500"), e.Note == IaqiNote.CappedAt500);
            var band = Regex.Match(v.Notes, @"IAQI level band (\d)");
            Assert.Equal(int.Parse(band.Groups[1].Value), AqiCategory.ForAqi(e.Value!.Value).Level);
            return;
        }
        var r = v.Averaging == "daily" ? AqiCalculator.Daily(inputs, regime) : AqiCalculator.Hourly(inputs, regime);
        Assert.Equal(expected.OrderBy(x => x.Key), r.Iaqi.OrderBy(x => x.Key));
        Assert.Equal(int.Parse(v.ExpectedAqi, CultureInfo.InvariantCulture), r.Aqi);
        var primary = v.Primary.StartsWith("none", StringComparison.Ordinal) ? [] : v.Primary.Split(',').Select(p => Parse(p + "=0").Keys.Single()).ToList();
        Assert.Equal(primary.Order(), r.PrimaryPollutants.Order());
        Assert.True(r.Complete);
        Assert.Equal(v.Notes.Contains("capped 500"), r.Capped);
        Assert.Equal(regime.Id, r.Regime.Id);

        var level = Regex.Match(v.Notes, @"level (\d) (\S+)");
        Assert.Equal(int.Parse(level.Groups[1].Value), r.Level);
        Assert.Equal(level.Groups[2].Value.TrimEnd(','), r.Category!.Zh);
        var rgb = Regex.Match(v.Notes, @"(\d+),(\d+),(\d+);");
        if (rgb.Success)
        {
            var hex = "#" + string.Concat(Enumerable.Range(1, 3).Select(i => int.Parse(rgb.Groups[i].Value).ToString("X2")));
            Assert.Equal(hex, r.Category.Color);
        }
        var exc = Regex.Match(v.Notes, @"exceeding\(IAQI>100\): ([^|]+)");
        if (exc.Success)
        {
            var text = exc.Groups[1].Value.Trim();
            var want = text == "none" ? [] : text.Split(',').Select(p => Parse(p + "=0").Keys.Single()).ToList();
            Assert.Equal(want.Order(), r.Exceeding.Order());
        }
        else Assert.Empty(r.Exceeding); // HJ 633-2026 deleted the definition
    }
}
