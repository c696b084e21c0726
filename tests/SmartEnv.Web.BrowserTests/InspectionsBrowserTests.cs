using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SmartEnv.Tests;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Issue 19 P5 pages in Chromium (zh-CN) over <see cref="EnterpriseServerFixture"/> plus <see cref="InspectionSeed"/>: the
/// public 红黑名单 on a phone (390 × 844) lists A on the red list with a green tag and B on the black list with a red tag,
/// and its HTML names no inspector; the staff plan page lists the drawn tasks with their inspectors.
/// </summary>
public sealed class InspectionsBrowserTests(EnterpriseServerFixture server) : IClassFixture<EnterpriseServerFixture>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    private async Task SeedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            await using (var db = server.Store.CreateContext())
                if (await db.DrawPlans.AnyAsync(p => p.PlanId == InspectionSeed.PlanId)) return;
            await InspectionSeed.SeedAsync(server.Store);
        }
        finally { Gate.Release(); }
    }

    private async Task OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        try { await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached }); }
        catch (TimeoutException) { throw new TimeoutException($"{ready} not on {path}; log:\n{string.Join("\n", server.BrowserLog)}\nhtml:\n{await page.ContentAsync()}"); }
    }

    [Fact]
    public async Task Public_red_and_black_lists_on_a_phone_show_the_grades_in_their_colours()
    {
        await SeedAsync();
        var page = await server.NewPageAsync();
        try
        {
            await page.SetViewportSizeAsync(390, 844);
            await OpenAsync(page, "/public/credit", "[data-testid=black-list]");
            var a = page.Locator($"[data-testid=red-list] tr[data-uscc='{SourceSeed.UsccA}']");
            await Assertions.Expect(a).ToContainTextAsync("重庆江北甲化工有限公司");
            await Assertions.Expect(a.Locator(".ant-tag")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-tag-green"));
            await Assertions.Expect(a.Locator(".ant-tag")).ToHaveTextAsync("环保诚信");
            var b = page.Locator($"[data-testid=black-list] tr[data-uscc='{SourceSeed.UsccB}']");
            await Assertions.Expect(b.Locator(".ant-tag")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ant-tag-red"));
            await Assertions.Expect(page.Locator($"[data-testid=black-list] tr[data-uscc='{SourceSeed.UsccA}']")).ToHaveCountAsync(0);
            // The red tag is drawn red and the green one green (AntDesign's palette), not just named so.
            var colours = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.ant-tag')].map(t => getComputedStyle(t).color)");
            Assert.Contains(colours, c => c.StartsWith("rgb(56, 158, 13", StringComparison.Ordinal) || c.StartsWith("rgb(82, 196, 26", StringComparison.Ordinal)); // green-6/7
            Assert.Contains(colours, c => c.StartsWith("rgb(207, 19, 34", StringComparison.Ordinal) || c.StartsWith("rgb(245, 34, 45", StringComparison.Ordinal)); // red-6/7
            var text = (await page.Locator(".se-content").First.InnerTextAsync()).Replace(SourceSeed.UsccA, "", StringComparison.Ordinal).Replace(SourceSeed.UsccB, "", StringComparison.Ordinal);
            var latin = ChineseText.Violations(text).ToList();
            Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
            var html = await page.ContentAsync();
            foreach (var p in new[] { InspectionSeed.InspectorNameA, InspectionSeed.InspectorNameB, InspectionSeed.CertA, InspectionSeed.CertB })
                Assert.DoesNotContain(p, html, StringComparison.Ordinal);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Fact]
    public async Task Staff_plan_page_lists_the_tasks()
    {
        await SeedAsync();
        var page = await server.NewPageAsync();
        try
        {
            await UiServerFixture.SignInAsync(page);
            await OpenAsync(page, "/inspections/plans/" + InspectionSeed.PlanId, "[data-testid=plan-tasks]");
            await Assertions.Expect(page.Locator("[data-testid=plan-tasks] tbody tr")).ToHaveCountAsync(2);
            var a = page.Locator($"[data-testid=plan-tasks] tr[data-uscc='{SourceSeed.UsccA}']");
            await Assertions.Expect(a).ToContainTextAsync("现场检查");
            await Assertions.Expect(a).ToContainTextAsync("已完成");
            await Assertions.Expect(a).ToContainTextAsync(InspectionSeed.CertA + "、" + InspectionSeed.CertB);
            await Assertions.Expect(page.Locator($"[data-testid=plan-tasks] tr[data-uscc='{SourceSeed.UsccB}']")).ToContainTextAsync("非现场检查");
            // No Latin word in the zh page but the codes (plan id, certificates, USCCs, rule version).
            var text = await page.Locator(".se-content").First.InnerTextAsync();
            foreach (var code in new[] { InspectionSeed.PlanId, InspectionSeed.CertA, InspectionSeed.CertB, SourceSeed.UsccA, SourceSeed.UsccB, "draw-rules@seed0001" })
                text = text.Replace(code, "", StringComparison.Ordinal);
            text = System.Text.RegularExpressions.Regex.Replace(text, "\\b[0-9a-f]{64}\\b", ""); // the commitment hash
            var latin = ChineseText.Violations(text).ToList();
            Assert.True(latin.Count == 0, "Latin words: " + string.Join(", ", latin));
        }
        finally { await page.Context.CloseAsync(); }
    }
}
