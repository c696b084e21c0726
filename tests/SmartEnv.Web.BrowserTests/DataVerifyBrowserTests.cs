using Microsoft.Playwright;
using SmartEnv.Imports.DataSources;
using SmartEnv.Storage.Audit;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>数据 → 核验 (issue 22): an admin uploads the hand-built three-example file with a column mapping, sees the
/// counts and the three findings with their Chinese cause names, the Excel download, and attaches one finding to a data
/// source without pasting JSON.</summary>
public sealed class DataVerifyBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private const string AirMap = "site=站点,time=时间,aqi=AQI,so2=SO2,so2_24h=SO2_24h,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";

    [Fact]
    public async Task Admin_uploads_the_three_examples_sees_three_findings_in_Chinese_and_attaches_one_to_a_source()
    {
        var key = "verify-browser-" + Guid.NewGuid().ToString("N")[..6];
        await using (var ctx = server.Store.CreateContext())
            await new DataSourceService(ctx, TimeProvider.System).CreateAsync(new DataSourceInput(key, "核验测试发布平台", "某市监测站", null, ["csv"], null),
                new AuditActor(AuditActorKind.User, "browser-test"));
        var file = Path.Combine(AppContext.BaseDirectory, "Data", "three-examples.csv");
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/data?tab=verify");
            await page.Locator("[data-testid=verify-file]").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(500); // circuit connected
            await page.Locator("[data-testid=verify-format]").SelectOptionAsync("csv");
            await page.Locator("[data-testid=verify-map]").FillAsync(AirMap);
            await page.Locator("[data-testid=verify-map]").DispatchEventAsync("change");
            await page.Locator("[data-testid=verify-file]").SetInputFilesAsync(file);
            var start = page.Locator("[data-testid=verify-start]");
            await Assertions.Expect(start).ToBeEnabledAsync();
            await start.ClickAsync();

            await page.Locator("[data-testid=verify-report]").WaitForAsync(new() { Timeout = 30_000 });
            // Hand count: 13 rows compared, 9 mismatches in three groups of 3, 4 matched; 4/13 = 30.77 %.
            await Assertions.Expect(page.Locator("[data-testid=verify-compared]")).ToHaveTextAsync("13");
            await Assertions.Expect(page.Locator("[data-testid=verify-matched]")).ToHaveTextAsync("4");
            await Assertions.Expect(page.Locator("[data-testid=verify-rate]")).ToHaveTextAsync("30.77 %");
            var findings = page.Locator("[data-testid=verify-finding]");
            await Assertions.Expect(findings).ToHaveCountAsync(3);
            Assert.Equal(["分指数四舍五入取整（标准为进位取整）", "二氧化硫1小时浓度套用24小时分段", "分指数舍去小数（标准为进位取整）"],
                await page.Locator("[data-testid=verify-cause]").AllInnerTextsAsync());
            var report = await page.Locator("[data-testid=verify-report]").InnerTextAsync();
            output.WriteLine(report);
            Assert.DoesNotContain("rounding-nearest", report, StringComparison.Ordinal); // keys are shown by their Chinese names
            var xlsx = await page.Locator("[data-testid=verify-xlsx]").GetAttributeAsync("href");
            Assert.StartsWith("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,", xlsx, StringComparison.Ordinal);
            Assert.Equal("PK"u8.ToArray(), Convert.FromBase64String(xlsx![(xlsx!.IndexOf(',', StringComparison.Ordinal) + 1)..])[..2]);

            // Attach the first finding to the new source.
            await findings.Nth(0).Locator("[data-testid=verify-attach]").ClickAsync();
            await page.Locator("[data-testid=verify-attach-source]").SelectOptionAsync(key);
            await page.Locator("[data-testid=verify-attach-note]").FillAsync("该来源按四舍五入取整");
            await page.Locator("[data-testid=verify-attach-note]").DispatchEventAsync("change");
            await page.Locator("[data-testid=verify-attach-confirm]").ClickAsync();
            await Assertions.Expect(findings.Nth(0).Locator("[data-testid=verify-attached]")).ToContainTextAsync("已附加为发现 #");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "data-verify.png") });
            await using var check = server.Store.CreateContext();
            var stored = Assert.Single(await new DataSourceService(check, TimeProvider.System).FindingsAsync(key));
            Assert.Equal(("rounding-nearest", 3, "该来源按四舍五入取整"), (stored.Cause, stored.Rows, stored.Note));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
