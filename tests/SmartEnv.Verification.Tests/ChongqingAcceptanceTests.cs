using System.Diagnostics;
using SmartEnv.Tests;
using SmartEnv.Verifications.Files;
using Xunit.Abstractions;

namespace SmartEnv.Verifications.Tests;

/// <summary>
/// Issue 22 acceptance on real data: the shared Chongqing 2019 china_sites file verifies at 100 % with no finding
/// (docs/standards-air.md §4: CNEMC-2014 reproduces every published hourly AQI of the file).
/// </summary>
public class ChongqingAcceptanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Chongqing_2019_matches_everywhere()
    {
        var path = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");
        var sw = Stopwatch.StartNew();
        var r = VerificationService.Run(new VerificationRequest("air", "china-sites", [new VerificationInput("chongqing.csv.gz", () => File.OpenRead(path))]));
        output.WriteLine($"rows {r.Rows}, compared {r.Compared}, matched {r.Matched}, {sw.Elapsed.TotalSeconds:0.0} s");
        // 130,795 station-hours carry the six 1-h pollutants (docs/standards-air.md §4); every one of them has an AQI.
        Assert.Equal(130_795, r.Compared);
        Assert.Equal(r.Compared, r.Matched);
        Assert.Equal(100m, r.MatchRate);
        Assert.Empty(r.Findings);
        Assert.Empty(r.Mismatches);
    }
}

/// <summary>The CNEMC water file through the verification. docs/standards-water.md counts 42,557 rows with a published
/// class, 40,428 matching (all rivers); 190 of those rows have an empty <c>datetime_cst</c> (counted with
/// <c>awk -F, '$1=="" &amp;&amp; $6 ~ /^(Ⅰ|Ⅱ|Ⅲ|Ⅳ|Ⅴ|劣Ⅴ)$/'</c>) and cannot be placed in time, so they are not compared.</summary>
public class CnemcWaterVerificationTests(ITestOutputHelper output)
{
    [Fact]
    public void Water_file_counts_as_documented()
    {
        var path = RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");
        var r = VerificationService.Run(new VerificationRequest("water", "cnemc-water", [new VerificationInput("water.csv.gz", () => File.OpenRead(path))]));
        // 46,183 rows in the file (docs/standards-water.md), all read.
        Assert.Equal(46_183, r.Rows);
        Assert.Equal(42_557 - 190, r.Compared);
        Assert.InRange(r.Matched, 40_428 - 190, 40_428);
        Assert.Equal(r.Compared - r.Matched, r.Mismatches.Count);
        Assert.Equal(r.Mismatches.Count, r.Findings.Sum(f => f.Rows));
        Assert.All(r.Findings, f => Assert.Equal("water", f.Domain));
        // docs/standards-water.md counts 1,730 rows where the other waterbody's TP limits reproduce the published class.
        Assert.Equal(1_730, r.Mismatches.Count(m => m.Cause == VerificationCauses.WaterOtherWaterbody));
        foreach (var g in r.Mismatches.GroupBy(m => m.Cause).OrderByDescending(g => g.Count()))
            output.WriteLine($"{g.Key}: {g.Count()} mismatches");
    }
}
