using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;
using SmartEnv.Host;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// A small server for the 信访投诉 pages: a temp SQLite store with P2's complaint fixture (<see cref="ComplaintSeed"/>: five
/// cases of September 2024 — two construction-noise cases 150 m apart, an industrial-noise case 500 m from the first, an
/// odour case against enterprise A (accepted, made urgent here: 突发环境事件) and a replied water case without a location —
/// every one with the query code <see cref="ComplaintSeed.QueryCodeForSeed"/>), an admin, an enforcement user and a
/// viewer. Chromium as <see cref="UiServerFixture"/>.
/// </summary>
public sealed class ComplaintServerFixture : IAsyncLifetime
{
    /// <summary>Accounts (digits only: no Latin word in the zh-CN header) and their password.</summary>
    public const string Enforcer = "400001", Viewer = "400002", Password = "江北信访账号2026";

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-ts-" + Guid.NewGuid().ToString("N")[..12]);
    private SmartEnvPlatform _platform = null!;
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
        await ComplaintSeed.SeedAsync(Store, QueryCode.Hash);
        await using (var db = Store.CreateContext())
        {
            var odour = await db.Complaints.SingleAsync(c => c.Number == ComplaintSeed.NumberOdourA);
            odour.Urgency = StoredComplaintUrgency.EnvironmentalEmergency;
            await db.SaveChangesAsync();
        }
        var token = AdminToken.LoadOrCreate(_dataDir);
        await TestAccounts.UserAsync(Store, UiServerFixture.AdminUser, UiServerFixture.AdminPassword, [SmartEnvRoles.Admin]);
        await TestAccounts.UserAsync(Store, Enforcer, Password, [SmartEnvRoles.Enforcement]);
        await TestAccounts.UserAsync(Store, Viewer, Password, [SmartEnvRoles.Viewer]);
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

    /// <summary>A new zh-CN page (cookies empty), 1920×1080 or the given size, optionally with a granted position.</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080, Geolocation? position = null)
    {
        var options = new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "UTC",
        };
        if (position is not null)
        {
            options.Geolocation = position;
            options.Permissions = ["geolocation"];
        }
        if (width < 500)
        {
            options.IsMobile = true;
            options.HasTouch = true;
            options.DeviceScaleFactor = 2;
        }
        return await ZhPages.NewAsync(Browser, BaseUrl, BrowserLog, options);
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
/// 信访投诉 pages in Chromium (issue 18 P6). ACCEPTANCE: a public submission from a phone-sized window (390×844) without
/// an account creates a case with the fields as entered (checked in the store), the number and query code it shows give
/// the status on <c>/complaint/query</c>, another code gives the same "not found" as an unknown number and no data. A staff
/// walk-through (受理 → 交办 → 核查 → 答复) on the case page by an enforcement user, each step audited; the public page then
/// shows the reply and never the reporter's name or phone; a viewer sees the case without the reporter block and without
/// actions. The list (urgent on top, overdue marked), the hotspot map and the monthly statistics for the September 2024
/// fixture against hand counts. Screenshots <c>complaint-phone.png</c>, <c>complaint-case.png</c>.
/// </summary>
public sealed class ComplaintBrowserTests(ComplaintServerFixture server, ITestOutputHelper output) : IClassFixture<ComplaintServerFixture>
{
    private Task OpenAsync(IPage page, string path, string ready) => ZhPages.OpenAsync(page, path, ready, server.BrowserLog);

    /// <summary>Latin words of the zh-CN page's content, case numbers and query codes (codes, not words) removed.</summary>
    private static async Task AssertChineseAsync(IPage page, params string[] codes)
    {
        var text = await page.Locator(".se-content").First.InnerTextAsync();
        text = System.Text.RegularExpressions.Regex.Replace(text, @"TS\d{12}", "");
        foreach (var c in codes) text = text.Replace(c, "", StringComparison.Ordinal);
        var latin = ChineseText.Violations(text).ToList();
        Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
    }

    /// <summary>A 64×48 PNG (what a phone's picker hands over is a JPEG or PNG; the intake re-encodes it as JPEG).</summary>
    private static byte[] Png()
    {
        using var bmp = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bmp)) canvas.Clear(new SKColor(0x33, 0x66, 0x99));
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public async Task A_public_submission_from_a_phone_creates_a_case_and_only_its_query_code_shows_it()
    {
        // 观音桥 area, inside 江北区's outline (DataV box 29.552–29.679 N, 106.451–106.894 E).
        const double lat = 29.5751, lon = 106.5321;
        var page = await server.NewPageAsync(390, 844, new Geolocation { Latitude = (float)lat, Longitude = (float)lon, Accuracy = 20 });
        string number, code;
        try
        {
            await OpenAsync(page, "/complaint", "[data-testid=complaint-content]");
            Assert.Equal("false", await page.Locator("[data-testid=complaint-page]").GetAttributeAsync("data-staff"));
            // The public navigation offers 我要投诉, not the staff list.
            await page.Locator("[data-testid=nav-toggle] button").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=top-nav] a[href='/complaint']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=top-nav] a[href='/complaints']")).ToHaveCountAsync(0);
            await page.Locator("[data-testid=nav-toggle] button").ClickAsync();

            // A pasted text over the limit is kept whole and flagged before 提交 (a maxlength cut it silently at 2,000 before).
            var tooLong = new string('噪', ComplaintRules.Default.TextMaxChars + 1);
            await page.Locator("[data-testid=complaint-content]").FillAsync(tooLong);
            await Assertions.Expect(page.Locator("[data-testid=complaint-counter]")).ToHaveAttributeAsync("data-count", tooLong.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(page.Locator("[data-testid=complaint-content-over]")).ToBeVisibleAsync();
            const string content = "小区旁边的工地每天晚上十一点以后还在打桩，噪声很大，影响休息。";
            await page.Locator("[data-testid=complaint-content]").FillAsync(content);
            await Assertions.Expect(page.Locator("[data-testid=complaint-counter]")).ToHaveAttributeAsync("data-count", content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            const string address = "江北区观音桥建新北路某小区东门旁";
            await page.Locator("[data-testid=complaint-address]").FillAsync(address);
            // 「自动识别」 names the one street in the address: 观音桥 → 观音桥街道 500105006000.
            await Assertions.Expect(page.Locator("[data-testid=complaint-street-inferred]")).ToHaveAttributeAsync("data-code", ComplaintSeed.StreetGuanyinqiao);
            // A click on the outline picks a point; then 「使用当前位置」 replaces it with the phone's position.
            var picker = page.Locator("[data-testid=complaint-map-picker]");
            var box = (await picker.BoundingBoxAsync())!;
            await picker.ClickAsync(new() { Position = new Position { X = box.Width / 2, Y = box.Height / 2 } });
            await Assertions.Expect(page.Locator("[data-testid=complaint-location]")).ToHaveAttributeAsync("data-source", "map");
            await page.Locator("[data-testid=complaint-locate]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=complaint-location]")).ToHaveAttributeAsync("data-source", "gps");
            Assert.Equal(lat, double.Parse((await page.Locator("[data-testid=complaint-location]").GetAttributeAsync("data-lat"))!, System.Globalization.CultureInfo.InvariantCulture), 4);
            await page.Locator("[data-testid=complaint-when]").FillAsync("2024-09-19T23:30");
            await page.Locator("[data-testid=complaint-type][data-code='noise.construction']").CheckAsync();
            await page.Locator("[data-testid=complaint-reported]").FillAsync("某建筑工地");
            await page.Locator("[data-testid=complaint-photos]").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Png() });
            await Assertions.Expect(page.Locator("[data-testid=complaint-photo]")).ToHaveCountAsync(1);
            await page.Locator("[data-testid=complaint-named]").CheckAsync();
            await page.Locator("[data-testid=complaint-reporter-name]").FillAsync("张先生");
            await page.Locator("[data-testid=complaint-reporter-phone]").FillAsync("13900000007");
            await Assertions.Expect(page.Locator("[data-testid=complaint-privacy]")).ToContainTextAsync("承办本案的工作人员");
            // The form fits the phone: nothing wider than the 390 px window.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the form scrolls sideways on a 390 px phone");
            // The photo's own file name is the reporter's data, not the page's words.
            await AssertChineseAsync(page, "现场.png");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("complaint-phone.png"), FullPage = true });

            await page.Locator("[data-testid=complaint-submit]").ClickAsync();
            var receipt = page.Locator("[data-testid=complaint-receipt]");
            await receipt.WaitForAsync(new() { Timeout = 60_000 });
            number = (await receipt.GetAttributeAsync("data-number"))!;
            code = (await receipt.GetAttributeAsync("data-code"))!;
            Assert.Matches(@"^TS\d{12}$", number);
            Assert.Equal(10, code.Length);
            await Assertions.Expect(page.Locator("[data-testid=receipt-code]")).ToHaveTextAsync(code[..5] + "-" + code[5..]);
            await Assertions.Expect(receipt).ToContainTextAsync("请立即记下");
            await AssertChineseAsync(page, code[..5] + "-" + code[5..]);
            output.WriteLine($"case {number}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // The store holds the case with the fields as entered (read unscoped, as a job does).
        await using (var db = server.Store.CreateContext())
        {
            var c = await db.Complaints.AsNoTracking().Include(x => x.Types).SingleAsync(x => x.Number == number);
            Assert.Equal(StoredComplaintChannel.Online, c.Channel);
            Assert.Equal(StoredComplaintState.Registered, c.State);
            Assert.Equal("小区旁边的工地每天晚上十一点以后还在打桩，噪声很大，影响休息。", c.Content);
            Assert.Equal("江北区观音桥建新北路某小区东门旁", c.Address);
            Assert.Equal(ComplaintSeed.StreetGuanyinqiao, c.StreetCode);
            Assert.Equal(lat, c.Latitude!.Value, 4);
            Assert.Equal(lon, c.Longitude!.Value, 4);
            Assert.Equal(new DateTimeOffset(2024, 9, 19, 23, 30, 0, SmartEnv.Standards.Common.BeijingTime.Offset), c.OccurredAt);
            Assert.Equal("某建筑工地", c.ReportedName);
            // noise.construction implies its parent noise: both stored (2 rows).
            Assert.Equal(["noise", "noise.construction"], c.Types.Select(t => t.Code).Order(StringComparer.Ordinal).ToList());
            var reporter = await db.ComplaintReporters.AsNoTracking().SingleAsync(r => r.ComplaintId == c.Id);
            Assert.False(reporter.Anonymous);
            Assert.Equal("张先生", reporter.Name);
            Assert.Equal("13900000007", reporter.Phone);
            var photo = await db.ComplaintPhotos.AsNoTracking().SingleAsync(p => p.ComplaintId == c.Id);
            Assert.Equal(1, photo.Seq);
            Assert.Equal([0xFF, 0xD8], photo.Content.Take(2).ToArray()); // re-encoded as JPEG
        }

        // The query code shows the status; another code shows nothing (the same text as an unknown number); no contact data.
        var q = await server.NewPageAsync(390, 844);
        try
        {
            await OpenAsync(q, "/complaint/query", "[data-testid=query-number]");
            await q.Locator("[data-testid=query-number]").FillAsync(number);
            await q.Locator("[data-testid=query-code]").FillAsync(code[..5] + "-" + code[5..]);
            await q.Locator("[data-testid=query-submit]").ClickAsync();
            await Assertions.Expect(q.Locator("[data-testid=query-result]")).ToHaveAttributeAsync("data-state", "registered");
            await Assertions.Expect(q.Locator("[data-testid=query-state]")).ToHaveTextAsync("已登记，待受理");
            var html = await q.ContentAsync();
            Assert.DoesNotContain("13900000007", html, StringComparison.Ordinal);
            Assert.DoesNotContain("张先生", html, StringComparison.Ordinal);
            await AssertChineseAsync(q);

            var other = code[..9] + (code[9] == '2' ? '3' : '2');
            await q.Locator("[data-testid=query-code]").FillAsync(other);
            await q.Locator("[data-testid=query-submit]").ClickAsync();
            await Assertions.Expect(q.Locator("[data-testid=query-not-found]")).ToBeVisibleAsync();
            await Assertions.Expect(q.Locator("[data-testid=query-result]")).ToHaveCountAsync(0);
            var wrongCode = await q.Locator("[data-testid=query-not-found]").InnerTextAsync();
            Assert.DoesNotContain("小区旁边", await q.ContentAsync(), StringComparison.Ordinal);

            await q.Locator("[data-testid=query-number]").FillAsync("TS209901010001");
            await q.Locator("[data-testid=query-code]").FillAsync(code);
            await q.Locator("[data-testid=query-submit]").ClickAsync();
            await Assertions.Expect(q.Locator("[data-testid=query-not-found]")).ToHaveTextAsync(wrongCode);
        }
        finally
        {
            await q.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Staff_accept_assign_record_findings_and_reply_and_the_public_page_shows_the_reply_without_contact_data()
    {
        var n = ComplaintSeed.NumberNoise3; // registered; reporter 刘先生 13800000003
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page, ComplaintServerFixture.Enforcer, ComplaintServerFixture.Password);
            // The list: the urgent odour case on top; overdue cases marked.
            await OpenAsync(page, "/complaints", "[data-testid=complaints-list]");
            await Assertions.Expect(page.Locator("[data-testid=complaints-list] tbody tr").First).ToHaveAttributeAsync("data-number", ComplaintSeed.NumberOdourA);
            await Assertions.Expect(page.Locator("[data-testid=complaints-list] tbody tr").First).ToHaveAttributeAsync("data-urgent", "true");
            // Registered 2024-09-22, acceptance due 2024-10-08: long overdue today.
            await Assertions.Expect(page.Locator($"[data-testid=complaints-list] tr[data-number='{n}']")).ToHaveAttributeAsync("data-overdue", "true");
            await AssertChineseAsync(page);

            await OpenAsync(page, $"/complaints/{n}", "[data-testid=complaint-case]");
            await Assertions.Expect(page.Locator("[data-testid=case-reporter]")).ToContainTextAsync("13800000003");

            async Task Act(string action, Func<ILocator, Task> fill, string state)
            {
                var form = page.Locator($"[data-testid=case-action][data-action='{action}']");
                await fill(form);
                await form.Locator("[data-testid=act-submit]").ClickAsync();
                await Assertions.Expect(page.Locator("[data-testid=case-action-result]")).ToHaveAttributeAsync("data-ok", "true");
                await Assertions.Expect(page.Locator("[data-testid=complaint-case]")).ToHaveAttributeAsync("data-state", state);
            }

            await Act("accept", _ => Task.CompletedTask, "accepted");
            await Act("assign", f => f.Locator("[data-testid=act-assignee-street]").SelectOptionAsync(ComplaintSeed.StreetGuanyinqiao), "assigned");
            await Act("findings", async f =>
            {
                await f.Locator("[data-testid=act-findings]").FillAsync("现场核查：厂房风机未加装消声器，夜间噪声明显。");
                await f.Locator("[data-testid=act-verification]").SelectOptionAsync("true");
            }, "handling");
            const string reply = "经核查，反映的风机噪声问题属实，已责令企业加装消声设施并限期整改。";
            await Act("reply", f => f.Locator("[data-testid=act-reply]").FillAsync(reply), "replied");
            await Assertions.Expect(page.Locator("[data-testid=case-verification]")).ToHaveAttributeAsync("data-value", "true");
            await Assertions.Expect(page.Locator("[data-testid=case-assignee]")).ToContainTextAsync("观音桥街道");
            await Assertions.Expect(page.Locator("[data-testid=case-events] tr[data-to='replied']")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor("complaint-case.png"), FullPage = true });

            // Every step is in the audit trail (4 actions by the enforcement user on this case).
            await using var db = server.Store.CreateContext();
            var audited = await db.AuditEntries.AsNoTracking()
                .Where(a => a.ActorName == ComplaintServerFixture.Enforcer && a.Action.StartsWith("complaint.") && a.TargetId == n).Select(a => a.Action).ToListAsync();
            Assert.True(audited.Count >= 4, "audited: " + string.Join(", ", audited));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // The public page shows the reply and nothing of the reporter.
        var q = await server.NewPageAsync(390, 844);
        try
        {
            await OpenAsync(q, "/complaint/query?number=" + n, "[data-testid=query-code]");
            await q.Locator("[data-testid=query-code]").FillAsync(ComplaintSeed.QueryCodeForSeed);
            await q.Locator("[data-testid=query-submit]").ClickAsync();
            await Assertions.Expect(q.Locator("[data-testid=query-result]")).ToHaveAttributeAsync("data-state", "replied");
            await Assertions.Expect(q.Locator("[data-testid=query-reply]")).ToHaveTextAsync("经核查，反映的风机噪声问题属实，已责令企业加装消声设施并限期整改。");
            // The handling due day says 暂定 exactly when the stored one is provisional (the calendar lacks its year).
            bool provisional;
            await using (var db = server.Store.CreateContext())
                provisional = (await db.Complaints.AsNoTracking().SingleAsync(x => x.Number == n)).HandlingDueProvisional;
            var due = q.Locator("[data-testid=query-handling-due]");
            await Assertions.Expect(due).ToHaveAttributeAsync("data-provisional", provisional ? "true" : "false");
            Assert.Equal(provisional, (await due.InnerTextAsync()).Contains("暂定", StringComparison.Ordinal));
            var html = await q.ContentAsync();
            foreach (var secret in new[] { "刘先生", "13800000003", "现场核查：厂房风机" })
                Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
        finally
        {
            await q.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_viewer_sees_the_case_without_the_reporter_and_without_actions()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page, ComplaintServerFixture.Viewer, ComplaintServerFixture.Password);
            await OpenAsync(page, $"/complaints/{ComplaintSeed.NumberNoise1}", "[data-testid=complaint-case]");
            await Assertions.Expect(page.Locator("[data-testid=case-reporter-hidden]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=case-action]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=case-merge]")).ToHaveCountAsync(0);
            var html = await page.ContentAsync();
            Assert.DoesNotContain("13800000001", html, StringComparison.Ordinal);
            Assert.DoesNotContain("王女士", html, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_hotspot_map_and_the_monthly_statistics_match_hand_counts()
    {
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            // September 2024: 4 located cases (the water case has no position). 500 m cells from the grid origin 29.55 N:
            // noise1 29.575000 → 2 780 m north, noise2 29.576349 → 2 930 m (both row 5, same column 106.532), noise3
            // 29.579497 → 3 280 m (row 6), the odour case 29.600/106.600 its own cell: 3 cells, one of 2 cases.
            await OpenAsync(page, "/complaints/map?from=2024-09-01&to=2024-09-30", "[data-testid=map-summary]");
            var summary = page.Locator("[data-testid=map-summary]");
            await Assertions.Expect(summary).ToHaveAttributeAsync("data-located", "4");
            await Assertions.Expect(summary).ToHaveAttributeAsync("data-unlocated", "1");
            await Assertions.Expect(page.Locator("[data-testid=map-data] tr")).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("[data-testid=map-data] tr[data-count='2']")).ToHaveAttributeAsync("data-numbers",
                $"{ComplaintSeed.NumberNoise1} {ComplaintSeed.NumberNoise2}");
            await page.Locator("[data-testid=complaints-map] canvas, [data-testid=complaints-map] svg").First.WaitForAsync();
            // Per street: 观音桥 3 (the noise cases), 寸滩 2 (odour, water).
            await Assertions.Expect(page.Locator($"[data-testid=map-streets] tr[data-street='{ComplaintSeed.StreetGuanyinqiao}']")).ToHaveAttributeAsync("data-count", "3");
            await Assertions.Expect(page.Locator($"[data-testid=map-streets] tr[data-street='{ComplaintSeed.StreetCuntan}']")).ToHaveAttributeAsync("data-count", "2");
            await AssertChineseAsync(page);

            // The bulletin of 2024-09: 5 received, one per channel 电话 微信 网上 来信 来访.
            await OpenAsync(page, "/complaints/stats?month=2024-09", "[data-testid=stats-summary]");
            await Assertions.Expect(page.Locator("[data-testid=stats-summary]")).ToHaveAttributeAsync("data-total", "5");
            foreach (var ch in new[] { "Phone", "WeChat", "Online", "Letter", "Visit" })
                await Assertions.Expect(page.Locator($"[data-testid=stats-table][data-table=channel] tr[data-key='{ch}']")).ToHaveAttributeAsync("data-count", "1");
            await Assertions.Expect(page.Locator("[data-testid=stats-table][data-table=channel] tr[data-key='Transferred']")).ToHaveAttributeAsync("data-count", "0");
            await Assertions.Expect(page.Locator("[data-testid=stats-chart]")).ToHaveCountAsync(5);
            await Assertions.Expect(page.Locator("[data-testid=stats-xlsx]")).ToHaveAttributeAsync("href", "/api/complaints/stats.xlsx?month=2024-09");
            await AssertChineseAsync(page);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
