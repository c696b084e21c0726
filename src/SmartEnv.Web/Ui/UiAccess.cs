using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Who is looking at the UI. Until accounts exist the pages that show non-public data (数据 Data: raw packets, quarantine,
/// imports) need the same admin token as the API's write endpoints (issue 4: reads are open only for the public subset).
/// The token is presented once through <c>POST /ui/login</c> and kept in an HttpOnly, SameSite=Strict cookie; the
/// circuit learns the result from the first HTTP request (App.razor), as a protected component parameter.
/// </summary>
/// <param name="IsAdmin">True when the request carried a cookie matching the admin token.</param>
/// <param name="ClientAddress">Remote IP address of that first request (audit trail, <see cref="AuditActors.ForUi"/>), or null.</param>
public sealed record UiAccess(bool IsAdmin, string? ClientAddress = null)
{
    /// <summary>Name of the cookie that carries the admin token.</summary>
    public const string CookieName = "smartenv_admin";

    /// <summary>True when <paramref name="http"/> carries the admin cookie with the right token (constant-time check).</summary>
    /// <param name="http">The request.</param>
    /// <param name="token">The platform's admin token.</param>
    public static bool IsAdminRequest(HttpContext http, AdminToken token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(token);
        return token.Matches(http.Request.Cookies[CookieName]);
    }

    /// <summary>Maps <c>POST /ui/login</c> (form field <c>token</c>, optional local <c>redirect</c>) and <c>GET /ui/logout</c>.
    /// A wrong token redirects back with <c>?login=failed</c> and sets nothing.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapUiLogin(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/ui/login", async (HttpContext http, AdminToken token) =>
        {
            var form = await http.Request.ReadFormAsync();
            var target = LocalTarget(form["redirect"]);
            var presented = form["token"].ToString().Trim();
            if (!token.Matches(presented))
                return Results.LocalRedirect(target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "login=failed");
            http.Response.Cookies.Append(CookieName, presented, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromHours(12),
            });
            return Results.LocalRedirect(target);
        }).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/ui/logout", (HttpContext http) =>
        {
            http.Response.Cookies.Delete(CookieName);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        return app;
    }

    private static string LocalTarget(string? redirect) =>
        redirect is { Length: > 0 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal) ? r : "/";
}
