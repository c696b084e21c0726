using System.Net.Http.Json;
using Microsoft.Playwright;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 审计日志 page in a real browser (zh-CN): the token form for anonymous visitors, then — as admin — the chain status
/// line, a site created through the API listed as 新建站点 with its code, the filter by target, and no English word outside
/// the raw data (identifiers, JSON and addresses are marked <c>lang="zxx"</c>).
/// </summary>
public sealed class AuditBrowserTests(UiServerFixture server) : IClassFixture<UiServerFixture>
{
    [Fact]
    public async Task Admins_see_the_chain_status_and_the_entries_in_Chinese()
    {
        var code = "AUD-UI-" + Guid.NewGuid().ToString("N")[..6];
        using (var http = new HttpClient { BaseAddress = server.BaseUrl })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
            Assert.True((await http.PostAsJsonAsync("/api/sites", new { code, name_zh = "审计界面测点", kind = "air", is_public = false })).IsSuccessStatusCode);
        }
        var page = await server.NewPageAsync();
        try
        {
            // Admins only: the public is sent to /signin and sees no entry.
            await page.GotoAsync("/audit");
            await page.WaitForURLAsync(u => u.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
            Assert.Equal(0, await page.Locator("[data-testid=audit-entries]").CountAsync());
            await UiServerFixture.SignInAsync(page);
            await page.GotoAsync("/audit");
            var chain = page.Locator("[data-testid=audit-chain]");
            await chain.WaitForAsync(new() { Timeout = 60_000 });
            await Assertions.Expect(chain).ToContainTextAsync("哈希链完好");
            var row = page.Locator("[data-testid=audit-entries] tr[data-action='site.create']", new() { HasText = code });
            await Assertions.Expect(row).ToContainTextAsync("新建站点");
            await Assertions.Expect(row).ToContainTextAsync("站点");

            await page.Locator("[data-testid=audit-target-id]").FillAsync(code);
            await page.Locator("[data-testid=audit-target-id]").BlurAsync();
            await page.Locator("[data-testid=audit-search]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=audit-entries] tbody tr")).ToHaveCountAsync(1);

            var texts = await page.EvaluateAsync<string[]>("""
                () => {
                  const out = [];
                  const w = document.createTreeWalker(document.querySelector('.se-content'), NodeFilter.SHOW_TEXT);
                  for (let n = w.nextNode(); n; n = w.nextNode()) {
                    const p = n.parentElement;
                    if (!p || p.closest('script,style,[lang]:not([lang^=zh]):not(html)')) continue;
                    if (n.textContent.trim()) out.push(n.textContent);
                  }
                  return out;
                }
                """);
            var words = texts.SelectMany(t => ChineseText.Violations(t).Select(v => $"'{v.Word}' in «{v.Context}»")).ToList();
            Assert.True(words.Count == 0, string.Join("\n", words));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
