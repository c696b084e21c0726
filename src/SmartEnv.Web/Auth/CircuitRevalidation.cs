using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Auth;

/// <summary>
/// The authentication state of an interactive (Blazor Server) circuit, re-checked every minute like the session cookie
/// is on every request: the principal stays signed in only while its user exists, is not disabled and still has the
/// security stamp the session was issued with. Otherwise the circuit becomes anonymous and the page's
/// <c>[Authorize]</c> sends the browser to <c>/signin</c>. (ASP.NET Core's revalidating provider, as in the Identity
/// template.) One instance per circuit.
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    /// <summary>How often an open circuit re-checks its user.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    protected override TimeSpan RevalidationInterval => Interval;

    /// <inheritdoc />
    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        IsStillValidAsync(authenticationState.User);

    /// <summary>True for the public, and for a signed-in principal whose user exists, is enabled and has the same
    /// security stamp as the principal's claim.</summary>
    /// <param name="user">The circuit's principal.</param>
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true) return true;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SmartEnvUser>>();
        var found = await users.GetUserAsync(user);
        if (found is null || found.Disabled) return false;
        var stamp = user.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && string.Equals(stamp, await users.GetSecurityStampAsync(found), StringComparison.Ordinal);
    }
}
