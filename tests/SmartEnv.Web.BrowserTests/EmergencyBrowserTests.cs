using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// A server for the emergency pages at a fixed clock (Monday 2025-01-06 10:00 Beijing): a temp SQLite store with the
/// registry seed, enterprise A and an admin. Chromium as <see cref="UiServerFixture"/>.
/// </summary>
public sealed class EmergencyServerFixture : IAsyncLifetime
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2025-01-06 02:00 UTC = Monday 10:00 Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 6, 2, 0, 0, TimeSpan.Zero);

    /// <summary>Enterprise A.</summary>
    public const string A = "91500105MA5U0A1661";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-emergency-" + Guid.NewGuid().ToString("N")[..12]);
    private WebApplication _app = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public System.Collections.Concurrent.ConcurrentBag<string> BrowserLog { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Store = new SmartEnvStore(StoreOptions.Parse(null, _dataDir));
        await Store.MigrateAndSeedAsync();
        await using (var ctx = Store.CreateContext())
        {
            ctx.Enterprises.Add(new Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", CreatedAt = Now });
            await ctx.SaveChangesAsync();
        }
        await TestAccounts.UserAsync(Store, UiServerFixture.AdminUser, UiServerFixture.AdminPassword, [SmartEnvRoles.Admin]);
        _app = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
        });
        await _app.StartAsync();
        BaseUrl = SmartEnvWeb.BoundAddress(_app);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = UiServerFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new zh-CN desktop page.</summary>
    public Task<IPage> NewPageAsync() =>
        ZhPages.NewAsync(Browser, BaseUrl, BrowserLog, new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, TimezoneId = "UTC" });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_app is not null) { await _app.StopAsync(); await _app.DisposeAsync(); }
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }
}

/// <summary>
/// The emergency pages in Chromium (issue 20 forms): staff record an event through the form and land on its page, which
/// shows the level and the 初报 deadline clock; staff register a plan (the filing due previewed), upload a filing-set
/// document through the page's file input, and the download link returns the same bytes with the original name.
/// Hand-worked values in the comments.
/// </summary>
public sealed class EmergencyBrowserTests(EmergencyServerFixture server, ITestOutputHelper output) : IClassFixture<EmergencyServerFixture>
{
    private Task OpenAsync(IPage page, string path, string ready) => ZhPages.OpenAsync(page, path, ready, server.BrowserLog);

    [Fact]
    public async Task Staff_record_an_event_and_file_a_plan_document_through_the_pages()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);

            // Event: 10 deaths reach the 重大 bound (≥ 10) → 2 h from learned 09:30 Beijing = 11:30; the clock says 10:00 → 1 h 30 min left.
            await OpenAsync(page, "/emergency/events", "[data-testid=event-form]");
            await page.Locator("[data-testid=ev-title]").FillAsync("化工厂储罐泄漏");
            await page.Locator("[data-testid=ev-occurred]").FillAsync("2025-01-06T09:10");
            await page.Locator("[data-testid=ev-learned]").FillAsync("2025-01-06T09:30");
            await page.GetByLabel("死亡人数").FillAsync("10");
            await page.Locator("[data-testid=ev-record]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/emergency/events/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("[data-testid=event-level]").WaitForAsync(new() { Timeout = 60_000 });
            Assert.Equal("重大", (await page.Locator("[data-testid=event-level]").InnerTextAsync()).Trim());
            Assert.Equal("2025-01-06 11:30", (await page.Locator("[data-testid=report-deadline]").InnerTextAsync()).Trim());
            Assert.Contains("剩余 1 小时 30 分", await page.Locator("[data-testid=report-clock]").InnerTextAsync(), StringComparison.Ordinal);

            // The correction form speaks Chinese only (ChineseText allow-list).
            Assert.Empty(ChineseText.Violations(await page.Locator("[data-testid=correct-form]").InnerTextAsync()));

            // Plan: signed Fri 2024-12-20 → filing due 2025-01-20 (20 working days; hand count in EmergencyApiTests).
            await OpenAsync(page, "/emergency", "[data-testid=plan-form]");
            await page.Locator("[data-testid=plan-uscc]").FillAsync(EmergencyServerFixture.A);
            await page.Locator("[data-testid=plan-title]").FillAsync("突发环境事件应急预案");
            await page.Locator("[data-testid=plan-version]").FillAsync("2024版");
            await page.Locator("[data-testid=plan-signed]").FillAsync("2024-12-20");
            await Assertions.Expect(page.Locator("[data-testid=plan-due-preview]")).ToContainTextAsync("备案期限 2025-01-20");
            await page.Locator("[data-testid=plan-create]").ClickAsync();
            var row = page.Locator("[data-testid=plans] tr[data-state=signed]");
            await row.WaitForAsync(new() { Timeout = 60_000 });
            Assert.Contains("2025-01-20", await row.InnerTextAsync(), StringComparison.Ordinal);

            foreach (var form in new[] { "unit-form", "plan-form" })
                Assert.Empty(ChineseText.Violations(await page.Locator($"[data-testid={form}]").InnerTextAsync()));

            // Upload the plan document (a 4-byte PDF under a Chinese name) → the row links it; the link returns the bytes.
            byte[] pdf = [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37]; // "%PDF-1.7"
            await row.Locator("[data-testid=attach-plan] select").SelectOptionAsync("plan");
            await row.Locator("[data-testid=attach-file]").SetInputFilesAsync(new FilePayload { Name = "应急预案.pdf", MimeType = "application/pdf", Buffer = pdf });
            var link = row.Locator("[data-testid=plan-attachments] a[data-doc=plan]");
            await link.WaitForAsync(new() { Timeout = 60_000 });
            Assert.Equal("应急预案及编制说明", (await link.InnerTextAsync()).Trim());
            var href = (await link.GetAttributeAsync("href"))!;
            Assert.StartsWith($"/api/enterprises/{EmergencyServerFixture.A}/emergency/plans/", href, StringComparison.Ordinal);
            var download = await page.APIRequest.GetAsync(href); // the signed-in context's cookie
            Assert.Equal(200, download.Status);
            Assert.Equal(pdf, await download.BodyAsync());
            Assert.Contains("filename*=UTF-8''%E5%BA%94%E6%80%A5", download.Headers["content-disposition"], StringComparison.Ordinal); // 应急…
        }
        finally
        {
            await page.Context.CloseAsync();
            output.WriteLine(string.Join("\n", server.BrowserLog));
        }
    }
}
