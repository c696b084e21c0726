using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// What the supervision fixtures (一企一档, 危险废物, 信访投诉) share for their pages: a new browser context with the zh-CN
/// culture cookie and the browser's console errors and page errors collected into the fixture's log, and an open that
/// waits for a ready selector and, on timeout, fails with that log and the page's HTML. Stateless; thread-safe.
/// </summary>
public static class ZhPages
{
    /// <summary>A new page in a new context made with <paramref name="options"/> (its <c>BaseURL</c> set to
    /// <paramref name="baseUrl"/>), zh-CN by cookie; console errors and page errors go to <paramref name="log"/>.</summary>
    public static async Task<IPage> NewAsync(IBrowser browser, Uri baseUrl, ConcurrentBag<string> log, BrowserNewContextOptions options)
    {
        options.BaseURL = baseUrl.ToString();
        var ctx = await browser.NewContextAsync(options);
        await ctx.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = baseUrl.ToString() }]);
        var page = await ctx.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error") log.Add($"console {m.Type}: {m.Text}"); };
        page.PageError += (_, e) => log.Add("page error: " + e);
        return page;
    }

    /// <summary>Goes to <paramref name="path"/> and waits (60 s) until <paramref name="ready"/> is attached.</summary>
    /// <exception cref="TimeoutException">It never was: the message carries the browser log and the page's HTML.</exception>
    public static async Task OpenAsync(IPage page, string path, string ready, IEnumerable<string> log)
    {
        await page.GotoAsync(path);
        try { await page.Locator(ready).First.WaitForAsync(new() { Timeout = 60_000, State = WaitForSelectorState.Attached }); }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{ready} not visible on {path}; browser log:\n{string.Join("\n", log)}\nhtml:\n{await page.ContentAsync()}");
        }
    }
}
