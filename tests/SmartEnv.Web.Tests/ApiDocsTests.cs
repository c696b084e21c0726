using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The API docs in both languages and offline (issue #11 item 14): <c>/openapi/v1.json</c> speaks Chinese,
/// <c>/openapi/en.json</c> English, for every operation; the <c>/scalar</c> page loads its script from this server and
/// names no other host. (The browser test <c>ScreenBrowserTests</c> opens it with the network cut off.)
/// </summary>
public sealed partial class ApiDocsTests(WebAppFixture<SqliteTestDatabase> app) : IClassFixture<WebAppFixture<SqliteTestDatabase>>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    private static IEnumerable<(string Op, JsonElement Element)> Operations(JsonElement doc) =>
        doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => ($"{m.Name.ToUpperInvariant()} {p.Name}", m.Value)));

    [Fact]
    public async Task Every_operation_has_a_Chinese_summary_and_tag_in_v1_and_its_English_summary_in_en()
    {
        using var c = app.Client(admin: false);
        var zh = JsonDocument.Parse(await c.GetStringAsync("/openapi/v1.json")).RootElement;
        var en = JsonDocument.Parse(await c.GetStringAsync("/openapi/en.json")).RootElement;
        Assert.Equal("SmartEnv 智能环保平台接口", zh.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("SmartEnv API", en.GetProperty("info").GetProperty("title").GetString());
        var zhOps = Operations(zh).ToDictionary(o => o.Op, o => o.Element);
        var enOps = Operations(en).ToDictionary(o => o.Op, o => o.Element);
        Assert.Equal(enOps.Keys.Order(), zhOps.Keys.Order());
        Assert.True(zhOps.Count >= 30, $"only {zhOps.Count} operations");
        var missing = new List<string>();
        foreach (var (op, z) in zhOps)
        {
            if (!z.TryGetProperty("summary", out var zs)) continue; // operations without a summary have none in either language
            var english = enOps[op].GetProperty("summary").GetString()!;
            if (!Han().IsMatch(zs.GetString()!) || zs.GetString() == english) missing.Add($"{op}: {english}");
            foreach (var tag in z.GetProperty("tags").EnumerateArray())
                if (!Han().IsMatch(tag.GetString()!)) missing.Add($"{op}: tag {tag.GetString()}");
        }
        Assert.True(missing.Count == 0, "no Chinese in /openapi/v1.json for:\n" + string.Join("\n", missing));
    }

    /// <summary>The alert list's summary names every rule its <c>rule=</c> filter accepts, in both languages (it named
    /// rules 1–12 after the complaint rules 13–15 were added).</summary>
    [Fact]
    public async Task The_alert_list_summary_names_every_alert_rule()
    {
        using var c = app.Client(admin: false);
        foreach (var doc in new[] { "/openapi/v1.json", "/openapi/en.json" })
        {
            var root = JsonDocument.Parse(await c.GetStringAsync(doc)).RootElement;
            var summary = Operations(root).Single(o => o.Op == "GET /api/alerts").Element.GetProperty("summary").GetString()!;
            var missing = Enum.GetValues<SmartEnv.Storage.Entities.AlertRule>()
                .Select(r => SmartEnv.Storage.SnakeCaseEnumConverter<SmartEnv.Storage.Entities.AlertRule>.ToSnake(r.ToString()))
                .Where(name => !Regex.IsMatch(summary, $@"(^|[ =|]){name}( |\||（|$)")).ToList();
            Assert.True(missing.Count == 0, $"{doc}: GET /api/alerts does not name {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task Scalar_page_serves_its_own_script_and_names_no_other_host()
    {
        using var c = app.Client(admin: false);
        var html = await c.GetStringAsync("/scalar/");
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Contains("openapi/en.json", html, StringComparison.Ordinal);
        var hosts = Regex.Matches(html, @"https?://[^""'\s)]+").Select(m => m.Value).Where(u => !u.Contains("127.0.0.1", StringComparison.Ordinal)).ToList();
        Assert.True(hosts.Count == 0, "the page names other hosts: " + string.Join(", ", hosts));
        var script = Regex.Match(html, @"<script[^>]+src=""([^""]+)""").Groups[1].Value;
        Assert.False(script.Contains("//", StringComparison.Ordinal), script);
        var js = await c.GetAsync(new Uri(new Uri(c.BaseAddress!, "/scalar/"), script));
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 100_000, "the embedded Scalar bundle");
    }
}
