using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web;

/// <summary>
/// Enterprise scope of the web (issue 13, docs/security.md "Enterprise scope"): the request's
/// <see cref="HttpContext.User"/> decides the <see cref="DataScope"/> of the request's <see cref="SmartEnvDbContext"/>, whose
/// global query filters then hide other enterprises' records from every endpoint and page; and
/// <see cref="UseEnterpriseScope"/> answers 404 (never 403) before authorization when an enterprise user names an
/// enterprise-owned id outside its scope. Background jobs use <see cref="SmartEnvStore.CreateContext()"/> (unrestricted).
/// Static and thread-safe.
/// </summary>
public static class EnterpriseScope
{
    /// <summary>What an id in a route (or the <c>site</c> query parameter) names.</summary>
    public enum OwnedKind
    {
        /// <summary>A site code (<c>sites.code</c>).</summary>
        Site,
        /// <summary>An enterprise's 统一社会信用代码 (<c>enterprises.uscc</c>).</summary>
        Enterprise,
        /// <summary>A data logger's MN (<c>devices.mn</c>).</summary>
        Device,
        /// <summary>An alert id (<c>alerts.id</c>).</summary>
        Alert,
    }

    /// <summary>The route parameters that name enterprise-owned records: <c>{code}</c> (a site, in every route that has it),
    /// <c>{uscc}</c>, <c>{mn}</c>, and <c>{id}</c> under <c>/api/alerts</c>. A new route with another id parameter is
    /// refused by the scope route test (tests/SmartEnv.Web.Tests/EnterpriseScopeRouteTests.cs) until it is listed here
    /// or there as not enterprise-owned.</summary>
    /// <param name="endpoint">A routed endpoint.</param>
    /// <returns>Parameter name and kind for each enterprise-owned route parameter.</returns>
    public static IReadOnlyList<(string Parameter, OwnedKind Kind)> OwnedRouteParameters(RouteEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var list = new List<(string, OwnedKind)>();
        var raw = endpoint.RoutePattern.RawText ?? "";
        foreach (var p in endpoint.RoutePattern.Parameters)
        {
            switch (p.Name)
            {
                case "code": list.Add((p.Name, OwnedKind.Site)); break;
                case "uscc": list.Add((p.Name, OwnedKind.Enterprise)); break;
                case "mn": list.Add((p.Name, OwnedKind.Device)); break;
                case "id" when raw.StartsWith("/api/alerts/", StringComparison.Ordinal): list.Add((p.Name, OwnedKind.Alert)); break;
            }
        }
        return list;
    }

    /// <summary>The scope of a principal: a staff role (<see cref="SmartEnvRoles.Staff"/>) → <see cref="DataScope.All"/>; role
    /// <see cref="SmartEnvRoles.Enterprise"/> → its <see cref="SmartEnvClaims.Enterprise"/> claims (upper-cased, trimmed);
    /// anyone else, including anonymous and null → <see cref="DataScope.Public"/> (deny by default).</summary>
    /// <param name="user">The signed-in principal, or null.</param>
    public static DataScope For(ClaimsPrincipal? user)
    {
        if (user is null) return DataScope.Public;
        foreach (var role in SmartEnvRoles.Staff)
            if (user.IsInRole(role)) return DataScope.All;
        if (user.IsInRole(SmartEnvRoles.Enterprise))
            return DataScope.ForEnterprises(user.FindAll(SmartEnvClaims.Enterprise).Select(c => c.Value.Trim().ToUpperInvariant()));
        return DataScope.Public;
    }

    /// <summary>The principal of the current unit of work: the HTTP request's <see cref="HttpContext.User"/>; inside an
    /// interactive Blazor circuit (no request), the circuit's user, which the framework copies from the
    /// <see cref="HttpContext.User"/> of the request that opened the circuit. Null when neither exists.</summary>
    /// <param name="services">The scope's services.</param>
    public static ClaimsPrincipal? CurrentUser(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<IHttpContextAccessor>()?.HttpContext is { } http) return http.User;
        if (services.GetService<AuthenticationStateProvider>() is { } auth)
        {
            try
            {
                var state = auth.GetAuthenticationStateAsync();
                if (state.IsCompletedSuccessfully) return state.Result.User;
            }
            catch (InvalidOperationException)
            {
                // Not a circuit (or its user is not set yet): no principal, the public scope.
            }
        }
        return null;
    }

    /// <summary>Registers the web's scoped <see cref="SmartEnvDbContext"/> with the scope of <see cref="CurrentUser"/>.</summary>
    /// <param name="services">The web's services.</param>
    public static IServiceCollection AddScopedSmartEnvDbContext(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<SmartEnvDbContext>(sp => sp.GetRequiredService<SmartEnvStore>().CreateContext(() => For(CurrentUser(sp))));
        return services;
    }

    /// <summary>
    /// For an enterprise user (scope kind <see cref="DataScopeKind.Enterprises"/>): when the matched route names an
    /// enterprise-owned record (<see cref="OwnedRouteParameters"/>, or a <c>site</c> query parameter) that the request's
    /// context cannot see — another enterprise's, or none at all — answer 404 with a ProblemDetails body before any
    /// authorization or endpoint filter runs, so no answer differs between "exists elsewhere" and "does not exist".
    /// Staff and the public pass through (their answers do not depend on other enterprises' ids: the filters hide the
    /// records, and an endpoint they may not use refuses every id alike). Must run after authentication (it reads
    /// <see cref="HttpContext.User"/>) and before authorization.
    /// </summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseEnterpriseScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint) { await next(http); return; }
        var owned = OwnedRouteParameters(endpoint);
        var site = http.Request.Query["site"].ToString();
        if (owned.Count == 0 && site.Length == 0) { await next(http); return; }
        var db = http.RequestServices.GetRequiredService<SmartEnvDbContext>();
        if (db.Scope.Kind != DataScopeKind.Enterprises) { await next(http); return; }
        var ct = http.RequestAborted;
        foreach (var (name, kind) in owned)
        {
            var value = http.GetRouteValue(name)?.ToString() ?? "";
            if (!await VisibleAsync(db, kind, value, ct)) { await NotFoundAsync(http, kind, value); return; }
        }
        if (site.Length > 0 && !await VisibleAsync(db, OwnedKind.Site, site, ct)) { await NotFoundAsync(http, OwnedKind.Site, site); return; }
        await next(http);
    });

    /// <summary>True when the scoped context sees the record.</summary>
    private static async Task<bool> VisibleAsync(SmartEnvDbContext db, OwnedKind kind, string value, CancellationToken ct) => kind switch
    {
        OwnedKind.Site => await db.Sites.AnyAsync(s => s.Code == value, ct),
        OwnedKind.Enterprise => await db.Enterprises.AnyAsync(e => e.Uscc == value, ct),
        OwnedKind.Device => await db.Devices.AnyAsync(d => d.Mn == value, ct),
        OwnedKind.Alert => long.TryParse(value, out var id) && await db.Alerts.AnyAsync(a => a.Id == id, ct),
        _ => false,
    };

    private static Task NotFoundAsync(HttpContext http, OwnedKind kind, string value)
    {
        var noun = kind switch { OwnedKind.Site => "site", OwnedKind.Enterprise => "enterprise", OwnedKind.Device => "device", _ => "alert" };
        return Results.Problem($"no {noun} {value}", statusCode: StatusCodes.Status404NotFound).ExecuteAsync(http);
    }
}
