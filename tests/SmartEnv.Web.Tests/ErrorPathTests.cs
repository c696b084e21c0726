using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Error paths never answer 500 on user input (issue 14 item 13; docs/security.md "What leaves the platform"): a redirect
/// target <c>/\evil</c> (which browsers read as <c>//evil</c>), an upload named <c>..</c> or <c>.</c>, and a NUL (U+0000, which
/// PostgreSQL text cannot hold) anywhere in a path, a query or a JSON body are 4xx answers on both engines, never a 500
/// and never a redirect off the site. Each URL below was a 500 or an off-site redirect before the fix.
/// </summary>
public abstract class ErrorPathTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private HttpClient NoRedirects(bool admin)
    {
        var c = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.Client(false).BaseAddress };
        if (admin) c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Token);
        return c;
    }

    [Theory]
    [InlineData("/%5Cevil.example")]
    [InlineData("/%5C%5Cevil.example")]
    [InlineData("//evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_language_switch_never_redirects_off_the_site_nor_fails(string redirect)
    {
        using var c = NoRedirects(admin: false);
        var r = await c.GetAsync($"/ui/culture?culture=en-US&redirect={redirect}");
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{redirect}: {(int)r.StatusCode}");
        Assert.Equal("/", r.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/air?q=%E7%A9%BA", "/air?q=%E7%A9%BA")]           // a Chinese query (was a 500: non-ASCII Location header)
    [InlineData("/%EF%BC%8F/evil.example", "/%EF%BC%8F/evil.example")] // full-width solidus: a path character, encoded
    [InlineData("/%E2%80%AE/x", "/%E2%80%AE/x")]
    [InlineData("/%E3%80%80/x", "/%E3%80%80/x")]
    public async Task A_language_switch_to_a_path_with_non_ASCII_characters_redirects_there_encoded(string redirect, string location)
    {
        using var c = NoRedirects(admin: false);
        var r = await c.GetAsync($"/ui/culture?culture=en-US&redirect={redirect}");
        Assert.True(r.StatusCode == HttpStatusCode.Redirect, $"{redirect}: {(int)r.StatusCode}");
        Assert.Equal(location, r.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/air?site=1420A", true)]
    [InlineData("/water?q=%E9%95%BF%E6%B1%9F&page=2", true)]
    [InlineData("/\\evil", false)]
    [InlineData("//evil", false)]
    [InlineData("/\t/evil", false)]
    [InlineData("http://evil", false)]
    [InlineData("evil", false)]
    [InlineData("", false)]
    public void Local_paths_are_told_from_other_sites(string url, bool local)
    {
        // Decoded values (as binding hands them over): a backslash after the first slash is what a browser turns into "//".
        Assert.Equal(local, SmartEnv.Web.Ui.LocalUrls.IsLocal(url));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    public async Task An_upload_named_dot_dot_is_a_400_or_imported_under_a_safe_name_never_a_500(string name)
    {
        using var admin = app.Client(admin: true);
        var form = new MultipartFormDataContent { { new StringContent("prsa"), "format" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,TEMP,PRES,DEWP,RAIN,wd,WSPM,station\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        var r = await admin.PostAsync("/api/import", form);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True((int)r.StatusCode < 500, $"upload named '{name}': {(int)r.StatusCode} {body}");
    }

    /// <summary>NUL in every kind of user input: route values, query values, a JSON body (as anonymous, staff and admin).</summary>
    public static TheoryData<string, string, string?> NulInputs() => new()
    {
        { "GET", "/api/sites/A%00B", null },
        { "GET", "/api/sites/A%00B/aqi/daily", null },
        { "GET", "/api/sites/A%00B/aqi/latest", null },
        { "GET", "/api/sites/A%00B/observations", null },
        { "GET", "/api/sites?kind=air%00", null },
        { "GET", "/api/enterprises/A%00B", null },
        { "GET", "/api/audit?actor=a%00b", null },
        { "GET", "/api/alerts?site=A%00B", null },
        { "GET", "/api/quarantine?mn=A%00B", null },
        { "GET", "/api/assessment/city?sites=A%00B&from=2019-01-01&to=2019-01-02", null },
        { "GET", "/ui/export/air-daily.csv?site=A%00B&from=2019-01-01&to=2019-01-02", null },
        { "GET", "/ui/export/noise-daily.csv?site=A%00B", null },
        { "GET", "/ui/export/audit.csv?actor=a%00b", null },
        { "GET", "/water?q=a%00b", null },
        { "GET", "/air?site=A%00B", null },
        { "GET", "/noise?site=A%00B", null },
        { "PUT", "/api/devices/MN%00X", """{"password":"123456","site_code":"1420A"}""" },
        { "POST", "/api/sites", """{"code":"NULNAME1","name_zh":"名\u0000称","kind":"air"}""" },
        { "PUT", "/api/devices/MNNUL0000000000000001", """{"password":"12\u000034","site_code":"1420A"}""" },
    };

    [Theory]
    [MemberData(nameof(NulInputs))]
    public async Task A_NUL_in_any_input_is_a_400_never_a_500(string method, string url, string? json)
    {
        using var admin = app.Client(admin: true);
        using var req = new HttpRequestMessage(new HttpMethod(method), url);
        if (json is not null) req.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var r = await admin.SendAsync(req);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}: {(int)r.StatusCode} {body[..Math.Min(400, body.Length)]}");
    }

    /// <summary>Sweep (issue 14 item 13 "sweep for more"): extreme or malformed values of every query a page, an export or
    /// an API read takes. Any answer but a 5xx passes; a 2xx, 3xx or 4xx is the endpoint's own decision.</summary>
    public static TheoryData<string> ExtremeInputs() => new()
    {
        "/ui/export/audit.csv?from=0001-01-01&to=9999-12-31",
        "/ui/export/air-daily.csv?site=1420A&from=9999-12-30&to=9999-12-31",
        "/ui/export/air-daily.csv?site=1420A&from=0001-01-01&to=0001-01-02",
        "/ui/export/air-daily.csv?site=district&from=0001-01-01&to=0001-01-02&regime=HJ633-2012",
        "/ui/export/noise-daily.csv?site=1420A&from=0001-01-01&to=0001-01-02",
        "/ui/export/noise-daily.csv?site=1420A&from=9999-12-30&to=9999-12-31",
        "/ui/export/import-rejects.csv?id=-1",
        "/ui/export/alerts.csv?status=bogus&rule=bogus&site=..",
        "/ui/export/air-daily.txt?site=1420A&from=2019-01-01&to=2019-01-02",
        "/api/sites/1420A/aqi/daily?from=0001-01-01&to=0001-01-02",
        "/api/sites/1420A/aqi/daily?from=9999-12-30&to=9999-12-31",
        "/api/sites/1420A/aqi/hourly?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z",
        "/api/sites/1420A/aqi/hourly?from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z",
        "/api/sites/1420A/observations?from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z&limit=1",
        "/api/sites/1420A/assessment?from=0001-01-01&to=0001-01-02",
        "/api/assessment/city?from=9999-12-30&to=9999-12-31",
        "/api/audit?from=0001-01-01T00:00:00Z&to=9999-12-31T00:00:00Z&page=2147483647&page_size=500",
        "/api/audit?page=-1&page_size=-1",
        "/api/alerts?status=bogus",
        "/api/plan/indicators?year=-5",
        "/api/plan/indicators?year=99999",
        "/api/plan/projects?reference_date=0001-01-01",
        "/api/plan/projects?reference_date=9999-12-31",
        "/api/quarantine?before_id=-1&limit=1000",
        "/api/operations/..",
        "/water?page=-5", "/water?page=2147483648", "/water?page=abc", "/water?window=bogus&item=bogus",
        "/air?from=0001-01-01&to=9999-12-31", "/air?from=abc&regime=bogus&window=bogus", "/air?site=..",
        "/noise?site=..&window=bogus",
        "/alerts?status=bogus&page=-1", "/audit?page=99999999999", "/data?tab=bogus",
        "/signin?returnUrl=/%5Cevil", "/signin?redirect=/%5Cevil", "/signin/2fa?returnUrl=//evil",
    };

    [Theory]
    [MemberData(nameof(ExtremeInputs))]
    public async Task Extreme_and_malformed_query_values_never_answer_5xx(string url)
    {
        using var admin = NoRedirects(admin: true);
        var r = await admin.GetAsync(url);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True((int)r.StatusCode < 500, $"{url}: {(int)r.StatusCode} {body[..Math.Min(400, body.Length)]}");
    }
}

public sealed class SqliteErrorPathTests(WebAppFixture<SqliteTestDatabase> app) : ErrorPathTests<SqliteTestDatabase>(app);

public sealed class PostgresErrorPathTests(WebAppFixture<PostgresTestDatabase> app) : ErrorPathTests<PostgresTestDatabase>(app);
