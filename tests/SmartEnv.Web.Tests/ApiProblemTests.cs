using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Every refusal of the HTTP API is an RFC 9457 problem (<c>application/problem+json</c>) that names the parameter or
/// field and the expected form — including binding failures that happen before an endpoint runs — and equivalent bad
/// input is refused the same way on every endpoint (tester findings on main, 2026-11-29).
/// </summary>
public abstract class ApiProblemTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private static object Site(string code, string kind = "air") => new
    {
        code, name_zh = "问题站", kind, longitude = 106.6m, latitude = 29.6m, coordinates_approximate = true,
        coordinate_source = "test", control_level = "district", is_public = true,
    };

    /// <summary>Asserts the status and the problem media type; with <paramref name="field"/>, that <c>errors</c> has the field
    /// and its message contains every <paramref name="expected"/> text; returns the problem.</summary>
    private static async Task<JsonElement> AssertProblem(HttpResponseMessage r, HttpStatusCode status, string? field, params string[] expected)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(status == r.StatusCode, $"expected {(int)status}, got {(int)r.StatusCode}: {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)status, p.GetProperty("status").GetInt32());
        string message;
        if (field is null) message = p.GetProperty("detail").GetString()!;
        else
        {
            Assert.True(p.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"no errors.{field} in {text}");
            message = string.Join(" ", errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        }
        foreach (var e in expected) Assert.True(message.Contains(e, StringComparison.Ordinal), $"'{e}' not in: {text}");
        return p;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/api/sites/JB-A-GYQ/observations?limit=abc", "limit", "an integer", "'abc'")]
    [InlineData("/api/sites/JB-A-GYQ/observations?from=garbage", "from", "ISO 8601")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/hourly?to=2019-13-01T00:00:00Z", "to", "ISO 8601")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/daily?from=2019-13-01", "from", "yyyy-MM-dd", "'2019-13-01'")]
    [InlineData("/api/sites/JB-A-GYQ/assessment?from=2019-01-01&to=2019-02-30", "to", "yyyy-MM-dd")]
    [InlineData("/api/sites/JB-A-GYQ/assessment?from=2019-01-01", "to", "required", "yyyy-MM-dd")]
    [InlineData("/api/plan/indicators?year=abc", "year", "an integer")]
    [InlineData("/api/plan/projects?reference_date=2019-02-30", "reference_date", "yyyy-MM-dd")]
    [InlineData("/api/quarantine?before_id=x", "before_id", "an integer")]
    public async Task A_query_value_that_does_not_parse_is_a_400_naming_the_parameter_and_its_form(string url, string field, params string[] expected)
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.GetAsync(url), HttpStatusCode.BadRequest, field, expected);
    }

    [Theory]
    [InlineData("""{"code":"P-KIND","name_zh":"x","kind":"soil"}""", "kind", "air, water, noise")]
    [InlineData("""{"code":"P-ZONE","name_zh":"x","kind":"noise","noise_zone":4}""", "noise_zone", "a string")]
    [InlineData("""{"code":"P-NAN","name_zh":"x","kind":"air","longitude":"NaN","latitude":29.5}""", "longitude", "decimal number")]
    [InlineData("""{"code":"P-LVL","name_zh":"x","kind":"air","control_level":"county"}""", "control_level", "national, municipal, district")]
    [InlineData("""{"code":"P-BAD","name_zh":""", "body", "JSON body")]
    [InlineData("""{"code":"P-NUM","name_zh":"x","kind":7}""", "kind", "air, water or noise")]
    public async Task A_site_body_that_does_not_bind_is_a_400_naming_the_field(string json, string field, string expected)
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.PostAsync("/api/sites", Json(json)), HttpStatusCode.BadRequest, field, expected);
    }

    [Fact]
    public async Task A_nested_body_value_is_named_by_its_JSON_path()
    {
        using var admin = app.Client(admin: true);
        var json = """{"year":2021,"evaluated_on":"2021-12-31","evaluator":"x","scores":[{"dimension":"decision","score":"many","max_score":20,"evidence":"e"}]}""";
        await AssertProblem(await admin.PostAsync("/api/plan/projects/1/evaluations", Json(json)), HttpStatusCode.BadRequest, "scores[0].score", "decimal number");
        var date = """{"year":2021,"evaluated_on":"2021-02-30","evaluator":"x","scores":[]}""";
        await AssertProblem(await admin.PostAsync("/api/plan/projects/1/evaluations", Json(date)), HttpStatusCode.BadRequest, "evaluated_on", "yyyy-MM-dd");
    }

    [Fact]
    public async Task Device_body_with_the_wrong_field_name_names_password()
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.PutAsync("/api/devices/MN-PW-TEST", Json("""{"pw":"123456","site_code":"JB-A-GYQ"}""")),
            HttpStatusCode.BadRequest, "password", "PW");
    }

    [Theory]
    // to before from, and an over-long range, refused alike on every ranged endpoint (the field is "to").
    [InlineData("/api/sites/JB-A-GYQ/aqi/daily?from=2019-02-03&to=2019-02-02", "to", "on or after from")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/hourly?from=2019-02-03T00:00:00Z&to=2019-02-02T00:00:00Z", "to", "after from")]
    [InlineData("/api/sites/JB-A-GYQ/observations?from=2019-02-03T00:00:00Z&to=2019-02-02T00:00:00Z", "to", "after from")]
    [InlineData("/api/sites/JB-A-GYQ/assessment?from=2019-02-03&to=2019-02-02", "to", "on or after from")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/daily?from=0001-01-01&to=9999-12-31", "to", "3660 days")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/hourly?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "to", "3660 days")]
    [InlineData("/api/sites/JB-A-GYQ/observations?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z", "to", "3660 days")]
    // page sizes: 1…max everywhere, never silently clamped.
    [InlineData("/api/sites/JB-A-GYQ/observations?limit=-1", "limit", "1–10000")]
    [InlineData("/api/sites/JB-A-GYQ/observations?limit=0", "limit", "1–10000")]
    [InlineData("/api/quarantine?limit=-1", "limit", "1–1000")]
    [InlineData("/api/quarantine?limit=0", "limit", "1–1000")]
    [InlineData("/api/quarantine?limit=1001", "limit", "1–1000")]
    // regimes are listed.
    [InlineData("/api/sites/JB-A-GYQ/aqi/daily?from=2019-02-02&to=2019-02-03&regime=bogus", "regime", "HJ633-2012, CNEMC-2014, HJ633-2026")]
    [InlineData("/api/sites/JB-A-GYQ/aqi/hourly?regime=bogus", "regime", "HJ633-2012")]
    // AQI and assessment exist only for air sites: 400 "not an air site", as the recompute endpoint answers.
    [InlineData("/api/sites/JB-W-CT/aqi/daily?from=2019-02-02&to=2019-02-03", "code", "not an air site")]
    [InlineData("/api/sites/JB-W-CT/aqi/hourly", "code", "not an air site")]
    [InlineData("/api/sites/JB-W-CT/aqi/latest", "code", "not an air site")]
    [InlineData("/api/sites/JB-W-CT/assessment?from=2019-02-02&to=2019-02-03", "code", "not an air site")]
    [InlineData("/api/assessment/city?sites=JB-A-GC,JB-W-CT&from=2019-07-01&to=2019-07-01", "sites", "JB-W-CT is not an air site")]
    public async Task Equivalent_bad_input_is_refused_alike_naming_the_field(string url, string field, string expected)
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.GetAsync(url), HttpStatusCode.BadRequest, field, expected);
    }

    [Fact]
    public async Task Not_found_and_conflict_are_problems_with_a_detail_not_bare_strings()
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.GetAsync("/api/assessment/city?sites=JB-A-GC,NO-SUCH&from=2019-07-01&to=2019-07-01"), HttpStatusCode.NotFound, null, "NO-SUCH");
        await AssertProblem(await admin.GetAsync("/api/sites/NO-SUCH/aqi/daily"), HttpStatusCode.NotFound, null, "no site NO-SUCH");
        await AssertProblem(await admin.GetAsync("/api/sites/NO-SUCH"), HttpStatusCode.NotFound, null, "no site NO-SUCH");

        var code = "P-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code))).StatusCode);
        await AssertProblem(await admin.PostAsJsonAsync("/api/sites", Site(code)), HttpStatusCode.Conflict, null, $"site {code} exists");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
    }

    [Theory]
    [InlineData("X/13")]
    [InlineData("X 13")]
    [InlineData("..")]
    [InlineData("X%2F13")]
    [InlineData("站点")]
    public async Task A_site_code_that_cannot_be_a_path_segment_is_refused(string code)
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.PostAsJsonAsync("/api/sites", Site(code)), HttpStatusCode.BadRequest, "code", "letters", "'-', '_' or '.'");
    }

    [Fact]
    public async Task A_site_code_with_dot_dash_and_underscore_is_created_read_and_deleted()
    {
        using var admin = app.Client(admin: true);
        var code = "P_" + Guid.NewGuid().ToString("N")[..6] + ".1-a";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/sites/{code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
    }

    [Fact]
    public async Task Kind_of_a_site_with_devices_cannot_change_but_other_fields_can()
    {
        using var admin = app.Client(admin: true);
        var code = "K-" + Guid.NewGuid().ToString("N")[..8];
        var mn = "MN" + Guid.NewGuid().ToString("N")[..20];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/sites", Site(code, "noise"))).StatusCode);
        // Without data or devices the kind may still change.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "air"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/devices/{mn}", new { password = "123456", site_code = code, enabled = true })).StatusCode);
        await AssertProblem(await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "water")), HttpStatusCode.Conflict, null, "kind cannot change from air to water");
        Assert.Equal("air", JsonDocument.Parse(await admin.GetStringAsync($"/api/sites/{code}")).RootElement.GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/sites/{code}", Site(code, "air"))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/{mn}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/sites/{code}")).StatusCode);
    }

    private static MultipartFormDataContent Upload(string format, string name, byte[] bytes)
    {
        var form = new MultipartFormDataContent { { new StringContent(format), "format" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return form;
    }

    [Fact]
    public async Task Upload_over_the_request_limit_is_413_giving_the_limit()
    {
        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes. A raw request announcing 31,000,000 bytes is refused
        // on the first read; HttpClient would keep writing the body into the closed connection, so the test speaks HTTP/1.1.
        var address = SmartEnvWeb.BoundAddress(app.App);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        const string boundary = "b0undary";
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\n";
        var request = "POST /api/import?format=prsa HTTP/1.1\r\n" +
            $"Host: {address.Host}:{address.Port}\r\nAuthorization: Bearer {app.Token}\r\n" +
            $"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 31000000\r\nConnection: close\r\n\r\n" + head;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        await stream.WriteAsync(new byte[64 * 1024]);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", response, StringComparison.OrdinalIgnoreCase);
        var json = JsonDocument.Parse(response[response.IndexOf('{', StringComparison.Ordinal)..response.LastIndexOf('}')].Trim() + "}").RootElement;
        Assert.Equal(413, json.GetProperty("status").GetInt32());
        Assert.Contains("30,000,000 bytes", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_and_missing_uploads_name_the_file_part()
    {
        using var admin = app.Client(admin: true);
        await AssertProblem(await admin.PostAsync("/api/import", Upload("prsa", "small.csv", [])), HttpStatusCode.BadRequest, "file", "empty file", "small.csv");
        var noFile = new MultipartFormDataContent { { new StringContent("prsa"), "format" } };
        await AssertProblem(await admin.PostAsync("/api/import", noFile), HttpStatusCode.BadRequest, "file", "multipart part 'file'");
        await AssertProblem(await admin.PostAsync("/api/import", Upload("nope", "small.csv", [1])), HttpStatusCode.BadRequest, "format", "cnemc-sites");
    }

    [Fact]
    public async Task A_reject_names_the_uploaded_file_not_the_server_temp_path()
    {
        using var admin = app.Client(admin: true);
        var r = await admin.PostAsync("/api/import", Upload("cnemc-water", "small.csv", Encoding.UTF8.GetBytes("not,a,water,file\n1,2,3,4\n")));
        var text = await r.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var s = JsonDocument.Parse(text).RootElement;
        Assert.Equal("small.csv", s.GetProperty("file").GetString());
        var reason = s.GetProperty("rejects").EnumerateArray().First().GetProperty("reason").GetString()!;
        Assert.StartsWith("small.csv: ", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("smartenv-upload-", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        // The stored reject (shown on the 数据 page and in its export) names the file too, not the server's temp path.
        await using var ctx = app.Store.CreateContext();
        var logId = s.GetProperty("import_log_id").GetInt64();
        var stored = await ctx.ImportRejects.AsNoTracking().Where(x => x.ImportLogId == logId).Select(x => x.Reason).ToListAsync();
        Assert.NotEmpty(stored);
        Assert.All(stored, x => Assert.StartsWith("small.csv: ", x, StringComparison.Ordinal));
    }
}

public sealed class SqliteApiProblemTests(WebAppFixture<SqliteTestDatabase> app) : ApiProblemTests<SqliteTestDatabase>(app);
