using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 14 items 6 and 8 through <c>POST /api/import</c>: a file past an import limit — a 100 MB line, a million cells —
/// is the documented 400 naming the limit with line and column (before: an unhandled exception, a 500), nothing is stored
/// and the upload is gone; the <c>encoding</c> field declares the text encoding and a wrong declaration is the same 400
/// naming <c>encoding</c>.
/// </summary>
public abstract class ImportLimitsApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string PrsaHead = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n";

    private static MultipartFormDataContent Form(string format, string name, byte[] bytes, string? encoding = null)
    {
        var form = new MultipartFormDataContent { { new StringContent(format), "format" } };
        if (encoding is not null) form.Add(new StringContent(encoding), "encoding");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/gzip");
        form.Add(file, "file", name);
        return form;
    }

    private static byte[] Gzip(Action<StreamWriter> write)
    {
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
            write(w);
        return ms.ToArray();
    }

    private static async Task<JsonElement> AssertLimitProblem(HttpResponseMessage r, string limit, int line, int column, string name)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{(int)r.StatusCode}: {text}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = JsonDocument.Parse(text).RootElement;
        Assert.Equal((limit, line, column), (p.GetProperty("limit").GetString(), p.GetProperty("line").GetInt32(), p.GetProperty("column").GetInt32()));
        var detail = p.GetProperty("detail").GetString()!;
        Assert.StartsWith($"{name}:{line}:{column}: ", detail, StringComparison.Ordinal);
        Assert.Contains(limit, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
        // The rejected upload is deleted before the answer (its directory held the file under the uploaded name).
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "smartenv-upload-*"), d => File.Exists(Path.Combine(d, name)));
        return p;
    }

    [Fact]
    public async Task A_100_MB_line_and_a_million_cells_are_a_400_naming_the_limit_line_and_column()
    {
        using var admin = app.Client(admin: true);
        var lineName = $"line-{Guid.NewGuid():N}.csv.gz";
        var line = Gzip(w =>
        {
            w.Write(PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,");
            var x = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++) w.Write(x);
            w.Write('\n');
        });
        var p = await AssertLimitProblem(await admin.PostAsync("/api/import", Form("prsa", lineName, line)), "max_line_bytes", 2, 12, lineName);
        Assert.Contains("1,048,576 bytes", p.GetProperty("detail").GetString());
        await using (var ctx = app.Store.CreateContext())
            Assert.Equal(0, await ctx.Observations.CountAsync(o => o.ImportLogId == p.GetProperty("import_log_id").GetInt64()));

        var colsName = $"cols-{Guid.NewGuid():N}.csv.gz";
        var cols = Gzip(w =>
        {
            w.Write("date,hour,type");
            for (var i = 0; i < 1_000_000; i++) w.Write(",S" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            w.Write('\n');
        });
        await AssertLimitProblem(await admin.PostAsync("/api/import?all_sites=true", Form("cnemc-sites", colsName, cols)), "max_columns", 1, 10_001, colsName);
    }

    [Fact]
    public async Task The_encoding_field_declares_the_encoding()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // 唐 is CC C6 in GBK: CC opens a UTF-8 pair that C6 does not continue, so a UTF-8 declaration is refused there.
        var gbk = System.Text.Encoding.GetEncoding(936).GetBytes(PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,ApiGbk唐\n");
        using var admin = app.Client(admin: true);
        var name = $"gbk-{Guid.NewGuid():N}.csv";
        var p = await AssertLimitProblem(await admin.PostAsync("/api/import", Form("prsa", name, gbk, "utf-8")), "encoding", 2, 12, name);
        Assert.True(p.GetProperty("errors").TryGetProperty("encoding", out _));
        var bad = await admin.PostAsync("/api/import", Form("prsa", name, gbk, "latin-1"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("encoding", await bad.Content.ReadAsStringAsync());
        // Declared (and detected) GBK: the station name arrives as written, and a code with 唐 is not a site code.
        var ok = JsonDocument.Parse(await (await admin.PostAsync("/api/import", Form("prsa", name, gbk, "gbk"))).Content.ReadAsStringAsync()).RootElement;
        var reject = Assert.Single(ok.GetProperty("rejects").EnumerateArray());
        Assert.Contains("'PRSA-ApiGbk唐'", reject.GetProperty("reason").GetString());
    }
}

public sealed class SqliteImportLimitsApiTests(WebAppFixture<SqliteTestDatabase> app) : ImportLimitsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresImportLimitsApiTests(WebAppFixture<PostgresTestDatabase> app) : ImportLimitsApiTests<PostgresTestDatabase>(app);

/// <summary>The upload of an import that never ran — queued behind another when the server stops — is deleted too
/// (before: only an import that ran deleted its upload, so each stop could leave one in the temporary folder).</summary>
public sealed class UploadCleanupTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task A_queued_import_cancelled_at_stop_deletes_its_upload()
    {
        var (store, _) = await _db.MigratedAsync();
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-cleanup-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var upload = Path.Combine(Path.GetTempPath(), "smartenv-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(upload);
        try
        {
            // The running import reads a FIFO, so it holds the one-at-a-time slot until the test writes to it.
            var fifo = Path.Combine(dir, "blocking.csv");
            using (var mk = Process.Start("mkfifo", [fifo])) await mk.WaitForExitAsync();
            var ops = new OperationRegistry(store);
            var running = ops.StartImport("prsa", fifo, "blocking.csv");
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (ops.Get(running.Id)!.State != OperationState.Running)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first import did not start within a minute");
                await Task.Delay(20);
            }
            var file = Path.Combine(upload, "queued.csv");
            await File.WriteAllTextAsync(file, "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n");
            var queued = ops.StartImport("prsa", file, "queued.csv", deleteDirectory: upload);
            Assert.Equal(OperationState.Queued, ops.Get(queued.Id)!.State);

            var stopping = ops.DisposeAsync().AsTask(); // the server stops
            var ended = await ops.WaitAsync(queued.Id);
            Assert.Equal(OperationState.Failed, ended.State);
            Assert.False(Directory.Exists(upload), "the queued import's upload is still there");

            await using (File.OpenWrite(fifo)) { } // let the first import end
            await stopping.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (Directory.Exists(upload)) Directory.Delete(upload, true);
            Directory.Delete(dir, true);
        }
    }
}
