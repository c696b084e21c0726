using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartEnv.Host;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Tests;
using SmartEnv.Waste.Manifests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// A small server for the 危险废物 pages: a temp SQLite store with the issue 17 fixture (<see cref="WasteSeed"/>: generator
/// A with container <see cref="WasteSeed.ContainerIdentifierA"/>, 0.18 t stored in TS001 on 2026-01-05 14:00 Beijing;
/// carrier C; receiver R; hospital H; disposal unit D), one manifest drafted by A through <see cref="ManifestService"/>
/// (A → C → R, one line 900-249-08 废矿物油 0.36 t, state draft), an admin, and one enterprise user each for A, C and R.
/// Chromium as <see cref="UiServerFixture"/>.
/// </summary>
public sealed class WasteServerFixture : IAsyncLifetime
{
    /// <summary>Enterprise users (digits only: no Latin word in the zh-CN header) of A, C and R; one password.</summary>
    public const string UserA = "300001", UserC = "300002", UserR = "300003", Password = "江北危废账号2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-hw-" + Guid.NewGuid().ToString("N")[..12]);
    private SmartEnvPlatform _platform = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public System.Collections.Concurrent.ConcurrentBag<string> BrowserLog { get; } = [];

    /// <summary>The drafted manifest's number.</summary>
    public string Manifest { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Store = new SmartEnvStore(StoreOptions.Parse(null, _dataDir));
        await Store.MigrateAndSeedAsync();
        await WasteSeed.SeedAsync(Store);
        await using (var db = Store.CreateContext())
        {
            var m = await new ManifestService(db, TimeProvider.System).DraftAsync(WasteSeed.UsccA,
                new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null, [new ManifestLineInput("900-249-08", "废矿物油", null, "液态", "铁桶", 2, 0.36m)]),
                new AuditActor(AuditActorKind.User, "seed"));
            Manifest = m.Number;
        }
        var token = AdminToken.LoadOrCreate(_dataDir);
        await TestAccounts.UserAsync(Store, UiServerFixture.AdminUser, UiServerFixture.AdminPassword, [SmartEnv.Storage.Accounts.SmartEnvRoles.Admin]);
        foreach (var (user, uscc) in new[] { (UserA, WasteSeed.UsccA), (UserC, WasteSeed.UsccC), (UserR, WasteSeed.UsccR) })
            await TestAccounts.UserAsync(Store, user, Password, [SmartEnv.Storage.Accounts.SmartEnvRoles.Enterprise], [uscc]);
        var readiness = new Readiness("http");
        _platform = SmartEnvPlatform.Create(new PlatformOptions { Store = Store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = Store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback } });
        await _platform.StartAsync();
        readiness.MarkReady("http");
        BaseUrl = SmartEnvWeb.BoundAddress(_platform.Web!);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = UiServerFixture.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A new zh-CN page (cookies empty), 1920×1080 or the given size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080)
    {
        return await ZhPages.NewAsync(Browser, BaseUrl, BrowserLog, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
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
/// 危险废物 pages in Chromium (issue 17 "Pages"): staff see the overview — A's TS001 with 0.18 t and one container, the
/// storage-age histogram with that container in the bin its age falls in (counted by hand from 2026-01-05 in Beijing),
/// the search by code — and the map of generators and receivers; the manifest is signed through the pages by the three
/// parties in turn (A 提交, C 确认起运 with the vehicle and 确认到达, R 接受), each step an audit entry; the carrier's manifest
/// list fits a 390 px phone. Screenshots <c>waste-overview.png</c>, <c>waste-map.png</c>, <c>waste-mine.png</c>,
/// <c>waste-manifest.png</c>, <c>waste-phone.png</c>.
/// </summary>
public sealed class WasteBrowserTests(WasteServerFixture server, ITestOutputHelper output) : IClassFixture<WasteServerFixture>
{
    private Task OpenAsync(IPage page, string path, string ready) => ZhPages.OpenAsync(page, path, ready, server.BrowserLog);

    /// <summary>The histogram bin of a container stored on 2026-01-05 (Beijing), today: whole days by hand.</summary>
    private static string ExpectedBin()
    {
        var days = BeijingTime.Today(DateTimeOffset.UtcNow).DayNumber - new DateOnly(2026, 1, 5).DayNumber;
        return days <= 90 ? "0-90" : days <= 180 ? "91-180" : days <= 270 ? "181-270" : days <= 365 ? "271-365" : "366-";
    }

    [Fact]
    public async Task Staff_see_stock_storage_age_search_and_the_map()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/hw", "[data-testid=hw-stock]");
            await Assertions.Expect(page.Locator("[data-testid=hw-home]")).ToHaveAttributeAsync("data-staff", "true");
            var ts001 = page.Locator($"[data-testid=hw-stock] tr[data-uscc='{WasteSeed.UsccA}'][data-facility='TS001']");
            await Assertions.Expect(ts001).ToHaveAttributeAsync("data-stock", "0.18");
            await Assertions.Expect(ts001).ToContainTextAsync("0.18 吨");
            var bin = ExpectedBin();
            await Assertions.Expect(page.Locator($"[data-testid=hw-age-data] tr[data-bin='{bin}']")).ToHaveAttributeAsync("data-count", "1");
            Assert.Equal(1, await page.Locator("[data-testid=hw-age-data] tr:not([data-count='0'])").CountAsync());
            await page.Locator("[data-testid=hw-age-chart] canvas, [data-testid=hw-age-chart] svg").First.WaitForAsync();
            await Assertions.Expect(page.Locator("[data-testid=hw-overdue-manifests], [data-testid=empty-state]").First).ToBeAttachedAsync();
            await Assertions.Expect(page.Locator($"[data-testid=hw-containers] tr[data-identifier='{WasteSeed.ContainerIdentifierA}']")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("waste-overview.png"), FullPage = true });

            // Search by code from the overview: A's container, and the manifest carrying that code.
            await page.Locator("[data-testid=hw-q]").FillAsync("900-249-08");
            await page.Locator("[data-testid=hw-search]").ClickAsync();
            await page.WaitForURLAsync(u => u.Contains("/hw/containers?q=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await Assertions.Expect(page.Locator($"[data-testid=hw-containers] tr[data-identifier='{WasteSeed.ContainerIdentifierA}']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator($"[data-testid=hw-search-manifests] tr[data-number='{server.Manifest}']")).ToHaveCountAsync(1);
            // By the carrier's name: no container, the manifest.
            await OpenAsync(page, "/hw/containers?q=" + Uri.EscapeDataString("丙危险品"), "[data-testid=hw-search-manifests]");
            await Assertions.Expect(page.Locator("[data-testid=hw-containers]")).ToHaveCountAsync(0);

            // The map: generators and receivers of the fixture, A as a generator, R as a receiver, D (disposal + receiver) as a receiver.
            await OpenAsync(page, "/hw/map", "[data-testid=hw-map-data]");
            await Assertions.Expect(page.Locator($"[data-testid=hw-map-data] tr[data-uscc='{WasteSeed.UsccA}']")).ToHaveAttributeAsync("data-role", "generator");
            await Assertions.Expect(page.Locator($"[data-testid=hw-map-data] tr[data-uscc='{WasteSeed.UsccR}']")).ToHaveAttributeAsync("data-role", "receiver");
            await Assertions.Expect(page.Locator($"[data-testid=hw-map-data] tr[data-uscc='{WasteSeed.UsccD}']")).ToHaveAttributeAsync("data-role", "receiver");
            await page.Locator("[data-testid=hw-map] canvas, [data-testid=hw-map] svg").First.WaitForAsync();
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("waste-map.png") });
            var latin = ChineseText.Violations(await page.Locator(".se-content").First.InnerTextAsync()).ToList();
            Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_three_parties_sign_the_manifest_on_the_pages_and_every_step_is_audited()
    {
        // A: its container with the label link; the draft awaits 提交.
        var a = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(a, WasteServerFixture.UserA, WasteServerFixture.Password);
            await OpenAsync(a, "/hw", "[data-testid=hw-to-sign]");
            await Assertions.Expect(a.Locator("[data-testid=hw-home]")).ToHaveAttributeAsync("data-staff", "false");
            var container = a.Locator($"[data-testid=hw-containers] tr[data-identifier='{WasteSeed.ContainerIdentifierA}']");
            await Assertions.Expect(container.Locator("[data-testid=hw-label-link]"))
                .ToHaveAttributeAsync("href", $"/api/enterprises/{WasteSeed.UsccA}/hw/containers/{WasteSeed.ContainerIdentifierA}/label.pdf");
            var row = a.Locator($"[data-testid=hw-to-sign] tr[data-number='{server.Manifest}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "draft");
            await a.ScreenshotAsync(new() { Path = Screenshots.PathFor("waste-mine.png"), FullPage = true });
            await row.Locator("[data-testid=hw-action][data-trigger=submit]").ClickAsync();
            await Assertions.Expect(a.Locator($"[data-testid=hw-to-sign] tr[data-number='{server.Manifest}']")).ToHaveCountAsync(0);
        }
        finally
        {
            await a.Context.CloseAsync();
        }

        // C: 确认起运 needs the vehicle; then 确认到达.
        var c = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(c, WasteServerFixture.UserC, WasteServerFixture.Password);
            await OpenAsync(c, "/hw", "[data-testid=hw-to-sign]");
            var row = c.Locator($"[data-testid=hw-to-sign] tr[data-number='{server.Manifest}']");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "submitted");
            await row.Locator("[data-testid=hw-action][data-trigger=pick_up]").ClickAsync();
            await Assertions.Expect(row.Locator("[data-testid=hw-action-result]")).ToHaveAttributeAsync("data-ok", "false"); // no vehicle: refused
            await row.Locator("[data-testid=hw-vehicle]").FillAsync("渝A12345");
            await row.Locator("[data-testid=hw-action][data-trigger=pick_up]").ClickAsync();
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "in_transit");
            await row.Locator("[data-testid=hw-action][data-trigger=arrive]").ClickAsync();
            await Assertions.Expect(c.Locator($"[data-testid=hw-to-sign] tr[data-number='{server.Manifest}']")).ToHaveCountAsync(0);
        }
        finally
        {
            await c.Context.CloseAsync();
        }

        // R: the manifest's page, 接受 the declared quantity.
        var r = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(r, WasteServerFixture.UserR, WasteServerFixture.Password);
            await OpenAsync(r, $"/hw/manifests/{server.Manifest}", "[data-testid=hw-manifest]");
            await Assertions.Expect(r.Locator("[data-testid=hw-manifest]")).ToHaveAttributeAsync("data-state", "arrived");
            await Assertions.Expect(r.Locator("[data-testid=hw-received][data-line='1']")).ToHaveValueAsync("0.36");
            await r.Locator("[data-testid=hw-action][data-trigger=accept]").ClickAsync();
            await Assertions.Expect(r.Locator("[data-testid=hw-manifest]")).ToHaveAttributeAsync("data-state", "accepted");
            await Assertions.Expect(r.Locator("[data-testid=hw-manifest-events] tbody tr")).ToHaveCountAsync(5); // draft, submit, pick_up, arrive, accept
            await r.ScreenshotAsync(new() { Path = Screenshots.PathFor("waste-manifest.png"), FullPage = true });
        }
        finally
        {
            await r.Context.CloseAsync();
        }

        // Every transition is in the audit chain, in order, by the party's user.
        await using var db = server.Store.CreateContext();
        var audit = await db.AuditEntries.Where(e => e.TargetType == ManifestService.TargetManifest && e.TargetId == server.Manifest)
            .OrderBy(e => e.Seq).Select(e => new { e.Action, e.ActorName }).ToListAsync();
        Assert.Equal(["manifest.draft", "manifest.submit", "manifest.pick_up", "manifest.arrive", "manifest.accept"], audit.Select(x => x.Action));
        Assert.Equal(["seed", WasteServerFixture.UserA, WasteServerFixture.UserC, WasteServerFixture.UserC, WasteServerFixture.UserR], audit.Select(x => x.ActorName));
    }

    [Fact]
    public async Task On_a_390px_phone_the_carrier_manifest_list_never_scrolls_sideways()
    {
        var page = await server.NewPageAsync(390, 844);
        try
        {
            await UiServerFixture.SignInAsync(page, WasteServerFixture.UserC, WasteServerFixture.Password);
            await OpenAsync(page, "/hw/manifests", "[data-testid=hw-manifests]");
            await Assertions.Expect(page.Locator($"[data-testid=hw-manifests] tr[data-number='{server.Manifest}']")).ToHaveCountAsync(1);
            using var fit = JsonDocument.Parse(await page.EvaluateAsync<string>("""
                () => {
                  const w = document.documentElement.clientWidth;
                  const wide = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.right > w + 0.5; })
                    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.'));
                  return JSON.stringify({ scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10) });
                }
                """));
            output.WriteLine(fit.RootElement.ToString());
            Assert.True(fit.RootElement.GetProperty("scrollWidth").GetInt32() <= 390, "scrolls sideways: " + fit.RootElement);
            Assert.Equal(0, fit.RootElement.GetProperty("wide").GetArrayLength());
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("waste-phone.png"), FullPage = true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
