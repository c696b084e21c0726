using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Imports;
using SmartEnv.PlanTracking;
using SmartEnv.Planning.Import;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 7 acceptance on each engine: plan import into the store → HTTP API → Excel export; #9/#13 computed from the
/// imported CNEMC 2019 hours of 1420A; a delayed project; a reported value edited keeps both versions.
/// </summary>
public abstract class PlanApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static string PlanDir => RepoPaths.SharedFile("data/plan");

    // The printed TSV rows, split by hand (no quoting in these files), header skipped.
    private static List<string[]> TsvRows(string stem) =>
        File.ReadAllLines(Path.Combine(PlanDir, stem + ".tsv")).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();

    private static string[] Trim(IReadOnlyList<string> cells)
    {
        var l = cells.ToList();
        while (l.Count > 0 && l[^1].Length == 0) l.RemoveAt(l.Count - 1);
        return [.. l];
    }

    private async Task<PlanRepository> ImportedAsync()
    {
        var repo = new PlanRepository(app.Store);
        var r = await repo.ImportAsync(PlanDir);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return repo;
    }

    [Fact]
    public async Task Import_is_idempotent_and_the_API_export_reproduces_every_raw_cell()
    {
        var repo = await ImportedAsync();
        var again = await repo.ImportAsync(PlanDir);
        Assert.True(again.Ok);
        Assert.False(again.Changed);
        Assert.Equal(17, again.Indicators);
        Assert.Equal(50, again.Projects);

        using var c = app.Client(admin: true);
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/plan/export")).StatusCode);
        var resp = await c.GetAsync("/api/plan/export?kind=tables");
        Assert.Equal(HttpStatusCode.OK, resp.StatusCode);
        var file = Path.Combine(Path.GetTempPath(), "plan-rt-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await File.WriteAllBytesAsync(file, await resp.Content.ReadAsByteArrayAsync());
            var back = PlanReader.ReadWorkbook(file);
            Assert.True(back.Ok, string.Join("; ", back.Errors));
            var t = back.Tables!;
            Assert.Equal(TsvRows("indicators-14th").Select(Trim), t.Indicators.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("indicators-13th").Select(Trim), t.Results13th.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("targets-in-text").Select(Trim), t.TextTargets.Select(i => Trim(i.RawCells)));
            Assert.Equal(TsvRows("major-projects").Select(Trim), t.Projects.Select(i => Trim(i.RawCells)));
            Assert.Equal(1012771.29m, t.PrintedProjectTotal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Project_totals_by_category_and_overall_equal_the_printed_table()
    {
        await ImportedAsync();
        using var c = app.Client(admin: true);
        var doc = JsonDocument.Parse(await c.GetStringAsync("/api/plan/projects?reference_date=2021-01-01")).RootElement;
        Assert.Equal(50, doc.GetProperty("projects").GetArrayLength());
        var totals = doc.GetProperty("totals");
        Assert.Equal("1012771.29", totals.GetProperty("overall").GetString());
        var byCat = totals.GetProperty("by_category");
        // Hand sums of the printed rows (docs/plan.md): 14 + 29 + 3 + 4 projects.
        Assert.Equal("864247", byCat.GetProperty("重要生态保护与修复重大工程类").GetString());
        Assert.Equal("137627.22", byCat.GetProperty("环境改善与污染防治重大工程").GetString());
        Assert.Equal("3900", byCat.GetProperty("资源节约循环利用和低碳发展重大工程").GetString());
        Assert.Equal("6997.07", byCat.GetProperty("监管能力提升重大工程").GetString());
        var filtered = JsonDocument.Parse(await c.GetStringAsync("/api/plan/projects?category=监管能力提升")).RootElement;
        Assert.Equal(4, filtered.GetProperty("totals").GetProperty("count").GetInt32());
        Assert.Equal("6997.07", filtered.GetProperty("totals").GetProperty("overall").GetString());
    }

    [Fact]
    public async Task A_delayed_project_is_flagged_on_the_reference_date_and_a_completed_one_is_not()
    {
        await ImportedAsync();
        using var c = app.Client(admin: true);
        // #1 续建 (在建), planned end 2021.12 → deadline 2021-12-31; on 2022-03-01 it is 31 + 28 + 1 = 60 days overdue.
        JsonElement P(JsonElement doc, int seq) => doc.GetProperty("projects").EnumerateArray().Single(p => p.GetProperty("sequence").GetInt32() == seq);
        var before = JsonDocument.Parse(await c.GetStringAsync("/api/plan/projects?reference_date=2021-12-31")).RootElement;
        Assert.Equal("on_schedule", P(before, 1).GetProperty("schedule").GetString());
        var after = JsonDocument.Parse(await c.GetStringAsync("/api/plan/projects?reference_date=2022-03-01&schedule=delayed")).RootElement;
        var p1 = P(after, 1);
        Assert.Equal("delayed", p1.GetProperty("schedule").GetString());
        Assert.Equal(60, p1.GetProperty("days_overdue").GetInt32());
        Assert.Equal("2021-12-31", p1.GetProperty("deadline").GetString());

        // #6 新建 (储备), planned end 2023 → completed 2023-11-30 through the API: finished, not delayed, on 2024-03-01.
        foreach (var (to, on) in new[] { ("preparation", "2022-01-10"), ("under_construction", "2022-06-01"), ("completed", "2023-11-30") })
            Assert.Equal(HttpStatusCode.NoContent, (await c.PostAsJsonAsync("/api/plan/projects/6/stage", new { to, on, by = "区水利局" })).StatusCode);
        var bad = await c.PostAsJsonAsync("/api/plan/projects/6/stage", new { to = "reserve", on = "2023-12-01", by = "区水利局" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await c.PostAsJsonAsync("/api/plan/projects/7/progress",
            new { as_of = "2021-06-30", percent_complete = 40.5m, investment_to_date = 20000.25m, issues = "征地", reported_by = "区住房城乡建委" })).StatusCode);
        var late = JsonDocument.Parse(await c.GetStringAsync("/api/plan/projects?reference_date=2024-03-01")).RootElement;
        Assert.Equal("finished", P(late, 6).GetProperty("schedule").GetString());
        Assert.Equal("completed", P(late, 6).GetProperty("stage").GetString());
        Assert.Equal("40.5", P(late, 7).GetProperty("percent_complete").GetString());
        Assert.Equal("20000.25", P(late, 7).GetProperty("investment_to_date").GetString());
    }

    [Fact]
    public async Task A_reported_value_edited_shows_both_versions()
    {
        await ImportedAsync();
        using var c = app.Client(admin: true);
        var r1 = await c.PostAsJsonAsync("/api/plan/indicators/2/values", new { year = 2021, value = 12.50m, by = "区发展改革委", evidence = "2021年统计公报" });
        Assert.Equal(HttpStatusCode.Created, r1.StatusCode);
        var r2 = await c.PostAsJsonAsync("/api/plan/indicators/2/values", new { year = 2021, value = 12.8m, by = "区发展改革委", evidence = "2021年统计公报（修订）", note = "corrected" });
        Assert.Equal(HttpStatusCode.Created, r2.StatusCode);
        var noEvidence = await c.PostAsJsonAsync("/api/plan/indicators/2/values", new { year = 2021, value = 1m, by = "x", evidence = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        var board = JsonDocument.Parse(await c.GetStringAsync("/api/plan/indicators?year=2021")).RootElement;
        var i2 = board.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 2);
        Assert.Equal("12.8", i2.GetProperty("value").GetString());
        Assert.Equal("reported", i2.GetProperty("source").GetString());
        var h = i2.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(2, h.Count);
        Assert.Equal("12.50", h[0].GetProperty("value").GetString());
        Assert.Equal("2021年统计公报", h[0].GetProperty("evidence").GetString());
        Assert.Equal("12.8", h[1].GetProperty("value").GetString());
        Assert.Equal(2, h[1].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_municipal_target_is_settable_only_where_the_plan_prints_市级下达()
    {
        await ImportedAsync();
        using var c = app.Client(admin: true);
        var printed = await c.PutAsJsonAsync("/api/plan/indicators/9/municipal-target", new { target = "≥90", issued_by = "市生态环境局", issued_on = "2021-05-01", evidence = "渝环〔2021〕1号" });
        Assert.Equal(HttpStatusCode.BadRequest, printed.StatusCode);
        var ok = await c.PutAsJsonAsync("/api/plan/indicators/2/municipal-target", new { target = "【14】", issued_by = "市发展改革委", issued_on = "2021-05-01", evidence = "渝发改〔2021〕1号" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        var board = JsonDocument.Parse(await c.GetStringAsync("/api/plan/indicators?year=2025")).RootElement;
        var i2 = board.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 2);
        Assert.Equal("【14】", i2.GetProperty("target").GetProperty("raw").GetString());
        Assert.NotEqual("no_target", i2.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Indicators_9_and_13_for_2019_come_from_the_stored_1420A_hours_and_equal_the_site_assessment()
    {
        await ImportedAsync();
        var summary = await new CnemcSitesImporter(app.Store).ImportAsync(
            RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz"), new HashSet<string> { "1420A" });
        Assert.True(summary.ValuesAccepted > 0);
        using var c = app.Client(admin: true);
        var a = JsonDocument.Parse(await c.GetStringAsync("/api/sites/1420A/assessment?from=2019-01-01&to=2019-12-31")).RootElement;
        var board = JsonDocument.Parse(await c.GetStringAsync("/api/plan/indicators?year=2019")).RootElement;
        JsonElement I(int n) => board.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == n);
        // `smartenv air assess --station 1420A --from 2019-01-01 --to 2019-12-31`: 83.4 % good days, PM2.5 mean 36 μg/m³.
        Assert.Equal("83.4", I(9).GetProperty("value").GetString());
        Assert.Equal(a.GetProperty("good_day_ratio_percent").GetDecimal(), decimal.Parse(I(9).GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("36", I(13).GetProperty("value").GetString());
        // 226 good of 271 valid AQI days; PM2.5 over 329 valid days, annual statistic not valid (months 2, 6, 8, 9 short).
        Assert.Equal("226/271 valid AQI days", I(9).GetProperty("history")[0].GetProperty("note").GetString());
        Assert.Contains("not valid", I(13).GetProperty("history")[0].GetProperty("note").GetString());
        Assert.Contains("1420A", I(9).GetProperty("history")[0].GetProperty("evidence").GetString());
        Assert.Contains("precedes the baseline year 2020", I(9).GetProperty("rule_text").GetString());
        var pm = a.GetProperty("statistics").EnumerateArray().Single(s => s.GetProperty("indicator").GetString() == "pm25_24h");
        Assert.Equal(36m, pm.GetProperty("mean").GetDecimal());
        Assert.False(pm.GetProperty("annual_valid").GetBoolean());
        foreach (var n in new[] { 9, 13 }) Assert.Equal("computed", I(n).GetProperty("source").GetString());
        // 2019 is before the baseline year 2020: #9 is judged against the target itself (≥88 %): missed.
        Assert.Equal("not_met", I(9).GetProperty("status").GetString());
        // #13's annual mean fails GB 3095-2012 Table 4 (329 valid days but months 2, 6, 8, 9 short): shown as not valid,
        // never "未达标" against ≤35.
        Assert.Equal(("not_valid", "统计无效", "grey", false), (I(13).GetProperty("status").GetString(), I(13).GetProperty("status_label").GetString(),
            I(13).GetProperty("color").GetString(), I(13).GetProperty("value_valid").GetBoolean()));
        Assert.StartsWith("统计无效", I(13).GetProperty("rule_text").GetString(), StringComparison.Ordinal);
        Assert.False(I(13).GetProperty("history")[0].GetProperty("valid").GetBoolean());
        Assert.Contains("有效日数329", I(13).GetProperty("history")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("2、6、8、9", I(13).GetProperty("history")[0].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("≥88", I(9).GetProperty("target").GetProperty("raw").GetString());
        Assert.Equal("≤35", I(13).GetProperty("target").GetProperty("raw").GetString());
        // Water indicators are computed ones without data in the store: shown as no data with the reason.
        Assert.Equal("no_data", I(7).GetProperty("status").GetString());
        Assert.Contains("no data", I(7).GetProperty("computed_gap").GetString());
        // Asking again records nothing new (one computed version).
        var again = JsonDocument.Parse(await c.GetStringAsync("/api/plan/indicators?year=2019")).RootElement;
        Assert.Single(again.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 9).GetProperty("history").EnumerateArray());

        // The 2025 projection of #9 from 2019 = 83.4 and the printed 2020 baseline 90.4: the straight line gives
        // 90.4 + 7 × 5 = 125.4 %, impossible for a share of days → bounded to 100, and it says how it was made.
        var b25 = JsonDocument.Parse(await c.GetStringAsync("/api/plan/indicators?year=2025")).RootElement;
        var i9 = b25.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("number").GetInt32() == 9);
        Assert.Equal("100", i9.GetProperty("projection").GetProperty("value").GetString());
        Assert.Contains("125.4", i9.GetProperty("projection").GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.Contains("2019–2020", i9.GetProperty("projection").GetProperty("method").GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqlitePlanApiTests(WebAppFixture<SqliteTestDatabase> app) : PlanApiTests<SqliteTestDatabase>(app);

public sealed class PostgresPlanApiTests(WebAppFixture<PostgresTestDatabase> app) : PlanApiTests<PostgresTestDatabase>(app);
