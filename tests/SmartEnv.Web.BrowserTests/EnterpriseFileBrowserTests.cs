using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// A small server for the 一企一档 pages: a temp SQLite store with the issue 16 fixture (<see cref="SourceSeed"/>: A and
/// B, A's permit with DA001 a21026 35 mg/m³ at O₂ 9 %) and the issue 18 complaints (<see cref="ComplaintSeed"/>), B moved to 郭家沱街道 at another position, an admin and an
/// enterprise user bound to A, and A's DA001 logger fed three 2061 hours through the platform's intake
/// (<c>POST /api/import</c>, <c>hj212-log</c>, as the gateway's PacketIntake): 2026-12-05 10:00, 11:00, 12:00 (Beijing; the intake refuses future hours)
/// with <c>a21026-ZsAvg</c> 30, 40, 50 and <c>-Flag</c> N, N, D (plan §4 loopback values). Chromium as <see cref="UiServerFixture"/>.
/// </summary>
public sealed class EnterpriseServerFixture : IAsyncLifetime
{
    /// <summary>The enterprise user bound to A (digits only: no Latin word in the zh-CN header).</summary>
    public const string EnterpriseUser = "200001", EnterprisePassword = "江北甲企业账号2026";

    /// <summary>B's street after the fixture moved it (search by street).</summary>
    public const string StreetB = "郭家沱街道";

    /// <summary>The logger bound to A's DA001.</summary>
    public const string Mn = "CEMS00000000000000000A01";
    private const string Pw = "123456";

    /// <summary>The three hours sent: start (Beijing), measured, converted (ZsAvg), flag.</summary>
    public static readonly (DateTimeOffset Start, string Avg, string ZsAvg, string Flag)[] Hours =
    [
        (new DateTimeOffset(2026, 12, 5, 10, 0, 0, BeijingTime.Offset), "24", "30", "N"),
        (new DateTimeOffset(2026, 12, 5, 11, 0, 0, BeijingTime.Offset), "32", "40", "N"),
        (new DateTimeOffset(2026, 12, 5, 12, 0, 0, BeijingTime.Offset), "40", "50", "D"),
    ];

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-ent-" + Guid.NewGuid().ToString("N")[..12]);
    private SmartEnvPlatform _platform = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public System.Collections.Concurrent.ConcurrentBag<string> BrowserLog { get; } = [];
    /// <summary>The import summary of the three hours (JSON).</summary>
    public JsonElement Import { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Store = new SmartEnvStore(StoreOptions.Parse(null, _dataDir));
        await Store.MigrateAndSeedAsync();
        await SourceSeed.SeedAsync(Store);
        await ComplaintSeed.SeedAsync(Store); // issue 18: cases 4 and 5 name A, case 5 属实 (the 信访投诉 tab)
        await using (var db = Store.CreateContext())
        {
            var b = await db.Enterprises.SingleAsync(e => e.Uscc == SourceSeed.UsccB);
            b.Street = StreetB;
            b.StreetCode = "500105006000";
            b.Longitude = 106.650000m;
            b.Latitude = 29.620000m;
            await db.SaveChangesAsync();
        }
        var token = AdminToken.LoadOrCreate(_dataDir);
        await TestAccounts.UserAsync(Store, UiServerFixture.AdminUser, UiServerFixture.AdminPassword, [SmartEnv.Storage.Accounts.SmartEnvRoles.Admin]);
        await TestAccounts.UserAsync(Store, EnterpriseUser, EnterprisePassword, [SmartEnv.Storage.Accounts.SmartEnvRoles.Enterprise], [SourceSeed.UsccA]);
        var readiness = new Readiness("http");
        _platform = SmartEnvPlatform.Create(new PlatformOptions { Store = Store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = Store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback } });
        await _platform.StartAsync();
        readiness.MarkReady("http");
        BaseUrl = SmartEnvWeb.BoundAddress(_platform.Web!);

        using var admin = new HttpClient { BaseAddress = BaseUrl };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var device = await admin.PutAsJsonAsync($"/api/devices/{Mn}", new { password = Pw, site_code = SourceSeed.OutletSiteCodeAirA });
        if (!device.IsSuccessStatusCode) throw new InvalidOperationException("device: " + await device.Content.ReadAsStringAsync());
        var log = new StringBuilder();
        var qn = 0;
        foreach (var h in Hours)
        {
            var bytes = Hj212Serializer.ToBytes(new Hj212Packet
            {
                Qn = h.Start.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (qn++).ToString("D3", CultureInfo.InvariantCulture),
                St = "31", Cn = "2061", Pw = Pw, Mn = Mn, Flag = 5,
                Cp =
                [
                    new("DataTime", Hj212Time.Format(h.Start, BeijingTime.Offset)),
                    new("a21026-Avg", h.Avg), new("a21026-ZsAvg", h.ZsAvg), new("a21026-Flag", h.Flag),
                    new("a19001-Avg", "12.0"), new("a19001-Flag", "N"),
                ],
            });
            log.Append(Encoding.ASCII.GetString(bytes).TrimEnd('\r', '\n')).Append('\n');
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent("hj212-log"), "format" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(log.ToString())), "file", "cems-2026-12-05.log" },
        };
        var import = await admin.PostAsync("/api/import", form);
        Import = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement.Clone();
        if (!import.IsSuccessStatusCode || Import.GetProperty("rejects").GetArrayLength() > 0 || Import.GetProperty("values_accepted").GetInt32() == 0)
            throw new InvalidOperationException("import: " + Import);
        // The outlet's day judged against the permit as the evaluation queue would (P4's SourceEvaluator, one call).
        await using (var db = Store.CreateContext())
        {
            var site = await db.Sites.Where(x => x.Code == SourceSeed.OutletSiteCodeAirA).Select(x => x.Id).SingleAsync();
            await _platform.SourceEvaluator.RecomputeAsync(site, new DateOnly(2026, 12, 5));
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = UiServerFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new 1920×1080 zh-CN page (cookies empty).</summary>
    public async Task<IPage> NewPageAsync()
    {
        return await ZhPages.NewAsync(Browser, BaseUrl, BrowserLog, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            TimezoneId = "UTC",
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_platform is not null) await _platform.DisposeAsync();
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }
}

/// <summary>
/// 一企一档 in Chromium (plan §4 "一企一档 browser" and the browser part of "A sees nothing of B"): staff search the
/// list by USCC and by street and see both enterprises on the map; A's file renders every tab — basic data and outlets,
/// the permit with DA001's limit, the hourly trend of the intake's values with the limit line 35 and hour 11:00 above it,
/// the one exceedance 0.14, 有效传输率 8.33 %, the hw slot connected and empty, the complaints slot with A's verified case (staff) or 「仅向生态环境部门开放」 (A's user), the other slots 尚未接入 —;
/// A's enterprise user lists only A and gets 「未找到」 with no text of B on B's file. Screenshots
/// <c>enterprise-list.png</c>, <c>enterprise-file-monitoring.png</c>, <c>enterprise-file-exceedances.png</c>.
/// </summary>
public sealed class EnterpriseFileBrowserTests(EnterpriseServerFixture server, ITestOutputHelper output) : IClassFixture<EnterpriseServerFixture>
{
    private const string NameA = "重庆江北甲化工有限公司", NameB = "重庆江北乙热电有限公司";

    private async Task<IPage> OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        try { await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached }); }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{ready} not visible on {path}; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
        return page;
    }

    private static ILocator Rows(IPage page) => page.Locator("[data-testid=enterprise-list] tbody tr");

    [Fact]
    public async Task Staff_search_the_list_by_uscc_and_street_and_see_both_on_the_map()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/enterprises", "[data-testid=enterprise-list]");
            await Assertions.Expect(Rows(page)).ToHaveCountAsync(2);
            Assert.Equal([SourceSeed.UsccA, SourceSeed.UsccB], (await Rows(page).EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.uscc)")).Order(StringComparer.Ordinal));
            await Assertions.Expect(page.Locator("[data-testid=enterprise-map]")).ToHaveAttributeAsync("data-placed", "2");
            await page.Locator("[data-testid=enterprise-map] canvas, [data-testid=enterprise-map] svg").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("enterprise-list.png") });

            // By USCC (a lower-case part is upper-cased): only B.
            await page.Locator("[data-testid=enterprise-q]").FillAsync(SourceSeed.UsccB[^8..].ToLowerInvariant());
            await page.Locator("[data-testid=enterprise-q]").BlurAsync();
            await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
            Assert.Equal(SourceSeed.UsccB, await Rows(page).First.GetAttributeAsync("data-uscc"));
            Assert.Contains("q=", page.Url, StringComparison.Ordinal);

            // By street: B only; the other street (寸滩) A only.
            await OpenAsync(page, "/enterprises?street=" + Uri.EscapeDataString("郭家沱"), "[data-testid=enterprise-list]");
            await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
            Assert.Equal(SourceSeed.UsccB, await Rows(page).First.GetAttributeAsync("data-uscc"));
            await OpenAsync(page, "/enterprises", "[data-testid=enterprise-list]");
            await page.Locator("[data-testid=enterprise-street]").FillAsync("寸滩");
            await page.Locator("[data-testid=enterprise-street]").BlurAsync();
            await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
            Assert.Equal(SourceSeed.UsccA, await Rows(page).First.GetAttributeAsync("data-uscc"));

            // Nothing matches: the empty state says how enterprises get registered.
            await OpenAsync(page, "/enterprises?q=" + Uri.EscapeDataString("不存在的单位"), "[data-testid=empty-state]");
            await Assertions.Expect(page.Locator("[data-testid=empty-state]")).ToContainTextAsync("GB 32100");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task The_file_renders_every_tab_with_stored_data_or_an_honest_empty_state()
    {
        output.WriteLine("import: " + server.Import);
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}", "[data-testid=tab-basic]");
            var basic = page.Locator("[data-testid=tab-basic]");
            await Assertions.Expect(basic).ToContainTextAsync(NameA);
            await Assertions.Expect(basic.Locator($"[data-testid=enterprise-sites] tr[data-site='{SourceSeed.OutletSiteCodeAirA}']")).ToContainTextAsync(EnterpriseServerFixture.Mn);
            await Assertions.Expect(basic.Locator($"[data-testid=enterprise-sites] tr[data-site='{SourceSeed.OutletSiteCodeWaterA}']")).ToHaveCountAsync(1);

            // Every tab through the address renders its own content.
            foreach (var tab in new[] { "basic", "permit", "monitoring", "exceedances", "totals", "reports" })
            {
                await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab={tab}", $"[data-testid=tab-{tab}]");
                await Assertions.Expect(page.Locator($"[data-testid=tab-{tab}]")).ToBeVisibleAsync();
            }
            // 危险废物 is connected since issue 17 (WasteFileSlot): A has no waste record in this fixture, so the tab says so.
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=hw", "[data-testid=slot-hw]");
            await Assertions.Expect(page.Locator("[data-testid=slot-hw]")).ToHaveAttributeAsync("data-connected", "true");
            await Assertions.Expect(page.Locator("[data-testid=slot-hw]")).ToContainTextAsync("该单位尚无危险废物记录");
            // 信访投诉 is connected since issue 18 (ComplaintFileSlot, staff only): ComplaintSeed's cases 4 and 5 name A, case 5
            // found 属实 and replied 2024-10-12 — 2 named, 1 verified, its row; never the reporter (赵女士 13800000005).
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=complaints", "[data-testid=slot-complaints] table");
            var complaints = page.Locator("[data-testid=slot-complaints]");
            await Assertions.Expect(complaints).ToHaveAttributeAsync("data-connected", "true");
            await Assertions.Expect(complaints).ToContainTextAsync("2 件");
            await Assertions.Expect(complaints.Locator("tr", new() { HasText = ComplaintSeed.NumberWaterA })).ToContainTextAsync("属实 · 已答复 2024-10-12");
            foreach (var secret in new[] { "赵女士", "13800000005", "陈先生", "13800000004", ComplaintSeed.NumberOdourA })
                Assert.DoesNotContain(secret, await complaints.InnerTextAsync(), StringComparison.Ordinal);
            // 监督检查 and 环境信用 are connected since issue 19 (InspectionsFileSlot, CreditFileSlot), 应急预案 since issue 20
            // (EmergencyFileSlot): A has no record in this fixture.
            foreach (var (slot, empty) in new[] { ("inspections", "暂无监督检查和行政处罚记录"), ("credit", "尚未开展环境信用评价"), ("emergency", "尚未登记环境风险单元或应急预案") })
            {
                await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab={slot}", $"[data-testid=slot-{slot}]");
                await Assertions.Expect(page.Locator($"[data-testid=slot-{slot}]")).ToHaveAttributeAsync("data-connected", "true");
                await Assertions.Expect(page.Locator($"[data-testid=slot-{slot}]")).ToContainTextAsync(empty);
            }

            // The permit as stored: number, renewal in order (valid to 2030-05-31), DA001 a21026 35 mg/m³ at O₂ 9 %, DW001.
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=permit", "[data-testid=permit]");
            var permit = page.Locator($"[data-testid=permit][data-number='{SourceSeed.PermitNumberA}']");
            await Assertions.Expect(permit).ToHaveAttributeAsync("data-renewal", "ok");
            var da001 = permit.Locator("[data-testid=permit-outlets] tr[data-outlet='DA001'][data-parameter='a21026']");
            Assert.Equal(35m, decimal.Parse((await da001.GetAttributeAsync("data-limit"))!, CultureInfo.InvariantCulture));
            await Assertions.Expect(da001).ToContainTextAsync("GB 13271-2014");
            await Assertions.Expect(permit.Locator("[data-testid=permit-outlets] tr[data-outlet='DW001']")).ToHaveCountAsync(1);
            // No execution report stored for the fixture: the tab says so.
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=reports", "[data-testid=tab-reports] [data-testid=empty-state]");

            // Online monitoring: the three hours the intake stored for DA001, in Beijing time.
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=monitoring", "[data-testid=source-trend-data]");
            var data = page.Locator("[data-testid=source-trend-data]");
            output.WriteLine("series: " + await data.GetAttributeAsync("data-series"));
            var times = await data.Locator("tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.time)");
            Assert.Equal(["2026-12-05 10:00", "2026-12-05 11:00", "2026-12-05 12:00"], times);
            // Default series = the one carrying a permit limit: DA001's converted SO₂ (limit on reference O₂ 9 %), line at 35;
            // the values as sent (ZsAvg 30, 40, 50), hour 11:00 judged above the limit (40 > 35); 12:00 (Flag D) not judged.
            Assert.Equal(SourceSeed.OutletSiteCodeAirA + "|a21026:zs", await data.GetAttributeAsync("data-series"));
            Assert.Equal("35", await data.GetAttributeAsync("data-limit"));
            Assert.Equal(["30", "40", "50"], (await data.Locator("tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.value)")).Select(v => decimal.Parse(v, CultureInfo.InvariantCulture).ToString("0.##", CultureInfo.InvariantCulture)));
            Assert.Equal(["false", "true", "false"], await data.Locator("tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.exceeds)"));
            await Assertions.Expect(page.Locator("[data-testid=trend-limit]")).ToContainTextAsync("35");
            // 有效传输率 of the day (plan §4): expected 24, received 3, valid 2 (the D hour invalid) → 2/24 = 8.33 %.
            await Assertions.Expect(page.Locator("[data-testid=source-rates] tr[data-period='2026-12-05']")).ToHaveAttributeAsync("data-effective", "8.33 %");
            await page.Locator("[data-testid=source-trend-chart] canvas, [data-testid=source-trend-chart] svg").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("enterprise-file-monitoring.png") });

            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=exceedances", "[data-testid=source-exceedances]");
            // Exactly one exceedance: 11:00, 40 vs 35 → (40 − 35)/35 = 0.142857… shown 0.14 (2 decimals, GB/T 8170).
            var rows = page.Locator("[data-testid=source-exceedances] tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(1);
            Assert.Equal("2026-12-05 11:00", await rows.First.GetAttributeAsync("data-hour"));
            await Assertions.Expect(rows.First.Locator("[data-testid=multiple]")).ToHaveTextAsync("0.14");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("enterprise-file-exceedances.png") });
            Assert.Empty(server.BrowserLog);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Enterprise_A_lists_only_itself_and_finds_nothing_of_B()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page, EnterpriseServerFixture.EnterpriseUser, EnterpriseServerFixture.EnterprisePassword);
            await OpenAsync(page, "/enterprises", "[data-testid=enterprise-list]");
            await Assertions.Expect(Rows(page)).ToHaveCountAsync(1);
            Assert.Equal(SourceSeed.UsccA, await Rows(page).First.GetAttributeAsync("data-uscc"));
            Assert.DoesNotContain(NameB, await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);

            foreach (var tab in new[] { "", "?tab=permit", "?tab=monitoring", "?tab=exceedances" })
            {
                await OpenAsync(page, $"/enterprises/{SourceSeed.UsccB}{tab}", "[data-testid=enterprise-not-found]");
                await Assertions.Expect(page.Locator("[data-testid=enterprise-not-found]")).ToContainTextAsync("未找到");
                var html = await page.ContentAsync();
                foreach (var secret in new[] { NameB, SourceSeed.UsccB + "<", ">" + SourceSeed.UsccB, SourceSeed.PermitNumberB, SourceSeed.OutletSiteCodeAirB })
                    Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            }
            // Its own file opens.
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}", "[data-testid=tab-basic]");
            await Assertions.Expect(page.Locator("[data-testid=tab-basic]")).ToContainTextAsync(NameA);
            // Its own 信访投诉 tab says the records are the bureau's, whether or not complaints name it (issue 18 P7).
            await OpenAsync(page, $"/enterprises/{SourceSeed.UsccA}?tab=complaints", "[data-testid=slot-complaints]");
            await Assertions.Expect(page.Locator("[data-testid=slot-complaints]")).ToContainTextAsync("信访投诉信息仅向生态环境部门开放");
            Assert.DoesNotContain("TS2024", await page.Locator("[data-testid=slot-complaints]").InnerTextAsync(), StringComparison.Ordinal);
        }
        finally { await page.Context.CloseAsync(); }
    }
}
