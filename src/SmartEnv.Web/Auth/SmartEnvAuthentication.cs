using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Auth;

/// <summary>
/// Authentication and authorization of the web app (docs/security.md): ASP.NET Core Identity's application cookie
/// (<c>smartenv_session</c>: HttpOnly, SameSite=Lax, Secure when the request is HTTPS, 8 h sliding; the security stamp is
/// checked on every request, so disabling a user or "sign out everywhere" takes effect at once), the <c>bearer</c>
/// scheme (<see cref="BearerTokenHandler"/>), and one policy scheme that picks bearer when the request carries
/// <c>Authorization: Bearer</c> or <c>X-Admin-Token</c> and the cookie otherwise. API-like paths (<c>/api</c>,
/// <c>/ui/</c>, <c>/openapi</c>, <c>/metrics</c>) answer 401/403 ProblemDetails, never a redirect; pages redirect to <c>/signin</c>.
/// Policies: one per entry of <see cref="SmartEnvPolicies.Roles"/>, each also refusing read-only tokens on
/// state-changing methods (<see cref="NotReadOnlyForChanges"/>); the fallback for an endpoint that names no policy is
/// <see cref="SmartEnvPolicies.Admin"/> (deny by default).
/// </summary>
public static class SmartEnvAuthentication
{
    /// <summary>The policy scheme (default for authenticate, challenge and forbid).</summary>
    public const string Scheme = "smartenv";

    /// <summary>The personal-access-token scheme.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "smartenv_session";

    /// <summary>Hours a session lasts without activity: one working day.</summary>
    public const int SessionHours = 8;

    /// <summary>Lifetime of a session cookie without activity (sliding), <see cref="SessionHours"/>.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(SessionHours);

    /// <summary>Registers Identity (sign-in manager, cookies), the bearer scheme and the policies.</summary>
    /// <param name="services">Services of the web app (a scoped <c>SmartEnvDbContext</c> is registered).</param>
    public static IServiceCollection AddSmartEnvAuthentication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSmartEnvAccounts().AddSignInManager();
        // The web's account service audits as the request's principal (docs/security.md "Audit trail").
        services.AddHttpContextAccessor();
        services.AddScoped(sp =>
        {
            var accounts = ActivatorUtilities.CreateInstance<AccountService>(sp);
            var http = sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
            accounts.Auditor = () => http.HttpContext is { } c ? AuditActors.FromHttp(c) : SmartEnv.Storage.Audit.AuditActor.System("accounts");
            return accounts;
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "bearer token or session cookie", o =>
                o.ForwardDefaultSelector = http => BearerTokenHandler.PresentedToken(http.Request) is null ? IdentityConstants.ApplicationScheme : BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerScheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = SessionLifetime;
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/signin";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request) ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status401Unauthorized) : Redirect(ctx);
            o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request) ? WriteProblemAsync(ctx.HttpContext, StatusCodes.Status403Forbidden) : Redirect(ctx, denied: true);
        });
        // Check the security stamp on every cookie request: a disabled user or "sign out everywhere" ends sessions at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddSingleton<IAuthorizationHandler, NotReadOnlyForChangesHandler>();
        services.AddAuthorization(o =>
        {
            foreach (var (name, roles) in SmartEnvPolicies.Roles)
                o.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles).AddRequirements(new NotReadOnlyForChanges()));
            o.FallbackPolicy = o.GetPolicy(SmartEnvPolicies.Admin);
            o.DefaultPolicy = o.GetPolicy(SmartEnvPolicies.SignedIn)!;
        });
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>True for requests answered with status codes rather than redirects (API, exports, documents).</summary>
    /// <param name="request">The request.</param>
    public static bool IsApi(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var p = request.Path;
        return p.StartsWithSegments("/api") || p.StartsWithSegments("/ui") || p.StartsWithSegments("/openapi") || p.StartsWithSegments("/health")
            || p.StartsWithSegments("/metrics"); // Prometheus scrapes: 401/403, not a sign-in page (issue 15)
    }

    private static Task Redirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, bool denied = false)
    {
        var back = ctx.Request.PathBase + ctx.Request.Path + ctx.Request.QueryString;
        ctx.Response.Redirect("/signin?" + (denied ? "denied=1&" : "") + "returnUrl=" + Uri.EscapeDataString(back));
        return Task.CompletedTask;
    }

    /// <summary>Writes the 401 or 403 ProblemDetails of an API request (bilingual title, how to authenticate).</summary>
    /// <param name="http">The request.</param>
    /// <param name="status">401 or 403.</param>
    public static async Task WriteProblemAsync(HttpContext http, int status)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problem = status == StatusCodes.Status401Unauthorized
            ? new ProblemDetails
            {
                Status = status, Title = "sign-in required / 需要登录",
                Detail = "Send `Authorization: Bearer TOKEN` with a personal access token (smartenv users token NAME), or sign in at /signin.",
            }
            : new ProblemDetails
            {
                Status = status, Title = "not allowed / 无权操作",
                Detail = http.User.HasClaim(SmartEnvClaims.ReadOnly, "true")
                    ? "This token is read-only: it cannot change anything."
                    : "Your account's roles do not allow this request (docs/security.md \"Roles\").",
            };
        var writer = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

/// <summary>Requirement of every policy: a read-only token (<see cref="SmartEnvClaims.ReadOnly"/>) may only make safe
/// requests (GET, HEAD, OPTIONS, TRACE; RFC 9110 §9.2.1). Immutable.</summary>
public sealed class NotReadOnlyForChanges : IAuthorizationRequirement;

/// <summary>Handler of <see cref="NotReadOnlyForChanges"/>. Outside an HTTP request (a Blazor circuit authorizing a
/// page, which never carries a token) it succeeds. Stateless; thread-safe.</summary>
public sealed class NotReadOnlyForChangesHandler : AuthorizationHandler<NotReadOnlyForChanges>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, NotReadOnlyForChanges requirement)
    {
        var safe = context.Resource is not HttpContext http || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                   || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method);
        if (safe || !AccountClaims.IsReadOnly(context.User)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
