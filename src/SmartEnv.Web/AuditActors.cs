using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Web;

/// <summary>
/// Who an HTTP request or a UI circuit acts as, for the audit trail (<see cref="AuditTrail"/>; docs/security.md
/// "Audit trail"). Codes only against <see cref="ClaimsPrincipal"/> (the shared contract of issue 13): a signed-in
/// principal's <see cref="ClaimTypes.Name"/> is the actor name; a principal authenticated by a bearer token
/// (authentication type containing <c>Bearer</c> or <c>Token</c>) is kind <see cref="AuditActorKind.Token"/>, any other
/// authenticated principal (cookie) kind <see cref="AuditActorKind.User"/>. Until accounts exist, a request carrying the
/// legacy admin token (<see cref="AdminFilter.IsAdmin"/>, the admin UI cookie) is the token actor <c>admin</c>; anything
/// else is the user <c>anonymous</c>. Stateless; thread-safe.
/// </summary>
public static class AuditActors
{
    /// <summary>Actor name of the legacy admin token.</summary>
    public const string LegacyAdmin = "admin";

    /// <summary>The actor of an HTTP request, with its remote address.</summary>
    /// <param name="http">The request.</param>
    public static AuditActor FromHttp(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (FromPrincipal(http.User, address) is { } signedIn) return signedIn;
        var legacy = AdminFilter.IsAdmin(http)
            || (http.RequestServices.GetService(typeof(AdminToken)) is AdminToken t && Ui.UiAccess.IsAdminRequest(http, t));
        return new AuditActor(legacy ? AuditActorKind.Token : AuditActorKind.User, legacy ? LegacyAdmin : "anonymous", address);
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

    /// <summary>The actor of a UI circuit: the signed-in principal of the circuit, else the legacy admin (admin cookie), else
    /// <c>anonymous</c>; the client address captured from the circuit's first HTTP request.</summary>
    /// <param name="user">The circuit's principal (authentication state), or null.</param>
    /// <param name="access">The UI access cascaded by App.razor, or null.</param>
    public static AuditActor ForUi(ClaimsPrincipal? user, Ui.UiAccess? access) =>
        FromPrincipal(user, access?.ClientAddress)
        ?? new AuditActor(access?.IsAdmin == true ? AuditActorKind.Token : AuditActorKind.User, access?.IsAdmin == true ? LegacyAdmin : "anonymous", access?.ClientAddress);

    /// <summary><see cref="ForUi"/> with the circuit's cascaded authentication state (null when none is cascaded).</summary>
    /// <param name="state">The cascaded <c>Task&lt;AuthenticationState&gt;</c>, or null.</param>
    /// <param name="access">The UI access, or null.</param>
    public static async Task<AuditActor> ForUiAsync(Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? state, Ui.UiAccess? access) =>
        ForUi(state is null ? null : (await state).User, access);
}
