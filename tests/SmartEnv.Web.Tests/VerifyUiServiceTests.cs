using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartEnv.Imports.DataSources;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Verifications.Files;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 22, the 核验 tab of <c>/data</c> (<see cref="VerifyUiService"/>) on both engines: the hand-built three-example file
/// gives the three findings with their Chinese cause names and the counts worked by hand; the Excel download is the API's
/// bytes; an input error names file, line and column in Chinese; attaching a finding goes through the data-source service
/// (audited) and <c>GET /api/data-sources/{key}/findings</c> lists it.
/// </summary>
public abstract class VerifyUiServiceTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string AirMap = "site=站点,time=时间,aqi=AQI,so2=SO2,so2_24h=SO2_24h,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";
    private static readonly string File3 = Path.Combine(AppContext.BaseDirectory, "Data", "three-examples.csv");
    private static readonly AuditActor Actor = new(AuditActorKind.User, "verify-ui-test");

    private Uri Address => SmartEnvWeb.BoundAddress(app.App);

    private static VerifyForm Form() => new() { Domain = "air", Format = "csv", Map = AirMap };

    private static void Chinese() =>
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");

    private static SortedDictionary<string, List<string>> Sheets(byte[] xlsx)
    {
        using var ms = new MemoryStream(xlsx);
        var names = MiniExcelLibs.MiniExcel.GetSheetNames(ms);
        var sheets = new Dictionary<string, List<string>>();
        foreach (var n in names)
        {
            ms.Position = 0;
            sheets[n] = [.. MiniExcelLibs.MiniExcel.Query(ms, sheetName: n).Cast<IDictionary<string, object?>>()
                .Select(r => string.Join('|', r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))];
        }
        return new(sheets.ToDictionary(k => k.Key, k => k.Value), new SheetOrder(names));
    }

    private sealed class SheetOrder(List<string> names) : IComparer<string>
    {
        public int Compare(string? x, string? y) => names.IndexOf(x!).CompareTo(names.IndexOf(y!));
    }

    [Fact]
    public async Task Three_examples_give_three_findings_in_Chinese_and_one_is_attached_to_a_source()
    {
        Chinese();
        var outcome = VerifyUiService.Run(Form(), [new VerificationInput("three-examples.csv", () => File.OpenRead(File3))]);
        Assert.Null(outcome.Error);
        var r = Assert.IsType<SmartEnv.Verifications.VerificationReport>(outcome.Report);
        // Hand count (tests/SmartEnv.Verification.Tests AirAcceptanceTests): 13 rows, all carry AQI and concentrations;
        // A/B 01–03 h: 3 published by round-to-nearest, C 01/03/04 h: 3 SO2 1-h on the 24-h breakpoints, D 01–03 h: 3
        // truncated → 9 mismatches, 13 − 9 = 4 matched; 4 / 13 = 30.769… → 30.77 %.
        Assert.Equal((13, 13, 4, 0), (r.Rows, r.Compared, r.Matched, r.Skipped));
        Assert.Equal("30.77 %", VerifyUiService.RateText(r));
        Assert.Equal(["rounding-nearest", "so2-24h-breakpoints-on-1h", "rounding-floor"], r.Findings.Select(f => f.Cause));
        Assert.Equal(["分指数四舍五入取整（标准为进位取整）", "二氧化硫1小时浓度套用24小时分段", "分指数舍去小数（标准为进位取整）"],
            r.Findings.Select(f => VerifyUiService.CauseText(f.Cause)));
        Assert.Equal(9, r.Mismatches.Count);
        Assert.Equal("2019-03-01 01:00", VerifyUiService.TimeText(r.Findings[0].From));
        Assert.Equal("2019-03-01 03:00", VerifyUiService.TimeText(r.Findings[0].To));

        // The JSON download is the contract document (snake_case).
        var json = JsonDocument.Parse(outcome.Json).RootElement;
        Assert.Equal(30.77m, json.GetProperty("match_rate").GetDecimal());
        Assert.Equal(3, json.GetProperty("findings").GetArrayLength());

        // The Excel download is the API's xlsx (lang zh): the same sheets with the same cells (the zip entries carry the
        // write time, so the bytes of two writes differ only there).
        using var monitoring = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Monitoring);
        using var form = new MultipartFormDataContent { { new StringContent("csv"), "format" }, { new StringContent(AirMap), "map" } };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(File3));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "three-examples.csv");
        var api = await monitoring.PostAsync("/api/verify/air?output=xlsx", form);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var fromApi = Sheets(await api.Content.ReadAsByteArrayAsync());
        Assert.Equal(["概要", "发现", "不一致明细"], fromApi.Keys);
        Assert.Equal(fromApi, Sheets(outcome.Xlsx));
        Assert.Equal(1 + 3, fromApi["发现"].Count); // header + three findings
        Assert.Equal(1 + 9, fromApi["不一致明细"].Count); // header + nine mismatches

        // Attach the second finding to a new source with a note; the API lists it.
        var key = "verify-ui-" + Guid.NewGuid().ToString("N")[..8];
        await using (var ctx = app.Store.CreateContext())
            await new DataSourceService(ctx, TimeProvider.System).CreateAsync(new DataSourceInput(key, "某市发布平台", "某市监测站", null, ["csv"], null), Actor);
        long id;
        await using (var ctx = app.Store.CreateContext())
        {
            var vm = new VerifyUiService(ctx, TimeProvider.System);
            var (none, why) = await vm.AttachAsync("no-such-source", r.Findings[1], null, Actor);
            Assert.Null(none);
            Assert.Contains("no-such-source", why);
            var (view, error) = await vm.AttachAsync(key, r.Findings[1], "该来源二氧化硫套用 24 小时分段", Actor);
            Assert.Null(error);
            id = Assert.IsType<FindingView>(view).Id;
        }
        var listed = JsonDocument.Parse(await monitoring.GetStringAsync($"/api/data-sources/{key}/findings")).RootElement;
        var one = Assert.Single(listed.EnumerateArray());
        Assert.Equal(id, one.GetProperty("id").GetInt64());
        Assert.Equal("so2-24h-breakpoints-on-1h", one.GetProperty("cause").GetString());
        Assert.Equal(3, one.GetProperty("rows").GetInt32());
        Assert.Equal(1, one.GetProperty("stations").GetInt32()); // station C only
        Assert.Equal("该来源二氧化硫套用 24 小时分段", one.GetProperty("note").GetString());
        Assert.Equal(r.Findings[1].From, one.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(r.Findings[1].To, one.GetProperty("to").GetDateTimeOffset());
        await using (var ctx = app.Store.CreateContext())
            Assert.Contains(ctx.AuditEntries.Where(e => e.Action == "data_source.finding.attach").Select(e => e.TargetId).ToList(),
                t => t == id.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    // Line 2 (first data row), column 4 (PM2.5): not a number.
    [InlineData("站点,时间,AQI,PM2.5\nA,2019-03-01 01:00,57,4x\n", "site=站点,time=时间,aqi=AQI,pm25=PM2.5", "文件 bad.csv 第 2 行第 4 列有误：")]
    public void An_input_error_names_file_line_and_column_in_Chinese(string text, string map, string expected)
    {
        Chinese();
        var o = VerifyUiService.Run(new VerifyForm { Domain = "air", Format = "csv", Map = map },
            [new VerificationInput("bad.csv", () => new MemoryStream(Encoding.UTF8.GetBytes(text)))]);
        Assert.Null(o.Report);
        Assert.Equal(expected, o.Error);
        Assert.Contains("not a number", o.Detail);
    }

    [Fact]
    public void A_usage_error_and_no_file_are_errors_not_reports()
    {
        Chinese();
        var wrong = VerifyUiService.Run(new VerifyForm { Domain = "air", Format = "cnemc-water" }, [new VerificationInput("x.csv", () => new MemoryStream())]);
        Assert.Equal("参数有误：", wrong.Error);
        Assert.DoesNotContain("--", wrong.Detail);
        Assert.Equal("请先选择文件", VerifyUiService.Run(Form(), []).Error);
        Assert.Equal(["china-sites", "prsa", "csv"], VerifyUiService.Formats("air"));
        Assert.Equal(["cnemc-water", "csv"], VerifyUiService.Formats("water"));
        Assert.Empty(VerifyUiService.Formats("soil"));
    }
}

public sealed class SqliteVerifyUiServiceTests(WebAppFixture<SqliteTestDatabase> app) : VerifyUiServiceTests<SqliteTestDatabase>(app);

public sealed class PostgresVerifyUiServiceTests(WebAppFixture<PostgresTestDatabase> app) : VerifyUiServiceTests<PostgresTestDatabase>(app);
