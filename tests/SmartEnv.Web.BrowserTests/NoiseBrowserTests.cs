using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using SmartEnv.Hj212;
using SmartEnv.Tests;
using Xunit.Abstractions;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 声 page end to end: a noise site and its logger registered through the API, one noise day of hourly Leq fed as an
/// HJ 212 log through the platform's intake (<c>POST /api/import</c>, format <c>hj212-log</c> → the gateway's
/// PacketIntake), and the page's Ld, Ln and verdicts compared with values worked by hand below.
/// </summary>
public sealed class NoiseBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    private const string Code = "T-NOISE-JB";
    private const string Mn = "NOISE0000000000000000042";
    private const string Pw = "123456";
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    /// <summary>
    /// Noise day 2024-05-01 (day 06:00–22:00, night 22:00 to 06:00 of 05-02), zone 2 (GB 3096-2008 Table 1: 60 / 50):
    /// <list type="bullet">
    /// <item>day: 06:00–13:00 eight hours at 60.0, 14:00–21:00 eight hours at 50.0 →
    ///   Ld = 10·lg[(8·10^6 + 8·10^5)/16] = 10·lg(550 000) = 57.40 → 57.4 ≤ 60 达标;</item>
    /// <item>night: 22:00–03:00 six hours at 45.0, 04:00 and 05:00 at 55.0 →
    ///   Ln = 10·lg[(6·10^4.5 + 2·10^5.5)/8] = 10·lg(102 774.1) = 50.12 → 50.1 > 50 超标 by 0.1 dB.</item>
    /// </list>
    /// Plus one hour of the next noise day (05-02 06:00, 58.0): that day has 1 of 16 day hours, so the page keeps showing
    /// 05-01 as the latest evaluable day.
    /// </summary>
    private static List<(DateTimeOffset Start, string Leq)> Hours()
    {
        var start = new DateTimeOffset(2024, 5, 1, 6, 0, 0, Beijing);
        var list = new List<(DateTimeOffset, string)>();
        for (var i = 0; i < 24; i++)
            list.Add((start.AddHours(i), i switch { < 8 => "60.0", < 16 => "50.0", < 22 => "45.0", _ => "55.0" }));
        list.Add((start.AddHours(24), "58.0"));
        return list;
    }

    private static string ScreenshotDir
    {
        get
        {
            var d = Screenshots.Folder;
            return d;
        }
    }

    private HttpClient Admin()
    {
        var c = new HttpClient { BaseAddress = server.BaseUrl };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return c;
    }

    private async Task<IPage> OpenAsync(string path, string ready)
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync(path);
        try { await page.Locator(ready).First.WaitForAsync(new() { Timeout = 30_000 }); }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{ready} not visible on {path}; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
        return page;
    }

    [Fact]
    public async Task Registered_noise_site_fed_through_the_intake_shows_hand_worked_Ld_Ln_and_verdict()
    {
        // No noise site yet: the page says so and how to register one.
        var empty = await OpenAsync("/noise", "[data-testid=empty-state]");
        await Assertions.Expect(empty.Locator("[data-testid=empty-state]")).ToContainTextAsync("POST /api/sites");
        await empty.Context.CloseAsync();

        using var admin = Admin();
        var site = await admin.PostAsJsonAsync("/api/sites", new
        {
            code = Code, name_zh = "测试噪声点", name_en = "Test noise point", kind = "noise", noise_zone = "2",
            longitude = 106.58m, latitude = 29.60m, coordinates_approximate = true, coordinate_source = "test", is_public = true,
        });
        Assert.Equal(HttpStatusCode.Created, site.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync($"/api/devices/{Mn}", new { password = Pw, site_code = Code })).StatusCode);

        // One HJ 212-2017 CN 2061 noise packet (ST 23, Leq-Data, DataTime = hour start) per line.
        var log = new StringBuilder();
        var qn = 0;
        foreach (var (start, leq) in Hours())
        {
            var bytes = Hj212Serializer.ToBytes(new Hj212Packet
            {
                Qn = start.ToOffset(Beijing).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (qn++).ToString("D3", CultureInfo.InvariantCulture),
                St = "23", Cn = "2061", Pw = Pw, Mn = Mn, Flag = 5,
                Cp = [new("DataTime", Hj212Time.Format(start, Beijing)), new("Leq-Data", leq)],
            });
            log.Append(Encoding.ASCII.GetString(bytes).TrimEnd('\r', '\n')).Append('\n');
        }
        using var form = new MultipartFormDataContent
        {
            { new StringContent("hj212-log"), "format" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(log.ToString())), "file", "noise-2024-05-01.log" },
        };
        var import = await admin.PostAsync("/api/import", form);
        var summary = JsonDocument.Parse(await import.Content.ReadAsStringAsync()).RootElement;
        Assert.True(import.IsSuccessStatusCode, summary.ToString());
        Assert.Equal(25, summary.GetProperty("values_accepted").GetInt32());
        Assert.Equal(0, summary.GetProperty("rejects").GetArrayLength());
        // Stored as hour measurements at the hour starts, in dB(A), exactly as sent, with the device as provenance.
        var stored = (await admin.GetFromJsonAsync<JsonElement>($"/api/sites/{Code}/observations?parameter=Leq&period=hour&limit=100"))
            .EnumerateArray().ToList();
        Assert.Equal(Hours().Select(h => (h.Start.UtcDateTime, h.Leq, "dB(A)", Mn)),
            stored.Select(o => (o.GetProperty("data_time").GetDateTimeOffset().UtcDateTime, o.GetProperty("value_text").GetString()!,
                o.GetProperty("unit").GetString()!, o.GetProperty("mn").GetString()!)).OrderBy(x => x.UtcDateTime));

        var sw = Stopwatch.StartNew();
        var page = await OpenAsync("/noise", $"[data-testid=noise-sites] tr[data-site='{Code}']");
        output.WriteLine($"render /noise: {sw.Elapsed.TotalMilliseconds:F0} ms");
        var row = page.Locator($"[data-testid=noise-sites] tr[data-site='{Code}']");
        async Task<string> Cell(string id) => (await row.Locator($"[data-testid={id}]").InnerTextAsync()).Trim();
        Assert.Equal("2 类", await Cell("zone"));
        Assert.Equal("2024-05-01", await Cell("noise-day"));
        Assert.Equal("57.4 dB(A)", await Cell("ld"));
        Assert.Equal("60.0 dB(A)", await Cell("day-limit"));
        Assert.Equal("达标", await Cell("day-verdict"));
        Assert.Equal("50.1 dB(A)", await Cell("ln"));
        Assert.Equal("50.0 dB(A)", await Cell("night-limit"));
        Assert.Equal("超标 0.1 dB", await Cell("night-verdict"));
        Assert.Equal("昼 16/16，夜 8/8", await Cell("hours"));
        // Chart of the last 24 h: hours starting 05-01 07:00 … 05-02 06:00.
        await page.Locator("[data-testid=noise-chart] [_echarts_instance_]").WaitForAsync();
        await Assertions.Expect(page.Locator(".se-sub").Filter(new() { HasText = "24 个小时值" })).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(1200); // ECharts entry animation
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDir, "noise.png") });
        await page.GetByText("7 天", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".se-sub").Filter(new() { HasText = "25 个小时值" })).ToHaveCountAsync(1);

        // Export of the daily table, read back.
        var href = await page.Locator("[data-testid=export-csv]").GetAttributeAsync("href");
        var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
        Assert.Equal(200, response.Status);
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-noise-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "noise.csv");
            await File.WriteAllBytesAsync(path, await response.BodyAsync());
            var rows = MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().ToList();
            string V(IDictionary<string, object?> r, string k) => Convert.ToString(r[k], CultureInfo.InvariantCulture) ?? "";
            var d1 = Assert.Single(rows, r => V(r, "评价日（昼间 06–22 时，夜间 22 时至次日 06 时）") == "2024-05-01");
            Assert.Equal(("57.4", "16", "达标", "50.1", "8", "超标", "0.1"),
                (V(d1, "昼间 Ld (dB(A))"), V(d1, "昼间小时数"), V(d1, "昼间评价"), V(d1, "夜间 Ln (dB(A))"), V(d1, "夜间小时数"), V(d1, "夜间评价"), V(d1, "夜间超标 (dB)")));
            var d2 = Assert.Single(rows, r => V(r, "评价日（昼间 06–22 时，夜间 22 时至次日 06 时）") == "2024-05-02");
            Assert.Equal(("", "1", ""), (V(d2, "昼间 Ld (dB(A))"), V(d2, "昼间小时数"), V(d2, "昼间评价")));
        }
        finally
        {
            Directory.Delete(dir, true);
        }

        // English texts.
        await page.Locator("[data-testid=lang-en]").ClickAsync();
        await page.Locator($"[data-testid=noise-sites] tr[data-site='{Code}'] [data-testid=night-verdict]").Filter(new() { HasText = "exceeds by 0.1 dB" }).WaitForAsync();
        Assert.Equal("class 2", (await page.Locator($"tr[data-site='{Code}'] [data-testid=zone]").InnerTextAsync()).Trim());
        await page.Context.CloseAsync();

        // Overview freshness list: the noise site with its zone and latest Ld / Ln.
        var overview = await OpenAsync("/", $"[data-testid=freshness] tr[data-site='{Code}']");
        await Assertions.Expect(overview.Locator($"[data-testid=freshness] tr[data-site='{Code}'] [data-testid=noise-latest]"))
            .ToHaveTextAsync("2 类 · Ld 57.4 / Ln 50.1 dB(A) · 超标");
        await Assertions.Expect(overview.Locator($"[data-testid=freshness] tr[data-site='{Code}']")).ToContainTextAsync("声");
        await overview.Context.CloseAsync();
    }
}
