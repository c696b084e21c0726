using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Web;
using SmartEnv.Host;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 4 acceptance on each engine: <c>smartenv import --format cnemc-sites</c> of the real Chongqing 2019 file into
/// the store, idempotent; the HTTP API's daily AQI of 1420A for 2019 equals <c>smartenv air assess</c> on the same file.
/// </summary>
public abstract class ImportCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static string File2019 => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    [Fact]
    public async Task Importing_1420A_2019_is_idempotent_and_the_API_daily_AQI_equals_air_assess()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            // The whole file (17 Chongqing stations), no --station: only the district's own station is imported (issue 11).
            var first = CliRunner.Run("", ["import", "--format", "cnemc-sites", File2019, .. StoreArgs(dir)]);
            Assert.True(first.ExitCode == 0, first.Err);
            var s1 = JsonDocument.Parse(first.Out).RootElement;
            Assert.Equal(0, s1.GetProperty("rejects").GetArrayLength());
            var inserted = s1.GetProperty("values_inserted").GetInt32();
            Assert.True(inserted > 100_000, $"only {inserted} values");
            // 1420A 唐家沱 is in the Jiangbei seed: matched by its code, not created; the 16 other stations (none in
            // Jiangbei: shared/data/raw/SOURCES.md §2) are counted as outside the district, not registered.
            Assert.Equal(["1420A → 1420A"], s1.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(0, s1.GetProperty("sites_created").GetArrayLength());
            Assert.Equal(16, s1.GetProperty("sites_outside_district").GetInt32());
            var stationHours = DistrictImportTests<TDb>.StationHours(DistrictImportTests<TDb>.GzLines(File2019));
            Assert.Equal(stationHours.Values.Sum() - stationHours["1420A"], s1.GetProperty("rows_outside_district").GetInt32());
            await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
                Assert.False(await ctx.Sites.AnyAsync(x => x.Code == "1417A" || x.Code == "3133A"));

            var again = CliRunner.Run("", ["import", "--format", "cnemc-sites", File2019, "--station", "1420A", .. StoreArgs(dir)]);
            Assert.True(again.ExitCode == 0, again.Err);
            var s2 = JsonDocument.Parse(again.Out).RootElement;
            Assert.Equal((0, 0, inserted), (s2.GetProperty("values_inserted").GetInt32(), s2.GetProperty("values_changed").GetInt32(), s2.GetProperty("values_accepted").GetInt32()));
            var store = new SmartEnvStore(db.Options);
            await using (var ctx = store.CreateContext())
            {
                Assert.Equal(inserted, await ctx.Observations.CountAsync(o => o.ImportLogId != null && o.Site!.Code == "1420A"));
                Assert.Equal(2, await ctx.ImportLogs.CountAsync(l => l.FileName == "china_sites_2019_chongqing.csv.gz" && l.FinishedAt != null));
            }

            var csv = Path.Combine(dir, "assess-daily.csv");
            var assess = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", File2019, "--station", "1420A",
                "--from", "2019-01-01", "--to", "2019-12-31", "--out-daily", csv);
            Assert.True(assess.ExitCode == 0, assess.Err);
            var expected = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
                .ToDictionary(f => f[0], f => (Aqi: f[8], Primary: f[11], Regime: f[12], Valid: f[13]));
            Assert.Equal(365, expected.Count);

            var readiness = new Readiness();
            await using var platform = SmartEnvPlatform.Create(new PlatformOptions { Store = store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = store, AdminToken = AdminToken.LoadOrCreate(dir), Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback } });
            var app = platform.Web!;
            await platform.StartAsync();
            using var http = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app) };
            var days = JsonDocument.Parse(await http.GetStringAsync("/api/sites/1420A/aqi/daily?from=2019-01-01&to=2019-12-31")).RootElement.EnumerateArray().ToList();
            Assert.Equal(365, days.Count);
            var mismatches = new List<string>();
            foreach (var d in days)
            {
                var e = expected[d.GetProperty("date").GetString()!];
                var aqi = d.GetProperty("aqi").ValueKind == JsonValueKind.Null ? "" : d.GetProperty("aqi").GetInt32().ToString(CultureInfo.InvariantCulture);
                var primary = string.Join(';', d.GetProperty("primary_pollutants").EnumerateArray().Select(x => x.GetString())); // the CSV cell joins with ";"
                var valid = d.GetProperty("valid").GetBoolean() ? "true" : "false";
                // A day without any AQI has no regime in the assess table; the store still names the regime of its date.
                var regime = aqi == "" ? "" : d.GetProperty("regime").GetString();
                if ((aqi, primary, regime, valid) != (e.Aqi, e.Primary, e.Regime, e.Valid))
                    mismatches.Add($"{d.GetProperty("date")}: api {(aqi, primary, regime, valid)} vs assess {e}");
            }
            Assert.Empty(mismatches);
            Assert.Contains(days, d => d.GetProperty("aqi").ValueKind != JsonValueKind.Null && d.GetProperty("aqi").GetInt32() > 100); // not a trivial series

            // The period summary from the store equals air assess's summary on the file.
            var cli = JsonDocument.Parse(assess.Out).RootElement;
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken.Read(dir));
            var api = JsonDocument.Parse(await http.GetStringAsync("/api/sites/1420A/assessment?from=2019-01-01&to=2019-12-31")).RootElement;
            Assert.Equal(cli.GetProperty("valid_aqi_days").GetInt32(), api.GetProperty("valid_aqi_days").GetInt32());
            Assert.Equal(cli.GetProperty("good_days").GetInt32(), api.GetProperty("good_days").GetInt32());
            Assert.Equal(cli.GetProperty("good_day_ratio_percent").GetDecimal(), api.GetProperty("good_day_ratio_percent").GetDecimal());
            Assert.Equal(cli.GetProperty("composite_index").GetProperty("value").GetDecimal(), api.GetProperty("composite_index").GetDecimal());
            var pm25 = api.GetProperty("statistics").EnumerateArray().Single(x => x.GetProperty("indicator").GetString() == "pm25_24h");
            Assert.Equal(cli.GetProperty("statistics").GetProperty("pm25_24h").GetProperty("mean").GetDecimal(), pm25.GetProperty("mean").GetDecimal());
            Assert.Equal(cli.GetProperty("statistics").GetProperty("pm25_24h").GetProperty("p95").GetDecimal(), pm25.GetProperty("percentile").GetDecimal());
            await platform.DisposeAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_malformed_file_is_rejected_with_line_and_column_and_nothing_is_stored()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var bad = Path.Combine(dir, "china_sites_bad.csv");
            File.WriteAllText(bad, "date,hour,type,9999A\n20190101,0,PM2.5,12\n20190101,1,PM2.5,-3\n");
            var r = CliRunner.Run("", ["import", "--format", "cnemc-sites", bad, .. StoreArgs(dir)]);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("line 3, column 4", r.Err);
            var summary = JsonDocument.Parse(r.Out).RootElement;
            Assert.Equal(1, summary.GetProperty("rejects").GetArrayLength());
            await using var ctx = new SmartEnvStore(db.Options).CreateContext();
            Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Site!.Code == "9999A"));
            Assert.False(await ctx.Sites.AnyAsync(s => s.Code == "9999A"));
            var log = await ctx.ImportLogs.Include(l => l.Rejects).SingleAsync(l => l.FileName == "china_sites_bad.csv");
            Assert.Equal((1, 3, "4"), (log.Rejected, log.Rejects.Single().Row, log.Rejects.Single().Column));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteImportCommandTests(SqliteTestDatabase db) : ImportCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresImportCommandTests(PostgresTestDatabase db) : ImportCommandTests<PostgresTestDatabase>(db);
