using SmartEnv.Standards.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Web;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 12 point 5, one output contract (docs/api.md "Output contract"): for the same input the CLI's JSON and the HTTP
/// API's JSON are the same, field by field — parsed and compared structurally, never as text.
/// <list type="bullet">
/// <item>AQI: two CNEMC hours of 1420A imported with <c>smartenv import</c> (2019-06-01 hour 14 → CNEMC-2014; 2026-06-01 hour
/// 14 → HJ633-2026), read back from <c>GET /api/sites/1420A/aqi/hourly</c>, and the same six concentrations given to
/// <c>smartenv aqi hourly</c>. Every field of the API row but the hour and its exclusions is in the CLI's answer with an
/// equal value; the figures are also checked against hand-worked HJ 633 values.</item>
/// <item>Plan board: <c>smartenv plan indicators --year 2022 --json</c> and <c>GET /api/plan/indicators?year=2022</c> on
/// the same store are equal documents (status <c>at_risk</c>, <c>color</c> <c>amber</c> worked by hand for #12).</item>
/// </list>
/// </summary>
public abstract class OutputContractTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static string PlanDir => RepoPaths.SharedFile("data/plan");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    /// <summary>A CNEMC national-platform file (date,hour,type,station…) with two hours of 1420A: (date, hour, PM2.5, PM10, SO2, NO2, O3, CO mg/m³).</summary>
    private static string CnemcFile((string Date, int Hour, int Pm25, int Pm10, int So2, int No2, int O3, decimal Co)[] hours)
    {
        var lines = new List<string> { "date,hour,type,1420A" };
        foreach (var h in hours)
        {
            lines.Add($"{h.Date},{h.Hour},PM2.5,{h.Pm25}");
            lines.Add($"{h.Date},{h.Hour},PM10,{h.Pm10}");
            lines.Add($"{h.Date},{h.Hour},SO2,{h.So2}");
            lines.Add($"{h.Date},{h.Hour},NO2,{h.No2}");
            lines.Add($"{h.Date},{h.Hour},O3,{h.O3}");
            lines.Add($"{h.Date},{h.Hour},CO,{h.Co.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        return string.Join('\n', lines) + "\n";
    }

    [Fact]
    public async Task The_CLI_and_the_API_answer_the_same_AQI_and_plan_board_field_by_field()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-contract-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            // Hand-worked (HJ 633-2012 Table 1 for CNEMC-2014, PM 1-h values on the 24-h columns; HJ 633-2026 Table 3):
            // 2019: PM2.5 115 → IAQI 150 (breakpoint); PM10 100 → 50 + 50·(100−50)/100 = 75; SO2 10 → ⌈3.3⌉ = 4; NO2 50 → 25;
            //       O3 100 → ⌈31.25⌉ = 32; CO 1 → 10. AQI 150, level 3 轻度污染 #FF7E00, primary pm25_1h.
            // 2026: PM2.5 70 → 100 + 50·(70−60)/(115−60) = 109.09 → 110; PM10 100 → 50 + 50·(100−50)/(120−50) = 85.7 → 86;
            //       the rest as above. AQI 110, level 3, primary pm25_1h (under the 2012 column PM2.5 70 would be 94).
            var file = Path.Combine(dir, "china_sites_contract.csv");
            var hours = new[] { ("20190601", 14, 115, 100, 10, 50, 100, 1m), ("20260601", 14, 70, 100, 10, 50, 100, 1m) };
            File.WriteAllText(file, CnemcFile(hours));
            var imp = CliRunner.Run("", ["import", "--format", "cnemc-sites", file, .. StoreArgs(dir)]);
            Assert.True(imp.ExitCode == 0, imp.Err);

            // Plan: #12 reported 45.21 for 2022, behind the straight line 45.2 → 45.4 (45.2 + 0.2·2/5 = 45.28): at_risk, amber.
            Assert.True(CliRunner.Run("", ["plan", "import", PlanDir, .. StoreArgs(dir)]).ExitCode == 0);
            var rec = CliRunner.Run("", ["plan", "record", "--indicator", "12", "--year", "2022", "--value", "45.21", "--by", "区城市管理局", "--evidence", "江北城管〔2023〕2号", .. StoreArgs(dir)]);
            Assert.True(rec.ExitCode == 0, rec.Err);
            var cliBoard = CliRunner.Run("", ["plan", "indicators", "--year", "2022", "--json", .. StoreArgs(dir)]);
            Assert.True(cliBoard.ExitCode == 0, cliBoard.Err);

            var store = new SmartEnvStore(db.Options);
            var readiness = new Readiness();
            await using var app = SmartEnvWeb.Build(new SmartEnvWebOptions { Store = store, AdminToken = AdminToken.LoadOrCreate(dir), Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback });
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken.Read(dir));

            var expected = new Dictionary<string, (int Aqi, int Level, string Color, string Zh, string Regime, int Pm10)>
            {
                ["2019-06-01"] = (150, 3, "#FF7E00", "轻度污染", "CNEMC-2014", 75),
                ["2026-06-01"] = (110, 3, "#FF7E00", "轻度污染", "HJ633-2026", 86),
            };
            foreach (var (date, hour, pm25, pm10, so2, no2, o3, co) in hours)
            {
                var day = $"{date[..4]}-{date[4..6]}-{date[6..]}";
                var natural = DateOnly.ParseExact(date, "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
                string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                var api = JsonNode.Parse(await http.GetStringAsync($"/api/sites/1420A/aqi/hourly?from={Iso(BeijingTime.DayStart(natural))}&to={Iso(BeijingTime.DayEnd(natural))}"))!.AsArray();
                var row = Assert.Single(api)!.AsObject();
                // CNEMC label hour H of the day = the hour starting at H−1:00 Beijing time.
                Assert.Equal(BeijingTime.HourStart(natural, hour), DateTimeOffset.Parse(row["hour_start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

                var cli = CliRunner.Run("", "aqi", "hourly", $"pm25_1h={pm25}", $"pm10_1h={pm10}", $"so2_1h={so2}", $"no2_1h={no2}", $"o3_1h={o3}",
                    $"co_1h={co.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "--at", $"{day}T{hour:00}:00");
                Assert.True(cli.ExitCode == 0, cli.Err);
                var c = JsonNode.Parse(cli.Out)!.AsObject();

                // Field by field: every field of the API row (but the hour, the exclusions and the review series, which a
                // calculation has not) has the same name and the same JSON value in the CLI's answer.
                var shared = row.Select(kv => kv.Key).Where(k => k is not ("hour_start" or "excluded" or "reviewed" or "review_excluded_hours")).ToList();
                Assert.Equal(["aqi", "level", "category", "color", "primary_pollutants", "complete", "regime"], shared);
                var differ = shared.Where(k => !c.ContainsKey(k) || !JsonNode.DeepEquals(row[k], c[k]))
                    .Select(k => $"{day} {k}: api {row[k]?.ToJsonString()} vs cli {(c.ContainsKey(k) ? c[k]?.ToJsonString() : "(absent)")}").ToList();
                Assert.Empty(differ);

                // …and both are the hand-worked figures, not merely equal to each other.
                var e = expected[day];
                Assert.Equal((e.Aqi, e.Level, e.Color, e.Zh, e.Regime, true), (row["aqi"]!.GetValue<int>(), row["level"]!.GetValue<int>(), row["color"]!.GetValue<string>(),
                    row["category"]!["zh"]!.GetValue<string>(), row["regime"]!.GetValue<string>(), row["complete"]!.GetValue<bool>()));
                Assert.Equal(["pm25_1h"], row["primary_pollutants"]!.AsArray().Select(x => x!.GetValue<string>()));
                Assert.Equal(e.Pm10, c["iaqi"]!["pm10_1h"]!.GetValue<int>());
            }

            // Plan board: the CLI's document equals the API's, field by field.
            var apiBoard = JsonNode.Parse(await http.GetStringAsync("/api/plan/indicators?year=2022"))!.AsObject();
            var cliDoc = JsonNode.Parse(cliBoard.Out)!.AsObject();
            Assert.Equal(apiBoard.Select(kv => kv.Key), cliDoc.Select(kv => kv.Key));
            var apiRows = apiBoard["indicators"]!.AsArray();
            var cliRows = cliDoc["indicators"]!.AsArray();
            Assert.Equal(17, apiRows.Count);
            Assert.Equal(apiRows.Count, cliRows.Count);
            var planDiffer = new List<string>();
            for (var i = 0; i < apiRows.Count; i++)
                foreach (var (k, v) in apiRows[i]!.AsObject())
                    if (!JsonNode.DeepEquals(v, cliRows[i]![k]))
                        planDiffer.Add($"#{apiRows[i]!["number"]} {k}: api {v?.ToJsonString()} vs cli {cliRows[i]![k]?.ToJsonString()}");
            Assert.Empty(planDiffer);
            Assert.True(JsonNode.DeepEquals(apiBoard, cliDoc));
            var i12 = apiRows.Single(x => x!["number"]!.GetValue<int>() == 12)!;
            Assert.Equal(("at_risk", "amber", "45.21", "reported", "linear_path"), (i12["status"]!.GetValue<string>(), i12["color"]!.GetValue<string>(),
                i12["value"]!.GetValue<string>(), i12["source"]!.GetValue<string>(), i12["rule"]!.GetValue<string>()));
            await app.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqliteOutputContractTests(SqliteTestDatabase db) : OutputContractTests<SqliteTestDatabase>(db);

public sealed class PostgresOutputContractTests(PostgresTestDatabase db) : OutputContractTests<PostgresTestDatabase>(db);
