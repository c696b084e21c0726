using System.Text.Json;
using SmartEnv.Planning.Import;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 7 acceptance through the CLI on each engine (store mode): <c>plan import</c> (idempotent), the CNEMC 2019 file
/// imported with <c>smartenv import</c>, <c>plan indicators --year 2019</c> computing #9/#13 from the stored 1420A hours
/// equal to <c>smartenv air assess</c> on the same file, <c>plan projects</c> totals, <c>plan record</c> history and
/// <c>plan export</c> reproducing every raw cell.
/// </summary>
public abstract class PlanStoreCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static string PlanDir => RepoPaths.SharedFile("data/plan");
    private static string File2019 => RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static List<string[]> TsvRows(string stem) =>
        File.ReadAllLines(Path.Combine(PlanDir, stem + ".tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t').Reverse().SkipWhile(c => c.Length == 0).Reverse().ToArray()).ToList();

    private static string[] Trim(IReadOnlyList<string> cells) => cells.Reverse().SkipWhile(c => c.Length == 0).Reverse().ToArray();

    [Fact]
    public void Store_mode_imports_computes_9_and_13_from_stored_hours_and_round_trips()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-plan-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var none = CliRunner.Run("", ["plan", "projects", .. StoreArgs(dir)]);
            Assert.Equal(1, none.ExitCode);
            Assert.Contains("plan import", none.Err);

            var first = CliRunner.Run("", ["plan", "import", PlanDir, .. StoreArgs(dir)]);
            Assert.True(first.ExitCode == 0, first.Err);
            Assert.StartsWith("imported: 17 indicators, 50 projects", first.Out);
            var again = CliRunner.Run("", ["plan", "import", PlanDir, .. StoreArgs(dir)]);
            Assert.True(again.ExitCode == 0, again.Err);
            Assert.StartsWith("unchanged", again.Out);

            var projects = JsonDocument.Parse(CliRunner.Run("", ["plan", "projects", "--json", "--reference-date", "2022-03-01", .. StoreArgs(dir)]).Out).RootElement;
            Assert.Equal(50, projects.GetProperty("projects").GetArrayLength());
            Assert.Equal("1012771.29", projects.GetProperty("totals").GetProperty("overall").GetString());
            Assert.Equal("6997.07", projects.GetProperty("totals").GetProperty("by_category").GetProperty("监管能力提升重大工程").GetString());
            var p1 = projects.GetProperty("projects")[0];
            Assert.Equal("delayed", p1.GetProperty("schedule").GetProperty("status").GetString());
            Assert.Equal(60, p1.GetProperty("schedule").GetProperty("days_overdue").GetInt32());

            var imp = CliRunner.Run("", ["import", "--format", "cnemc-sites", File2019, "--station", "1420A", .. StoreArgs(dir)]);
            Assert.True(imp.ExitCode == 0, imp.Err);
            var assess = CliRunner.Run("", "air", "assess", "--format", "cnemc-sites", "--input", File2019, "--station", "1420A", "--from", "2019-01-01", "--to", "2019-12-31");
            Assert.True(assess.ExitCode == 0, assess.Err);
            var summary = JsonDocument.Parse(assess.Out).RootElement;
            Assert.Equal(83.4m, summary.GetProperty("good_day_ratio_percent").GetDecimal());

            var ind = CliRunner.Run("", ["plan", "indicators", "--year", "2019", "--json", .. StoreArgs(dir)]);
            Assert.True(ind.ExitCode == 0, ind.Err);
            var rows = JsonDocument.Parse(ind.Out).RootElement.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("number").GetInt32());
            Assert.Equal("83.4", rows[9].GetProperty("value").GetString());
            Assert.Equal("36", rows[13].GetProperty("value").GetString());
            Assert.Equal(36m, summary.GetProperty("statistics").GetProperty("pm25_24h").GetProperty("mean").GetDecimal());
            foreach (var n in new[] { 9, 13 }) Assert.Equal("computed", rows[n].GetProperty("source").GetString());
            Assert.Equal("not_met", rows[9].GetProperty("status").GetString());
            Assert.Contains("≥88", rows[9].GetProperty("rule_text").GetString());
            // The 2019 PM2.5 annual mean fails GB 3095-2012 Table 4 (months 2, 6, 8, 9 short): not valid, not judged against ≤35.
            Assert.Equal("not_valid", rows[13].GetProperty("status").GetString());
            Assert.StartsWith("统计无效", rows[13].GetProperty("rule_text").GetString());
            Assert.Equal("no_data", rows[14].GetProperty("status").GetString());
            Assert.Contains("no data", rows[14].GetProperty("computed_gap").GetString());

            Assert.Equal(0, CliRunner.Run("", ["plan", "record", "--indicator", "1", "--year", "2021", "--value", "3.10", "--by", "区发展改革委", "--evidence", "公报", .. StoreArgs(dir)]).ExitCode);
            Assert.Equal(0, CliRunner.Run("", ["plan", "record", "--indicator", "1", "--year", "2021", "--value", "3.2", "--by", "区发展改革委", "--evidence", "公报（修订）", .. StoreArgs(dir)]).ExitCode);
            var y21 = JsonDocument.Parse(CliRunner.Run("", ["plan", "indicators", "--year", "2021", "--json", .. StoreArgs(dir)]).Out).RootElement;
            var i1 = y21.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 1);
            Assert.Equal(["3.10", "3.2"], i1.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("value").GetString()!).ToArray());
            Assert.Equal("3.2", i1.GetProperty("value").GetString());

            var values = Path.Combine(dir, "values.tsv");
            File.WriteAllLines(values,
            [
                "indicator\tyear\tvalue\tsource\tby\tat\tevidence\tnote",
                "12\t2022\t45.1\treported\t区城市管理局\t2023-01-10\t江北城管〔2023〕2号\t",
                "12\t2022\t45.30\treported\t区城市管理局\t2023-02-01\t江北城管〔2023〕5号\t复核更正",
            ]);
            var v1 = CliRunner.Run("", ["plan", "import-values", values, .. StoreArgs(dir)]);
            Assert.True(v1.ExitCode == 0, v1.Err);
            Assert.Contains("2 versions added, 0 already stored", v1.Out);
            var v2 = CliRunner.Run("", ["plan", "import-values", values, .. StoreArgs(dir)]);
            Assert.Contains("0 versions added, 2 already stored", v2.Out);
            var y22 = JsonDocument.Parse(CliRunner.Run("", ["plan", "indicators", "--year", "2022", "--json", .. StoreArgs(dir)]).Out).RootElement;
            var i12 = y22.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 12);
            Assert.Equal("45.30", i12.GetProperty("value").GetString());
            Assert.Equal(2, i12.GetProperty("history").GetArrayLength());
            // 45.30 < target 45.4 but ≥ the linear path 45.2 → 45.4 at 2022 (45.2 + 0.2 × 2/5 = 45.28): on track.
            Assert.Equal("on_track", i12.GetProperty("status").GetString());

            var xlsx = Path.Combine(dir, "plan.xlsx");
            var ex = CliRunner.Run("", ["plan", "export", "--xlsx", xlsx, .. StoreArgs(dir)]);
            Assert.True(ex.ExitCode == 0, ex.Err);
            var back = PlanReader.ReadWorkbook(xlsx);
            Assert.True(back.Ok, string.Join("; ", back.Errors));
            Assert.Equal(TsvRows("indicators-14th"), back.Tables!.Indicators.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("indicators-13th"), back.Tables.Results13th.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("targets-in-text"), back.Tables.TextTargets.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("major-projects"), back.Tables.Projects.Select(i => Trim(i.RawCells)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}

public sealed class SqlitePlanStoreCommandTests(SqliteTestDatabase db) : PlanStoreCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresPlanStoreCommandTests(PostgresTestDatabase db) : PlanStoreCommandTests<PostgresTestDatabase>(db);
