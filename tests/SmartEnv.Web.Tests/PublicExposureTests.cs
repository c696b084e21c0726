using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// "Public means public, everywhere" (issue 14 item 10, docs/security.md "What leaves the platform"): a non-public air
/// station, water section and noise site — each with stored data — appear in no page and no export an anonymous visitor can
/// open, and are not found by code either; bureau staff still get them (control). The hourly-data policy is one for pages
/// and API: the hourly AQI of a PUBLIC station is public (HJ 633-2012 §5.1.3 real-time report), of a non-public one a 404.
/// Each secret is a unique code and Chinese name, searched for in every answer body.
/// </summary>
public abstract class PublicExposureTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string AirCode = "EXPHIDA1";
    private const string AirName = "隐秘空气站甲";
    private const string WaterCode = "EXPHIDW1";
    private const string WaterName = "隐秘水断面乙";
    private const string NoiseCode = "EXPHIDN1";
    private const string NoiseName = "隐秘声点丙";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly HashSet<string> Seeded = [];

    /// <summary>The three hidden sites with a day of data each (air: one natural day of hours, evaluated to hourly and daily
    /// AQI; water: one 4-hourly sample; noise: hourly Leq of a day), once per store.</summary>
    private async Task SeedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (!Seeded.Add(app.Store.Options.ConnectionString)) return;
            long air, water, noise;
            await using (var db = app.Store.CreateContext())
            {
                Site S(string code, string name, SiteKind kind) => new()
                {
                    Code = code, NameZh = name, Kind = kind, IsPublic = false, InDistrict = true, CoordinateSource = "test",
                    Longitude = 106.6m, Latitude = 29.6m, NoiseZone = kind == SiteKind.Noise ? "1" : null,
                    WaterTargetClass = kind == SiteKind.Water ? "III" : null,
                };
                var a = S(AirCode, AirName, SiteKind.Air);
                var w = S(WaterCode, WaterName, SiteKind.Water);
                var n = S(NoiseCode, NoiseName, SiteKind.Noise);
                db.Sites.AddRange(a, w, n);
                await db.SaveChangesAsync();
                (air, water, noise) = (a.Id, w.Id, n.Id);
            }
            var day0 = new DateTimeOffset(2019, 3, 1, 0, 0, 0, BeijingTime.Offset);
            var values = new List<ObservationInput>();
            for (var i = 0; i < 24; i++)
                foreach (var (code, v) in new[] { ("a21026", 10m), ("a21004", 20m), ("a21005", 0.5m), ("a05024", 100m), ("a34002", 60m), ("a34004", 40m) })
                    values.Add(new ObservationInput(air, "exposure-test", code, PeriodType.Hour, day0.AddHours(i), v, v.ToString(CultureInfo.InvariantCulture)));
            foreach (var (code, v) in new[] { ("w01001", 7.5m), ("w01009", 7m), ("w01019", 4m), ("w21003", 0.2m), ("w21011", 0.05m) })
                values.Add(new ObservationInput(water, "exposure-test", code, PeriodType.Hour, day0, v, v.ToString(CultureInfo.InvariantCulture)));
            for (var i = 0; i < 24; i++)
                values.Add(new ObservationInput(noise, "exposure-test", "Leq", PeriodType.Hour, day0.AddHours(i), 50m, "50"));
            await new ObservationWriter(app.Store).UpsertAsync(values);
            await new AirEvaluator(app.Store).RecomputeAsync(air, new DateOnly(2019, 3, 1), new DateOnly(2019, 3, 1));
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Every page and export an anonymous visitor can open, with the hidden sites named where a URL takes a site.</summary>
    public static TheoryData<string> AnonymousUrls() => new()
    {
        "/", "/public", "/air", $"/air?site={AirCode}", "/water", $"/water?site={WaterCode}", $"/water?q={WaterCode}",
        "/noise", $"/noise?site={NoiseCode}",
        "/api/sites", "/api/sites?kind=air", "/api/sites?kind=water", "/api/sites?kind=noise",
        "/ui/export/water-sections.csv", "/ui/export/water-sections.xlsx",
    };

    [Theory]
    [MemberData(nameof(AnonymousUrls))]
    public async Task A_non_public_site_is_not_named_in_any_anonymous_page_or_export(string url)
    {
        await SeedAsync();
        using var anon = app.Client(admin: false);
        var r = await anon.GetAsync(url);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{url}: {(int)r.StatusCode} {body[..Math.Min(300, body.Length)]}");
        if (url.EndsWith(".xlsx", StringComparison.Ordinal)) body = XlsxText(await r.Content.ReadAsByteArrayAsync());
        foreach (var secret in new[] { AirCode, AirName, WaterName, NoiseName })
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{url} names the non-public site '{secret}'");
    }

    /// <summary>The exports and API reads that take a site: 404 for a non-public one, as for an unknown code — for the
    /// public; staff get the site (200).</summary>
    public static TheoryData<string> SiteUrls() => new()
    {
        $"/ui/export/air-daily.csv?site={AirCode}&from=2019-03-01&to=2019-03-31",
        $"/ui/export/air-daily.xlsx?site={AirCode}&from=2019-03-01&to=2019-03-31&regime=HJ633-2012",
        $"/ui/export/noise-daily.csv?site={NoiseCode}&from=2019-03-01&to=2019-03-02",
        $"/api/sites/{AirCode}",
        $"/api/sites/{AirCode}/aqi/daily?from=2019-03-01&to=2019-03-31",
        $"/api/sites/{AirCode}/aqi/latest",
        $"/api/sites/{AirCode}/aqi/hourly?from=2019-03-01T00:00:00Z&to=2019-03-02T00:00:00Z",
        $"/api/sites/{WaterCode}",
        $"/api/sites/{NoiseCode}",
    };

    [Theory]
    [MemberData(nameof(SiteUrls))]
    public async Task A_non_public_site_is_404_for_the_public_and_served_to_staff(string url)
    {
        await SeedAsync();
        using var anon = app.Client(admin: false);
        var r = await anon.GetAsync(url);
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.NotFound, $"anonymous {url}: {(int)r.StatusCode} {body[..Math.Min(300, body.Length)]}");
        Assert.DoesNotContain(AirName, body, StringComparison.Ordinal);
        using var staff = await TestPrincipals.StaffAsync(anon.BaseAddress!, app.Store, "viewer");
        var s = await staff.GetAsync(url);
        Assert.True(s.StatusCode == HttpStatusCode.OK, $"viewer {url}: {(int)s.StatusCode} {await s.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task The_hourly_AQI_of_a_public_station_is_public_in_the_API_as_on_the_air_page()
    {
        // One policy for pages and API (docs/security.md): the 空气 page shows a public station's hourly AQI to everyone,
        // so does GET /api/sites/{code}/aqi/hourly. JB-A-GC is a public seeded station; the hidden station's hours exist.
        await SeedAsync();
        using var anon = app.Client(admin: false);
        var r = await anon.GetAsync("/api/sites/JB-A-GC/aqi/hourly?from=2019-03-01T00:00:00Z&to=2019-03-02T00:00:00Z");
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        using var staff = await TestPrincipals.StaffAsync(anon.BaseAddress!, app.Store, "viewer");
        var hidden = await staff.GetStringAsync($"/api/sites/{AirCode}/aqi/hourly?from=2019-02-28T00:00:00Z&to=2019-03-02T00:00:00Z");
        Assert.Contains("\"aqi\":", hidden, StringComparison.Ordinal); // the hidden station does have hours (the 404 above is the rule, not no data)
    }

    /// <summary>The text of an xlsx: its shared strings and sheet XML.</summary>
    internal static string XlsxText(byte[] xlsx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx));
        var sb = new System.Text.StringBuilder();
        foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(e.Open());
            sb.Append(reader.ReadToEnd());
        }
        return sb.ToString();
    }
}

public sealed class SqlitePublicExposureTests(WebAppFixture<SqliteTestDatabase> app) : PublicExposureTests<SqliteTestDatabase>(app);

public sealed class PostgresPublicExposureTests(WebAppFixture<PostgresTestDatabase> app) : PublicExposureTests<PostgresTestDatabase>(app);
