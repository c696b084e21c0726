using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 22 over HTTP on both engines: <c>/api/data-sources</c> — staff read, admin and monitoring write (viewer,
/// enforcement, enterprise and anonymous refused); validation naming the field (key shape, cause keys at their boundaries,
/// times without offset, to before from, negative counts); a finding attached, listed, withdrawn once (409 twice), all
/// audited; and <c>POST /api/import</c> with the <c>source</c> field: a file inside the finding's range comes back with the
/// warning, an unknown source is a 400 naming <c>source</c>.
/// </summary>
public abstract class DataSourcesApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private Uri Address => SmartEnvWeb.BoundAddress(app.App);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static object Finding(string cause = "rounding-nearest", string domain = "air", string from = "2014-05-01T00:00:00+08:00", string? to = null,
        int stations = 1, int rows = 24) => new { domain, cause, from, to, stations, rows, summary = "与四舍五入一致", summaryEn = "consistent with round-to-nearest" };

    private static MultipartFormDataContent Form(string? source, string text)
    {
        var form = new MultipartFormDataContent { { new StringContent("prsa"), "format" } };
        if (source is not null) form.Add(new StringContent(source), "source");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "ds.csv");
        return form;
    }

    [Fact]
    public async Task Roles_validation_attach_withdraw_and_the_flagged_import()
    {
        using var admin = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Admin);
        using var monitoring = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Monitoring);
        using var viewer = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Viewer);
        using var enforcement = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Enforcement);
        using var enterprise = await TestPrincipals.EnterpriseAsync(Address, app.Store, "91500105MA5U0RT001");
        using var anon = TestPrincipals.Anonymous(Address);
        var key = "city-" + Guid.NewGuid().ToString("N")[..8];
        var source = new { key, name = "某市空气质量发布平台", publisher = "某市监测站", url = "https://example.org/aqi", formats = new[] { "prsa", "csv" }, notes = "测试" };

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/data-sources", source)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enforcement.PostAsJsonAsync("/api/data-sources", source)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/api/data-sources")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/data-sources")).StatusCode);
        var created = await monitoring.PostAsJsonAsync("/api/data-sources", source);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["prsa", "csv"], (await JsonAsync(created)).GetProperty("formats").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/data-sources", source)).StatusCode);
        // Key shape: 64 characters pass, 65 and an upper-case letter do not; a ftp address is not a web address.
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (new { key = new string('k', 65), name = "甲", publisher = "乙" }, "key"),
                     (new { key = "City", name = "甲", publisher = "乙" }, "key"),
                     (new { key = "x-" + Guid.NewGuid().ToString("N")[..6], name = "", publisher = "乙" }, "name"),
                     (new { key = "x-" + Guid.NewGuid().ToString("N")[..6], name = "甲", publisher = "乙", url = "ftp://example.org" }, "url"),
                 })
        {
            var r = await admin.PostAsJsonAsync("/api/data-sources", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await JsonAsync(r)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/data-sources", new { key = "k" + new string('7', 63), name = "甲", publisher = "乙" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/data-sources/{key}", source with { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/data-sources/no-such-source", source)).StatusCode);

        // Findings: cause keys at their boundaries, times with an offset, to ≥ from, counts ≥ 0.
        foreach (var (body, field) in new (object Body, string Field)[]
                 {
                     (Finding(cause: "rounding-ceiling"), "cause"),
                     (Finding(cause: "regime:"), "cause"),
                     (Finding(cause: "regime:HJ633-2027"), "cause"),
                     (Finding(cause: "water-ph"), "cause"), // a water cause on an air finding
                     (Finding(domain: "soil"), "domain"),
                     (Finding(from: "2014-05-01T00:00:00"), "from"), // no offset
                     (Finding(from: "2014-05-02T00:00:00+08:00", to: "2014-05-01T23:00:00+08:00"), "to"), // one hour before from
                     (Finding(stations: -1), "stations"),
                 })
        {
            var r = await monitoring.PostAsJsonAsync($"/api/data-sources/{key}/findings", body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await JsonAsync(r)).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/data-sources/{key}/findings", Finding())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("/api/data-sources/no-such-source/findings", Finding())).StatusCode);
        // to = from (a one-hour finding) is valid; regime:CNEMC-2014 and water-… on a water finding too.
        Assert.Equal(HttpStatusCode.Created, (await monitoring.PostAsJsonAsync($"/api/data-sources/{key}/findings",
            Finding(cause: "regime:CNEMC-2014", from: "2010-01-01T00:00:00+08:00", to: "2010-01-01T00:00:00+08:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await monitoring.PostAsJsonAsync($"/api/data-sources/{key}/findings", Finding(cause: "water-class-rounding", domain: "water"))).StatusCode);
        var attached = await JsonAsync(await monitoring.PostAsJsonAsync($"/api/data-sources/{key}/findings", Finding()));
        var id = attached.GetProperty("id").GetInt64();
        Assert.Equal(("active", "2014-05-01T00:00:00+08:00", JsonValueKind.Null, "consistent with round-to-nearest"),
            (attached.GetProperty("state").GetString(), attached.GetProperty("from").GetString(), attached.GetProperty("to").ValueKind, attached.GetProperty("summary_en").GetString()));
        var list = await JsonAsync(await viewer.GetAsync($"/api/data-sources/{key}/findings"));
        Assert.Equal(3, list.GetArrayLength());
        Assert.Equal(id, list[0].GetProperty("id").GetInt64()); // newest first

        // The import of two PRSA hours (labels 2014-05-01 01:00 and 02:00, after from) with the source: flagged, stored.
        const string prsa = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,5,1,1,35,60,8,40,700,90,DsUpload\n2,2014,5,1,2,36,58,7,38,600,85,DsUpload\n";
        var unknown = await admin.PostAsync("/api/import", Form("no-such-source", prsa));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await JsonAsync(unknown)).GetProperty("errors").TryGetProperty("source", out _));
        var imported = await admin.PostAsync("/api/import", Form(key, prsa));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var summary = await JsonAsync(imported);
        Assert.Equal(key, summary.GetProperty("source").GetString());
        var flags = summary.GetProperty("source_flags");
        Assert.Equal(1, flags.GetArrayLength()); // the water finding and the 2010 one do not apply
        Assert.Equal(id, flags[0].GetProperty("finding_id").GetInt64());
        Assert.Equal(2, flags[0].GetProperty("hours").GetInt32());
        Assert.Equal($"此来源自 2014-05-01 起按四舍五入发布 AQI（发现 #{id}）", flags[0].GetProperty("warning").GetString());

        // Withdraw: a reason is required; once only; viewer refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync($"/api/data-sources/{key}/findings/{id}/withdraw", new { reason = "错" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/data-sources/{key}/findings/{id}/withdraw", new { reason = " " })).StatusCode);
        var withdrawn = await admin.PostAsJsonAsync($"/api/data-sources/{key}/findings/{id}/withdraw", new { reason = "发布方已更正" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(("withdrawn", "发布方已更正"), ((await JsonAsync(withdrawn)).GetProperty("state").GetString(), (await JsonAsync(withdrawn)).GetProperty("withdraw_reason").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/data-sources/{key}/findings/{id}/withdraw", new { reason = "再次" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/data-sources/{key}/findings/999999/withdraw", new { reason = "无" })).StatusCode);

        var listed = (await JsonAsync(await viewer.GetAsync("/api/data-sources"))).EnumerateArray().Single(s => s.GetProperty("key").GetString() == key);
        Assert.Equal((2, 1), (listed.GetProperty("active_findings").GetInt32(), listed.GetProperty("withdrawn_findings").GetInt32()));

        // Audited: create, update, three attaches and the withdrawal of this source.
        await using var ctx = app.Store.CreateContext();
        var actions = ctx.AuditEntries.Where(e => e.TargetType == "data_source" && e.TargetId == key).Select(e => e.Action).ToList();
        Assert.Equal(["data_source.create", "data_source.update"], actions);
        Assert.Contains(ctx.AuditEntries.Where(e => e.Action == "data_source.finding.withdraw").Select(e => e.TargetId).ToList(), t => t == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_page_lists_the_sources_in_Chinese()
    {
        var key = "page-" + Guid.NewGuid().ToString("N")[..8];
        await using (var ctx = app.Store.CreateContext())
            await new SmartEnv.Imports.DataSources.DataSourceService(ctx, TimeProvider.System).CreateAsync(
                new SmartEnv.Imports.DataSources.DataSourceInput(key, "页面测试发布平台", "某市监测站", null, ["cnemc-sites"], null), new(SmartEnv.Storage.Audit.AuditActorKind.User, "page-test"));
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("zh-CN");
        using var di = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app.App.Services);
        await using var renderer = new Microsoft.AspNetCore.Components.Web.HtmlRenderer(di.ServiceProvider, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var html = WebUtility.HtmlDecode(await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<SmartEnv.Web.Components.Pages.DataSources.DataSources>()).ToHtmlString()));
        Assert.Contains("页面测试发布平台", html);
        Assert.Contains($"data-source=\"{key}\"", html);
        Assert.Contains("有效 0 条，已撤回 0 条", html);
        Assert.Contains("仅管理员和监测人员可登记来源", html); // no UiAccess in the renderer: read-only view
    }
}

public sealed class SqliteDataSourcesApiTests(WebAppFixture<SqliteTestDatabase> app) : DataSourcesApiTests<SqliteTestDatabase>(app);

public sealed class PostgresDataSourcesApiTests(WebAppFixture<PostgresTestDatabase> app) : DataSourcesApiTests<PostgresTestDatabase>(app);
