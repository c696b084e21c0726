using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 14 items 6 and 8 through <c>smartenv import</c> on each engine: a file past an import limit (a million cells, a
/// 100 MB line, more lines or more decompressed bytes than configured) is rejected whole with the limit's name, line and
/// column, nothing stored; site codes an import would create follow the API's pattern (<c>X/13</c>, <c>&lt;b&gt;bold&lt;/b&gt;</c>,
/// <c>=HYPERLINK(…)</c> refused at their cell); a GBK file is read as GBK, never stored as mojibake. Before the change the
/// first two crashed the command (SQLite "too many SQL variables" after 21 s and 1.6 GB; Sep's "Buffer or row has reached
/// maximum supported length"), the codes became sites the API cannot address and the GBK station name became "���".
/// </summary>
public abstract class ImportLimitsCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    /// <summary>The API's site-code rule, written out here (SitesApi): 1–64 of A–Z a–z 0–9 . _ -, not starting with . _ -.</summary>
    private static readonly Regex ApiCode = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private const string PrsaHead = "No,year,month,day,hour,PM2.5,PM10,SO2,NO2,CO,O3,station\n";

    private string[] StoreArgs(string dataDir) =>
        db.Options.Provider == StoreProvider.Postgres ? ["--data-dir", dataDir, "--db", db.Options.ConnectionString] : ["--data-dir", dataDir, "--db", db.Options.ConnectionString.Split(';')[0]["Data Source=".Length..]];

    private static async Task InTempDir(Func<string, Task> body)
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-limits-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try { await body(dir); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private (int Code, JsonElement Summary, string Err) Import(string dir, params string[] args)
    {
        var r = CliRunner.Run("", ["import", .. args, .. StoreArgs(dir)]);
        Assert.False(string.IsNullOrWhiteSpace(r.Out), r.Err);
        return (r.ExitCode, JsonDocument.Parse(r.Out.Split('\n')[0]).RootElement, r.Err);
    }

    internal static void WriteGzip(string path, Action<StreamWriter> write, Encoding? encoding = null)
    {
        using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var w = new StreamWriter(gz, encoding ?? new UTF8Encoding(false), 1 << 16);
        write(w);
    }

    private async Task<int> StoredByAsync(long importLogId)
    {
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        return await ctx.Observations.CountAsync(o => o.ImportLogId == importLogId);
    }

    private static void AssertRefused(JsonElement s, string limit, int line, int column)
    {
        Assert.Equal(limit, s.GetProperty("limit").GetString());
        var reject = Assert.Single(s.GetProperty("rejects").EnumerateArray());
        Assert.Equal((line, column), (reject.GetProperty("row").GetInt32(), reject.GetProperty("column").GetInt32()));
        Assert.Contains(limit, reject.GetProperty("reason").GetString());
        Assert.Equal(0, s.GetProperty("values_accepted").GetInt32());
    }

    [Fact]
    public Task A_million_cells_and_a_100_MB_line_are_rejected_with_the_limit_line_and_column() => InTempDir(async dir =>
    {
        var cols = Path.Combine(dir, "cols.csv.gz");
        WriteGzip(cols, w =>
        {
            w.Write("date,hour,type");
            for (var i = 0; i < 1_000_000; i++) w.Write(",S" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
            w.Write("\n20190101,1,PM2.5");
            for (var i = 0; i < 1_000_000; i++) w.Write(",1");
            w.Write('\n');
        });
        var c = Import(dir, "--format", "cnemc-sites", cols, "--all-sites");
        Assert.Equal(1, c.Code);
        // Cell 10,001 of line 1 is the first past the default max_columns (10,000).
        AssertRefused(c.Summary, "max_columns", 1, 10_001);
        Assert.Equal(0, await StoredByAsync(c.Summary.GetProperty("import_log_id").GetInt64()));

        var line = Path.Combine(dir, "line.csv.gz");
        WriteGzip(line, w =>
        {
            w.Write(PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,");
            var x = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++) w.Write(x);
            w.Write('\n');
        });
        var l = Import(dir, "--format", "prsa", line);
        Assert.Equal(1, l.Code);
        // The station cell (column 12) of line 2 passes 1 MiB.
        AssertRefused(l.Summary, "max_line_bytes", 2, 12);
        Assert.Equal(0, await StoredByAsync(l.Summary.GetProperty("import_log_id").GetInt64()));
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(x => x.Code == "S000000" || x.Code.StartsWith("PRSA-xxx")));
    });

    [Fact]
    public Task Row_and_size_limits_are_configurable_and_named() => InTempDir(async dir =>
    {
        var file = Path.Combine(dir, "three.csv");
        File.WriteAllText(file, PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,Limits\n2,2014,5,1,2,35,60,8,40,700,90,Limits\n3,2014,5,1,3,35,60,8,40,700,90,Limits\n");
        // 4 lines; 3 allowed: line 4 is refused at its first cell.
        AssertRefused(Import(dir, "--format", "prsa", file, "--max-rows", "3").Summary, "max_rows", 4, 1);
        // The header is 56 bytes; with 90 allowed, line 2 is cut after 34 bytes, "1,2014,5,1,1,35,60,8,40,700,90,Lim": the
        // 91st byte is in cell 12 (station).
        AssertRefused(Import(dir, "--format", "prsa", file, "--max-inflated-bytes", "90").Summary, "max_inflated_bytes", 2, 12);
        await using (var ctx = new SmartEnvStore(db.Options).CreateContext())
            Assert.False(await ctx.Sites.AnyAsync(s => s.Code == "PRSA-Limits"));
        var ok = Import(dir, "--format", "prsa", file, "--max-rows", "4", "--max-inflated-bytes", "200");
        Assert.True(ok.Code == 0, ok.Err);
        Assert.Equal((3, 18), (ok.Summary.GetProperty("rows_read").GetInt32(), ok.Summary.GetProperty("values_accepted").GetInt32()));
        var bad = CliRunner.Run("", ["import", "--format", "prsa", file, "--max-rows", "0", .. StoreArgs(dir)]);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--max-rows must be positive", bad.Err);
    });

    [Theory]
    [InlineData("X/13")]
    [InlineData("<b>bold</b>")]
    [InlineData("=HYPERLINK(http://evil.example)")]
    [InlineData("唐家沱2")]
    public Task A_station_code_outside_the_API_pattern_is_refused_at_its_cell(string code) => InTempDir(async dir =>
    {
        Assert.DoesNotMatch(ApiCode, code);
        var file = Path.Combine(dir, "codes.csv");
        File.WriteAllText(file, $"date,hour,type,9901A,{code}\n20190101,1,PM2.5,10,20\n20190101,1,PM10,30,40\n");
        var (exit, s, err) = Import(dir, "--format", "cnemc-sites", file, "--all-sites");
        Assert.Equal(1, exit);
        var reject = Assert.Single(s.GetProperty("rejects").EnumerateArray());
        // The code stands in line 1, column 5.
        Assert.Equal((1, 5), (reject.GetProperty("row").GetInt32(), reject.GetProperty("column").GetInt32()));
        Assert.Contains("not a valid site code", reject.GetProperty("reason").GetString());
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(x => x.Code == code || x.Code == "9901A"), "nothing created");
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.ImportLogId == s.GetProperty("import_log_id").GetInt64()));
    });

    [Fact]
    public Task A_PRSA_station_that_would_make_a_bad_code_is_refused_and_water_sections_get_API_codes() => InTempDir(async dir =>
    {
        var prsa = Path.Combine(dir, "bad-station.csv");
        File.WriteAllText(prsa, PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,X/13\n");
        var p = Import(dir, "--format", "prsa", prsa);
        Assert.Equal(1, p.Code);
        var r = Assert.Single(p.Summary.GetProperty("rejects").EnumerateArray());
        Assert.Equal((2, 12), (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetInt32()));
        Assert.Contains("'PRSA-X/13'", r.GetProperty("reason").GetString());

        // A water release's sections have Chinese names: the codes made for them follow the API pattern.
        var water = Path.Combine(dir, "water.csv");
        File.WriteAllText(water, "datetime_cst,省份,流域,断面名称,监测时间,水质类别,水温(℃),pH(无量纲),溶解氧(mg/L),电导率(μS/cm),浊度(NTU),高锰酸盐指数(mg/L),氨氮(mg/L),总磷(mg/L),总氮(mg/L),叶绿素α(mg/L),藻密度(cells/L),站点情况\n"
            + "2021-04-01 08:00,四川省,长江流域,岷江/彭山 <b>,04-01 08:00,Ⅱ,15.1,7.9,8.8,300,5,2.1,0.1,0.05,1.5,*,*,正常\n");
        var w = Import(dir, "--format", "cnemc-water", water, "--all-sites");
        Assert.True(w.Code == 0, w.Err);
        var code = Assert.Single(w.Summary.GetProperty("sites_created").EnumerateArray()).GetString()!;
        Assert.Matches(ApiCode, code);
        Assert.Matches("^W-[0-9a-f]{12}$", code);
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        var site = await ctx.Sites.SingleAsync(s => s.Code == code);
        Assert.Equal("岷江/彭山 <b>", site.NameZh);
        Assert.Equal(1, await ctx.Sites.CountAsync(s => s.NameZh == "岷江/彭山 <b>"));
        // Re-importing matches the same site (no second one).
        var again = Import(dir, "--format", "cnemc-water", water, "--all-sites");
        Assert.Equal(0, again.Summary.GetProperty("sites_created").GetArrayLength());
    });

    [Fact]
    public Task A_GBK_file_is_read_as_GBK_and_a_wrong_declaration_is_refused() => InTempDir(async dir =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936);
        var file = Path.Combine(dir, "gbk.csv");
        // 唐家沱 is the seeded name of 1420A: read as GBK, the station matches it (before: "���", a new site PRSA-���).
        File.WriteAllBytes(file, gbk.GetBytes(PrsaHead + "1,2014,5,1,1,35,60,8,40,700,90,唐家沱\n"));
        var wrong = Import(dir, "--format", "prsa", file, "--encoding", "utf-8");
        Assert.Equal(1, wrong.Code);
        AssertRefused(wrong.Summary, "encoding", 2, 12);
        Assert.Contains("not valid UTF-8", wrong.Summary.GetProperty("rejects")[0].GetProperty("reason").GetString());

        var (exit, s, err) = Import(dir, "--format", "prsa", file);
        Assert.True(exit == 0, err);
        Assert.Equal("gbk", s.GetProperty("encoding").GetString());
        Assert.Equal(["唐家沱 → 1420A"], s.GetProperty("sites_matched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, s.GetProperty("sites_created").GetArrayLength());
        Assert.Equal(6, s.GetProperty("values_accepted").GetInt32());
        await using var ctx = new SmartEnvStore(db.Options).CreateContext();
        Assert.False(await ctx.Sites.AnyAsync(x => x.Code.StartsWith("PRSA-") && x.NameZh.Contains("\uFFFD")));

        var declared = Import(dir, "--format", "prsa", file, "--encoding", "gbk");
        Assert.True(declared.Code == 0, declared.Err);
        Assert.Equal((0, 6), (declared.Summary.GetProperty("values_inserted").GetInt32(), declared.Summary.GetProperty("values_accepted").GetInt32()));
    });
}

public sealed class SqliteImportLimitsCommandTests(SqliteTestDatabase db) : ImportLimitsCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresImportLimitsCommandTests(PostgresTestDatabase db) : ImportLimitsCommandTests<PostgresTestDatabase>(db);

/// <summary>
/// Issue 14 item 6, the memory bound: <c>smartenv import</c> of a cnemc-sites file that inflates to 1 GiB (generated here,
/// 40 stations × 15 row types × 24 h a day from 2005 on; none of the stations is the district's, so the import reads and
/// checks every cell and stores none) runs as a child process whose managed heap is capped at <see cref="HeapLimit"/>
/// (<c>DOTNET_GCHeapHardLimit</c>: the runtime throws OutOfMemoryException rather than grow past it). Before the change
/// the importer kept every station-hour of the file (4.1 million) and could not finish under the cap. SQLite only: the
/// store takes no part in the bound.
/// </summary>
public sealed class ImportMemoryBoundTests
{
    /// <summary>The stated bound: 128 MiB of managed heap for a 1 GiB file (8 × smaller than the file).</summary>
    public const long HeapLimit = 128L << 20;

    [Fact]
    public async Task A_1_GiB_inflated_file_is_read_with_the_managed_heap_capped_at_128_MiB()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-membound-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var file = Path.Combine(dir, "big.csv.gz");
            string[] types = ["AQI", "PM2.5", "PM2.5_24h", "PM10", "PM10_24h", "SO2", "SO2_24h", "NO2", "NO2_24h", "O3", "O3_24h", "O3_8h", "O3_8h_24h", "CO", "CO_24h"];
            var cells = string.Concat(Enumerable.Repeat(",123456.123456789", 40));
            long bytes = 0, hours = 0;
            ImportLimitsCommandTests<SqliteTestDatabase>.WriteGzip(file, w =>
            {
                var header = "date,hour,type," + string.Join(',', Enumerable.Range(0, 40).Select(i => $"9{i:D3}A")) + "\n";
                w.Write(header);
                bytes += header.Length;
                for (var day = new DateOnly(2005, 1, 1); bytes < 1L << 30; day = day.AddDays(1))
                {
                    var sb = new StringBuilder();
                    for (var h = 0; h < 24; h++)
                        foreach (var t in types) sb.Append(day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(h).Append(',').Append(t).Append(cells).Append('\n');
                    w.Write(sb);
                    bytes += sb.Length;
                    hours += 24;
                }
            });
            Assert.True(bytes >= 1L << 30);
            var dll = Path.Combine(AppContext.BaseDirectory, "smartenv.dll");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "import", "--format", "cnemc-sites", file, "--data-dir", Path.Combine(dir, "data") }) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + HeapLimit.ToString("X", System.Globalization.CultureInfo.InvariantCulture);
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEndAsync();
            using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10)))
            {
                try { await p.WaitForExitAsync(limit.Token); }
                catch (OperationCanceledException)
                {
                    p.Kill(entireProcessTree: true);
                    Assert.Fail("import did not end within 10 minutes");
                }
            }
            Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {await err}");
            var s = JsonDocument.Parse(await output).RootElement;
            // Every station-hour was read and checked; the 40 stations are outside the district and nothing is stored.
            Assert.Equal(hours * 40, s.GetProperty("rows_read").GetInt64());
            Assert.Equal((40, 0), (s.GetProperty("sites_outside_district").GetInt32(), s.GetProperty("values_accepted").GetInt32()));
            Assert.Equal(0, s.GetProperty("rejects").GetArrayLength());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
