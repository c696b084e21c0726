using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Web;

/// <summary>
/// Who an HTTP request or a UI circuit acts as, for the audit trail (<see cref="AuditTrail"/>; docs/security.md
/// "Audit trail"). Codes only against <see cref="ClaimsPrincipal"/> (the shared contract of issue 13): a signed-in
/// principal's <see cref="ClaimTypes.Name"/> is the actor name; a principal authenticated by a bearer token
/// (authentication type containing <c>Bearer</c> or <c>Token</c>) is kind <see cref="AuditActorKind.Token"/>, any other
/// authenticated principal (cookie) kind <see cref="AuditActorKind.User"/>. The legacy admin-token file authenticates as
/// the token principal <c>admin-token</c> (docs/security.md); anything else is the user <c>anonymous</c>. Stateless;
/// thread-safe.
/// </summary>
public static class AuditActors
{
    /// <summary>The actor of an HTTP request, with its remote address.</summary>
    /// <param name="http">The request.</param>
    public static AuditActor FromHttp(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress?.ToString();
        return FromPrincipal(http.User, address) ?? new AuditActor(AuditActorKind.User, "anonymous", address);
    }

    /// <summary>The actor of a signed-in principal, or null when the principal is anonymous.</summary>
    /// <param name="user">Principal (cookie or bearer token).</param>
    /// <param name="clientAddress">Remote address, or null.</param>
    public static AuditActor? FromPrincipal(ClaimsPrincipal? user, string? clientAddress)
    {
        if (user?.Identity is not { IsAuthenticated: true } id) return null;
        var name = user.FindFirst(ClaimTypes.Name)?.Value ?? id.Name;
        if (string.IsNullOrWhiteSpace(name)) return null;
        var type = id.AuthenticationType ?? "";
        var token = type.Contains("Bearer", StringComparison.OrdinalIgnoreCase) || type.Contains("Token", StringComparison.OrdinalIgnoreCase);
        return new AuditActor(token ? AuditActorKind.Token : AuditActorKind.User, name, clientAddress);
    }

    /// <summary>The actor of a UI circuit: the signed-in principal of the circuit, else
    /// <c>anonymous</c>; the client address captured from the circuit's first HTTP request.</summary>
    /// <param name="user">The circuit's principal (authentication state), or null.</param>
    /// <param name="access">The UI access cascaded by App.razor, or null.</param>
    public static AuditActor ForUi(ClaimsPrincipal? user, Ui.UiAccess? access) =>
        FromPrincipal(user ?? access?.User, access?.ClientAddress)
        ?? new AuditActor(AuditActorKind.User, "anonymous", access?.ClientAddress);

    /// <summary><see cref="ForUi"/> with the circuit's cascaded authentication state (null when none is cascaded).</summary>
    /// <param name="state">The cascaded <c>Task&lt;AuthenticationState&gt;</c>, or null.</param>
    /// <param name="access">The UI access, or null.</param>
    public static async Task<AuditActor> ForUiAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state, Ui.UiAccess? access) =>
        ForUi(state is null ? null : (await state).User, access);
}
