using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv import --format prsa|cnemc-water|hj212-log</c> on each engine: values land under the expected sites,
/// re-running changes nothing, rejects carry line and column. Expected values are cells of the real files read in the
/// test, or worked by hand (HJ 633-2012 table 1).
/// </summary>
public abstract class ImportFormatsTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-importfmt-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static IEnumerable<string> GzLines(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var r = new StreamReader(gz, Encoding.UTF8);
        while (r.ReadLine() is { } l) yield return l;
    }

    private (int Code, JsonElement Summary, string Err) Import(string dir, string format, string file)
    {
        var r = CliRunner.Run("", ["import", "--format", format, file, .. StoreArgs(dir)]);
        return (r.ExitCode, JsonDocument.Parse(r.Out).RootElement, r.Err);
    }

    [Fact]
    public Task Prsa_real_hours_are_stored_hour_ending_with_CO_in_mg_and_a_rerun_changes_nothing() => InTempDir(async dir =>
    {
        // First 48 hours of the real Dongsi file: 2013-03-01 hour 0 … 2013-03-02 hour 23.
        var lines = GzLines(RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Dongsi_20130301-20170228.csv.gz")).Take(49).ToList();
        var file = Path.Combine(dir, "PRSA_Dongsi_head.csv");
        File.WriteAllLines(file, lines);
        var first = Import(dir, "prsa", file);
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(48, first.Summary.GetProperty("rows_read").GetInt32());
        Assert.Equal(["PRSA-Dongsi"], first.Summary.GetProperty("sites_created").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("100%", first.Err); // progress only on a terminal or with --progress (ImportProgressOutputTests)
        // Count of non-NA pollutant cells (columns 5..10) in the 48 rows.
        var cells = lines.Skip(1).Sum(l => l.Split(',').Skip(5).Take(6).Count(c => c != "NA" && c.Length > 0));
        Assert.Equal(cells, first.Summary.GetProperty("values_inserted").GetInt32());

        // Line 3: 2013,3,1,hour 1 → the hour 00:00–01:00 Beijing; PM2.5 4, CO 300 μg/m³ = 0.3 mg/m³.
        var f = lines[2].Split(',');
        Assert.Equal(("2013", "3", "1", "1"), (f[1], f[2], f[3], f[4]));
        var start = new DateTimeOffset(2013, 3, 1, 0, 0, 0, Beijing);
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            var site = await ctx.Sites.SingleAsync(s => s.Code == "PRSA-Dongsi");
            var pm25 = await ctx.Observations.SingleAsync(o => o.SiteId == site.Id && o.ParameterCode == "a34004" && o.DataTime == start);
            Assert.Equal(decimal.Parse(f[5], CultureInfo.InvariantCulture), pm25.Value);
            var co = await ctx.Observations.SingleAsync(o => o.SiteId == site.Id && o.ParameterCode == "a21005" && o.DataTime == start);
            Assert.Equal(decimal.Parse(f[9], CultureInfo.InvariantCulture) / 1000m, co.Value);
            // Provenance: the import run and the file's line, no MN; the unit of the file's column.
            Assert.Equal(((string?)null, (long?)first.Summary.GetProperty("import_log_id").GetInt64(), (int?)3, "μg/m³", "mg/m³"),
                (pm25.Mn, pm25.ImportLogId, pm25.SourceRow, pm25.Unit, co.Unit));
            Assert.True(await ctx.DailyAqi.AnyAsync(d => d.SiteId == site.Id && d.Date == new DateOnly(2013, 3, 1)));
        }

        var again = Import(dir, "prsa", file);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal((0, 0, cells), (again.Summary.GetProperty("values_inserted").GetInt32(), again.Summary.GetProperty("values_changed").GetInt32(), again.Summary.GetProperty("values_accepted").GetInt32()));
        Assert.Equal(["Dongsi → PRSA-Dongsi"], again.Summary.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, again.Summary.GetProperty("sites_created").GetArrayLength());
    });

    /// <summary>Issue #12 point 3: a CNEMC file does not pretend to be HJ 212. Its moving statistics are stored under the
    /// pollutant's factor code with their averaging period (not <c>a34004_24h</c>), every value names the import run and
    /// the file line it came from, has no MN, and carries the column's unit; the published AQI is not stored. The file
    /// and the expected rows are written by hand (line 1 is the header).</summary>
    [Fact]
    public Task Cnemc_moving_statistics_are_periods_of_the_pollutant_code_with_run_line_and_unit() => InTempDir(async dir =>
    {
        var file = Path.Combine(dir, "china_sites_20180601.csv");
        File.WriteAllLines(file,
        [
            "date,hour,type,1420A", "20180601,1,AQI,60", "20180601,1,PM2.5,35", "20180601,1,PM2.5_24h,41", "20180601,1,O3,20",
            "20180601,1,O3_24h,66", "20180601,1,O3_8h,30", "20180601,1,O3_8h_24h,45", "20180601,1,CO,0.8", "20180601,1,CO_24h,0.9",
        ]);
        var first = Import(dir, "cnemc-sites", file);
        Assert.True(first.Code == 0, first.Err);
        var run = first.Summary.GetProperty("import_log_id").GetInt64();
        (string, PeriodType, string, int?, string?)[] expected =
        [
            ("a05024", PeriodType.Hour, "20", 5, "μg/m³"), ("a05024", PeriodType.Moving8h, "30", 7, "μg/m³"),
            ("a05024", PeriodType.Max1hOf24h, "66", 6, "μg/m³"), ("a05024", PeriodType.Max8hOf24h, "45", 8, "μg/m³"),
            ("a21005", PeriodType.Hour, "0.8", 9, "mg/m³"), ("a21005", PeriodType.Moving24h, "0.9", 10, "mg/m³"),
            ("a34004", PeriodType.Hour, "35", 3, "μg/m³"), ("a34004", PeriodType.Moving24h, "41", 4, "μg/m³"),
        ];
        var again = Import(dir, "cnemc-sites", file); // a re-import hits the same rows and keeps the first run as provenance
        Assert.Equal((0, 0, expected.Length), (again.Summary.GetProperty("values_inserted").GetInt32(), again.Summary.GetProperty("values_changed").GetInt32(), again.Summary.GetProperty("values_accepted").GetInt32()));
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        var start = new DateTimeOffset(2018, 6, 1, 0, 0, 0, Beijing); // label 1 = the hour 00:00–01:00 Beijing
        var rows = await ctx.Observations.AsNoTracking().Where(o => o.Site!.Code == "1420A" && o.DataTime == start).ToListAsync();
        Assert.Equal(expected, rows.OrderBy(o => o.ParameterCode, StringComparer.Ordinal).ThenBy(o => o.Period)
            .Select(o => (o.ParameterCode, o.Period, o.ValueText!, o.SourceRow, o.Unit)));
        Assert.All(rows, o => Assert.Equal(((string?)null, (long?)null, (long?)run), (o.Mn, o.RawPacketId, o.ImportLogId)));
    });

    [Fact]
    public Task A_malformed_prsa_file_is_rejected_with_line_and_column_and_nothing_is_stored() => InTempDir(async dir =>
    {
        var file = Path.Combine(dir, "PRSA_bad.csv");
        File.WriteAllText(file, "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2013,3,1,0,9,9,3,17,300,89,Badplace\n2,2013,3,1,1,x4,4,3,16,300,88,Badplace\n");
        var r = Import(dir, "prsa", file);
        Assert.Equal(1, r.Code);
        var reject = r.Summary.GetProperty("rejects").EnumerateArray().Single();
        Assert.Equal((3, 6), (reject.GetProperty("row").GetInt32(), reject.GetProperty("column").GetInt32()));
        Assert.Contains("line 3, column 6", r.Err);
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Observations.AnyAsync(o => o.Site!.Code == "PRSA-Badplace"));
        Assert.False(await ctx.Sites.AnyAsync(s => s.Code == "PRSA-Badplace"));
    });

    [Fact]
    public Task Cnemc_water_matches_Cuntan_to_the_seeded_section_skips_maintenance_rows_and_a_rerun_changes_nothing() => InTempDir(async dir =>
    {
        var all = GzLines(RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz")).ToList();
        // The 重庆市 sections, plus same-named sections of other provinces (e.g. 四川省 两河口), in file order.
        var names = all.Skip(1).Select(l => l.Split(',')).Where(c => c[1] == "重庆市").Select(c => c[3]).ToHashSet();
        var rows = all.Skip(1).Where(l => names.Contains(l.Split(',')[3])).ToList();
        Assert.Contains(rows, l => l.Split(',')[1] != "重庆市");
        var file = Path.Combine(dir, "water_chongqing.csv");
        File.WriteAllLines(file, [all[0], .. rows]);
        var first = Import(dir, "cnemc-water", file);
        Assert.True(first.Code == 0, first.Err);
        var s = first.Summary;
        Assert.Equal(rows.Count, s.GetProperty("rows_read").GetInt32());
        var skipped = rows.Count(l => { var c = l.Split(','); return c[^1] != "正常" || c[0].Length == 0; });
        Assert.Equal(skipped, s.GetProperty("rows_skipped").GetInt32());
        Assert.Equal(["重庆市 寸滩 → JB-W-CT"], s.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("W-重庆市-寸滩", s.GetProperty("sites_created").EnumerateArray().Select(e => e.GetString()));

        // Real row: 2021-04-01 08:00,重庆市,长江流域,寸滩,…,Ⅳ,18.2,8.11,8.71,432.1,28.9,7.19,0.130,0.233,2.88,*,*,正常
        var cuntan = rows.Single(l => l.StartsWith("2021-04-01 08:00,重庆市,长江流域,寸滩,", StringComparison.Ordinal)).Split(',');
        var at = new DateTimeOffset(2021, 4, 1, 8, 0, 0, Beijing);
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
        {
            var site = await ctx.Sites.SingleAsync(x => x.Code == "JB-W-CT");
            var nh3 = await ctx.Observations.SingleAsync(o => o.SiteId == site.Id && o.ParameterCode == "w21003" && o.DataTime == at);
            Assert.Equal(decimal.Parse(cuntan[12], CultureInfo.InvariantCulture), nh3.Value);
            var codmn = await ctx.Observations.SingleAsync(o => o.SiteId == site.Id && o.ParameterCode == "w01019" && o.DataTime == at);
            Assert.Equal(decimal.Parse(cuntan[11], CultureInfo.InvariantCulture), codmn.Value);
            Assert.Equal(PeriodType.Hour, nh3.Period);
        }

        var again = Import(dir, "cnemc-water", file);
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal((0, 0, s.GetProperty("values_accepted").GetInt32()),
            (again.Summary.GetProperty("values_inserted").GetInt32(), again.Summary.GetProperty("values_changed").GetInt32(), again.Summary.GetProperty("values_accepted").GetInt32()));
        Assert.Equal(0, again.Summary.GetProperty("sites_created").GetArrayLength());
    });

    private static string HourPacket(string mn, string pw, DateTimeOffset start, string pm25) => Encoding.UTF8.GetString(Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000000", St = "22", Cn = "2061", Pw = pw, Mn = mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(start, Beijing)),
            new Hj212CpEntry("a34004-Avg", pm25), new Hj212CpEntry("a34002-Avg", "50"), new Hj212CpEntry("a21026-Avg", "10"),
            new Hj212CpEntry("a21004-Avg", "20"), new Hj212CpEntry("a21005-Avg", "0.5"), new Hj212CpEntry("a05024-Avg", "60"),
        ],
    })).TrimEnd('\r', '\n');

    [Fact]
    public Task Hj212_log_lines_are_accepted_or_quarantined_like_the_gateway_and_a_rerun_changes_nothing() => InTempDir(async dir =>
    {
        const string mn = "LOG00000000000000000000A";
        var store = new SmartEnvStore(db.Options);
        await store.MigrateAndSeedAsync();
        long site;
        await using (var ctx = store.CreateContext())
        {
            site = await ctx.Sites.Where(x => x.Code == "JB-A-GYQ").Select(x => x.Id).SingleAsync();
            ctx.Devices.Add(new Device { Mn = mn, Password = "123456", SiteId = site });
            await ctx.SaveChangesAsync();
        }
        var day = new DateTimeOffset(2019, 6, 1, 0, 0, 0, Beijing);
        var lines = Enumerable.Range(0, 24).Select(h => HourPacket(mn, "123456", day.AddHours(h), "75")).ToList();
        var good = lines[0];
        var badCrc = good[..^4] + (good[^4] == '0' ? '1' : '0') + good[^3..];
        lines.Insert(3, "");                                                        // line 4: blank, skipped
        lines.Add(HourPacket("LOG0000000000000000000XX", "123456", day, "75"));     // line 26: unknown MN
        lines.Add(HourPacket(mn, "654321", day.AddHours(1), "999"));                 // line 27: wrong PW
        lines.Add(badCrc);                                                          // line 28: CRC fault
        lines.Add("hello, not a packet");                                           // line 29: framing
        var file = Path.Combine(dir, "logger.log");
        File.WriteAllLines(file, lines);

        var first = Import(dir, "hj212-log", file);
        Assert.Equal(1, first.Code);
        var s = first.Summary;
        Assert.Equal(28, s.GetProperty("rows_read").GetInt32());
        Assert.Equal(24 * 6, s.GetProperty("values_inserted").GetInt32());
        var rejects = s.GetProperty("rejects").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("reason").GetString()!.Split(':')[0])).ToList();
        Assert.Equal([(26, "unknown_mn"), (27, "wrong_password"), (28, "crc_mismatch"), (29, "malformed")], rejects);
        Assert.Contains("logger.log line 27", first.Err);

        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(28, await ctx.RawPackets.CountAsync(r => r.Peer!.StartsWith("import:")));
            Assert.Equal(4, await ctx.RawPackets.CountAsync(r => r.Peer!.StartsWith("import:") && r.Status == PacketStatus.Quarantined));
            // No value of the wrong-PW packet (PM2.5 999) was stored.
            Assert.False(await ctx.Observations.AnyAsync(o => o.SiteId == site && o.ParameterCode == "a34004" && o.ValueText == "999"));
            // 24 h of PM2.5 75 μg/m³: 24-h mean 75 is the IAQI 100 breakpoint of HJ 633-2012 table 1 (CNEMC-2014 regime in 2019).
            var d = await ctx.DailyAqi.AsNoTracking().SingleAsync(x => x.SiteId == site && x.Date == new DateOnly(2019, 6, 1));
            Assert.Equal((100, "pm25_24h", true), (d.Aqi, string.Join(';', d.PrimaryPollutants), d.Valid));
        }

        var again = Import(dir, "hj212-log", file);
        Assert.Equal((0, 0, 24 * 6), (again.Summary.GetProperty("values_inserted").GetInt32(), again.Summary.GetProperty("values_changed").GetInt32(), again.Summary.GetProperty("values_accepted").GetInt32()));
        await using (var ctx = store.CreateContext())
            Assert.Equal(28, await ctx.RawPackets.CountAsync(r => r.Peer!.StartsWith("import:")));
    });
}

public sealed class SqliteImportFormatsTests(SqliteTestDatabase db) : ImportFormatsTests<SqliteTestDatabase>(db);

public sealed class PostgresImportFormatsTests(PostgresTestDatabase db) : ImportFormatsTests<PostgresTestDatabase>(db);
