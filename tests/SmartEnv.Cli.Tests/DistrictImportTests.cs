using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 11 item 10 on each engine: importing a national file registers only the district's own stations (Jiangbei:
/// 1420A 唐家沱, the one Chongqing national air station in Jiangbei, shared/data/raw/SOURCES.md §2; 寸滩, the 长江 section
/// seeded as JB-W-CT) unless <c>--all-sites</c>, which registers the others as non-public sites outside the district. The
/// expected counts are worked from the real files in the test (station-hours with any value; normal rows per section).
/// </summary>
public abstract class DistrictImportTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static string Chongqing => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");
    private static string National => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_20190101.csv.gz");
    private static string Water => RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    /// <summary>Lines of a gzip text file.</summary>
    internal static IEnumerable<string> GzLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var r = new StreamReader(gz, Encoding.UTF8);
        while (r.ReadLine() is { } l) yield return l;
    }

    /// <summary>Station-hours of a china_sites file: per station code, the (date, hour) with at least one non-empty cell.</summary>
    internal static Dictionary<string, int> StationHours(IEnumerable<string> lines)
    {
        string[] codes = [];
        var seen = new HashSet<(string, string, string)>();
        foreach (var line in lines)
        {
            var c = line.Split(',');
            if (c[0] == "date") { codes = c[3..]; continue; }
            for (var i = 3; i < c.Length; i++)
                if (c[i].Trim().Length > 0) seen.Add((codes[i - 3], c[0], c[1]));
        }
        return seen.GroupBy(x => x.Item1).ToDictionary(g => g.Key, g => g.Count());
    }

    private (int Code, JsonElement Summary, string Err) Import(string dir, params string[] args)
    {
        var r = CliRunner.Run("", ["import", .. args, .. StoreArgs(dir)]);
        Assert.True(r.Out.Length > 0, r.Err);
        return (r.ExitCode, JsonDocument.Parse(r.Out).RootElement, r.Err);
    }

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-district-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public Task A_national_day_file_registers_only_1420A_and_counts_the_other_stations_as_outside_the_district() => InTempDir(async dir =>
    {
        var hours = StationHours(GzLines(National));
        Assert.True(hours.Count > 1400, $"{hours.Count} stations with values");
        var store = new SmartEnvStore(db.Options);
        await store.MigrateAndSeedAsync();
        int sitesBefore, othersBefore;
        await using (var ctx = store.CreateContext())
            (sitesBefore, othersBefore) = (await ctx.Sites.CountAsync(x => x.Code != SmartEnv.Storage.Entities.Site.DistrictAggregateCode), await ctx.Observations.CountAsync(o => o.ImportLogId != null && o.Site!.Code != "1420A"));
        var r = Import(dir, "--format", "cnemc-sites", National);
        Assert.True(r.Code == 0, r.Err);
        var s = r.Summary;
        Assert.Equal(["1420A → 1420A"], s.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, s.GetProperty("sites_created").GetArrayLength());
        Assert.Equal(hours.Count - 1, s.GetProperty("sites_outside_district").GetInt32());
        Assert.Equal(hours.Values.Sum(), s.GetProperty("rows_read").GetInt32());
        Assert.Equal(hours.Values.Sum() - hours["1420A"], s.GetProperty("rows_outside_district").GetInt32());
        Assert.False(s.GetProperty("all_sites").GetBoolean());
        await using var after = store.CreateContext();
        // No station registered; the district aggregate (the stored district series, created on the first recompute of a
        // district station) is not a station.
        Assert.Equal(sitesBefore, await after.Sites.CountAsync(x => x.Code != SmartEnv.Storage.Entities.Site.DistrictAggregateCode));
        Assert.Equal(othersBefore, await after.Observations.CountAsync(o => o.ImportLogId != null && o.Site!.Code != "1420A"));
        Assert.True(await after.Observations.AnyAsync(o => o.ImportLogId != null && o.Site!.Code == "1420A"));
    });

    [Fact]
    public Task All_sites_registers_the_other_Chongqing_stations_as_non_public_outside_the_district_and_a_default_rerun_skips_them() => InTempDir(async dir =>
    {
        // The real Chongqing 2019 file, first two days (header + 2 × 24 hours × 15 types).
        var lines = GzLines(Chongqing).TakeWhile(l => !l.StartsWith("20190103,", StringComparison.Ordinal)).ToList();
        var file = Path.Combine(dir, "china_sites_20190101-02_chongqing.csv");
        File.WriteAllLines(file, lines);
        var hours = StationHours(lines);
        Assert.Equal(17, lines[0].Split(',').Length - 3);
        var others = hours.Keys.Where(k => k != "1420A").Order(StringComparer.Ordinal).ToList();
        Assert.Contains("1417A", others); // 两路 (渝北区), not Jiangbei

        var stationList = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/StationList-2020.01.01.csv");
        var all = Import(dir, "--format", "cnemc-sites", file, "--all-sites", "--station-list", stationList);
        Assert.True(all.Code == 0, all.Err);
        Assert.Equal(others, all.Summary.GetProperty("sites_created").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((0, 0, true), (all.Summary.GetProperty("sites_outside_district").GetInt32(), all.Summary.GetProperty("rows_outside_district").GetInt32(),
            all.Summary.GetProperty("all_sites").GetBoolean()));
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            var created = await ctx.Sites.Where(x => others.Contains(x.Code)).ToListAsync();
            Assert.Equal(others.Count, created.Count);
            Assert.All(created, x => Assert.False(x.IsPublic || x.InDistrict, x.Code));
            Assert.Equal("两路", created.Single(x => x.Code == "1417A").NameZh); // StationList-2020.01.01.csv: 1417A,两路,重庆
            var tjt = await ctx.Sites.SingleAsync(x => x.Code == "1420A");
            Assert.True(tjt.IsPublic && tjt.InDistrict);
        }

        var again = Import(dir, "--format", "cnemc-sites", file);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(["1420A → 1420A"], again.Summary.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(others.Count, again.Summary.GetProperty("sites_outside_district").GetInt32());
        Assert.Equal(hours.Values.Sum() - hours["1420A"], again.Summary.GetProperty("rows_outside_district").GetInt32());
        Assert.Equal(0, again.Summary.GetProperty("values_inserted").GetInt32());
    });

    [Fact]
    public Task The_national_water_file_registers_only_Cuntan_by_default() => InTempDir(async dir =>
    {
        var rows = GzLines(Water).Skip(1).Select(l => l.Split(',')).ToList();
        var normal = rows.Where(c => c[^1] == "正常" && c[0].Length > 0).ToList();
        var sections = normal.Select(c => (c[1], c[3])).Distinct().Count();
        var cuntan = normal.Count(c => c[1] == "重庆市" && c[3] == "寸滩");
        Assert.True(sections > 1600, $"{sections} sections");
        var r = Import(dir, "--format", "cnemc-water", Water);
        Assert.True(r.Code == 0, r.Err);
        var s = r.Summary;
        Assert.Equal(["重庆市 寸滩 → JB-W-CT"], s.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, s.GetProperty("sites_created").GetArrayLength());
        Assert.Equal(sections - 1, s.GetProperty("sites_outside_district").GetInt32());
        Assert.Equal(normal.Count - cuntan, s.GetProperty("rows_outside_district").GetInt32());
        Assert.Equal(rows.Count - normal.Count, s.GetProperty("rows_skipped").GetInt32());
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(x => x.Code.StartsWith("W-")));
        Assert.False(await ctx.Observations.AnyAsync(o => o.ImportLogId != null && o.Site!.Kind == SmartEnv.Storage.Entities.SiteKind.Water && o.Site.Code != "JB-W-CT"));
    });
}

public sealed class SqliteDistrictImportTests(SqliteTestDatabase db) : DistrictImportTests<SqliteTestDatabase>(db);

public sealed class PostgresDistrictImportTests(PostgresTestDatabase db) : DistrictImportTests<PostgresTestDatabase>(db);
