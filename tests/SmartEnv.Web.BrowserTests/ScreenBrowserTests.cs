using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// What is on screen can be trusted (issue #11 items 13–15): every page and export of the zh-CN UI is in Chinese,
/// the API docs work offline, tables keep words whole, station selectors are searchable, tab links open their tab and
/// no page logs a console error. One server (the 1420A 2019 fixture plus a registered noise point) for all of them.
/// </summary>
public sealed class ScreenBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    /// <summary>A noise point registered by the test so the noise page and export have a row.</summary>
    private const string NoiseCode = "JB-N-ZH1";

    /// <summary>Every page of the UI (admin pages signed in) with the element that shows it has loaded its data.</summary>
    public static readonly (string Path, string Ready)[] Pages =
    [
        ("/", "[data-testid=freshness]"),
        ("/air?site=1420A&from=2019-01-01&to=2019-12-31", "[data-testid=good-ratio]"),
        ("/water", "[data-testid=water-sections]"),
        ("/noise?site=" + NoiseCode, "[data-testid=noise-sites]"),
        ("/alerts", "[data-testid=alert-status-filter]"),
        ("/plan", "[data-testid=plan-indicators]"),
        ("/plan?tab=projects", "[data-testid=plan-projects]"),
        ("/data", "[data-testid=quarantine]"),
        ("/data?tab=packets", ".ant-tabs-tab-active"),
        ("/data?tab=imports", "[data-testid=imports]"),
        ("/public", "[data-testid=public-stations]"),
        ("/review?site=1420A&day=2019-01-08", "[data-testid=review-raw]"),
    ];

    private async Task EnsureNoiseSiteAsync()
    {
        using var admin = new HttpClient { BaseAddress = server.BaseUrl };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        if ((await admin.GetAsync($"/api/sites/{NoiseCode}")).StatusCode == HttpStatusCode.OK) return;
        var r = await admin.PostAsJsonAsync("/api/sites", new
        {
            code = NoiseCode, name_zh = "测试噪声点", name_en = "Test noise point", kind = "noise", noise_zone = "2",
            longitude = 106.58m, latitude = 29.60m, coordinates_approximate = true, coordinate_source = "test", is_public = true,
        });
        Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await r.Content.ReadAsStringAsync());
    }

    /// <summary>A zh-CN page signed in as admin (through /signin), console errors collected.</summary>
    private async Task<(IPage Page, List<string> Errors)> AdminPageAsync(string culture = "zh-CN")
    {
        var page = await server.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add($"{page.Url}: console error: {m.Text}"); };
        page.PageError += (_, e) => { lock (errors) errors.Add($"{page.Url}: page error: {e}"); };
        await page.Context.AddCookiesAsync(
        [
            new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = server.BaseUrl.ToString() },
        ]);
        await UiServerFixture.SignInAsync(page);
        return (page, errors);
    }

    /// <summary>Opens a page and waits until its data element is visible and no spinner is left.</summary>
    private async Task OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        try
        {
            await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000 });
            await page.WaitForFunctionAsync("() => !document.querySelector('.ant-spin-spinning')", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{ready} not visible on {path}; browser log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}");
        }
    }

    /// <summary>All text a reader can see on the page: text nodes, the title, titles/placeholders/labels of elements,
    /// and the texts drawn into ECharts canvases (titles, axis names, names of series a user can point at, data names).
    /// Text explicitly marked as not Chinese is left out: <c>lang="zxx"</c> (no linguistic content: raw HJ 212 frames,
    /// framing records, MN and file names as received) and <c>lang="en"</c> (the English switch; the gateway's stored
    /// English quarantine detail).</summary>
    private static async Task<IReadOnlyList<(string Text, string Where)>> VisibleTextsAsync(IPage page)
    {
        var pairs = await page.EvaluateAsync<string[][]>("""
            () => {
              const out = [[document.title, 'title']];
              const notZh = '[lang]:not([lang^=zh]):not(html)';
              const where = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '');
              const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n = w.nextNode(); n; n = w.nextNode()) {
                const p = n.parentElement;
                if (!p || p.closest('script,style,noscript,' + notZh)) continue;
                if (n.textContent.trim()) out.push([n.textContent, where(p)]);
              }
              for (const e of document.querySelectorAll('[title],[placeholder],[aria-label],[alt]')) {
                if (e.closest(notZh)) continue;
                for (const a of ['title', 'placeholder', 'aria-label', 'alt']) {
                  // AntDesign icons carry their icon's name (search, down…) as aria-label: an icon id, not text.
                  if (a === 'aria-label' && e.classList.contains('anticon')) continue;
                  const v = e.getAttribute(a); if (v) out.push([v, where(e) + '@' + a]);
                }
              }
              if (window.echarts) for (const el of document.querySelectorAll('[_echarts_instance_]')) {
                const c = echarts.getInstanceByDom(el); if (!c) continue;
                const walk = (o, k, path) => {
                  if (typeof o === 'string') { if (['text', 'subtext', 'name'].includes(k)) out.push([o, 'echarts ' + path]); return; }
                  if (Array.isArray(o)) { o.forEach((x, i) => walk(x, k === 'data' ? 'name' : k, path + '[' + i + ']')); return; }
                  if (o && typeof o === 'object') for (const [kk, v] of Object.entries(o)) { if (!(kk === 'name' && o.silent)) walk(v, kk, path + '.' + kk); }
                };
                walk(c.getOption(), '', '');
              }
              return out;
            }
            """);
        return pairs.Select(p => (p[0], p[1])).ToList();
    }

    /// <summary>Every export link of the UI (zh-CN, admin), each as Excel and CSV where offered.</summary>
    private static IEnumerable<string> ExportPaths()
    {
        foreach (var ext in new[] { "xlsx", "csv" })
        {
            yield return $"/ui/export/air-daily.{ext}?site=1420A&from=2019-01-01&to=2019-12-31";
            yield return $"/ui/export/water-sections.{ext}";
            yield return $"/ui/export/noise-daily.{ext}?site={NoiseCode}";
            yield return $"/ui/export/quarantine.{ext}";
            yield return $"/ui/export/packets.{ext}";
            yield return $"/ui/export/imports.{ext}";
            yield return $"/ui/export/import-rejects.{ext}?id=1";
            yield return $"/ui/export/alerts.{ext}?status=all";
            yield return $"/ui/export/plan-indicators.{ext}?year=2019";
            yield return $"/ui/export/plan-projects.{ext}";
        }
        yield return "/ui/export/plan-workbook.xlsx?kind=tables";
        yield return "/ui/export/plan-workbook.xlsx?kind=progress&year=2019";
    }

    /// <summary>Columns that carry records exactly as received: the HJ 212 frame (ASCII by definition), the logger's MN,
    /// the gateway's framing record (key=value), its stored English quarantine detail, and the uploaded file's name.</summary>
    private static readonly HashSet<string> RawColumns = ["报文（PW已隐去）", "MN", "帧诊断", "说明", "文件"];

    [Fact]
    public async Task Every_zh_CN_export_read_back_has_no_English_word()
    {
        await EnsureNoiseSiteAsync();
        var (page, _) = await AdminPageAsync();
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-zh-export-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var found = new List<string>();
        var seen = new HashSet<(string, string?, string, string)>();
        try
        {
            foreach (var href in ExportPaths())
            {
                var response = await page.Context.APIRequest.GetAsync(new Uri(server.BaseUrl, href).ToString());
                Assert.True(response.Status == 200, $"{href}: HTTP {response.Status}");
                var ext = href.Contains(".xlsx", StringComparison.Ordinal) ? "xlsx" : "csv";
                var path = Path.Combine(dir, Guid.NewGuid().ToString("N")[..8] + "." + ext);
                await File.WriteAllBytesAsync(path, await response.BodyAsync());
                var type = ext == "xlsx" ? ExcelType.XLSX : ExcelType.CSV;
                var sheets = type == ExcelType.XLSX ? MiniExcel.GetSheetNames(path) : [null!];
                foreach (var sheet in sheets)
                {
                    if (sheet is not null) found.AddRange(ChineseText.Violations(sheet).Select(v => $"{href} sheet name: '{v.Word}' in «{v.Context}»"));
                    // Rows as written, header row included (the first row is read as data, keyed A, B, C…).
                    var rows = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet, excelType: type).Cast<IDictionary<string, object?>>().ToList();
                    var headerCells = rows.Count > 0 ? rows[0] : new Dictionary<string, object?>();
                    var raw = headerCells.Where(h => RawColumns.Contains(Convert.ToString(h.Value, CultureInfo.InvariantCulture) ?? "")).Select(h => h.Key).ToHashSet();
                    foreach (var row in rows)
                        foreach (var (col, cell) in row)
                        {
                            if (raw.Contains(col) || cell is null or DateTime or double or decimal or int or long or bool) continue;
                            var s = Convert.ToString(cell, CultureInfo.InvariantCulture)!;
                            foreach (var v in ChineseText.Violations(s))
                                if (seen.Add((href.Split('?')[0], sheet, col, v.Word)))
                                    found.Add($"{href} [{sheet}] {col}: '{v.Word}' in «{v.Context}»");
                        }
                }
            }
        }
        finally
        {
            Directory.Delete(dir, true);
            await page.Context.CloseAsync();
        }
        found = found.Distinct().ToList();
        foreach (var f in found) output.WriteLine(f);
        Assert.True(found.Count == 0, $"{found.Count} English words in zh-CN exports:\n{string.Join("\n", found.Take(200))}");
    }

    [Fact]
    public async Task API_docs_render_offline_in_Chinese_and_English_without_vendor_buttons_and_are_linked_from_the_header()
    {
        // Every request that leaves the loopback host is recorded and aborted: the docs must need none.
        var outbound = new System.Collections.Concurrent.ConcurrentBag<string>();
        async Task<(IPage, List<string>)> OfflinePageAsync(string culture)
        {
            var (p, errs) = await AdminPageAsync(culture);
            await p.Context.RouteAsync("**/*", async route =>
            {
                var host = new Uri(route.Request.Url).Host;
                if (host is "127.0.0.1" or "localhost" or "[::1]") await route.ContinueAsync();
                else { outbound.Add(route.Request.Url); await route.AbortAsync(); }
            });
            return (p, errs);
        }

        foreach (var (culture, linkText, summary, title) in new[]
                 {
                     ("zh-CN", "接口文档", "就绪检查：HTTP 与 HJ 212 监听均已启动，且数据库可连接、已迁移、磁盘未满并通过完整性检查时返回 200；否则返回 503，并给出数据库状态和检查信息。", "SmartEnv 智能环保平台接口"),
                     ("en-US", "API docs", "Readiness: 200 when the HTTP and HJ 212 listeners are up and the store is reachable, migrated, not full and passed its integrity check; else 503 with the store's state and the check's message.", "SmartEnv API"),
                 })
        {
            var (page, errors) = await OfflinePageAsync(culture);
            await OpenAsync(page, "/", "[data-testid=freshness]");
            var link = page.Locator("[data-testid=api-docs-link]");
            Assert.Equal(linkText, (await link.InnerTextAsync()).Trim());
            var href = await link.GetAttributeAsync("href");
            Assert.StartsWith("/scalar", href, StringComparison.Ordinal);
            lock (errors) errors.Clear(); // the UI pages have their own test; here only the docs count
            await page.GotoAsync(href!);
            try
            {
                // The operations are rendered (summary of GET /health, the first group, in the document's language).
                await page.GetByText(summary).First.WaitForAsync(new() { Timeout = 60_000 });
                await page.GetByText(title, new() { Exact = true }).First.WaitForAsync(new() { Timeout = 60_000 });
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{href}: {e.Message}\noutbound: {string.Join(", ", outbound)}\nerrors: {string.Join("\n", errors)}\nbody:\n{await page.Locator("body").InnerTextAsync()}");
            }
            var body = await page.Locator("body").InnerTextAsync();
            foreach (var vendor in new[] { "Ask AI", "Agent", "Deploy", "SDK", "Generate", "MCP" })
                Assert.False(body.Contains(vendor, StringComparison.OrdinalIgnoreCase), $"{href}: vendor button '{vendor}' shown:\n{body[..Math.Min(body.Length, 2000)]}");
            await page.ScreenshotAsync(new() { Path = Screenshots.PathFor(culture == "zh-CN" ? "api-docs.png" : "api-docs-en.png") });
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            await page.Context.CloseAsync();
        }
        Assert.True(outbound.IsEmpty, "requests leaving the machine: " + string.Join(", ", outbound.Distinct()));
    }

    [Fact]
    public async Task Tab_links_open_the_named_tab()
    {
        var (page, _) = await AdminPageAsync();
        // Hand-written labels of the tabs (Resources/Ui/*.tsv, zh-CN).
        foreach (var (path, ready, label) in new[]
                 {
                     ("/data", "[data-testid=quarantine]", "隔离区"),
                     ("/data?tab=quarantine", "[data-testid=quarantine]", "隔离区"),
                     ("/data?tab=packets", ".ant-tabs-tab-active", "原始报文"),
                     ("/data?tab=imports", "[data-testid=imports]", "导入记录"),
                     ("/plan?tab=projects", "[data-testid=plan-projects]", "重大项目"),
                 })
        {
            await OpenAsync(page, path, ready);
            await Assertions.Expect(page.Locator(".ant-tabs-tab-active").First).ToHaveTextAsync(label);
        }
        // A link to another tab of the page already open switches the tab (no reload).
        await OpenAsync(page, "/data?tab=packets", ".ant-tabs-tab-active");
        await page.EvaluateAsync("() => { const a = document.createElement('a'); a.href = '/data?tab=imports'; a.id = 'se-test-link'; a.textContent = '→'; document.querySelector('.se-content').appendChild(a); }");
        await page.Locator("#se-test-link").ClickAsync();
        await Assertions.Expect(page.Locator(".ant-tabs-tab-active").First).ToHaveTextAsync("导入记录");
        // Choosing a tab writes it into the address, so the link can be shared.
        await page.Locator(".ant-tabs-tab", new() { HasText = "原始报文" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("tab=packets"));
        await Assertions.Expect(page.Locator(".ant-tabs-tab-active").First).ToHaveTextAsync("原始报文");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Air_station_selector_finds_a_station_by_typing_part_of_its_code()
    {
        var (page, _) = await AdminPageAsync();
        await OpenAsync(page, "/air?site=district&from=2019-01-01&to=2019-12-31", "[data-testid=good-ratio]");
        var box = page.Locator("[data-testid=site-select] input");
        // The browser's own list offers every station by "name · code" (it filters them by any part as one types).
        var offered = await page.Locator("[data-testid=site-select] datalist option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
        Assert.Contains(offered, o => o.EndsWith("· 1420A", StringComparison.Ordinal));
        Assert.Contains(offered, o => o.StartsWith("江北区", StringComparison.Ordinal));
        // Typing happens in the browser only (no server round trip per key, so no key is lost on a slow link); the text is
        // sent once, on Enter: part of a code that names one station opens that station.
        await box.FillAsync("1420");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("site=1420A"));
        await Assertions.Expect(box).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("· 1420A$"));
        await page.Context.CloseAsync();
    }

    /// <summary>Table cells whose text the browser broke into lines of fewer than <see cref="MinCharsPerLine"/> characters
    /// on average: a column squeezed so narrow that its words stand one or two characters a line.</summary>
    private const int MinCharsPerLine = 4;

    /// <summary>The squeezed table cells of the open page (see <see cref="MinCharsPerLine"/>).</summary>
    private static Task<string[]> SqueezedCellsAsync(IPage page) =>
        page.EvaluateAsync<string[]>($$"""
            () => {
              const out = [];
              for (const cell of document.querySelectorAll('table th, table td')) {
                const text = cell.innerText.replace(/\s+/g, '');
                if (text.length < 2) continue;
                // Lines of the cell's own text: the rectangles of its text nodes, grouped by their vertical position
                // (text in badges and buttons sits a few pixels lower than text beside it on the same line).
                const rects = [];
                const w = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let n = w.nextNode(); n; n = w.nextNode()) {
                  if (!n.textContent.trim()) continue;
                  const r = document.createRange(); r.selectNodeContents(n);
                  for (const x of r.getClientRects()) if (x.width > 0 && x.height > 0) rects.push(x);
                }
                const centres = rects.map(x => (x.top + x.bottom) / 2).sort((a, b) => a - b);
                const lineHeight = Math.min(...rects.map(x => x.height));
                let lines = centres.length ? 1 : 0;
                for (let i = 1; i < centres.length; i++) if (centres[i] - centres[i - 1] > lineHeight * 0.6) lines++;
                if (lines >= 2 && text.length / lines < {{MinCharsPerLine}})
                  out.push(`${cell.tagName.toLowerCase()} '${cell.innerText.replace(/\s+/g, ' ').trim().slice(0, 40)}': ${lines} lines for ${text.length} characters, ${Math.round(cell.getBoundingClientRect().width)} px wide`);
              }
              return out;
            }
            """);

    /// <summary>
    /// One visit of every page (zh-CN, admin, 1920 px) with three checks, each reported on its own: (1) no English word in
    /// any visible text, ECharts texts included; (2) no console or page error; (3) no table cell squeezed to a character or
    /// two per line, and no page wider than the window (keeping words whole must not push the page sideways). The three
    /// were separate sweeps over the same pages until 2026-12-07; one visit does the same checks in a third of the time.
    /// </summary>
    [Fact]
    public async Task Every_zh_CN_page_at_1920px_shows_no_English_word_logs_no_error_and_squeezes_no_table_cell()
    {
        await EnsureNoiseSiteAsync();
        var (page, errors) = await AdminPageAsync();
        var english = new List<string>();
        var squeezed = new List<string>();
        foreach (var (path, ready) in Pages)
        {
            await OpenAsync(page, path, ready);
            if (path.StartsWith("/air", StringComparison.Ordinal) || path == "/") await page.Locator("[_echarts_instance_]").First.WaitForAsync();
            var texts = await VisibleTextsAsync(page);
            english.AddRange(texts.SelectMany(t => ChineseText.Violations(t.Text).Select(v => (v.Word, v.Context, t.Where))).DistinctBy(v => v.Word)
                .Select(v => $"{path}: '{v.Word}' in «{v.Context}» ({v.Where})"));
            squeezed.AddRange((await SqueezedCellsAsync(page)).Distinct().Select(x => $"{path}: {x}"));
            var width = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
            if (width > 1920) squeezed.Add($"{path}: page is {width} px wide, wider than the 1920 px window");
        }
        // Errors raised while the last page settles are reported by the browser asynchronously: navigate once more so
        // every page has been left (and its errors delivered) before the check.
        await OpenAsync(page, "/public", "[data-testid=public-stations]");
        List<string> errorList;
        lock (errors) errorList = errors.Distinct().ToList();
        foreach (var f in english.Concat(errorList).Concat(squeezed)) output.WriteLine(f);
        var failures = new List<string>();
        if (english.Count > 0) failures.Add($"{english.Count} English words on zh-CN pages:\n{string.Join("\n", english)}");
        if (errorList.Count > 0) failures.Add($"{errorList.Count} console/page errors:\n{string.Join("\n", errorList)}");
        if (squeezed.Count > 0) failures.Add($"{squeezed.Count} squeezed table cells at 1920 px:\n{string.Join("\n", squeezed)}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        await page.Context.CloseAsync();
    }
}
