using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <c>POST /api/verify/{domain}</c> (issue 22): the report as JSON with the contract names, the Excel answer, roles and the
/// problem shape of errors. Rows: the example-3 rows of the verification tests (PM2.5 40 → 57 by HJ 633, 56.25 rounded
/// up; 41 → 58 from 57.5; published 56 and 57 by truncation), others SO2 5, NO2 10, CO 0.5, O3 20, PM10 30 (IAQI ≤ 30).
/// </summary>
public abstract class VerifyApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string Csv = "站点,时间,AQI,SO2,NO2,CO,O3,PM10,PM2.5\n" +
        "D,2019-09-01 01:00,56,5,10,0.5,20,30,40\n" +
        "D,2019-09-01 02:00,57,5,10,0.5,20,30,41\n";

    private const string Map = "site=站点,time=时间,aqi=AQI,so2=SO2,no2=NO2,co=CO,o3=O3,pm10=PM10,pm25=PM2.5";

    private static MultipartFormDataContent Form(string text, string format = "csv", string? map = Map)
    {
        var form = new MultipartFormDataContent { { new StringContent(format), "format" } };
        if (map is not null) form.Add(new StringContent(map), "map");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "published.csv");
        return form;
    }

    [Fact]
    public async Task Report_as_json_with_the_finding_contract()
    {
        using var c = await TestPrincipals.StaffAsync(SmartEnvWeb.BoundAddress(app.App), app.Store, SmartEnvRoles.Monitoring);
        var r = await c.PostAsync("/api/verify/air", Form(Csv));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var j = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("air", 2, 2, 0, 0m), (j.GetProperty("domain").GetString(), j.GetProperty("rows").GetInt32(), j.GetProperty("compared").GetInt32(),
            j.GetProperty("matched").GetInt32(), j.GetProperty("match_rate").GetDecimal()));
        var f = j.GetProperty("findings").EnumerateArray().Single();
        Assert.Equal(("air", "rounding-floor", "2019-09-01T01:00:00+08:00", "2019-09-01T02:00:00+08:00", 1, 2),
            (f.GetProperty("domain").GetString(), f.GetProperty("cause").GetString(), f.GetProperty("from").GetString(), f.GetProperty("to").GetString(),
             f.GetProperty("stations").GetInt32(), f.GetProperty("rows").GetInt32()));
        Assert.Contains("舍去", f.GetProperty("summary").GetString());
        Assert.Contains("truncated", f.GetProperty("summary_en").GetString());
        var m = j.GetProperty("mismatches")[0];
        Assert.Equal(("56", "57", -1m, "rounding-floor", "published.csv:2"), (m.GetProperty("published").GetString(), m.GetProperty("ours").GetString(),
            m.GetProperty("difference").GetDecimal(), m.GetProperty("cause").GetString(), m.GetProperty("location").GetString()));
    }

    [Fact]
    public async Task Excel_on_request()
    {
        using var c = app.Client(admin: true);
        var r = await c.PostAsync("/api/verify/air?output=xlsx", Form(Csv));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.Content.Headers.ContentType!.MediaType);
        var bytes = await r.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // a zip (xlsx)
    }

    [Fact]
    public async Task Roles_and_errors()
    {
        using var anon = TestPrincipals.Anonymous(SmartEnvWeb.BoundAddress(app.App));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync("/api/verify/air", Form(Csv))).StatusCode);
        using var viewer = await TestPrincipals.StaffAsync(SmartEnvWeb.BoundAddress(app.App), app.Store, SmartEnvRoles.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync("/api/verify/air", Form(Csv))).StatusCode);

        using var c = app.Client(admin: true);
        async Task<JsonElement> Problem(string url, HttpContent body)
        {
            var r = await c.PostAsync(url, body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType);
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        }
        Assert.True((await Problem("/api/verify/soil", Form(Csv))).GetProperty("errors").TryGetProperty("domain", out _));
        Assert.True((await Problem("/api/verify/air", Form(Csv, "cnemc-water"))).GetProperty("errors").TryGetProperty("format", out _));
        Assert.True((await Problem("/api/verify/air", Form(Csv, map: null))).GetProperty("errors").TryGetProperty("map", out _));
        // A bad cell: line 3, column 9 (PM2.5 "4x").
        var bad = await Problem("/api/verify/air", Form(Csv.Replace(",30,41", ",30,4x", StringComparison.Ordinal)));
        Assert.Equal((3, 9), (bad.GetProperty("line").GetInt32(), bad.GetProperty("column").GetInt32()));
        Assert.True(bad.GetProperty("errors").TryGetProperty("file", out _));
    }
}

public sealed class SqliteVerifyApiTests(WebAppFixture<SqliteTestDatabase> app) : VerifyApiTests<SqliteTestDatabase>(app);
