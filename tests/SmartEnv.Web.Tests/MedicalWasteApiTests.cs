using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The medical-waste routes over HTTP with real tokens: hospital H's own user records a handover and a collection and
/// reads them; enterprise A's user gets 404 for H's routes (enterprise scope); a viewer reads but may not write (403); the
/// staff overview carries #17 with its rule.
/// </summary>
public abstract class MedicalWasteApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    [Fact]
    public async Task Hospital_records_and_reads_its_own_others_get_404_viewers_only_read()
    {
        await WasteSeed.SeedAsync(app.Store);
        var baseAddress = SmartEnvWeb.BoundAddress(app.App);
        using var h = await TestPrincipals.EnterpriseAsync(baseAddress, app.Store, WasteSeed.UsccH);
        using var a = await TestPrincipals.EnterpriseAsync(baseAddress, app.Store, WasteSeed.UsccA);
        using var viewer = await TestPrincipals.StaffAsync(baseAddress, app.Store, SmartEnvRoles.Viewer);
        var at = new DateTimeOffset(2026, 2, 3, 9, 0, 0, BeijingTime.Offset);
        var body = new { facility = "ZC001", at, category = "841-002-01", weight_kg = 3.5m, packages = 2, department = "急诊科", handed_by = "王护士", received_by = "李工" };
        var path = $"/api/enterprises/{WasteSeed.UsccH}/mw/handovers";

        Assert.Equal(HttpStatusCode.NotFound, (await a.PostAsJsonAsync(path, body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(path, body)).StatusCode);

        var created = await h.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = doc.RootElement.GetProperty("id").GetInt64();
        Assert.Equal("sharps", doc.RootElement.GetProperty("category").GetString());
        // Deadline = stored + 48 h; long past now and still held → overdue.
        Assert.Equal(at.AddHours(48), doc.RootElement.GetProperty("storage_deadline").GetDateTimeOffset());
        Assert.True(doc.RootElement.GetProperty("overdue").GetBoolean());

        var second = await h.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode); // the same content twice is two handovers (two bags)
        var invalid = await h.PostAsJsonAsync(path, new { facility = "ZC001", category = "x", weight_kg = 1m, department = "a", handed_by = "b", received_by = "c" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        var coll = await h.PostAsJsonAsync($"/api/enterprises/{WasteSeed.UsccH}/mw/collections",
            new { facility = "ZC001", collector_uscc = WasteSeed.UsccD, at = at.AddHours(30), handover_ids = new[] { id } });
        Assert.Equal(HttpStatusCode.Created, coll.StatusCode);
        var again = await h.PostAsJsonAsync($"/api/enterprises/{WasteSeed.UsccH}/mw/collections",
            new { facility = "ZC001", collector_uscc = WasteSeed.UsccD, at = at.AddHours(31), handover_ids = new[] { id } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var held = JsonDocument.Parse(await viewer.GetStringAsync(path + "?held=true"));
        Assert.DoesNotContain(held.RootElement.EnumerateArray(), e => e.GetProperty("id").GetInt64() == id);
        using var report = JsonDocument.Parse(await h.GetStringAsync($"/api/enterprises/{WasteSeed.UsccH}/mw/reports/2026"));
        Assert.Equal(7.0m, report.RootElement.GetProperty("generated_kg").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/api/enterprises/{WasteSeed.UsccH}/mw/reports/2026")).StatusCode);

        // Staff overview: #17 for 2026 = 3.5 of 7 kg centrally disposed = 50.00 %, with the rule.
        using var o = JsonDocument.Parse(await viewer.GetStringAsync("/api/mw/overview?year=2026"));
        Assert.Equal(50.00m, o.RootElement.GetProperty("percent").GetDecimal());
        Assert.Contains("mw-central-disposal@1", o.RootElement.GetProperty("rule_zh").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await h.GetAsync("/api/mw/overview")).StatusCode);
    }
}

public sealed class SqliteMedicalWasteApiTests(WebAppFixture<SqliteTestDatabase> app) : MedicalWasteApiTests<SqliteTestDatabase>(app);

public sealed class PostgresMedicalWasteApiTests(WebAppFixture<PostgresTestDatabase> app) : MedicalWasteApiTests<PostgresTestDatabase>(app);
