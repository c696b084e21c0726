using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SmartEnv.Evaluation;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// The 审核 page in a real browser (zh-CN, admin): 1420A's five highest PM2.5 hours of 2019-01-08 (labels 16…20: 97, 95,
/// 117, 104, 99 μg/m³) marked invalid through the API show struck through with the reason; 恢复 on the page restores them
/// and the marks' row says 已恢复.
/// </summary>
public sealed class ReviewBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>
{
    [Fact]
    public async Task The_raw_view_strikes_marked_values_through_with_the_reason_and_restore_clears_them()
    {
        using var api = new HttpClient { BaseAddress = server.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", server.Token);
        var r = await api.PostAsJsonAsync("/api/review/marks", new
        {
            site = "1420A", parameter = AirParameterCodes.Pm25, from = "2019-01-08T15:00:00+08:00", to = "2019-01-08T19:00:00+08:00",
            reason = "instrument_fault", text = "采样泵故障",
        });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());

        var page = await server.NewPageAsync();
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-CN|uic=zh-CN", Url = server.BaseUrl.ToString() },
        ]);
        await UiServerFixture.SignInAsync(page);
        await page.GotoAsync("/review?site=1420A&day=2019-01-08");
        await page.Locator("[data-testid=review-raw]").WaitForAsync(new() { Timeout = 60_000 });
        var struck = page.Locator("[data-testid=review-raw] s");
        Assert.Equal(5, await struck.CountAsync());
        Assert.Equal(["97", "95", "117", "104", "99"], await struck.AllInnerTextsAsync());
        Assert.Equal("无效：仪器故障（采样泵故障）", await struck.First.GetAttributeAsync("title"));
        Assert.Contains("仪器故障", await page.Locator("[data-testid=review-excluded]").First.InnerTextAsync());
        output.WriteLine(await page.Locator("[data-testid=review-records]").InnerTextAsync());

        await page.Locator("[data-testid=review-restore]").First.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=review-raw] s').length === 0", null, new() { Timeout = 30_000 });
        Assert.Contains("已恢复", await page.Locator("[data-testid=review-records]").InnerTextAsync());
        await page.Context.CloseAsync();
    }
}
