using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with <see cref="SourceSeed"/>, at a fixed clock: 2026-12-07 10:00 Beijing.</summary>
public sealed class PermitsAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>2026-12-07 02:00 UTC = 10:00 Beijing (plan §4 "today 2026-12-07").</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public SourceSeedIds Ids { get; private set; } = null!;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-permits-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        Ids = await SourceSeed.SeedAsync(Store);
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(),
            HttpPort = 0, BindAddress = IPAddress.Loopback, Time = new Clock(Now),
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
/// Issue 16 P2 over HTTP on both engines: the enterprise profile, permits with append-only versions, outlets on their
/// stable sites, validation, renewal state and <c>?renewal=overdue</c> (plan §4 "Permit expiry 59/61": today 2026-12-07;
/// valid_to 2027-02-04 = 59 days → due 2026-12-06 → overdue; 2027-02-06 = 61 days → due 2026-12-08 → due soon, not
/// overdue; 2027-02-05 = 60 days → due today → not overdue; filed → ok), execution report submission, and A seeing nothing
/// of B. Expected values are worked by hand, not read from the code.
/// </summary>
public abstract class PermitsApiTests<TDb>(PermitsAppFixture<TDb> app) : IClassFixture<PermitsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    // Valid codes (GB 32100-2015; worked in tests/SmartEnv.Standards.Tests/Identifiers/UsccTests.cs): the scope fixture's.
    private const string UsccC = "91500105000000000J";
    private const string UsccD = "915001050000000430";

    private static object Outlet(string code, string unit, decimal limit, decimal? o2 = null) => new
    {
        code, type = "main", name = "排放口 " + code,
        limits = new[] { new { parameter_code = code.StartsWith("DA", StringComparison.Ordinal) ? "a21026" : "w01018", limit_value = limit, unit, standard_ref = "GB 13271-2014 表2", reference_o2 = o2, annual_quantity_t = (decimal?)null } },
    };

    private static object Permit(string number, string validFrom, string validTo, string? filed = null, object[]? outlets = null) => new
    {
        number, category = "key", issued_on = validFrom, valid_from = validFrom, valid_to = validTo, renewal_filed_on = filed,
        report_annual = true, change_reason = "首次申请", outlets = outlets ?? [Outlet("DA001", "mg/m³", 35m, 9m)],
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<List<string>> UsccsAsync(HttpClient c, string url) =>
        (await JsonAsync(await c.GetAsync(url))).EnumerateArray().Select(e => e.GetProperty("uscc").GetString()!).ToList();

    [Fact]
    public async Task Renewal_overdue_lists_the_59_day_permit_only()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        foreach (var (u, n) in new[] { (UsccC, "丙制药有限公司"), (UsccD, "丁印染有限公司") })
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync("/api/enterprises", new { uscc = u, name = n, street_code = "500105006000", industry_code = "2710", management_category = "key", is_key_discharger = true })).StatusCode);
        async Task Add(string uscc, string number, string from, string to, string? filed = null)
        {
            var r = await staff.PostAsJsonAsync($"/api/enterprises/{uscc}/permits", Permit(number, from, to, filed));
            Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        }
        await Add(SourceSeed.UsccA, SourceSeed.UsccA + "002P", "2022-02-05", "2027-02-04");          // 59 days
        await Add(SourceSeed.UsccB, SourceSeed.UsccB + "002P", "2022-02-07", "2027-02-06");          // 61 days
        await Add(UsccC, UsccC + "001P", "2022-02-06", "2027-02-05");                              // 60 days
        await Add(UsccD, UsccD + "001P", "2022-02-05", "2027-02-04", filed: "2026-11-30");         // 59 days, filed

        Assert.Equal([SourceSeed.UsccA], await UsccsAsync(staff, "/api/enterprises?renewal=overdue"));
        Assert.Equal([UsccC, SourceSeed.UsccB], (await UsccsAsync(staff, "/api/enterprises?renewal=due_soon")).Order(StringComparer.Ordinal).ToList()); // ordinal: "…000J" < "…MA5U…"
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/enterprises?renewal=late")).StatusCode);

        var permits = await JsonAsync(await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/permits"));
        var p59 = permits.EnumerateArray().Single(p => p.GetProperty("number").GetString() == SourceSeed.UsccA + "002P").GetProperty("renewal");
        Assert.Equal(("overdue", "2026-12-06", 59), (p59.GetProperty("status").GetString(), p59.GetProperty("renewal_due").GetString(), p59.GetProperty("days_to_expiry").GetInt32()));
        var p61 = (await JsonAsync(await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccB}/permits"))).EnumerateArray()
            .Single(p => p.GetProperty("number").GetString() == SourceSeed.UsccB + "002P").GetProperty("renewal");
        Assert.Equal(("due_soon", "2026-12-08", 61), (p61.GetProperty("status").GetString(), p61.GetProperty("renewal_due").GetString(), p61.GetProperty("days_to_expiry").GetInt32()));
        var pd = (await JsonAsync(await staff.GetAsync($"/api/enterprises/{UsccD}/permits"))).EnumerateArray().Single().GetProperty("renewal");
        Assert.Equal("ok", pd.GetProperty("status").GetString());

        // Profile filters: street by code or name (观音桥街道 = 500105006000), industry prefix, category; A's user sees only A.
        Assert.Equal([UsccC, UsccD], await UsccsAsync(staff, "/api/enterprises?street=观音桥街道"));
        Assert.Equal([UsccC, UsccD], await UsccsAsync(staff, "/api/enterprises?industry=27"));
        Assert.Equal([SourceSeed.UsccA], await UsccsAsync(staff, "/api/enterprises?q=甲化工"));
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        Assert.Empty(await UsccsAsync(entA, "/api/enterprises?renewal=due_soon"));
        Assert.Equal([SourceSeed.UsccA], await UsccsAsync(entA, "/api/enterprises?renewal=overdue"));
    }

    [Fact]
    public async Task A_version_never_overwrites_the_earlier_one_and_reuses_the_outlet_site()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        var number = SourceSeed.UsccA + "003P";
        var created = await staff.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/permits",
            Permit(number, "2026-01-01", "2030-12-31", outlets: [Outlet("DA001", "mg/m³", 50m, 9m), Outlet("DW001", "mg/L", 100m)]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var v1 = await JsonAsync(created);
        Assert.Equal((1, "permit"), (v1.GetProperty("version").GetInt32(), v1.GetProperty("kind").GetString()));
        Assert.Equal([number + "-DA001", number + "-DW001"], v1.GetProperty("outlets").EnumerateArray().Select(o => o.GetProperty("site_code").GetString()!).ToList());

        // A change: only the renewal filing and the reason; outlets and limits are copied.
        var r2 = await staff.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/permits/{number}/versions", new { renewal_filed_on = "2026-12-01", change_reason = "提交延续申请" });
        Assert.Equal(HttpStatusCode.Created, r2.StatusCode);
        var v2 = await JsonAsync(r2);
        Assert.Equal((2, "2026-12-01", 2), (v2.GetProperty("version").GetInt32(), v2.GetProperty("renewal_filed_on").GetString(), v2.GetProperty("outlets").GetArrayLength()));
        // A limit change: DA001 50 → 30; version 1 still reads 50 and no renewal filing.
        var r3 = await staff.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/permits/{number}/versions",
            new { change_reason = "变更：收严限值", outlets = new[] { Outlet("DA001", "mg/m³", 30m, 9m) } });
        Assert.Equal(HttpStatusCode.Created, r3.StatusCode);
        var old = await JsonAsync(await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/permits/{number}/versions/1"));
        Assert.Equal(JsonValueKind.Null, old.GetProperty("renewal_filed_on").ValueKind);
        Assert.Equal(50m, old.GetProperty("outlets")[0].GetProperty("limits")[0].GetProperty("limit_value").GetDecimal());
        var v3 = await JsonAsync(await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/permits/{number}/versions/3"));
        Assert.Equal(30m, v3.GetProperty("outlets")[0].GetProperty("limits")[0].GetProperty("limit_value").GetDecimal());
        Assert.Equal("2026-12-01", v3.GetProperty("renewal_filed_on").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/permits/{number}/versions/4")).StatusCode);

        // Its schedule (annual only; valid from 2026-01-01; stored through 2027 = today's year + 1): annual 2026 due
        // 2027-01-15 and annual 2027 due 2028-01-15 (report-rules.tsv annual 01-15 of the next year), both still due.
        var reports = (await JsonAsync(await staff.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/reports"))).EnumerateArray()
            .Where(r => r.GetProperty("permit").GetString() == number).Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("period_start").GetString(), r.GetProperty("due_on").GetString(), r.GetProperty("status").GetString())).ToList();
        Assert.Equal([("annual", "2026-01-01", "2027-01-15", "due"), ("annual", "2027-01-01", "2028-01-15", "due")], reports);

        await using var db = app.Store.CreateContext();
        Assert.Equal(1, await db.Sites.CountAsync(s => s.Code == number + "-DA001"));
        var permitId = await db.Permits.Where(p => p.Number == number).Select(p => p.Id).SingleAsync();
        Assert.Equal([1, 2, 3], await db.PermitVersions.Where(v => v.PermitId == permitId).OrderBy(v => v.Version).Select(v => v.Version).ToListAsync());
        Assert.Equal(["permit.create", "execution_report.schedule", "permit.version.add", "permit.version.add"],
            await db.AuditEntries.Where(e => e.TargetType == "permit" && e.TargetId == number).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync());
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_is_stored()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        async Task<string> Bad(object body, HttpStatusCode expected = HttpStatusCode.BadRequest)
        {
            var r = await staff.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/permits", body);
            Assert.Equal(expected, r.StatusCode);
            return await r.Content.ReadAsStringAsync();
        }
        // B's code as the USCC part of a number filed under A.
        Assert.Contains("\"number\"", await Bad(Permit(SourceSeed.UsccB + "009P", "2026-01-01", "2030-12-31")));
        // Position 18 of the USCC part wrong (the check of 91500105MA5U0A166 is 1, not 2).
        Assert.Contains("\"number\"", await Bad(Permit("91500105MA5U0A1662009P", "2026-01-01", "2030-12-31")));
        Assert.Contains("outlets[0].code", await Bad(Permit(SourceSeed.UsccA + "009P", "2026-01-01", "2030-12-31", outlets: [Outlet("DX001", "mg/m³", 35m)])));
        Assert.Contains("outlets[0].limits[0].unit", await Bad(Permit(SourceSeed.UsccA + "009P", "2026-01-01", "2030-12-31", outlets: [Outlet("DW001", "mg/m³", 35m)])));
        Assert.Contains("outlets[0].limits[0].reference_o2", await Bad(Permit(SourceSeed.UsccA + "009P", "2026-01-01", "2030-12-31", outlets: [Outlet("DW001", "mg/L", 35m, 9m)])));
        Assert.Contains("valid_to", await Bad(Permit(SourceSeed.UsccA + "009P", "2026-01-01", "2025-12-31")));
        await Bad(Permit(SourceSeed.PermitNumberA, "2026-01-01", "2030-12-31"), HttpStatusCode.Conflict);
        Assert.Contains("street_code", await (await staff.PostAsJsonAsync("/api/enterprises", new { uscc = "91350100M000100Y43", name = "戊公司", street_code = "500105999000" })).Content.ReadAsStringAsync());
        await using var db = app.Store.CreateContext();
        Assert.False(await db.Permits.AnyAsync(p => p.Number == SourceSeed.UsccA + "009P"));
        Assert.False(await db.Sites.AnyAsync(s => s.Code.StartsWith(SourceSeed.UsccA + "009P")));
    }

    [Fact]
    public async Task Enterprise_A_sees_nothing_of_B_and_may_not_write_permits()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        var b = SourceSeed.UsccB;
        foreach (var url in new[] { $"/api/enterprises/{b}/permits", $"/api/enterprises/{b}/permits/{SourceSeed.PermitNumberB}/versions/1", $"/api/enterprises/{b}/reports",
                     $"/api/enterprises/{SourceSeed.UsccA}/permits/{SourceSeed.PermitNumberB}/versions/1" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync(url)).StatusCode);
            if (url.Contains(b + "/", StringComparison.Ordinal)) Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(url)).StatusCode); // control
        }
        Assert.Equal(HttpStatusCode.NotFound, (await entA.PostAsJsonAsync($"/api/enterprises/{b}/permits", Permit(b + "005P", "2026-01-01", "2030-12-31"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/permits", Permit(SourceSeed.UsccA + "005P", "2026-01-01", "2030-12-31"))).StatusCode);
        var own = await JsonAsync(await entA.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/permits"));
        Assert.Contains(own.EnumerateArray(), p => p.GetProperty("number").GetString() == SourceSeed.PermitNumberA);
        Assert.DoesNotContain(own.EnumerateArray(), p => p.GetProperty("number").GetString()!.StartsWith(b, StringComparison.Ordinal));
        var dto = (await JsonAsync(await entA.GetAsync($"/api/enterprises/{SourceSeed.UsccA}"))); // the profile as stored by the seed
        Assert.Equal(("500105005000", "寸滩街道", "key", "4411"), (dto.GetProperty("street_code").GetString(), dto.GetProperty("street").GetString(), dto.GetProperty("management_category").GetString(), dto.GetProperty("industry_code").GetString()));
    }

    [Fact]
    public async Task Execution_report_status_and_submission()
    {
        long a, bId;
        await using (var db = app.Store.CreateContext())
        {
            var ra = new ExecutionReport { PermitId = app.Ids.PermitA, Kind = ExecutionReportKind.Quarterly, PeriodStart = new DateOnly(2026, 7, 1), PeriodEnd = new DateOnly(2026, 9, 30), DueOn = new DateOnly(2026, 10, 15) };
            var rb = new ExecutionReport { PermitId = app.Ids.PermitB, Kind = ExecutionReportKind.Quarterly, PeriodStart = new DateOnly(2026, 7, 1), PeriodEnd = new DateOnly(2026, 9, 30), DueOn = new DateOnly(2026, 10, 15) };
            db.ExecutionReports.AddRange(ra, rb);
            await db.SaveChangesAsync();
            (a, bId) = (ra.Id, rb.Id);
        }
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, SourceSeed.UsccA);
        var list = await JsonAsync(await entA.GetAsync($"/api/enterprises/{SourceSeed.UsccA}/reports"));
        Assert.Equal("overdue", list.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == a).GetProperty("status").GetString()); // due 10-15 < today 12-07
        Assert.Equal(HttpStatusCode.NotFound, (await entA.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/reports/{bId}/submitted", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await entA.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/reports/{a}/submitted", new { submitted_on = "2026-12-08" })).StatusCode);
        var ok = await entA.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/reports/{a}/submitted", new { submitted_on = "2026-10-20" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var body = await JsonAsync(ok);
        // Submitted 2026-10-20 after the due day 2026-10-15: late (ExecutionReportSchedule.Status, supervision.md §2.5).
        Assert.Equal(("submitted_late", "2026-10-20"), (body.GetProperty("status").GetString(), body.GetProperty("submitted_on").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await entA.PostAsJsonAsync($"/api/enterprises/{SourceSeed.UsccA}/reports/{a}/submitted", new { })).StatusCode);
        await using var check = app.Store.CreateContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.Action == "execution_report.submit" && e.TargetId == a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}

public sealed class SqlitePermitsApiTests(PermitsAppFixture<SqliteTestDatabase> app) : PermitsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresPermitsApiTests(PermitsAppFixture<PostgresTestDatabase> app) : PermitsApiTests<PostgresTestDatabase>(app);
