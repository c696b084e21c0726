using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Tests;
using Xunit.Abstractions;

namespace SmartEnv.Web.BrowserTests;

/// <summary>
/// Accounts in a real browser (Chromium, zh-CN, issue 13 acceptance): an enterprise user, a monitoring user and an admin
/// sign in through <c>/signin</c>; the navigation shows exactly the entries the role table
/// (<see cref="SmartEnvPolicies.Roles"/>) allows — everyone: 总览 空气 水 声 公众; staff reads (<c>StaffRead</c>): 告警 规划 一张图;
/// <c>Monitoring</c>: 数据; <c>Admin</c>: 用户管理 — written out by hand below; the enterprise user sent to 数据 or 用户管理 lands
/// on the sign-in page's "not allowed" notice; the admin creates an account on 用户管理 and its one-time password is shown
/// once (checked with Identity's password check, gone after a reload); a staff user enrols an authenticator on 我的账户 (the
/// code computed here, RFC 6238) and then needs the code at the second sign-in step; a personal token is shown once.
/// User names are 工号-style digits (no Latin word on a zh-CN page).
/// </summary>
public sealed class AccountBrowserTests(UiServerFixture server, ITestOutputHelper output) : IClassFixture<UiServerFixture>, IAsyncLifetime
{
    private const string EnterpriseUser = "500001", StaffUser = "500002", TotpUser = "500003", Password = "两江新区监测站2026";
    private const string Uscc = "915001057474812345";

    private static readonly string[] PublicNav = ["总览", "空气", "水", "声", "公众", "我要投诉"];
    // 一企一档 (issue 16): the enterprise's own file for its users, every enterprise's for staff; 危险废物 (issue 17) likewise;
    // 我要投诉 (issue 18, the public form; staff enter phone/visit cases in it) for everyone, 信访投诉 (the case list) for staff only.
    private static readonly string[] EnterpriseNav = ["总览", "空气", "水", "声", "一企一档", "危险废物", "信用修复", "应急", "公众", "我要投诉"];
    private static readonly string[] StaffNav = ["总览", "空气", "水", "声", "告警", "规划", "一张图", "一企一档", "危险废物", "信访投诉", "双随机抽查", "环境信用", "应急", "建筑工地", "入河排水口", "数据", "审核", "公众", "我要投诉"];
    private static readonly string[] AdminNav = ["总览", "空气", "水", "声", "告警", "规划", "一张图", "一企一档", "危险废物", "信访投诉", "双随机抽查", "环境信用", "应急", "建筑工地", "入河排水口", "数据", "审核", "审计日志", "公众", "我要投诉", "用户管理"];

    public async Task InitializeAsync()
    {
        await using var s = AccountsSetup.Open(server.Store);
        if (await s.Accounts.FindAsync(EnterpriseUser) is not null) return;
        await TestAccounts.UserAsync(server.Store, EnterpriseUser, Password, [SmartEnvRoles.Enterprise], [Uscc]);
        await TestAccounts.UserAsync(server.Store, StaffUser, Password, [SmartEnvRoles.Monitoring]);
        await TestAccounts.UserAsync(server.Store, TotpUser, Password, [SmartEnvRoles.Enforcement]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignedInAsync(string user, string password)
    {
        var page = await server.NewPageAsync();
        await UiServerFixture.SignInAsync(page, user, password);
        return page;
    }

    private static async Task<List<string>> NavAsync(IPage page)
    {
        var items = page.Locator(".se-sider .ant-menu-item");
        await items.First.WaitForAsync(new() { Timeout = 30_000 });
        return (await items.AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
    }

    [Fact]
    public async Task The_nav_shows_exactly_what_each_role_may_use()
    {
        foreach (var (user, password, expected) in new[]
                 {
                     (EnterpriseUser, Password, EnterpriseNav), (StaffUser, Password, StaffNav), (UiServerFixture.AdminUser, UiServerFixture.AdminPassword, AdminNav),
                 })
        {
            var page = await SignedInAsync(user, password);
            Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
            await page.Locator("[data-testid=account-user]").WaitForAsync();
            Assert.Equal(expected, await NavAsync(page));
            output.WriteLine($"{user}: {string.Join(" ", expected)}");
            // The statically rendered pages open from the interactive frame: 我的账户 (header) for everyone, 用户管理 (nav) for admins.
            await page.Locator("[data-testid=nav-account]").ClickAsync();
            await page.Locator("[data-testid=account-password]").WaitForAsync(new() { Timeout = 30_000 });
            if (expected == AdminNav)
            {
                await page.GoBackAsync();
                await page.Locator(".se-sider .ant-menu-item", new() { HasTextString = "用户管理" }).ClickAsync();
                await page.Locator("[data-testid=users-table]").WaitForAsync(new() { Timeout = 30_000 });
            }
            await page.Context.CloseAsync();
        }
        var anonymous = await server.NewPageAsync();
        await anonymous.GotoAsync("/");
        Assert.Equal(PublicNav, await NavAsync(anonymous));
        await anonymous.Context.CloseAsync();
    }

    [Fact]
    public async Task An_enterprise_user_is_kept_out_of_the_data_and_users_pages()
    {
        var page = await SignedInAsync(EnterpriseUser, Password);
        foreach (var path in new[] { "/data", "/users" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync(u => u.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
            Assert.Contains("denied=1", page.Url, StringComparison.Ordinal);
            await page.Locator("[data-testid=signin-denied]").WaitForAsync();
            Assert.Equal(0, await page.Locator("[data-testid=users-table]").CountAsync());
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_creates_a_user_and_its_one_time_password_is_shown_once()
    {
        var page = await SignedInAsync(UiServerFixture.AdminUser, UiServerFixture.AdminPassword);
        await page.GotoAsync("/users");
        await page.Locator("[data-testid=users-table]").WaitForAsync();
        await page.Locator("[data-testid=create-name]").FillAsync("500010");
        await page.Locator("[data-testid=create-display]").FillAsync("王领导");
        await page.Locator("[data-testid=create-role-viewer]").CheckAsync();
        await page.Locator("[data-testid=create-submit]").ClickAsync();
        var otpBox = page.Locator("[data-testid=users-otp]");
        await otpBox.WaitForAsync(new() { Timeout = 30_000 });
        var otp = (await otpBox.InnerTextAsync()).Trim();
        Assert.Equal(OneTimePasswords.Length, otp.Length);
        Assert.Equal("领导（只读）", (await page.Locator("[data-user='500010'] [data-testid=user-roles]").InnerTextAsync()).Trim());
        await using (var s = AccountsSetup.Open(server.Store))
        {
            var user = await s.Accounts.FindAsync("500010");
            Assert.NotNull(user);
            Assert.True(await s.Accounts.Users.CheckPasswordAsync(user, otp));
            Assert.True(user.MustChangePassword);
        }

        await page.GotoAsync("/users");
        await page.Locator("[data-user='500010']").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=users-otp]").CountAsync());
        Assert.DoesNotContain(otp, await page.ContentAsync(), StringComparison.Ordinal);
        var found = ChineseText.Violations(await ZhTextAsync(page)).ToList();
        Assert.True(found.Count == 0, "English words on /users: " + string.Join("; ", found.Select(f => $"{f.Word} «{f.Context}»")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_staff_user_enrols_an_authenticator_and_then_signs_in_with_its_code_and_a_token_is_shown_once()
    {
        var page = await SignedInAsync(TotpUser, Password);
        await page.GotoAsync("/account");
        await SettledAsync(page);
        await page.Locator("[data-testid=tfa-begin]").ClickAsync();
        var uri = (await page.Locator("[data-testid=tfa-uri]").InnerTextAsync()).Trim();
        Assert.StartsWith("otpauth://totp/SmartEnv:" + TotpUser + "?secret=", uri, StringComparison.Ordinal);
        Assert.StartsWith("data:image/png;base64,", await page.Locator("[data-testid=tfa-qr]").GetAttributeAsync("src"), StringComparison.Ordinal);
        var key = Base32(uri.Split("secret=")[1].Split('&')[0]);
        await page.Locator("[data-testid=tfa-code]").FillAsync(Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await SettledAsync(page);
        await page.Locator("[data-testid=tfa-confirm]").ClickAsync();
        await page.Locator("[data-testid=tfa-on], [data-testid=account-error], [data-testid=signin]").First.WaitForAsync(new() { Timeout = 30_000 });
        Assert.True(await page.Locator("[data-testid=tfa-on]").CountAsync() == 1, $"not enrolled at {page.Url}:\n{await page.Locator("body").InnerTextAsync()}");
        Assert.Equal(10, await page.Locator("[data-testid=tfa-recovery-codes] li").CountAsync());

        // A personal token: shown in the answer to the form, listed by prefix only afterwards.
        await page.Locator("[data-testid=token-name]").FillAsync("导入脚本");
        await SettledAsync(page);
        await page.Locator("[data-testid=token-create]").ClickAsync();
        var token = (await page.Locator("[data-testid=token-secret]").InnerTextAsync()).Trim();
        Assert.StartsWith("se_pat_", token, StringComparison.Ordinal);
        await page.GotoAsync("/account");
        await page.Locator("[data-testid=token-row]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=token-secret]").CountAsync());
        Assert.DoesNotContain(token, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains(token[..15], await page.Locator("[data-testid=token-table]").InnerTextAsync(), StringComparison.Ordinal);
        var found = ChineseText.Violations(await ZhTextAsync(page)).ToList();
        Assert.True(found.Count == 0, "English words on /account: " + string.Join("; ", found.Select(f => $"{f.Word} «{f.Context}»")));
        await page.Context.CloseAsync();

        // Signing in again now takes the code on the second step.
        var again = await server.NewPageAsync();
        await again.GotoAsync("/signin?returnUrl=%2Falerts");
        await again.Locator("[data-testid=signin-user]").FillAsync(TotpUser);
        await again.Locator("[data-testid=signin-password]").FillAsync(Password);
        await again.Locator("[data-testid=signin-submit]").ClickAsync();
        await again.WaitForURLAsync(u => u.Contains("/signin/2fa", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await again.Locator("[data-testid=signin-2fa-code]").FillAsync(((int.Parse(Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()), CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("000000", CultureInfo.InvariantCulture));
        await again.Locator("[data-testid=signin-2fa-submit]").ClickAsync();
        await again.Locator("[data-testid=signin-2fa-error]").WaitForAsync();
        await again.Locator("[data-testid=signin-2fa-code]").FillAsync(Totp(key, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        await again.Locator("[data-testid=signin-2fa-submit]").ClickAsync();
        await again.WaitForURLAsync(u => u.EndsWith("/alerts", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await again.Locator("[data-testid=account-user]").WaitForAsync();
        Assert.Equal(TotpUser, (await again.Locator("[data-testid=account-user]").InnerTextAsync()).Trim());
        await again.Context.CloseAsync();
    }

    /// <summary>Waits until the page has no request in flight. A change of the security stamp (enrolling a key, switching
    /// the factor on) re-issues this browser's cookie, but the cookie is checked on every request: a request still in
    /// flight with the OLD cookie (e.g. the previous page's script start-up) is refused when it lands after the change,
    /// and its answer deletes the session cookie — so the test lets the page settle first, as a person would.</summary>
    private static Task SettledAsync(IPage page) => page.WaitForLoadStateAsync(LoadState.NetworkIdle);

    /// <summary>The page's visible text outside elements of another language (<c>lang="en"</c> switch, <c>lang="zxx"</c>
    /// codes and keys), as <see cref="ScreenBrowserTests"/> reads it.</summary>
    private static Task<string> ZhTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const out = [];
          const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = w.nextNode(); n; n = w.nextNode()) {
            const p = n.parentElement;
            if (!p || p.closest('script,style,noscript,[lang]:not([lang^=zh]):not(html)')) continue;
            if (n.textContent.trim()) out.push(n.textContent.trim());
          }
          return out.join('\n');
        }
        """);

    /// <summary>RFC 4648 §6 base32.</summary>
    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        int bits = 0, value = 0;
        var bytes = new List<byte>();
        foreach (var c in Uri.UnescapeDataString(text).ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(value >> (bits - 8)));
            bits -= 8;
        }
        return [.. bytes];
    }

    /// <summary>RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) over RFC 4226's dynamic truncation.</summary>
    private static string Totp(byte[] key, long unixSeconds)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, unixSeconds / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var o = hash[^1] & 0x0f;
        var binary = ((hash[o] & 0x7f) << 24) | (hash[o + 1] << 16) | (hash[o + 2] << 8) | hash[o + 3];
        return (binary % 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
    }
}
