using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with the issue 17 fixture (<see cref="WasteSeed"/>: A's container 900-249-08
/// 废矿物油, 200 L, stored) plus one container of B.</summary>
public sealed class ContainerPageFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    /// <summary>B's container (a 37-character identifier in the assumed layout: USCC + 90004149 + 20260106 + 001).</summary>
    public const string ContainerB = SourceSeed.UsccB + "90004149" + "20260106" + "001";

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-hw-label-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        await WasteSeed.SeedAsync(Store);
        await using (var db = Store.CreateContext())
        {
            db.WasteContainers.Add(new WasteContainer
            {
                Identifier = ContainerB, IdentifierFormat = "assumed-hj1276-37", Uscc = SourceSeed.UsccB, ListVersion = "2021",
                WasteCode = "900-041-49", Category = "HW49", Name = "废活性炭", Form = "固态", Hazard = "T/In", VolumeL = 30m,
                GeneratedAt = new DateTimeOffset(2026, 1, 6, 2, 0, 0, TimeSpan.Zero), QuantityT = 0.02m, QuantityAsGiven = 20m, UnitAsGiven = "kg",
                State = WasteLedgerStage.Generated, CreatedBy = "seed", CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, true);
    }
}

/// <summary>
/// Issue 17 acceptance (P3, both engines): A's label printed over HTTP decodes (PdfPig → Skia → ZXing) to a URL ending
/// with the container's identifier; that page, opened anonymously, shows the same name and code as the label and the
/// seed; the public API shows only the short fields; the ledger is shown to the generator and staff only; B's user gets
/// 404 for A's label and for A's identifier under B's own code.
/// </summary>
public abstract class ContainerPageTests<TDb>(ContainerPageFixture<TDb> app) : IClassFixture<ContainerPageFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string IdA = WasteSeed.ContainerIdentifierA;
    private static string LabelPath(string uscc, string id) => $"/api/enterprises/{uscc}/hw/containers/{id}/label.pdf";

    [Fact]
    public async Task The_label_QR_opens_the_page_of_the_same_container()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        using var r = await entA.GetAsync(LabelPath(WasteSeed.UsccA, IdA));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/pdf", r.Content.Headers.ContentType?.MediaType);
        var pdf = await r.Content.ReadAsByteArrayAsync();

        var urls = LabelPdfTests.ScanQr(pdf);
        var url = Assert.Single(urls); // 200 L: one 150 mm label
        Assert.EndsWith("/hw/c/" + IdA, url, StringComparison.Ordinal);
        Assert.StartsWith(app.Address.ToString().TrimEnd('/'), url, StringComparison.Ordinal); // base from the request

        using (var doc = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = string.Concat(doc.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "");
            Assert.Contains("废物名称：废矿物油", text, StringComparison.Ordinal);
            Assert.Contains("废物代码：900-249-08", text, StringComparison.Ordinal);
            Assert.Contains("产生/收集单位：重庆江北甲化工有限公司", text, StringComparison.Ordinal);
            Assert.Contains("废物重量：0.180t", text, StringComparison.Ordinal); // 180 kg
            Assert.Contains("产生日期：2026-01-05", text, StringComparison.Ordinal); // 10:00 Beijing
            Assert.InRange(doc.GetPage(1).Width * 25.4 / 72, 149.9, 150.1);
        }

        // The page the QR opens, as an anonymous phone: the same name and code, no ledger.
        using var anon = TestPrincipals.Anonymous(app.Address);
        var html = WebUtility.HtmlDecode(await anon.GetStringAsync(new Uri(url).PathAndQuery)); // the renderer writes CJK as entities
        Assert.Contains("废矿物油", html, StringComparison.Ordinal);
        Assert.Contains("900-249-08", html, StringComparison.Ordinal);
        Assert.Contains("重庆江北甲化工有限公司", html, StringComparison.Ordinal);
        Assert.DoesNotContain("hw-container-ledger\"", html, StringComparison.Ordinal);
        Assert.Contains("hw-container-ledger-hint", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_view_has_the_short_fields_only()
    {
        using var anon = TestPrincipals.Anonymous(app.Address);
        using var r = await anon.GetAsync("/api/hw/c/" + IdA);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var root = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(
            ["identifier", "name", "category", "waste_code", "hazard", "hazard_names_zh", "generator_name", "generated_on"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("废矿物油", root.GetProperty("name").GetString());
        Assert.Equal("HW08", root.GetProperty("category").GetString());
        Assert.Equal("900-249-08", root.GetProperty("waste_code").GetString());
        Assert.Equal("T，I", root.GetProperty("hazard").GetString());
        Assert.Equal(["毒性", "易燃性"], root.GetProperty("hazard_names_zh").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("重庆江北甲化工有限公司", root.GetProperty("generator_name").GetString());
        Assert.Equal("2026-01-05", root.GetProperty("generated_on").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anon.GetAsync("/api/hw/c/NO-SUCH-CONTAINER")).StatusCode);
        Assert.Contains("hw-container-missing", await anon.GetStringAsync("/hw/c/NO-SUCH-CONTAINER"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_shows_for_the_generator_and_staff_only()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, WasteSeed.UsccA);
        using var entB = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccB);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        foreach (var c in new[] { entA, staff })
        {
            var html = WebUtility.HtmlDecode(await c.GetStringAsync("/hw/c/" + IdA));
            Assert.Contains("hw-container-ledger\"", html, StringComparison.Ordinal);
            Assert.Contains("入库", html, StringComparison.Ordinal); // the seed's 产生 and 入库 rows
            Assert.Contains("TS001", html, StringComparison.Ordinal);
        }
        var htmlB = WebUtility.HtmlDecode(await entB.GetStringAsync("/hw/c/" + IdA));
        Assert.Contains("废矿物油", htmlB, StringComparison.Ordinal); // the public part
        Assert.DoesNotContain("TS001", htmlB, StringComparison.Ordinal);
        Assert.Contains("hw-container-ledger-hint", htmlB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Labels_are_for_the_generator_and_staff_only()
    {
        using var anon = TestPrincipals.Anonymous(app.Address);
        using var entB = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccB);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync(LabelPath(WasteSeed.UsccA, IdA))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entB.GetAsync(LabelPath(WasteSeed.UsccA, IdA))).StatusCode); // A's code: the scope
        Assert.Equal(HttpStatusCode.NotFound, (await entB.GetAsync(LabelPath(SourceSeed.UsccB, IdA))).StatusCode); // under B's code: the query
        using var own = await entB.GetAsync(LabelPath(SourceSeed.UsccB, ContainerPageFixture<TDb>.ContainerB));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal([ContainerPageFixture<TDb>.ContainerB], LabelPdfTests.ScanQr(await own.Content.ReadAsByteArrayAsync()).Select(u => u[(u.LastIndexOf('/') + 1)..]));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(LabelPath(WasteSeed.UsccA, IdA))).StatusCode);
    }
}

public sealed class SqliteContainerPageTests(ContainerPageFixture<SqliteTestDatabase> app) : ContainerPageTests<SqliteTestDatabase>(app);

public sealed class PostgresContainerPageTests(ContainerPageFixture<PostgresTestDatabase> app) : ContainerPageTests<PostgresTestDatabase>(app);
