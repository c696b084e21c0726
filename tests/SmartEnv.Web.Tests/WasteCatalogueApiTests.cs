using System.Net;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 17 P1 over HTTP on both engines: <c>GET /api/hw/codes</c> and <c>GET /api/hw/codes/{wasteCode}</c> — the 2021
/// list (467 codes, from SUP §3.1 and hw-codes.tsv), the "，" vs "/" meaning, 900-000-XX, and the errors: a malformed code
/// 400, a code not listed 404, an unknown version 400, anonymous 401. An enterprise user reads the list like staff (it is
/// the same law for everyone).
/// </summary>
public abstract class WasteCatalogueApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private Uri Address => SmartEnvWeb.BoundAddress(app.App);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task The_list_and_one_code()
    {
        using var staff = await TestPrincipals.StaffAsync(Address, app.Store, SmartEnvRoles.Viewer);
        var all = await JsonAsync(await staff.GetAsync("/api/hw/codes"));
        Assert.Equal(467, all.GetArrayLength());
        Assert.Equal(11, (await JsonAsync(await staff.GetAsync("/api/hw/codes?q=HW49&version=2021"))).GetArrayLength());
        var oil = await JsonAsync(await staff.GetAsync("/api/hw/codes?q=" + Uri.EscapeDataString("废矿物油")));
        Assert.Contains(oil.EnumerateArray(), e => e.GetProperty("code").GetString() == "900-249-08");

        var e = await JsonAsync(await staff.GetAsync("/api/hw/codes/900-041-49"));
        Assert.Equal(("HW49", "其他废物", "900", "非特定行业", "T/In", "any_of", false, "2021"),
            (e.GetProperty("category").GetString(), e.GetProperty("category_name_zh").GetString(), e.GetProperty("industry_code").GetString(),
             e.GetProperty("industry").GetString(), e.GetProperty("hazard").GetString(), e.GetProperty("hazard_join").GetString(),
             e.GetProperty("unlisted").GetBoolean(), e.GetProperty("list_version").GetString()));
        Assert.Equal(["T", "In"], e.GetProperty("hazard_items").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("2021-01-01", e.GetProperty("list_in_force").GetString());

        var u = await JsonAsync(await staff.GetAsync("/api/hw/codes/900-000-49"));
        Assert.True(u.GetProperty("unlisted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, u.GetProperty("description_zh").ValueKind);
    }

    [Theory]
    [InlineData("/api/hw/codes/90004149", HttpStatusCode.BadRequest, "write it as 900-041-49")]
    [InlineData("/api/hw/codes/900-041-4x", HttpStatusCode.BadRequest, "position 10")]
    [InlineData("/api/hw/codes/900-040-49", HttpStatusCode.NotFound, "not listed in the 2021 list")]
    [InlineData("/api/hw/codes/261-001-43", HttpStatusCode.NotFound, "category HW43 does not exist")]
    [InlineData("/api/hw/codes/900-000-44", HttpStatusCode.NotFound, "category HW44 does not exist")]
    [InlineData("/api/hw/codes/900-041-49?version=2025", HttpStatusCode.BadRequest, "list version '2025' is not loaded")]
    [InlineData("/api/hw/codes?version=2016", HttpStatusCode.BadRequest, "list version '2016' is not loaded")]
    public async Task Errors_name_the_reason(string url, HttpStatusCode status, string part)
    {
        using var ent = await TestPrincipals.EnterpriseAsync(Address, app.Store, "91500105000000000J");
        var r = await ent.GetAsync(url);
        Assert.Equal(status, r.StatusCode);
        Assert.Contains(part, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_enterprise_user_reads_the_list_and_anonymous_is_refused()
    {
        using var ent = await TestPrincipals.EnterpriseAsync(Address, app.Store, "91500105000000000J");
        Assert.Equal(HttpStatusCode.OK, (await ent.GetAsync("/api/hw/codes/841-001-01")).StatusCode);
        using var anon = TestPrincipals.Anonymous(Address);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/hw/codes/841-001-01")).StatusCode);
    }
}

public sealed class SqliteWasteCatalogueApiTests(WebAppFixture<SqliteTestDatabase> app) : WasteCatalogueApiTests<SqliteTestDatabase>(app);

public sealed class PostgresWasteCatalogueApiTests(WebAppFixture<PostgresTestDatabase> app) : WasteCatalogueApiTests<PostgresTestDatabase>(app);
