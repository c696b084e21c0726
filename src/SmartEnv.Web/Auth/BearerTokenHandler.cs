using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Auth;

/// <summary>
/// Authentication scheme <c>bearer</c>: a personal access token in <c>Authorization: Bearer se_pat_…</c>
/// (<see cref="AccountService.VerifyTokenAsync"/>: the owner's current roles and enterprises, plus
/// <see cref="SmartEnvClaims.ReadOnly"/> for a read-only token), or the legacy admin token (<see cref="AdminToken"/>, in
/// <c>Authorization: Bearer</c> or <c>X-Admin-Token</c>) as principal <c>admin-token</c> with role <c>admin</c> until it
/// is revoked. No credentials: no result (the policy scheme sends such requests to the cookie). A presented but invalid
/// token fails. Challenge: 401 ProblemDetails with <c>WWW-Authenticate: Bearer</c>; forbid: 403 ProblemDetails.
/// One instance per request (ASP.NET Core authentication handler).
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Name of the principal the legacy admin token stands for (its audit actor).</summary>
    public const string LegacyAdminName = "admin-token";

    /// <summary>The token a request presents (<c>Authorization: Bearer</c>, else <c>X-Admin-Token</c>), or null.</summary>
    /// <param name="request">The request.</param>
    public static string? PresentedToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        var legacy = request.Headers["X-Admin-Token"].ToString().Trim();
        return legacy.Length > 0 ? legacy : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        if (Context.RequestServices.GetService<AdminToken>() is { } legacy && legacy.Matches(presented))
        {
            var claims = AccountClaims.For(0, LegacyAdminName, [SmartEnvRoles.Admin], [], readOnly: false);
            return Success(claims);
        }
        var accounts = Context.RequestServices.GetRequiredService<AccountService>();
        var who = await accounts.VerifyTokenAsync(presented, Context.RequestAborted);
        return who is null ? AuthenticateResult.Fail("invalid, expired or revoked token") : Success(who.Claims());
    }

    private AuthenticateResult Success(List<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return SmartEnvAuthentication.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized);
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        SmartEnvAuthentication.WriteProblemAsync(Context, StatusCodes.Status403Forbidden);
}
