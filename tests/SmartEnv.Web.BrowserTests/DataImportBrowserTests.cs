using SmartEnv.Standards.Water;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MiniExcelLibs;
using SmartEnv.Hj212;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using Xunit.Abstractions;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.BrowserTests;

/// <summary>数据 → 导入: an admin uploads an HJ 212 log in the browser, watches the progress reach completion, reads the
/// report (hand-counted rows, values, the bad line's row and column) and downloads the rejects export.</summary>
public sealed class DataImportBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;
    private const string Mn = "UPLOAD00000000000000000A";
    private const string Pw = "123456";

    /// <summary>An HJ 212-2017 hour packet (CN 2061) with six pollutant averages.</summary>
    private static string HourPacket(DateTimeOffset start) => Encoding.ASCII.GetString(Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = start.ToOffset(Beijing).ToString("yyyyMMddHH", CultureInfo.InvariantCulture) + "0000000", St = "22", Cn = "2061", Pw = Pw, Mn = Mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(start, Beijing)),
            new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34002-Avg", "50"), new Hj212CpEntry("a21026-Avg", "10"),
            new Hj212CpEntry("a21004-Avg", "20"), new Hj212CpEntry("a21005-Avg", "0.5"), new Hj212CpEntry("a05024-Avg", "60"),
        ],
    })).TrimEnd('\r', '\n');

    [Fact]
    public async Task Admin_uploads_a_log_sees_progress_complete_and_the_report_with_the_bad_rows_row_and_column_and_exports_the_rejects()
    {
        await using (var ctx = server.Store.CreateContext())
        {
            if (!await ctx.Devices.AnyAsync(d => d.Mn == Mn))
            {
                var site = await ctx.Sites.Where(s => s.Code == "JB-A-GYQ").Select(s => s.Id).SingleAsync();
                ctx.Devices.Add(new Device { Mn = Mn, Password = Pw, SiteId = site });
                await ctx.SaveChangesAsync();
            }
        }
        // Seven lines: six good hour packets and, on line 4, the third packet with one CRC digit changed.
        var day = new DateTimeOffset(2026, 11, 1, 0, 0, 0, Beijing);
        var lines = Enumerable.Range(0, 6).Select(h => HourPacket(day.AddHours(h))).ToList();
        var good = HourPacket(day.AddHours(10));
        var bad = good[..^1] + (good[^1] == '0' ? '1' : '0');
        lines.Insert(3, bad);
        // The CRC field follows "##", the 4-digit data length and the data segment: 1-based column 6 + length + 1.
        var crcColumn = 6 + int.Parse(bad[2..6], CultureInfo.InvariantCulture) + 1;
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-ui-import-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "logger-upload.log");
        await File.WriteAllLinesAsync(file, lines);

        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/data");
            await page.Locator("[data-testid=quarantine]").WaitForAsync(new() { Timeout = 30_000 });
            await page.GotoAsync("/data?tab=imports");
            await page.Locator("[data-testid=import-file]").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(500); // circuit connected
            await page.Locator("[data-testid=import-format]").SelectOptionAsync("hj212-log");
            await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
            var start = page.Locator("[data-testid=import-start]");
            await Assertions.Expect(start).ToBeEnabledAsync();
            await start.ClickAsync();

            var progress = page.Locator("[data-testid=import-progress]");
            await progress.WaitForAsync(new() { Timeout = 30_000 });
            await Assertions.Expect(progress).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 60_000 });
            Assert.Equal("100", await progress.GetAttributeAsync("data-percent"));
            output.WriteLine("progress line: " + await page.Locator("[data-testid=import-counts]").InnerTextAsync());
            await Assertions.Expect(page.Locator("[data-testid=import-counts]")).ToContainTextAsync("7 行");

            var report = page.Locator("[data-testid=import-report]");
            await report.WaitForAsync(new() { Timeout = 30_000 });
            // 7 non-blank lines; 6 accepted packets × 6 values; 1 rejected line.
            Assert.Equal("7", await page.Locator("[data-testid=report-rows]").InnerTextAsync());
            Assert.Equal("36", await page.Locator("[data-testid=report-accepted]").InnerTextAsync());
            Assert.Equal("1", await page.Locator("[data-testid=report-rejected]").InnerTextAsync());
            Assert.Equal("4", await page.Locator("[data-testid=reject-row]").InnerTextAsync());
            Assert.Equal(crcColumn.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-testid=reject-column]").InnerTextAsync());
            await Assertions.Expect(page.Locator("[data-testid=report-rejects]")).ToContainTextAsync("crc_mismatch");

            await Assertions.Expect(start).ToBeEnabledAsync(); // a next file can be imported

            var shots = Screenshots.Folder;
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "data-import.png") });

            // Download the rejects export as the browser does and read it back.
            foreach (var ext in new[] { "csv", "xlsx" })
            {
                var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid=rejects-export-{ext}]").ClickAsync());
                var saved = Path.Combine(dir, "rejects." + ext);
                await download.SaveAsAsync(saved);
                Assert.EndsWith("-rejects." + ext, download.SuggestedFilename, StringComparison.Ordinal);
                var rows = MiniExcel.Query(saved, useHeaderRow: true, excelType: ext == "xlsx" ? ExcelType.XLSX : ExcelType.CSV)
                    .Cast<IDictionary<string, object?>>().ToList();
                var r = Assert.Single(rows);
                Assert.Equal("4", Convert.ToString(r["行"], CultureInfo.InvariantCulture));
                Assert.Equal(crcColumn.ToString(CultureInfo.InvariantCulture), Convert.ToString(r["列"], CultureInfo.InvariantCulture));
                Assert.StartsWith("crc_mismatch", Convert.ToString(r["原因"], CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            // The imports list shows the run, and its report opens from the list too.
            var row = page.Locator("[data-testid=imports] tbody tr", new() { HasText = "logger-upload.log" });
            await Assertions.Expect(row).ToContainTextAsync("HJ 212 报文日志");
            await page.Locator("[data-testid=import-report] button", new() { HasText = "关闭" }).ClickAsync();
            await row.Locator("[data-testid=show-report]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=reject-row]")).ToHaveTextAsync("4");

            // Recompute 1420A's AQI for January 2019: 31 natural days = 744 hours, one window; 31 daily rows.
            await page.Locator("[data-testid=recompute-site]").FillAsync("1420A");
            await page.Locator("[data-testid=recompute-from]").FillAsync("2019-01-01");
            await page.Locator("[data-testid=recompute-to]").FillAsync("2019-01-31");
            await page.Locator("[data-testid=recompute-start]").ClickAsync();
            var recompute = page.Locator("[data-testid=recompute-progress]");
            await Assertions.Expect(recompute).ToHaveAttributeAsync("data-state", "succeeded", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=recompute-counts]")).ToContainTextAsync("AQI 744 / 744");
            await Assertions.Expect(page.Locator("[data-testid=recompute-result]")).ToContainTextAsync("日 AQI 31 条");
        }
        finally
        {
            Directory.Delete(dir, true);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_file_that_would_change_a_stored_value_is_shown_not_applied_with_old_and_new_and_applies_only_with_replace_ticked()
    {
        // Issue 14 item 9 on the page (the 数据 page showed a refused run as a green 已完成 with 0 rows): a CNEMC day file
        // puts 1420A PM2.5 at 46 for 2018-06-01 hour-ending 5 (= 04:00–05:00 Beijing); the same file with 76 must be
        // refused and say so, showing 46 → 76; with 允许替换已存数值 ticked it applies.
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-ui-replace-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string File(string name, string value)
        {
            var path = Path.Combine(dir, name);
            System.IO.File.WriteAllText(path, "date,hour,type,1420A\n20180601,5,PM2.5," + value + "\n");
            return path;
        }
        var first = File("replace-a.csv", "46");
        var second = File("replace-b.csv", "76");
        var hourStart = new DateTimeOffset(2018, 6, 1, 4, 0, 0, Beijing);
        async Task<string?> StoredAsync()
        {
            await using var ctx = server.Store.CreateContext();
            return await ctx.Observations.IgnoreQueryFilters().Where(o => o.Site!.Code == "1420A" && o.ParameterCode == "a34004" && o.Period == PeriodType.Hour && o.DataTime == hourStart)
                .Select(o => o.ValueText).SingleOrDefaultAsync();
        }
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/data?tab=imports");
            await page.Locator("[data-testid=import-file]").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(500); // circuit connected
            async Task ImportAsync(string file)
            {
                await page.Locator("[data-testid=import-format]").SelectOptionAsync("cnemc-sites");
                await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
                var start = page.Locator("[data-testid=import-start]");
                await Assertions.Expect(start).ToBeEnabledAsync();
                await start.ClickAsync();
                var report = page.Locator($"[data-testid=import-report]", new() { HasText = Path.GetFileName(file) });
                await report.WaitForAsync(new() { Timeout = 60_000 });
            }
            var row = page.Locator("[data-testid=imports] tbody tr").First;

            await ImportAsync(first);
            Assert.Equal("46", await StoredAsync());
            await Assertions.Expect(row.Locator("[data-testid=import-state]")).ToHaveAttributeAsync("data-state", "Applied");

            await ImportAsync(second);
            await Assertions.Expect(page.Locator("[data-testid=report-refused]")).ToContainTextAsync("会改变 1 个已存数值");
            var change = page.Locator("[data-testid=report-changes] tbody tr");
            await Assertions.Expect(change).ToHaveCountAsync(1);
            await Assertions.Expect(change).ToContainTextAsync("1420A");
            await Assertions.Expect(change).ToContainTextAsync("2018-06-01 04:00");
            Assert.Equal(["46", "76"], (await change.Locator("td").AllInnerTextsAsync()).Skip(3).ToArray());
            await Assertions.Expect(row).ToContainTextAsync("replace-b.csv");
            await Assertions.Expect(row.Locator("[data-testid=import-state]")).ToHaveAttributeAsync("data-state", "Refused");
            await Assertions.Expect(row.Locator("[data-testid=import-state]")).ToHaveTextAsync("未入库：会改变已存数值");
            Assert.Equal("46", await StoredAsync());

            await page.Locator("[data-testid=import-replace]").CheckAsync();
            await ImportAsync(second);
            await Assertions.Expect(page.Locator("[data-testid=report-refused]")).ToHaveCountAsync(0);
            await Assertions.Expect(row.Locator("[data-testid=import-state]")).ToHaveAttributeAsync("data-state", "Applied");
            Assert.Equal("76", await StoredAsync());
        }
        finally
        {
            Directory.Delete(dir, true);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Water_sections_table_exports_as_Excel_and_CSV_with_the_published_class_of_the_latest_寸滩_row()
    {
        var header = UiServerFixture.CuntanLines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var latest = UiServerFixture.CuntanLines.Skip(1).Select(l => l.Split(','))
            .Where(c => c[Col("站点情况")] == "正常" && c[Col("datetime_cst")] != "")
            .MaxBy(c => DateTime.ParseExact(c[Col("datetime_cst")], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))!;
        Assert.True(SmartEnv.Standards.Water.WaterClassText.TryParse(latest[Col("水质类别")], out var published));

        var page = await server.NewPageAsync();
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-ui-water-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            await page.GotoAsync("/water");
            await page.Locator("[data-testid=water-sections]").WaitForAsync(new() { Timeout = 30_000 });
            var shown = await page.Locator("[data-testid=water-sections] tbody tr").CountAsync();
            foreach (var ext in new[] { "csv", "xlsx" })
            {
                var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-testid=water-export-{ext}]").ClickAsync());
                Assert.Equal("water-sections." + ext, download.SuggestedFilename);
                var saved = Path.Combine(dir, download.SuggestedFilename);
                await download.SaveAsAsync(saved);
                var rows = MiniExcel.Query(saved, useHeaderRow: true, excelType: ext == "xlsx" ? ExcelType.XLSX : ExcelType.CSV)
                    .Cast<IDictionary<string, object?>>().ToList();
                Assert.Equal(shown, rows.Count);
                var ct = Assert.Single(rows, r => Convert.ToString(r["断面编码"], CultureInfo.InvariantCulture) == "JB-W-CT");
                Assert.Equal(published!.Value.ToDisplay(), Convert.ToString(ct["最新类别"], CultureInfo.InvariantCulture));
                Assert.Equal(latest[Col("datetime_cst")], Convert.ToString(ct["采样时间（北京时间）"], CultureInfo.InvariantCulture));
                // Target Ⅲ (registry): 达标 exactly when the published class is Ⅲ or better.
                Assert.Equal(published <= SmartEnv.Standards.Water.WaterClass.III ? "达标" : "超标", Convert.ToString(ct["达标情况"], CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            Directory.Delete(dir, true);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_four_year_PRSA_upload_shows_the_progress_bar_moving_before_it_completes()
    {
        // Real file: Dongsi 2013-03-01…2017-02-28, 35,064 hourly rows; values = non-NA cells of the six pollutant columns.
        var file = RepoPaths.SharedFile("data/raw/beijing_multisite_prsa/PRSA_Data_Dongsi_20130301-20170228.csv.gz");
        int rows = 0, values = 0;
        using (var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress)))
        {
            reader.ReadLine();
            for (var l = reader.ReadLine(); l is not null; l = reader.ReadLine())
            {
                if (l.Length == 0) continue;
                rows++;
                values += l.Split(',').Skip(5).Take(6).Count(c => c != "NA" && c.Length > 0);
            }
        }
        Assert.Equal(35_064, rows);

        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/data");
            await page.Locator("[data-testid=quarantine]").WaitForAsync(new() { Timeout = 30_000 });
            await page.GotoAsync("/data?tab=imports");
            await page.Locator("[data-testid=import-file]").WaitForAsync(new() { Timeout = 30_000 });
            await page.WaitForTimeoutAsync(500);
            await page.Locator("[data-testid=import-format]").SelectOptionAsync("prsa");
            await page.Locator("[data-testid=import-file]").SetInputFilesAsync(file);
            await Assertions.Expect(page.Locator("[data-testid=import-start]")).ToBeEnabledAsync();
            await page.Locator("[data-testid=import-start]").ClickAsync();

            var progress = page.Locator("[data-testid=import-progress]");
            await progress.WaitForAsync(new() { Timeout = 60_000 });
            var seen = new List<double>();
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (sw.Elapsed < TimeSpan.FromMinutes(5))
            {
                var state = await progress.GetAttributeAsync("data-state");
                var pct = double.Parse((await progress.GetAttributeAsync("data-percent"))!, CultureInfo.InvariantCulture);
                if (seen.Count == 0 || seen[^1] != pct) seen.Add(pct);
                if (state is "succeeded" or "failed") break;
                await page.WaitForTimeoutAsync(150);
            }
            output.WriteLine($"PRSA upload: {sw.Elapsed.TotalSeconds:F1} s; percentages seen: {string.Join(", ", seen)}");
            Assert.Equal("succeeded", await progress.GetAttributeAsync("data-state"));
            Assert.Equal(100, seen[^1]);
            for (var i = 1; i < seen.Count; i++) Assert.True(seen[i] >= seen[i - 1], $"progress fell: {string.Join(", ", seen)}");
            Assert.True(seen.Count(p => p is > 0 and < 100) >= 3, $"the bar did not move while running: {string.Join(", ", seen)}");

            await page.Locator("[data-testid=import-report]").WaitForAsync(new() { Timeout = 30_000 });
            Assert.Equal(rows.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-testid=report-rows]").InnerTextAsync());
            Assert.Equal(values.ToString(CultureInfo.InvariantCulture), await page.Locator("[data-testid=report-accepted]").InnerTextAsync());
            Assert.Equal("0", await page.Locator("[data-testid=report-rejected]").InnerTextAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
