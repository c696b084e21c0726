using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The session cookie end to end over HTTP (zh-CN): <c>/signin</c> refuses a POST without the antiforgery token, sets
/// <c>smartenv_session</c> (HttpOnly, SameSite=Lax, not Secure over plain HTTP) on the right password, locks the account
/// after 5 failures for 15 minutes, makes a one-time password be replaced first; the cookie opens what the role allows
/// (403 ProblemDetails on an API, a redirect to <c>/signin?denied=1</c> on a page), disabling the user or "sign out
/// everywhere" ends an existing session at its next request, and anonymous API calls get 401 ProblemDetails, never a
/// redirect.
/// </summary>
public sealed partial class SignInTests(WebAppFixture<SqliteTestDatabase> app) : IClassFixture<WebAppFixture<SqliteTestDatabase>>
{
    private const string Password = "江北区监测站2026春季";

    private HttpClient NewClient(CookieContainer? jar = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = jar ?? new CookieContainer(), UseCookies = true })
        { BaseAddress = SmartEnvWeb.BoundAddress(app.App) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private static async Task<string> AntiforgeryAsync(HttpClient http, string path = "/signin")
    {
        var html = await http.GetStringAsync(path);
        return WebUtility.HtmlDecode(AntiforgeryField().Match(html).Groups[1].Value);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string path, string handler, string? antiforgery, params (string, string)[] fields)
    {
        var all = new List<KeyValuePair<string, string>> { new("_handler", handler) };
        if (antiforgery is not null) all.Add(new("__RequestVerificationToken", antiforgery));
        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        return await http.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>The page's text (static rendering writes non-ASCII characters as HTML character references).</summary>
    private static async Task<string> TextAsync(HttpResponseMessage res) => WebUtility.HtmlDecode(await res.Content.ReadAsStringAsync());

    /// <summary>A redirect's target as path and query.</summary>
    private static string? Where(HttpResponseMessage res) =>
        res.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.ToString()) : null;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient http, string token, string user, string password, string path = "/signin") =>
        PostFormAsync(http, path, "signin", token, ("Input.UserName", user), ("Input.Password", password));

    [Fact]
    public async Task Signing_in_sets_a_lax_http_only_session_that_opens_what_the_role_allows()
    {
        await TestAccounts.UserAsync(app.Store, "si-mon", Password, [SmartEnvRoles.Monitoring]);
        using var http = NewClient();
        var token = await AntiforgeryAsync(http);
        Assert.NotEmpty(token);

        // No antiforgery token: refused, no session.
        using (var forged = await PostFormAsync(http, "/signin", "signin", null, ("Input.UserName", "si-mon"), ("Input.Password", Password)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.False(forged.Headers.TryGetValues("Set-Cookie", out var none) && none.Any(c => c.StartsWith("smartenv_session=", StringComparison.Ordinal)));
        }

        using var ok = await SignInAsync(http, token, "si-mon", Password, "/signin?returnUrl=%2Fdata");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal("/data", Where(ok));
        var cookie = ok.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("smartenv_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("secure", cookie); // plain HTTP here; Secure when the request is HTTPS

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/quarantine")).StatusCode);
        // Monitoring may not write the plan: 403 ProblemDetails on the API, the sign-in page (denied) for a page of another role.
        using (var plan = await http.PostAsync("/api/plan/indicators/9/values", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, plan.StatusCode);
            Assert.Equal("application/problem+json", plan.Content.Headers.ContentType?.MediaType);
        }
        await TestAccounts.UserAsync(app.Store, "si-ent", Password, [SmartEnvRoles.Enterprise], ["91500105MA5U0JB001"]);
        using var ent = NewClient();
        (await SignInAsync(ent, await AntiforgeryAsync(ent), "si-ent", Password)).Dispose();
        using var denied = await ent.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/signin?denied=1&returnUrl=%2Fdata", Where(denied));
    }

    [Fact]
    public async Task Anonymous_API_calls_get_401_problem_details_and_pages_redirect_to_sign_in()
    {
        using var http = NewClient();
        using var api = await http.GetAsync("/api/quarantine");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        using (var doc = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
            Assert.Equal(401, doc.RootElement.GetProperty("status").GetInt32());
        using var export = await http.GetAsync("/ui/export/packets.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        using var page = await http.GetAsync("/data?tab=imports");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/signin?returnUrl=%2Fdata%3Ftab%3Dimports", Where(page));
        // The sign-in page in Chinese by default, English through the culture switch (query or the culture cookie).
        Assert.Contains("请使用管理员分配的账号登录", WebUtility.HtmlDecode(await http.GetStringAsync("/signin")));
        Assert.Contains("Sign in with the account an administrator gave you", WebUtility.HtmlDecode(await http.GetStringAsync("/signin?culture=en-US")));
        using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/quarantine");
        bad.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "se_pat_" + new string('A', 43));
        using var badRes = await http.SendAsync(bad);
        Assert.Equal(HttpStatusCode.Unauthorized, badRes.StatusCode);
        Assert.Equal("Bearer", badRes.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Disabling_the_user_and_signing_out_everywhere_end_an_existing_session_at_once()
    {
        await TestAccounts.UserAsync(app.Store, "si-dis", Password, [SmartEnvRoles.Monitoring]);
        using var http = NewClient();
        (await SignInAsync(http, await AntiforgeryAsync(http), "si-dis", Password)).Dispose();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/quarantine")).StatusCode);
        await using (var s = AccountsSetup.Open(app.Store)) await s.Accounts.DisableAsync("si-dis");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/quarantine")).StatusCode);
        using var again = NewClient();
        var refused = await TextAsync(await SignInAsync(again, await AntiforgeryAsync(again), "si-dis", Password));
        Assert.Contains("账号已停用", refused);

        // Sign out everywhere: a copy of the session cookie (another device) stops working too.
        await TestAccounts.UserAsync(app.Store, "si-all", Password, [SmartEnvRoles.Viewer]);
        var jar = new CookieContainer();
        using var one = NewClient(jar);
        (await SignInAsync(one, await AntiforgeryAsync(one), "si-all", Password)).Dispose();
        var session = jar.GetCookies(SmartEnvWeb.BoundAddress(app.App))["smartenv_session"]!.Value;
        using var other = NewClient();
        other.DefaultRequestHeaders.Add("Cookie", "smartenv_session=" + session);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/alerts")).StatusCode);
        using var signOut = await PostFormAsync(one, "/signout", "signout", await AntiforgeryAsync(one, "/signout"), ("Input.Everywhere", "true"));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/alerts")).StatusCode);
    }

    [Fact]
    public async Task An_open_circuit_loses_a_disabled_or_signed_out_everywhere_user()
    {
        await TestAccounts.UserAsync(app.Store, "si-circ", Password, [SmartEnvRoles.Monitoring]);
        var check = ActivatorUtilities.CreateInstance<SmartEnv.Web.Auth.CircuitRevalidation>(app.App.Services);
        var principal = await FreshPrincipalAsync("si-circ"); // what the session cookie carries
        Assert.True(await check.IsStillValidAsync(principal));
        Assert.True(await check.IsStillValidAsync(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
        await using (var s = AccountsSetup.Open(app.Store)) await s.Accounts.SignOutEverywhereAsync("si-circ");
        Assert.False(await check.IsStillValidAsync(principal));

        var again = await FreshPrincipalAsync("si-circ"); // signed in anew: the new stamp
        Assert.True(await check.IsStillValidAsync(again));
        await using (var s = AccountsSetup.Open(app.Store)) await s.Accounts.DisableAsync("si-circ");
        Assert.False(await check.IsStillValidAsync(again));
    }

    /// <summary>The principal a sign-in of <paramref name="name"/> would get now (own scope, so the stamp is read anew).</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> FreshPrincipalAsync(string name)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<SmartEnvUser>>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SmartEnvUser>>();
        return await signIn.CreateUserPrincipalAsync((await users.FindByNameAsync(name))!);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_says_until_when()
    {
        await TestAccounts.UserAsync(app.Store, "si-lock", Password, [SmartEnvRoles.Planning]);
        using var http = NewClient();
        var token = await AntiforgeryAsync(http);
        for (var i = 1; i <= 4; i++)
            Assert.Contains("用户名或密码错误", await TextAsync(await SignInAsync(http, token, "si-lock", "wrong-password-" + i)));
        var fifth = await TextAsync(await SignInAsync(http, token, "si-lock", "wrong-password-5"));
        Assert.Contains("账号已锁定至", fifth);
        using var right = await SignInAsync(http, token, "si-lock", Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // no session: the page again, with the lockout
        Assert.Contains("账号已锁定至", await TextAsync(right));
        await using var s = AccountsSetup.Open(app.Store);
        var until = (await s.Accounts.GetAsync("si-lock"))!.LockedOutUntil!.Value;
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_one_time_password_must_be_replaced_before_the_session_starts()
    {
        string oneTime;
        await using (var s = AccountsSetup.Open(app.Store))
            oneTime = (await s.Accounts.CreateUserAsync("si-new", [SmartEnvRoles.Enforcement])).OneTimePassword;
        using var http = NewClient();
        var token = await AntiforgeryAsync(http);
        using var first = await SignInAsync(http, token, "si-new", oneTime);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("修改一次性密码", await TextAsync(first));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/alerts")).StatusCode); // no session yet

        (string, string)[] Change(string current, string next, string confirm) =>
            [("Change.UserName", "si-new"), ("Change.Current", current), ("Change.New", next), ("Change.Confirm", confirm)];
        Assert.Contains("两次输入的新密码不一致", await TextAsync(await PostFormAsync(http, "/signin", "change-password", token, Change(oneTime, Password, Password + "x"))));
        Assert.Contains("新密码至少 10 个字符", await TextAsync(await PostFormAsync(http, "/signin", "change-password", token, Change(oneTime, "short", "short"))));
        using var done = await PostFormAsync(http, "/signin", "change-password", token, Change(oneTime, Password, Password));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/alerts")).StatusCode);
        await using var after = AccountsSetup.Open(app.Store);
        Assert.False((await after.Accounts.GetAsync("si-new"))!.MustChangePassword);
    }
}
