using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary><c>POST /api/import</c>: admin only, multipart upload, same summary as <c>smartenv import</c>; re-upload
/// changes nothing; a malformed file gives its line and column.</summary>
public abstract class ImportApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    // Two hours of a PRSA-format file (hour-ending labels); 11 pollutant cells, one NA.
    private const string Prsa = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n" +
        "1,2014,5,1,1,35,60,8,40,700,90,Upload\n" +
        "2,2014,5,1,2,NA,58,7,38,600,85,Upload\n";

    private static MultipartFormDataContent Form(string format, string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(format), "format");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", name);
        return form;
    }

    [Fact]
    public async Task Upload_imports_with_the_CLI_summary_and_a_second_upload_changes_nothing()
    {
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync("/api/import", Form("prsa", "upload.csv", Prsa))).StatusCode);

        using var admin = app.Client(admin: true);
        var r = await admin.PostAsync("/api/import", Form("prsa", "upload.csv", Prsa));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var s = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("upload.csv", "prsa", 2, 11, 11), (s.GetProperty("file").GetString(), s.GetProperty("format").GetString(),
            s.GetProperty("rows_read").GetInt32(), s.GetProperty("values_accepted").GetInt32(), s.GetProperty("values_inserted").GetInt32()));
        Assert.Equal(["PRSA-Upload"], s.GetProperty("sites_created").EnumerateArray().Select(e => e.GetString()));

        var again = JsonDocument.Parse(await (await admin.PostAsync("/api/import", Form("prsa", "upload.csv", Prsa))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 0, 11), (again.GetProperty("values_inserted").GetInt32(), again.GetProperty("values_changed").GetInt32(), again.GetProperty("values_accepted").GetInt32()));

        // CO 700 μg/m³ in the file = 0.7 mg/m³; label 2014-05-01 hour 1 = the hour starting 00:00 Beijing.
        await using var ctx = app.Store.CreateContext();
        var start = new DateTimeOffset(2014, 5, 1, 0, 0, 0, BeijingTime.Offset);
        var co = await ctx.Observations.SingleAsync(o => o.Site!.Code == "PRSA-Upload" && o.ParameterCode == "a21005" && o.DataTime == start);
        Assert.Equal(0.7m, co.Value);
    }

    /// <summary>Issue 14 item 9 over HTTP: an upload that would change stored values is refused with 409 naming
    /// <c>replace</c>, the count and the changes (hand-written: PM2.5 35 → 12, PM10 60 → 61), and nothing is applied;
    /// <c>replace=true</c> applies it and the audit trail keeps the previous values with the uploading account.</summary>
    [Fact]
    public async Task An_upload_that_changes_stored_values_is_refused_with_409_until_replace_true()
    {
        const string first = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,6,1,1,35,60,8,40,700,90,Replace\n";
        const string second = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n1,2014,6,1,1,12,61,8,40,700,90,Replace\n";
        using var admin = app.Client(admin: true);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/import", Form("prsa", "replace.csv", first))).StatusCode);

        var r = await admin.PostAsync("/api/import", Form("prsa", "replace-v2.csv", second));
        Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
        var p = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("replace", 2, "refused"), (p.GetProperty("field").GetString(), p.GetProperty("values_changed").GetInt32(), p.GetProperty("import").GetProperty("state").GetString()));
        Assert.Equal([("PRSA-Replace", "a34002", "60", "61"), ("PRSA-Replace", "a34004", "35", "12")],
            p.GetProperty("changed_values").EnumerateArray().Select(c => (c.GetProperty("site").GetString(), c.GetProperty("parameter").GetString(),
                c.GetProperty("old_value").GetString(), c.GetProperty("new_value").GetString())).OrderBy(c => c.Item2, StringComparer.Ordinal).ToList());
        var start = new DateTimeOffset(2014, 6, 1, 0, 0, 0, BeijingTime.Offset);
        await using (var ctx = app.Store.CreateContext())
            Assert.Equal("35", (await ctx.Observations.SingleAsync(o => o.Site!.Code == "PRSA-Replace" && o.ParameterCode == "a34004" && o.DataTime == start)).ValueText);

        var ok = await admin.PostAsync("/api/import?replace=true", Form("prsa", "replace-v2.csv", second));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var s = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(("applied", 2), (s.GetProperty("state").GetString(), s.GetProperty("values_changed").GetInt32()));
        await using (var ctx = app.Store.CreateContext())
        {
            Assert.Equal("12", (await ctx.Observations.SingleAsync(o => o.Site!.Code == "PRSA-Replace" && o.ParameterCode == "a34004" && o.DataTime == start)).ValueText);
            var run = s.GetProperty("import_log_id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var e = await ctx.AuditEntries.SingleAsync(a => a.Action == "import.values.replace" && a.TargetId == run);
            Assert.Contains("\"value\":\"35\"", e.Before);
            Assert.Contains("\"value\":\"12\"", e.After);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/import?replace=maybe", Form("prsa", "replace-v2.csv", second))).StatusCode);
    }

    [Fact]
    public async Task A_national_file_upload_imports_the_district_only_and_all_sites_adds_the_others_as_non_public()
    {
        // The real Chongqing 2019 file, first day: 17 national stations, of which 1420A 唐家沱 is Jiangbei's.
        string[] lines;
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz")), System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gz, Encoding.UTF8))
        {
            var all = new List<string>();
            while (reader.ReadLine() is { } l && !l.StartsWith("20190102,", StringComparison.Ordinal)) all.Add(l);
            lines = [.. all];
        }
        var codes = lines[0].Split(',')[3..];
        var withValues = codes.Where((c, i) => lines.Skip(1).Any(l => l.Split(',')[i + 3].Length > 0)).ToList();
        Assert.Contains("1420A", withValues);
        var text = string.Join("\n", lines) + "\n";
        using var admin = app.Client(admin: true);
        var d = JsonDocument.Parse(await (await admin.PostAsync("/api/import", Form("cnemc-sites", "cq-20190101.csv", text))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["1420A → 1420A"], d.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((0, withValues.Count - 1), (d.GetProperty("sites_created").GetArrayLength(), d.GetProperty("sites_outside_district").GetInt32()));

        var form = Form("cnemc-sites", "cq-20190101.csv", text);
        form.Add(new StringContent("true"), "all_sites");
        var a = JsonDocument.Parse(await (await admin.PostAsync("/api/import", form)).Content.ReadAsStringAsync()).RootElement;
        var others = withValues.Where(c => c != "1420A").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(others, a.GetProperty("sites_created").EnumerateArray().Select(e => e.GetString()));
        Assert.True(a.GetProperty("all_sites").GetBoolean());
        using var anon = app.Client(admin: false);
        var listed = JsonDocument.Parse(await anon.GetStringAsync("/api/sites")).RootElement.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToList();
        Assert.Contains("1420A", listed);
        Assert.DoesNotContain("1417A", listed);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/import", WithField(Form("cnemc-sites", "x.csv", text), "all_sites", "maybe"))).StatusCode);
    }

    private static MultipartFormDataContent WithField(MultipartFormDataContent form, string name, string value)
    {
        form.Add(new StringContent(value), name);
        return form;
    }

    [Fact]
    public async Task Bad_requests_are_400_and_a_malformed_file_names_line_and_column()
    {
        using var admin = app.Client(admin: true);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/import", Form("nope", "x.csv", Prsa))).StatusCode);
        var noFile = new MultipartFormDataContent { { new StringContent("prsa"), "format" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/import", noFile)).StatusCode);

        var bad = Prsa.Replace("2,2014,5,1,2,NA,58", "2,2014,5,1,2,NA,5x8", StringComparison.Ordinal);
        var s = JsonDocument.Parse(await (await admin.PostAsync("/api/import", Form("prsa", "bad.csv", bad))).Content.ReadAsStringAsync()).RootElement;
        var reject = s.GetProperty("rejects").EnumerateArray().Single();
        Assert.Equal((3, 7), (reject.GetProperty("row").GetInt32(), reject.GetProperty("column").GetInt32()));
        Assert.Equal(0, s.GetProperty("values_accepted").GetInt32());
        Assert.Contains("/api/import", JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }
}

public sealed class SqliteImportApiTests(WebAppFixture<SqliteTestDatabase> app) : ImportApiTests<SqliteTestDatabase>(app);

public sealed class PostgresImportApiTests(WebAppFixture<PostgresTestDatabase> app) : ImportApiTests<PostgresTestDatabase>(app);
