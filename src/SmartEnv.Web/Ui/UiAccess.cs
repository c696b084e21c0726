using System.Security.Claims;
using SmartEnv.Accounts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Who is looking at the UI: the signed-in principal of the circuit (the session cookie of <c>/signin</c>; anonymous =
/// the public), cascaded by <c>Routes.razor</c> from the authentication state. Pages declare their policy with
/// <c>[Authorize(Policy = …)]</c> or <c>[AllowAnonymous]</c> (enforced on the HTTP request and by the router); this
/// record answers the finer questions inside a page (show non-public sites to staff, show handling buttons only to the
/// roles that may handle) and the navigation by role, from the one role table <see cref="SmartEnvPolicies"/>.
/// Immutable; thread-safe.
/// </summary>
/// <param name="User">The principal.</param>
/// <param name="ClientAddress">Remote IP address of the circuit's first request (audit trail, <see cref="AuditActors.ForUi"/>), or null.</param>
public sealed record UiAccess(ClaimsPrincipal User, string? ClientAddress = null)
{
    /// <summary>The public (not signed in).</summary>
    public static UiAccess Anonymous { get; } = new(new ClaimsPrincipal(new ClaimsIdentity()));

    /// <summary>True when someone is signed in.</summary>
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>The signed-in user name, or null.</summary>
    public string? UserName => IsSignedIn ? User.Identity!.Name : null;

    /// <summary>True for bureau staff: they see non-public sites.</summary>
    public bool IsStaff => SmartEnvPolicies.IsStaff(User);

    /// <summary>True when the principal's roles satisfy <paramref name="policy"/> (<see cref="SmartEnvPolicies"/>).</summary>
    /// <param name="policy">Policy name.</param>
    public bool Allows(string policy) => SmartEnvPolicies.Allows(User, policy);
}
