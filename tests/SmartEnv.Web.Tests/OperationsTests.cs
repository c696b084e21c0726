using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartEnv.Imports;
using SmartEnv.Storage.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary>Import progress reports (monotone, ending at 100 % with the file's hand-counted rows) and AQI recomputation
/// progress (hours done of total, window by window).</summary>
public sealed class ImportProgressTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private sealed class Collect<T> : IProgress<T>
    {
        public List<T> Reports { get; } = [];
        public void Report(T value) => Reports.Add(value);
    }

    // Five hours of a PRSA-format file (hour-ending labels 1…5 of 2014-05-01 = natural day 2014-05-01); 6 pollutants per
    // row, 2 NA cells: 5 × 6 − 2 = 28 values.
    private const string Prsa = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n" +
        "1,2014,5,1,1,35,60,8,40,700,90,Progress\n" +
        "2,2014,5,1,2,NA,58,7,38,600,85,Progress\n" +
        "3,2014,5,1,3,30,55,7,36,600,NA,Progress\n" +
        "4,2014,5,1,4,28,50,6,35,500,80,Progress\n" +
        "5,2014,5,1,5,25,48,6,33,500,78,Progress\n";

    [Fact]
    public async Task Progress_of_a_gzip_import_is_monotone_and_ends_at_100_percent_with_the_hand_counted_rows_and_values()
    {
        var (store, _) = await _db.MigratedAsync();
        var path = Path.Combine(Path.GetTempPath(), "smartenv-progress-" + Guid.NewGuid().ToString("N")[..8] + ".csv.gz");
        await using (var gz = new GZipStream(File.Create(path), CompressionLevel.Optimal))
            await gz.WriteAsync(Encoding.UTF8.GetBytes(Prsa));
        var size = new FileInfo(path).Length;
        try
        {
            var sink = new Collect<ImportProgress>();
            var summary = await FileImport.ImportAsync(store, "prsa", path, sink);
            var r = sink.Reports;
            Assert.True(r.Count >= 4, $"only {r.Count} reports");
            for (var i = 1; i < r.Count; i++)
            {
                Assert.True(r[i].Fraction >= r[i - 1].Fraction, $"fraction fell at report {i}: {r[i - 1].Fraction} → {r[i].Fraction}");
                Assert.True(r[i].Phase >= r[i - 1].Phase, $"phase went back at report {i}");
                Assert.True(r[i].RowsRead >= r[i - 1].RowsRead);
                Assert.True(r[i].ValuesAccepted >= r[i - 1].ValuesAccepted);
                if (r[i].Phase == r[i - 1].Phase) Assert.True(r[i].BytesRead >= r[i - 1].BytesRead);
            }
            Assert.All(r, p => Assert.Equal(size, p.BytesTotal)); // compressed size, as the bytes are counted in the .gz
            Assert.NotEqual(Encoding.UTF8.GetByteCount(Prsa), size);
            // The last report of the checksum and of the reading phase: the whole compressed file was read.
            Assert.Equal(size, r.Last(p => p.Phase == ImportPhase.Checksum).BytesRead);
            Assert.Equal(size, r.Last(p => p.Phase == ImportPhase.Reading).BytesRead);
            Assert.Equal(5, r.Last(p => p.Phase == ImportPhase.Reading).RowsRead);
            Assert.Equal([ImportPhase.Checksum, ImportPhase.Reading, ImportPhase.Storing, ImportPhase.ComputingAqi, ImportPhase.Finished],
                r.Select(p => p.Phase).Distinct());
            var last = r[^1];
            Assert.Equal((ImportPhase.Finished, 1.0, size, 5, 28, 0), (last.Phase, last.Fraction, last.BytesRead, last.RowsRead, last.ValuesAccepted, last.Rejects));
            Assert.Equal((28, 28), (last.StoreDone, last.StoreTotal));
            Assert.Equal((24, 24), (last.AqiHoursDone, last.AqiHoursTotal)); // one site, one natural day
            Assert.Equal((5, 28), (summary.RowsRead, summary.ValuesAccepted));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task A_malformed_file_still_finishes_at_100_percent_with_one_reject()
    {
        var (store, _) = await _db.MigratedAsync();
        var path = Path.Combine(Path.GetTempPath(), "smartenv-progress-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        await File.WriteAllTextAsync(path, Prsa.Replace("4,2014,5,1,4,28", "4,2014,5,1,4,2x8", StringComparison.Ordinal));
        try
        {
            var sink = new Collect<ImportProgress>();
            var s = await FileImport.ImportAsync(store, "prsa", path, sink);
            Assert.Equal((5, 6), (s.Rejects.Single().Row, s.Rejects.Single().Column)); // line 5 (header is line 1), PM2.5 is column 6
            Assert.Equal((ImportPhase.Finished, 1.0, 1, 0), (sink.Reports[^1].Phase, sink.Reports[^1].Fraction, sink.Reports[^1].Rejects, sink.Reports[^1].ValuesAccepted));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Recomputation_reports_hours_done_window_by_window()
    {
        var (store, _) = await _db.MigratedAsync();
        long site;
        await using (var ctx = store.CreateContext()) site = ctx.Sites.First(s => s.Kind == Storage.Entities.SiteKind.Air).Id;
        var sink = new Collect<RecomputeProgress>();
        // 70 days = windows of 31, 31 and 8 days: 744, 1488, 1680 of 1680 hours.
        await AqiRecomputation.RunAsync(store, [new AqiSpan(site, new DateOnly(2010, 1, 1), new DateOnly(2010, 3, 11))], sink);
        Assert.Equal([0, 744, 1488, 1680], sink.Reports.Select(p => p.HoursDone));
        Assert.All(sink.Reports, p => Assert.Equal(1680, p.HoursTotal));
        Assert.Equal(1.0, sink.Reports[^1].Fraction);
    }
}

/// <summary>The operation registry over HTTP: <c>POST /api/import?async=true</c> → 202 → running/succeeded with the same
/// counts as a synchronous import of the same file; <c>POST /api/sites/{code}/aqi/recompute</c>.</summary>
public abstract class OperationsApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    // Two hours of a PRSA-format file; 12 pollutant cells, one NA: 11 values. Hour labels 1 and 2 of 2014-06-01.
    private const string Prsa = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n" +
        "1,2014,6,1,1,35,60,8,40,700,90,Lifecycle\n" +
        "2,2014,6,1,2,NA,58,7,38,600,85,Lifecycle\n";

    private static MultipartFormDataContent Form(string text)
    {
        var form = new MultipartFormDataContent { { new StringContent("prsa"), "format" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "lifecycle.csv");
        return form;
    }

    private static async Task<JsonElement> PollAsync(HttpClient http, string id)
    {
        var seen = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            var op = JsonDocument.Parse(await http.GetStringAsync($"/api/operations/{id}")).RootElement;
            var state = op.GetProperty("state").GetString()!;
            seen.Add(state);
            if (state is "succeeded" or "failed") return op;
            await Task.Delay(50);
        }
        throw new TimeoutException("operation did not end: " + string.Join(",", seen));
    }

    [Fact]
    public async Task Async_import_answers_202_then_succeeds_with_the_counts_of_a_synchronous_import_of_the_same_file()
    {
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/operations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync("/api/import?async=true", Form(Prsa))).StatusCode);

        using var admin = app.Client(admin: true);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/operations/000000000000")).StatusCode);
        var r = await admin.PostAsync("/api/import?async=true", Form(Prsa));
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var started = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        var id = started.GetProperty("id").GetString()!;
        Assert.Equal($"/api/operations/{id}", r.Headers.Location!.OriginalString);
        Assert.Equal(("import", "prsa", "lifecycle.csv"), (started.GetProperty("kind").GetString(), started.GetProperty("format").GetString(), started.GetProperty("title").GetString()));
        Assert.Contains(started.GetProperty("state").GetString(), new[] { "queued", "running", "succeeded" });

        var done = await PollAsync(admin, id);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var a = done.GetProperty("import");
        Assert.Equal((2, 11, 11, 0), (a.GetProperty("rows_read").GetInt32(), a.GetProperty("values_accepted").GetInt32(),
            a.GetProperty("values_inserted").GetInt32(), a.GetProperty("rejects").GetArrayLength()));
        var p = done.GetProperty("progress");
        Assert.Equal(("finished", 1.0, 2, 11), (p.GetProperty("phase").GetString(), p.GetProperty("fraction").GetDouble(),
            p.GetProperty("rows_read").GetInt32(), p.GetProperty("values_accepted").GetInt32()));
        Assert.Contains(id, JsonDocument.Parse(await admin.GetStringAsync("/api/operations")).RootElement.EnumerateArray().Select(o => o.GetProperty("id").GetString()));

        // The same file synchronously: the same rows and accepted values (nothing new to insert the second time).
        var sync = JsonDocument.Parse(await (await admin.PostAsync("/api/import", Form(Prsa))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((a.GetProperty("rows_read").GetInt32(), a.GetProperty("values_accepted").GetInt32(), a.GetProperty("hourly_aqi").GetInt32(), a.GetProperty("daily_aqi").GetInt32()),
            (sync.GetProperty("rows_read").GetInt32(), sync.GetProperty("values_accepted").GetInt32(), sync.GetProperty("hourly_aqi").GetInt32(), sync.GetProperty("daily_aqi").GetInt32()));
        Assert.Equal(0, sync.GetProperty("values_inserted").GetInt32());
        // 2 labelled hours with values → 2 hourly AQI rows; 1 natural day → 1 daily row.
        Assert.Equal((2, 1), (sync.GetProperty("hourly_aqi").GetInt32(), sync.GetProperty("daily_aqi").GetInt32()));
    }

    [Fact]
    public async Task Recompute_of_a_site_is_an_operation_with_hours_done_of_total()
    {
        using var admin = app.Client(admin: true);
        var text = Prsa.Replace("Lifecycle", "Recompute", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/import", Form(text))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/sites/NO-SUCH-SITE/aqi/recompute?from=2014-06-01&to=2014-06-02", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/sites/PRSA-Recompute/aqi/recompute?from=2014-06-02&to=2014-06-01", null)).StatusCode);
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.PostAsync("/api/sites/PRSA-Recompute/aqi/recompute?from=2014-06-01&to=2014-06-02", null)).StatusCode);

        var r = await admin.PostAsync("/api/sites/PRSA-Recompute/aqi/recompute?from=2014-06-01&to=2014-06-02", null);
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var id = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        var done = await PollAsync(admin, id);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var p = done.GetProperty("progress");
        Assert.Equal((48, 48, 1.0), (p.GetProperty("aqi_hours_done").GetInt32(), p.GetProperty("aqi_hours_total").GetInt32(), p.GetProperty("fraction").GetDouble())); // 2 days × 24 h
        var res = done.GetProperty("recompute");
        // 2 labelled hours with values, both of natural day 2014-06-01; the second day of the range has no hour, so no
        // daily row (an empty "not valid" row would read as a measured day).
        Assert.Equal(("PRSA-Recompute", 2, 1), (res.GetProperty("site_code").GetString(), res.GetProperty("hourly_aqi").GetInt32(), res.GetProperty("daily_aqi").GetInt32()));
    }

    [Fact]
    public async Task Recompute_refuses_implausible_ranges_with_400_naming_the_field_and_never_stores_empty_future_days()
    {
        using var admin = app.Client(admin: true);
        var text = Prsa.Replace("Lifecycle", "Range", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/import", Form(text))).StatusCode);
        // Plausible natural days: 2000-01-01 … today (Beijing). Hand-picked violations and the field each must name.
        (string Query, string Field)[] bad =
        [
            ("from=0001-01-01&to=0001-01-02", "from"), ("from=9999-12-30&to=9999-12-31", "from"),
            ("from=1999-12-31&to=2000-01-01", "from"), ("from=2100-01-01&to=2100-01-31", "from"),
            ("from=2014-06-02&to=2014-06-01", "to"),
        ];
        foreach (var (query, field) in bad)
        {
            var r = await admin.PostAsync($"/api/sites/PRSA-Range/aqi/recompute?{query}", null);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{query}: {r.StatusCode}");
            var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(field, problem.GetProperty("field").GetString());
            Assert.Contains(field, problem.GetProperty("detail").GetString());
        }

        // A range reaching into the future is cut at today (Beijing): nothing is computed or stored for days to come.
        var today = BeijingTime.Today(DateTimeOffset.UtcNow);
        var from = today.AddDays(-2);
        var ok = await admin.PostAsync($"/api/sites/PRSA-Range/aqi/recompute?from={from:yyyy-MM-dd}&to={today.AddYears(3):yyyy-MM-dd}", null);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        var done = await PollAsync(admin, JsonDocument.Parse(await ok.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        var res = done.GetProperty("recompute");
        Assert.Equal((today.ToString("yyyy-MM-dd"), 0, 0), (res.GetProperty("to").GetString(), res.GetProperty("hourly_aqi").GetInt32(), res.GetProperty("daily_aqi").GetInt32()));
        await using var ctx = app.Store.CreateContext();
        var site = ctx.Sites.Single(s => s.Code == "PRSA-Range").Id;
        Assert.False(ctx.DailyAqi.Any(d => d.SiteId == site && d.Date >= from));
    }
}

public sealed class SqliteOperationsApiTests(WebAppFixture<SqliteTestDatabase> app) : OperationsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresOperationsApiTests(WebAppFixture<PostgresTestDatabase> app) : OperationsApiTests<PostgresTestDatabase>(app);
