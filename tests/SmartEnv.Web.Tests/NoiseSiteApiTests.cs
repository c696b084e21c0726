using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>The GB 3096-2008 functional-zone class of noise sites through <c>/api/sites</c>.</summary>
public abstract class NoiseSiteApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static object Site(string code, string kind, string? zone) => new
    {
        code, name_zh = "噪声测点", kind, coordinates_approximate = false, noise_zone = zone,
    };

    [Fact]
    public async Task Noise_zone_is_stored_returned_and_validated()
    {
        using var admin = app.Client(admin: true);
        var code = "N-" + Guid.NewGuid().ToString("N")[..8];

        // Unknown class: 400 naming the field and the allowed classes; nothing stored.
        var bad = await admin.PostAsJsonAsync("/api/sites", Site(code, "noise", "5"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("unknown GB 3096-2008 functional-zone class '5': use 0, 1, 2, 3, 4a or 4b",
            problem.GetProperty("noise_zone")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/sites/{code}")).StatusCode);
        // "4" alone is the 1993 class, not a 2008 one.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/sites", Site(code, "noise", "4"))).StatusCode);
        // A zone on an air site is refused.
        var air = await admin.PostAsJsonAsync("/api/sites", Site(code, "air", "2"));
        Assert.Equal(HttpStatusCode.BadRequest, air.StatusCode);
        Assert.Contains("only noise sites", await air.Content.ReadAsStringAsync());

        // Valid, any case: stored in the standard's spelling.
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code, "noise", "4A"))).StatusCode);
        var got = JsonDocument.Parse(await admin.GetStringAsync($"/api/sites/{code}")).RootElement;
        Assert.Equal("noise", got.GetProperty("kind").GetString());
        Assert.Equal("4a", got.GetProperty("noise_zone").GetString());
        await using (var db = app.Store.CreateContext())
            Assert.Equal("4a", db.Sites.Single(s => s.Code == code).NoiseZone);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "noise", "1"))).StatusCode);
        Assert.Equal("1", JsonDocument.Parse(await admin.GetStringAsync($"/api/sites/{code}")).RootElement.GetProperty("noise_zone").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "noise", "4c"))).StatusCode);
        Assert.Equal("1", JsonDocument.Parse(await admin.GetStringAsync($"/api/sites/{code}")).RootElement.GetProperty("noise_zone").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "noise", null))).StatusCode);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await admin.GetStringAsync($"/api/sites/{code}")).RootElement.GetProperty("noise_zone").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
    }
}

public sealed class SqliteNoiseSiteApiTests(WebAppFixture<SqliteTestDatabase> app) : NoiseSiteApiTests<SqliteTestDatabase>(app);

public sealed class PostgresNoiseSiteApiTests(WebAppFixture<PostgresTestDatabase> app) : NoiseSiteApiTests<PostgresTestDatabase>(app);
