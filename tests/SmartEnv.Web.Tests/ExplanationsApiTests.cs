using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Explanations;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The web app over a real database with enterprises A and B (plan §4: A <c>91500105MA5U0A1661</c>, B
/// <c>91500105MA5U0B169H</c>), A owning two outlet sites (kind source) and one air site, B one outlet site; attachments in a
/// temporary folder.</summary>
public sealed class ExplanationsAppFixture<TDb> : IAsyncLifetime where TDb : ITestDatabase, new()
{
    public const string UsccA = "91500105MA5U0A1661";
    public const string UsccB = "91500105MA5U0B169H";
    public const string A_DA001 = "91500105MA5U0A1661001P-DA001";
    public const string A_DW001 = "91500105MA5U0A1661001P-DW001";
    public const string A_Air = "EXPL-A-AIR";
    public const string B_DA001 = "91500105MA5U0B169H001P-DA001";

    public TDb Db { get; } = new();
    public SmartEnvStore Store { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public Uri Address { get; private set; } = null!;
    public string AttachmentDir { get; } = Path.Combine(Path.GetTempPath(), "smartenv-expl-" + Guid.NewGuid().ToString("N")[..12]);
    public Dictionary<string, long> SiteIds { get; } = new(StringComparer.Ordinal);
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "smartenv-expl-data-" + Guid.NewGuid().ToString("N")[..12]);

    public async Task InitializeAsync()
    {
        await Db.InitializeAsync();
        (Store, _) = await Db.MigratedAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = Store.CreateContext())
        {
            db.Enterprises.AddRange(
                new Enterprise { Uscc = UsccA, Name = "甲化工有限公司", CreatedAt = now },
                new Enterprise { Uscc = UsccB, Name = "乙电镀有限公司", CreatedAt = now });
            var sites = new[]
            {
                new Site { Code = A_DA001, NameZh = "甲厂1号废气排口", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = UsccA },
                new Site { Code = A_DW001, NameZh = "甲厂废水总排口", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = UsccA },
                new Site { Code = A_Air, NameZh = "甲厂界空气点", Kind = SiteKind.Air, IsPublic = false, EnterpriseUscc = UsccA },
                new Site { Code = B_DA001, NameZh = "乙厂废气排口", Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = UsccB },
            };
            db.Sites.AddRange(sites);
            await db.SaveChangesAsync();
            foreach (var s in sites) SiteIds[s.Code] = s.Id;
        }
        App = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = Store, AdminToken = AdminToken.LoadOrCreate(_dataDir), Readiness = new Readiness(),
            HttpPort = 0, BindAddress = IPAddress.Loopback, ExplanationAttachmentDirectory = AttachmentDir,
        });
        await App.StartAsync();
        Address = SmartEnvWeb.BoundAddress(App);
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Db.DisposeAsync();
        foreach (var d in new[] { _dataDir, AttachmentDir })
            if (Directory.Exists(d)) Directory.Delete(d, true);
    }
}

/// <summary>
/// 异常说明 over HTTP (issue 16, plan §4 row "Explanations"): the enterprise files (multipart, attachment with SHA-256),
/// staff of policy AlertHandling accept or reject (enterprise and viewer 403), the enterprise withdraws only before a
/// decision, accepting/revoking marks the covered outlet site-days pending and deletes nothing, every step is audited, and
/// A reaches nothing of B. Each test uses its own month of 2027 so they do not see each other's marks.
/// </summary>
public abstract class ExplanationsApiTests<TDb>(ExplanationsAppFixture<TDb> app) : IClassFixture<ExplanationsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string A = ExplanationsAppFixture<TDb>.UsccA;
    private const string B = ExplanationsAppFixture<TDb>.UsccB;

    // SHA-256("abc") = ba7816bf…15ad (FIPS 180-2 appendix B.1 example).
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static MultipartFormDataContent Form(string? site, string reason, string from, string to, string text, (byte[] Bytes, string Name)? file = null)
    {
        var f = new MultipartFormDataContent();
        if (site is not null) f.Add(new StringContent(site), "site");
        f.Add(new StringContent(reason), "reason");
        f.Add(new StringContent(from), "from_hour");
        f.Add(new StringContent(to), "to_hour");
        f.Add(new StringContent(text), "text");
        if (file is { } x) f.Add(new ByteArrayContent(x.Bytes), "file", x.Name);
        return f;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> Field400(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        return (await Json(r)).GetProperty("errors").EnumerateObject().Single().Name;
    }

    private async Task<List<EvaluationDay>> MarksAsync(string siteCode, DateOnly day)
    {
        await using var db = app.Store.CreateContext();
        var id = app.SiteIds[siteCode];
        return await db.EvaluationDays.AsNoTracking().Where(d => d.SiteId == id && d.Day == day).ToListAsync();
    }

    [Fact]
    public async Task Enterprise_files_with_attachment_staff_accept_then_revoke_days_marked_rows_kept_audited()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var enforcement = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        using var viewer = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Viewer);
        using var planning = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Planning);

        // 故障 11:00–12:00 Beijing on 2027-01-05 = hour starts 03:00 and 04:00 UTC: 2 hours.
        var r = await entA.PostAsync($"/api/enterprises/{A}/explanations",
            Form(ExplanationsAppFixture<TDb>.A_DA001, "fault", "2027-01-05 11:00", "2027-01-05T12:00:00+08:00", "CEMS 采样管路堵塞，已更换", ("abc"u8.ToArray(), "维修记录.txt")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var e = await Json(r);
        var id = e.GetProperty("id").GetInt64();
        Assert.Equal(r.Headers.Location!.ToString(), $"/api/enterprises/{A}/explanations/{id}");
        Assert.Equal(ExplanationsAppFixture<TDb>.A_DA001, e.GetProperty("site_code").GetString());
        Assert.Equal("submitted", e.GetProperty("state").GetString());
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 3, 0, 0, TimeSpan.Zero), e.GetProperty("from_hour").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 4, 0, 0, TimeSpan.Zero), e.GetProperty("to_hour").GetDateTimeOffset());
        Assert.Equal(2, e.GetProperty("hours").GetInt64());
        Assert.False(e.GetProperty("filed_late").GetBoolean());
        Assert.Equal(("维修记录.txt", 3L, AbcSha256), (e.GetProperty("attachment").GetProperty("name").GetString(), e.GetProperty("attachment").GetProperty("bytes").GetInt64(), e.GetProperty("attachment").GetProperty("sha256").GetString()));
        Assert.Equal(["withdraw"], e.GetProperty("actions").EnumerateArray().Select(x => x.GetString()));
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 1, 5))); // filing marks nothing

        // Only staff of AlertHandling decide: the enterprise, viewer and planning staff are refused.
        object Accept = new { decision = "accept", note = "核实属实" };
        foreach (var c in new[] { entA, viewer, planning })
            Assert.Equal(HttpStatusCode.Forbidden, (await c.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", Accept)).StatusCode);
        Assert.Equal("decision", await Field400(await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", new { decision = "approve" })));
        r = await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", Accept);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        e = await Json(r);
        Assert.Equal(("accepted", "staff-enforcement", "核实属实"), (e.GetProperty("state").GetString(), e.GetProperty("decided_by").GetString(), e.GetProperty("decision_note").GetString()));
        Assert.Equal(["reject"], e.GetProperty("actions").EnumerateArray().Select(x => x.GetString()));

        // The covered outlet site-day is pending (generation 1); the other outlet and other days are not touched.
        var mark = Assert.Single(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 1, 5)));
        Assert.Equal((EvaluationState.Pending, 1L), (mark.State, mark.Generation));
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.A_DW001, new DateOnly(2027, 1, 5)));
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 1, 4)));

        // Decided: the enterprise can no longer withdraw; a second accept is a conflict.
        Assert.Equal(HttpStatusCode.Conflict, (await entA.PostAsync($"/api/enterprises/{A}/explanations/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", Accept)).StatusCode);

        // Revoking needs a note; then the day is marked again (generation 2) and the row stays, rejected.
        Assert.Equal("note", await Field400(await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", new { decision = "reject" })));
        r = await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", new { decision = "reject", note = "现场检查发现设备未故障" });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("rejected", (await Json(r)).GetProperty("state").GetString());
        Assert.Equal(2L, Assert.Single(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 1, 5))).Generation);
        Assert.Equal(HttpStatusCode.Conflict, (await enforcement.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", Accept)).StatusCode); // final

        var listed = (await Json(await entA.GetAsync($"/api/enterprises/{A}/explanations?state=rejected"))).EnumerateArray().Single(x => x.GetProperty("id").GetInt64() == id);
        Assert.Empty(listed.GetProperty("actions").EnumerateArray());
        Assert.Equal("state", await Field400(await entA.GetAsync($"/api/enterprises/{A}/explanations?state=open")));

        // Audited, in order, in the change's transaction.
        await using (var db = app.Store.CreateContext())
        {
            var target = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var actions = await db.AuditEntries.AsNoTracking().Where(a => a.TargetType == "source_explanation" && a.TargetId == target).OrderBy(a => a.Seq).Select(a => a.Action).ToListAsync();
            Assert.Equal(["explanation.submit", "explanation.accept", "explanation.reject"], actions);
        }

        // The attachment comes back as a download with its bytes; changed on disk it is refused.
        r = await entA.GetAsync($"/api/enterprises/{A}/explanations/{id}/attachment");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("abc", await r.Content.ReadAsStringAsync());
        Assert.Equal("application/octet-stream", r.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", r.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/enterprises/{A}/explanations/{id}/attachment")).StatusCode);
        string path;
        await using (var db = app.Store.CreateContext()) path = (await db.SourceExplanations.SingleAsync(x => x.Id == id)).AttachmentPath!;
        Assert.Matches("^explanations/[0-9a-f]{32}\\.txt$", path);
        await File.WriteAllTextAsync(Path.Combine(app.AttachmentDir, path), "abd");
        r = await entA.GetAsync($"/api/enterprises/{A}/explanations/{id}/attachment");
        Assert.Equal(HttpStatusCode.InternalServerError, r.StatusCode);
        Assert.Contains("SHA-256", await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task All_outlets_withdraw_and_validation()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var admin = await TestPrincipals.StaffAsync(app.Address, app.Store);

        // 停产 13:00–23:00 Beijing on 2027-02-05 for every outlet: 11 hours, site_code null.
        var r = await entA.PostAsync($"/api/enterprises/{A}/explanations", Form(null, "shutdown", "2027-02-05 13:00", "2027-02-05 23:00", "春节停产"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var e = await Json(r);
        var first = e.GetProperty("id").GetInt64();
        Assert.Equal(JsonValueKind.Null, e.GetProperty("site_code").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("attachment").ValueKind);
        Assert.Equal(11, e.GetProperty("hours").GetInt64());

        // Staff neither file nor withdraw; the enterprise withdraws once; a withdrawn one is final.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/enterprises/{A}/explanations", Form(null, "shutdown", "2027-02-05 13:00", "2027-02-05 23:00", "代填"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"/api/enterprises/{A}/explanations/{first}/withdraw", null)).StatusCode);
        r = await entA.PostAsync($"/api/enterprises/{A}/explanations/{first}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("withdrawn", (await Json(r)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await entA.PostAsync($"/api/enterprises/{A}/explanations/{first}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await monitoring.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{first}/decision", new { decision = "accept" })).StatusCode);
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 2, 5)));

        // Filed again and accepted by monitoring staff: both of A's outlets are marked for 2027-02-05, not A's air site nor B's outlet.
        r = await entA.PostAsync($"/api/enterprises/{A}/explanations", Form(null, "shutdown", "2027-02-05 13:00", "2027-02-05 23:00", "春节停产"));
        var second = (await Json(r)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await monitoring.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{second}/decision", new { decision = "accept" })).StatusCode);
        Assert.Single(await MarksAsync(ExplanationsAppFixture<TDb>.A_DA001, new DateOnly(2027, 2, 5)));
        Assert.Single(await MarksAsync(ExplanationsAppFixture<TDb>.A_DW001, new DateOnly(2027, 2, 5)));
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.A_Air, new DateOnly(2027, 2, 5)));
        Assert.Empty(await MarksAsync(ExplanationsAppFixture<TDb>.B_DA001, new DateOnly(2027, 2, 5)));

        // Filed long after the hours (2026-11-01 + 10 days < today): flagged, not refused.
        r = await entA.PostAsync($"/api/enterprises/{A}/explanations", Form(ExplanationsAppFixture<TDb>.A_DW001, "maintenance", "2026-11-01 08:00", "2026-11-01 09:00", "补报"));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        Assert.True((await Json(r)).GetProperty("filed_late").GetBoolean());

        // Each wrong field is a 400 naming it; nothing is stored for them.
        int count;
        await using (var db = app.Store.CreateContext()) count = await db.SourceExplanations.CountAsync();
        async Task<string> Bad(MultipartFormDataContent f) => await Field400(await entA.PostAsync($"/api/enterprises/{A}/explanations", f));
        Assert.Equal("reason", await Bad(Form(null, "holiday", "2027-02-06 08:00", "2027-02-06 09:00", "x")));
        Assert.Equal("from_hour", await Bad(Form(null, "fault", "2027-02-06 08:30", "2027-02-06 09:00", "x")));
        Assert.Equal("from_hour", await Bad(Form(null, "fault", "yesterday", "2027-02-06 09:00", "x")));
        Assert.Equal("to_hour", await Bad(Form(null, "fault", "2027-02-06 09:00", "2027-02-06 08:00", "x")));
        Assert.Equal("text", await Bad(Form(null, "fault", "2027-02-06 08:00", "2027-02-06 09:00", " ")));
        Assert.Equal("site", await Bad(Form(ExplanationsAppFixture<TDb>.A_Air, "fault", "2027-02-06 08:00", "2027-02-06 09:00", "x")));      // not an outlet
        Assert.Equal("site", await Bad(Form(ExplanationsAppFixture<TDb>.B_DA001, "fault", "2027-02-06 08:00", "2027-02-06 09:00", "x")));    // B's: as if absent
        Assert.Equal("file", await Bad(Form(null, "fault", "2027-02-06 08:00", "2027-02-06 09:00", "x", ("MZ"u8.ToArray(), "tool.exe"))));
        Assert.Equal("file", await Bad(Form(null, "fault", "2027-02-06 08:00", "2027-02-06 09:00", "x", ([], "empty.pdf"))));
        Assert.Equal("file", await Bad(Form(null, "fault", "2027-02-06 08:00", "2027-02-06 09:00", "x", (new byte[ExplanationAttachments.MaxBytes + 1], "big.pdf"))));
        Assert.Equal("form", await Field400(await entA.PostAsJsonAsync($"/api/enterprises/{A}/explanations", new { reason = "fault" })));
        await using (var db = app.Store.CreateContext()) Assert.Equal(count, await db.SourceExplanations.CountAsync());
        // Exactly 10 MiB is accepted.
        Assert.Equal(HttpStatusCode.Created, (await entA.PostAsync($"/api/enterprises/{A}/explanations",
            Form(null, "other", "2027-02-06 08:00", "2027-02-06 08:00", "x", (new byte[ExplanationAttachments.MaxBytes], "scan.pdf")))).StatusCode);
    }

    [Fact]
    public async Task A_reaches_nothing_of_B()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var entB = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, B);
        using var admin = await TestPrincipals.StaffAsync(app.Address, app.Store);
        var r = await entB.PostAsync($"/api/enterprises/{B}/explanations",
            Form(ExplanationsAppFixture<TDb>.B_DA001, "maintenance", "2027-03-05 08:00", "2027-03-05 10:00", "检修", ("abc"u8.ToArray(), "b.pdf")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var idB = (await Json(r)).GetProperty("id").GetInt64();

        // B's enterprise in the route: the scope's 404 on every explanation route.
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{B}/explanations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.PostAsync($"/api/enterprises/{B}/explanations", Form(null, "fault", "2027-03-05 08:00", "2027-03-05 08:00", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.PostAsync($"/api/enterprises/{B}/explanations/{idB}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{B}/explanations/{idB}/attachment")).StatusCode);
        // B's id under A's enterprise: 404 by the query, for A's user and for staff alike.
        Assert.Equal(HttpStatusCode.NotFound, (await entA.PostAsync($"/api/enterprises/{A}/explanations/{idB}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{A}/explanations/{idB}/attachment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{idB}/decision", new { decision = "accept" })).StatusCode);
        Assert.DoesNotContain(idB, (await Json(await entA.GetAsync($"/api/enterprises/{A}/explanations"))).EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        Assert.Contains(idB, (await Json(await admin.GetAsync($"/api/enterprises/{B}/explanations"))).EnumerateArray().Select(x => x.GetProperty("id").GetInt64()));
        // Still submitted: nothing A did reached it.
        await using var db = app.Store.CreateContext();
        Assert.Equal("submitted", (await db.SourceExplanations.SingleAsync(x => x.Id == idB)).State);
        // A scoped context of A does not read B's row at all (the data-layer filter).
        await using var scoped = app.Store.CreateContext(DataScope.ForEnterprises([A]));
        Assert.False(await scoped.SourceExplanations.AnyAsync(x => x.Id == idB));
    }

    [Fact]
    public async Task Accepted_covering_lists_accepted_explanations_of_the_site_or_of_all_outlets()
    {
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        async Task<long> FileAsync(string? site, string reason, string from, string to, bool accept)
        {
            var r = await entA.PostAsync($"/api/enterprises/{A}/explanations", Form(site, reason, from, to, "说明"));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            var id = (await Json(r)).GetProperty("id").GetInt64();
            if (accept) Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/enterprises/{A}/explanations/{id}/decision", new { decision = "accept" })).StatusCode);
            return id;
        }
        var fault = await FileAsync(ExplanationsAppFixture<TDb>.A_DA001, "fault", "2027-04-05 11:00", "2027-04-05 12:00", true);
        var shutdown = await FileAsync(null, "shutdown", "2027-04-05 13:00", "2027-04-05 23:00", true);
        await FileAsync(ExplanationsAppFixture<TDb>.A_DA001, "other", "2027-04-05 00:00", "2027-04-05 23:00", false); // submitted only: never covers

        var service = new ExplanationService(app.Store);
        static DateTimeOffset Bj(int h) => new(2027, 4, 5, h, 0, 0, SmartEnv.Standards.Common.BeijingTime.Offset);
        var da = app.SiteIds[ExplanationsAppFixture<TDb>.A_DA001];
        var dw = app.SiteIds[ExplanationsAppFixture<TDb>.A_DW001];
        var all = await service.AcceptedCoveringAsync(da, Bj(0), Bj(23));
        Assert.Equal([(fault, "fault", Bj(11).ToUniversalTime(), Bj(12).ToUniversalTime()), (shutdown, "shutdown", Bj(13).ToUniversalTime(), Bj(23).ToUniversalTime())],
            all.Select(x => (x.Id, x.Reason, x.From, x.To)));
        Assert.Equal([shutdown], (await service.AcceptedCoveringAsync(dw, Bj(0), Bj(23))).Select(x => x.Id));
        Assert.Equal([fault], (await service.AcceptedCoveringAsync(da, Bj(12), Bj(12))).Select(x => x.Id));   // inclusive end of the fault
        Assert.Equal([shutdown], (await service.AcceptedCoveringAsync(da, Bj(13), Bj(13))).Select(x => x.Id)); // inclusive start of the shutdown
        Assert.Empty(await service.AcceptedCoveringAsync(da, Bj(10), Bj(10)));
        Assert.Empty(await service.AcceptedCoveringAsync(app.SiteIds[ExplanationsAppFixture<TDb>.B_DA001], Bj(0), Bj(23)));
        Assert.Empty(await service.AcceptedCoveringAsync(long.MaxValue, Bj(0), Bj(23)));
    }
}

public sealed class SqliteExplanationsApiTests(ExplanationsAppFixture<SqliteTestDatabase> app) : ExplanationsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresExplanationsApiTests(ExplanationsAppFixture<PostgresTestDatabase> app) : ExplanationsApiTests<PostgresTestDatabase>(app);
