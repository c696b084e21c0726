using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Tests;

/// <summary>
/// TEST-ONLY sign-in, in one place so it can be swapped for real bearer tokens once the accounts part (<c>identity</c>) is
/// merged: <see cref="Register"/> (pass it as <c>SmartEnvWeb.Build</c>'s <c>configure</c> hook) adds an
/// <see cref="IStartupFilter"/> whose middleware, first in the pipeline, sets <c>HttpContext.User</c> from the
/// <see cref="Header"/> request header; the clients below send that header. Production code never sees the header: it
/// reads only <c>HttpContext.User</c>, as it will with the real authentication. To swap: make <see cref="Client"/> create
/// the user (roles, enterprises) and send <c>Authorization: Bearer TOKEN</c>, and drop <see cref="Register"/>.
/// </summary>
public static class TestPrincipals
{
    /// <summary>Header: <c>roles;usccs;name</c>, lists comma-separated, e.g. <c>enterprise;91500105000000000J;ent-a</c>.</summary>
    public const string Header = "X-SmartEnv-Test-Principal";

    /// <summary>Registers the test sign-in middleware (the <c>configure</c> hook of <c>SmartEnvWeb.Build</c>).</summary>
    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    /// <summary>A client whose requests are signed in with <paramref name="roles"/> and bound to <paramref name="usccs"/>.</summary>
    public static HttpClient Client(Uri baseAddress, string name, IEnumerable<string> roles, IEnumerable<string>? usccs = null)
    {
        var c = new HttpClient { BaseAddress = baseAddress };
        c.DefaultRequestHeaders.Add(Header, $"{string.Join(',', roles)};{string.Join(',', usccs ?? [])};{name}");
        return c;
    }

    /// <summary>A user of role <c>enterprise</c> bound to <paramref name="usccs"/>.</summary>
    public static HttpClient Enterprise(Uri baseAddress, params string[] usccs) => Client(baseAddress, "ent-" + string.Join('-', usccs), [SmartEnvRoles.Enterprise], usccs);

    /// <summary>A staff user of <paramref name="role"/> (default admin).</summary>
    public static HttpClient Staff(Uri baseAddress, string role = SmartEnvRoles.Admin) => Client(baseAddress, "staff-" + role, [role]);

    /// <summary>No principal: the public.</summary>
    public static HttpClient Anonymous(Uri baseAddress) => new() { BaseAddress = baseAddress };

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                var value = http.Request.Headers[Header].ToString();
                if (value.Length > 0)
                {
                    var parts = value.Split(';');
                    var claims = new List<Claim> { new(ClaimTypes.Name, parts.Length > 2 ? parts[2] : "test") };
                    claims.AddRange(parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => new Claim(ClaimTypes.Role, r)));
                    if (parts.Length > 1)
                        claims.AddRange(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(u => new Claim(SmartEnvClaims.Enterprise, u)));
                    http.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
                }
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
