using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmartEnv.Storage.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web;

/// <summary>
/// TRANSITIONAL BRIDGE (issue 13, part <c>scope</c>), to be deleted when the accounts part (<c>identity</c>) is merged: its
/// authentication turns the legacy admin token into an admin principal itself. Until then, a request that carries the
/// admin token (<c>Authorization: Bearer</c>, <c>X-Admin-Token</c>, or the UI's <see cref="UiAccess.CookieName"/> cookie)
/// and no signed-in principal gets <see cref="HttpContext.User"/> = a principal named <c>admin</c> with role
/// <see cref="SmartEnvRoles.Admin"/>, so that the enterprise scope, which reads only <see cref="HttpContext.User"/>,
/// gives the token holder the staff scope it had before. Thread-safe.
/// </summary>
public static class LegacyAdminPrincipal
{
    /// <summary>Authentication type of the bridged principal.</summary>
    public const string AuthenticationType = "legacy-admin-token";

    /// <summary>Adds the bridge to the pipeline (before <see cref="EnterpriseScope.UseEnterpriseScope"/>).</summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseLegacyAdminPrincipal(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated != true
            && (AdminFilter.IsAdmin(http) || (http.RequestServices.GetService(typeof(AdminToken)) is AdminToken token && UiAccess.IsAdminRequest(http, token))))
            http.User = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, SmartEnvRoles.Admin)], AuthenticationType));
        return next(http);
    });
}
