using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using SmartEnv.Imports;
using SmartEnv.PlanTracking;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage;
using SmartEnv.Tests;
using SmartEnv.Web;
using SmartEnv.Host;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Starts the real web app (API + UI) on a free loopback port over a temp SQLite store, seeds it with station 1420A
/// (唐家沱) of the CNEMC Chongqing 2019 file, and launches headless Debian chromium through Playwright.
/// </summary>
public sealed class UiServerFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    public static readonly string ChongqingFile = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");

    /// <summary>The plan tables (专栏2, 专栏1, 文中目标, 重大项目表) as printed.</summary>
    public static readonly string PlanDir = RepoPaths.SharedFile("data/plan");

    public static readonly string WaterFile = RepoPaths.SharedFile("data/raw/cnemc_surface_water_auto/cnemc_water_auto_4h_20210401-20210405.csv.gz");
    /// <summary>Header and the 重庆市 寸滩 rows of <see cref="WaterFile"/>, as imported (the importer has no section filter).</summary>
    public static IReadOnlyList<string> CuntanLines { get; } = ReadCuntanLines();

    private static List<string> ReadCuntanLines()
    {
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(WaterFile), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz, System.Text.Encoding.UTF8);
        var lines = new List<string> { reader.ReadLine()! };
        for (var l = reader.ReadLine(); l is not null; l = reader.ReadLine())
        {
            var cells = l.Split(',');
            if (cells.Length > 3 && cells[1] == "重庆市" && cells[3] == "寸滩") lines.Add(l);
        }
        return lines;
    }

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-ui-" + Guid.NewGuid().ToString("N")[..12]);
    public SmartEnvPlatform Platform { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public SmartEnvStore Store { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;
    public string Token { get; private set; } = null!;

    /// <summary>The admin account the browser tests sign in with (a 工号-style name: digits only, so the zh-CN header
    /// shows no Latin word) and its password.</summary>
    public const string AdminUser = "100001", AdminPassword = "江北区生态环境局2026";

    /// <summary>Signs <paramref name="page"/> in through <c>/signin</c> (the real form, antiforgery included) and waits
    /// until the browser has left the sign-in page: the navigation away is committed (the session cookie came with the
    /// redirect). It does not wait for the next page's <c>load</c> event: callers go on to their own page and wait for
    /// what they need there (a CI run timed out waiting for the overview's load event after the URL had already left
    /// /signin; Playwright logged network idle but no load).</summary>
    public static async Task SignInAsync(IPage page, string user = AdminUser, string password = AdminPassword)
    {
        await page.GotoAsync("/signin?returnUrl=%2F");
        await page.Locator("[data-testid=signin-user]").FillAsync(user);
        await page.Locator("[data-testid=signin-password]").FillAsync(password);
        await page.Locator("[data-testid=signin-submit]").ClickAsync();
        try
        {
            await page.WaitForURLAsync(u => !u.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException ex)
        {
            // Say why the form stayed (a CI run under load timed out here once with the page idle on /signin): the
            // page's own error, or what it shows instead.
            var shown = await page.Locator("[data-testid=signin-error], [data-testid=signin-denied]").AllInnerTextsAsync();
            var body = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"sign-in as {user} stayed on {page.Url}; errors shown: [{string.Join(" | ", shown)}]; page text: {body[..Math.Min(400, body.Length)]}", ex);
        }
    }

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public int SeededValues { get; private set; }
    public TimeSpan SeedTime { get; private set; }

    /// <summary>A frame from an unregistered logger, with a PW the UI must not show.</summary>
    public const string QuarantinedFrame = "##0101QN=20261129140000000;ST=22;CN=2011;PW=secret99;MN=UNKNOWN0000001;Flag=5;CP=&&DataTime=20261129140000;a34004-Rtd=35,a34004-Flag=N&&1C80";
    /// <summary>Browser console errors/warnings and page errors, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> BrowserLog { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDir);
        Store = new SmartEnvStore(StoreOptions.Parse(null, _dataDir));
        await Store.MigrateAndSeedAsync();
        var sw = Stopwatch.StartNew();
        SeededValues = await SeedAsync(Store);
        var waterCsv = Path.Combine(_dataDir, "cuntan.csv");
        await File.WriteAllLinesAsync(waterCsv, CuntanLines);
        var water = await new CnemcWaterImporter(Store).ImportAsync(waterCsv);
        if (water.Rejects.Count > 0 || water.SitesMatched.Count != 1) throw new InvalidOperationException("water import: " + string.Join("; ", water.Rejects.Select(r => r.Reason)));
        await new ObservationWriter(Store).WriteAsync([new PacketWrite(new RawPacket
        {
            // What the gateway stores for a logger that is not registered (HJ 212-2017 frame, CRC as sent).
            Text = QuarantinedFrame, ReceivedAt = new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero), Peer = "127.0.0.1:50000",
            Mn = "UNKNOWN0000001", Cn = "2011", Qn = "20261129140000000", FramingDiagnostics = "length=bytes;crc=ok;tail=crlf",
            CrcValid = true, Status = PacketStatus.Quarantined, QuarantineReason = QuarantineReason.UnknownMn,
            QuarantineDetail = "MN UNKNOWN0000001 is not registered",
        }, [])]);
        // The plan tables, stored as `smartenv plan import ../shared/data/plan` does (PlanRepository.ImportAsync).
        var plan = await new SmartEnv.PlanTracking.PlanRepository(Store).ImportAsync(PlanDir);
        if (!plan.Ok) throw new InvalidOperationException("plan import: " + string.Join("; ", plan.Errors));
        SeedTime = sw.Elapsed;
        var token = AdminToken.LoadOrCreate(_dataDir);
        Token = token.Value;
        await SmartEnv.Tests.TestAccounts.UserAsync(Store, AdminUser, AdminPassword, [SmartEnv.Storage.Accounts.SmartEnvRoles.Admin]);
        var readiness = new Readiness("http");
        Platform = SmartEnvPlatform.Create(new PlatformOptions { Store = Store, RunEvaluationQueue = false, Web = new SmartEnvWebOptions { Store = Store, AdminToken = token, Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback } });
        App = Platform.Web!;
        await Platform.StartAsync();
        readiness.MarkReady("http");
        BaseUrl = SmartEnvWeb.BoundAddress(App);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// Imports station 1420A of the Chongqing 2019 file with the platform's importer (<c>smartenv import --format
    /// cnemc-sites</c>), which also computes the stored hourly and daily AQI the API serves.
    /// </summary>
    private static async Task<int> SeedAsync(SmartEnvStore store)
    {
        var summary = await new CnemcSitesImporter(store).ImportAsync(ChongqingFile, new HashSet<string> { "1420A" });
        if (summary.Rejects.Count > 0) throw new InvalidOperationException($"import rejected {summary.Rejects.Count} rows");
        return summary.ValuesAccepted;
    }

    /// <summary>A new 1920×1080 page in the given locale context (cookies empty).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var ctx = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            BaseURL = BaseUrl.ToString(),
            AcceptDownloads = true,
            TimezoneId = "UTC",
        });
        var page = await ctx.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") BrowserLog.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => BrowserLog.Add("page error: " + e);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null)
        {
            await Platform.DisposeAsync();
        }
        try { Directory.Delete(_dataDir, true); } catch (IOException) { }
    }
}
