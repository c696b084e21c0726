using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 20 over HTTP on both engines, on the registry of <see cref="InspectionsAppFixture{TDb}"/> (clock Monday 2025-01-06
/// 10:00 Beijing): A files a plan signed 2024-12-20 with its five documents, staff file it, the public list shows name,
/// USCC, filing number and day only; enterprise D never reaches A's plan (404 under either USCC); read-only staff are
/// refused writes; an event with an unclear level near drinking water gets the 2-hour clock.
/// </summary>
public abstract class EmergencyApiTests<TDb>(InspectionsAppFixture<TDb> app) : IClassFixture<InspectionsAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string A = InspectionsAppFixture<TDb>.A, D = InspectionsAppFixture<TDb>.D;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static ByteArrayContent Pdf()
    {
        var c = new ByteArrayContent([0x25, 0x50, 0x44, 0x46]);
        c.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return c;
    }

    private async Task<string> RenderAsync<TPage>() where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("zh-CN");
        using var di = app.App.Services.CreateScope();
        await using var renderer = new Microsoft.AspNetCore.Components.Web.HtmlRenderer(di.ServiceProvider, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var raw = await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<TPage>()).ToHtmlString());
        return WebUtility.HtmlDecode(raw);
    }

    [Fact]
    public async Task Plan_filing_scope_public_list_and_event_clock_over_http()
    {
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Enforcement);
        using var monitoring = await TestPrincipals.StaffAsync(app.Address, app.Store, SmartEnvRoles.Monitoring);
        using var entA = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, A);
        using var entD = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, D);
        using var anon = TestPrincipals.Anonymous(app.Address);

        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync($"/api/enterprises/{A}/emergency/plans", new { title = "预案", version = "2024版", signed_on = "2024-12-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entD.PostAsJsonAsync($"/api/enterprises/{A}/emergency/plans", new { title = "预案", version = "2024版", signed_on = "2024-12-20" })).StatusCode);
        // Before 环发〔2015〕4号 (2015-01-08) the filing rules applied here do not hold (trial: 0001-01-01 was accepted).
        Assert.Equal(HttpStatusCode.BadRequest, (await entA.PostAsJsonAsync($"/api/enterprises/{A}/emergency/plans", new { title = "预案", version = "旧版", signed_on = "2015-01-07" })).StatusCode);
        var created = await entA.PostAsJsonAsync($"/api/enterprises/{A}/emergency/plans", new { title = "突发环境事件应急预案", version = "2024版", signed_on = "2024-12-20" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = await JsonAsync(created);
        var id = plan.GetProperty("id").GetInt64();
        // 2024-12-20 (Fri) day 0: 12-23…27 = 1–5, 12-30 6, 12-31 7, 2025-01-01 元旦, 01-02 8, 01-03 9, 01-06…10 = 10–14,
        // 01-13…17 = 15–19, 01-20 20.
        Assert.Equal("2025-01-20", plan.GetProperty("filing_due").GetString());
        Assert.Equal("2027-12-20", plan.GetProperty("review_due").GetString());

        // D never reaches A's plan: not under A's uscc (scope), not under its own (the plan is A's).
        var docUrlA = $"/api/enterprises/{A}/emergency/plans/{id}/documents/plan?file_name=plan.pdf";
        Assert.Equal(HttpStatusCode.NotFound, (await entD.PutAsync(docUrlA, Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entD.PutAsync($"/api/enterprises/{D}/emergency/plans/{id}/documents/plan", Pdf())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entD.PostAsync($"/api/enterprises/{D}/emergency/plans/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await entD.GetAsync($"/api/enterprises/{A}/emergency")).StatusCode);
        Assert.Empty((await JsonAsync(await entD.GetAsync($"/api/enterprises/{D}/emergency"))).GetProperty("plans").EnumerateArray());

        // incomplete set → 409 naming what is missing; then the five documents and the submission
        var incomplete = await entA.PostAsync($"/api/enterprises/{A}/emergency/plans/{id}/submit", null);
        Assert.Equal(HttpStatusCode.Conflict, incomplete.StatusCode);
        Assert.Contains("review_opinion", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/photo", Pdf())).StatusCode);
        foreach (var doc in new[] { "filing_form", "plan", "risk_assessment", "resources_survey", "review_opinion" })
            Assert.Equal(HttpStatusCode.OK, (await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/{doc}?file_name={doc}.pdf", Pdf())).StatusCode);
        // Downloads (issue 20 forms): the plan document again under a Chinese name; a document claimed as text/html.
        const string chineseName = "应急预案（2024版）.pdf";
        Assert.Equal(HttpStatusCode.OK, (await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/plan?file_name={Uri.EscapeDataString(chineseName)}", Pdf())).StatusCode);
        var html = new ByteArrayContent("<script>alert(1)</script>"u8.ToArray());
        html.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/html");
        // A page, a script or a program is refused by type through the API as on the page (trial finding: x.html and a.exe were stored).
        var htmlPut = await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/resources_survey?file_name=x.html", html);
        Assert.Equal(HttpStatusCode.BadRequest, htmlPut.StatusCode);
        Assert.Contains("file type", await htmlPut.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exe = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00]); // "MZ": a Windows program
        Assert.Equal(HttpStatusCode.BadRequest, (await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/resources_survey?file_name=a.exe", exe)).StatusCode);
        var fakePdf = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00]); // a program named .pdf
        Assert.Equal(HttpStatusCode.BadRequest, (await entA.PutAsync($"/api/enterprises/{A}/emergency/plans/{id}/documents/resources_survey?file_name=a.pdf", fakePdf)).StatusCode);
        long planDoc, survey;
        await using (var db = app.Store.CreateContext())
        {
            planDoc = db.EmergencyPlanAttachments.Single(a => a.PlanId == id && a.DocCode == "plan").Id;
            survey = db.EmergencyPlanAttachments.Single(a => a.PlanId == id && a.DocCode == "resources_survey").Id;
        }
        var url = $"/api/enterprises/{A}/emergency/plans/{id}/attachments/{planDoc}";
        foreach (var reader in new[] { entA, monitoring })
        {
            var dl = await reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, dl.StatusCode);
            Assert.Equal([0x25, 0x50, 0x44, 0x46], await dl.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", dl.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", dl.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(chineseName, dl.Content.Headers.ContentDisposition.FileNameStar); // RFC 5987 filename*=UTF-8''…
            Assert.Contains("filename*=UTF-8''%E5%BA%94%E6%80%A5", dl.Content.Headers.ContentDisposition.ToString(), StringComparison.Ordinal); // 应 = E5 BA 94, 急 = E6 80 A5
        }
        var served = await entA.GetAsync($"/api/enterprises/{A}/emergency/plans/{id}/attachments/{survey}");
        Assert.Equal("application/pdf", served.Content.Headers.ContentType!.MediaType); // the survey stays the PDF stored before the refused uploads
        Assert.Equal(HttpStatusCode.NotFound, (await entD.GetAsync(url)).StatusCode); // A's uscc: outside D's scope
        Assert.Equal(HttpStatusCode.NotFound, (await entD.GetAsync($"/api/enterprises/{D}/emergency/plans/{id}/attachments/{planDoc}")).StatusCode); // the plan is A's
        Assert.Equal(HttpStatusCode.NotFound, (await entA.GetAsync($"/api/enterprises/{A}/emergency/plans/{id}/attachments/{planDoc + 100000}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync(url)).StatusCode); // the public list links no filing set
        var submitted = await JsonAsync(await entA.PostAsync($"/api/enterprises/{A}/emergency/plans/{id}/submit", null));
        // submitted Mon 2025-01-06: 01-07 1, 01-08 2, 01-09 3, 01-10 4, 01-13 5
        Assert.Equal(("submitted", "2025-01-13"), (submitted.GetProperty("state").GetString(), submitted.GetProperty("check_due").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await entA.PostAsJsonAsync($"/api/emergency/plans/{id}/check", new { filed = true, filing_number = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync($"/api/emergency/plans/{id}/check", new { filed = true })).StatusCode);
        var filed = await JsonAsync(await staff.PostAsJsonAsync($"/api/emergency/plans/{id}/check", new { filed = true, filing_number = "500105-2025-001-L" }));
        Assert.Equal("filed", filed.GetProperty("state").GetString());

        var pub = (await JsonAsync(await anon.GetAsync("/api/public/emergency-plans"))).EnumerateArray().Single(r => r.GetProperty("uscc").GetString() == A);
        Assert.Equal(["name", "uscc", "filing_number", "filed_on"], pub.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("500105-2025-001-L", "2025-01-06"), (pub.GetProperty("filing_number").GetString(), pub.GetProperty("filed_on").GetString()));
        // the public page lists the same row and /public links it
        Assert.Equal(HttpStatusCode.OK, (await anon.GetAsync("/public/emergency-plans")).StatusCode);
        var page = await RenderAsync<SmartEnv.Web.Components.Pages.Emergency.PublicEmergencyPlans>();
        Assert.Contains("500105-2025-001-L", page, StringComparison.Ordinal);
        // the 一企一档 tab of A (A's scope): the plan row says 已备案 with its number and day
        await using (var own = app.Store.CreateContext(SmartEnv.Storage.DataScope.ForEnterprises([A])))
        {
            var tab = await new SmartEnv.Web.Ui.EmergencyFileSlot(app.App.Services.GetRequiredService<TimeProvider>()).LoadAsync(own, A, default);
            Assert.Contains(tab.Rows, r => r[1].Contains("已备案", StringComparison.Ordinal) && r[1].Contains("备案编号 500105-2025-001-L（2025-01-06）", StringComparison.Ordinal));
        }
        Assert.Contains("<a href=\"/public/emergency-plans\">已备案环境应急预案名单</a>", await RenderAsync<SmartEnv.Web.Components.Pages.Public>(), StringComparison.Ordinal);
        var staffList = await JsonAsync(await monitoring.GetAsync("/api/emergency/plans"));
        Assert.Contains(staffList.GetProperty("plans").EnumerateArray(), p => p.GetProperty("id").GetInt64() == id);

        // event: level unclear, drinking-water source → 重大 procedure, 2 h from 09:30 Beijing = 11:30 Beijing
        Assert.Equal(HttpStatusCode.Forbidden, (await monitoring.PostAsJsonAsync("/api/emergency/events", new { title = "x" })).StatusCode);
        var ev = await JsonAsync(await staff.PostAsJsonAsync("/api/emergency/events", new
        {
            title = "危化品运输车辆泄漏", occurred_at = "2025-01-06T09:10:00+08:00", learned_at = "2025-01-06T09:30:00+08:00", circumstances = new[] { "drinking_water" },
        }));
        Assert.Equal(JsonValueKind.Null, ev.GetProperty("classification").GetProperty("level").ValueKind);
        Assert.Equal(("major", "unclear.drinking_water"), (ev.GetProperty("report_as").GetString(), ev.GetProperty("deadline_reason").GetString()));
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 3, 30, 0, TimeSpan.Zero), ev.GetProperty("report_due").GetDateTimeOffset());
        Assert.Equal(90, ev.GetProperty("remaining_minutes").GetInt64()); // clock 10:00 → 11:30
        // Trial findings: a time without its offset was read as UTC (deadline 8 h off); an event learned after now (10:00) was stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/emergency/events", new
        {
            title = "无时区", occurred_at = "2025-01-06T09:10:00", learned_at = "2025-01-06T09:30:00", circumstances = new[] { "drinking_water" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.PostAsJsonAsync("/api/emergency/events", new
        {
            title = "未来", occurred_at = "2025-01-06T10:10:00+08:00", learned_at = "2025-01-06T10:20:00+08:00", circumstances = new[] { "drinking_water" },
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await entA.GetAsync("/api/emergency/events")).StatusCode);

        // classify: evacuated 10,000 is 重大 (1万人以上), decided by evacuated over deaths 2 (一般)
        var c = await JsonAsync(await monitoring.PostAsJsonAsync("/api/emergency/classify", new { deaths = 2, evacuated = 10000 }));
        Assert.Equal(("major", "重大", "Ⅱ", "evacuated"), (c.GetProperty("level").GetString(), c.GetProperty("level_zh").GetString(), c.GetProperty("roman").GetString(), c.GetProperty("decided_by").GetString()));
    }
}

public sealed class SqliteEmergencyApiTests(InspectionsAppFixture<SqliteTestDatabase> app) : EmergencyApiTests<SqliteTestDatabase>(app);

public sealed class PostgresEmergencyApiTests(InspectionsAppFixture<PostgresTestDatabase> app) : EmergencyApiTests<PostgresTestDatabase>(app);
