using System.Security.Claims;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>
/// The named authorization policies and THE role table behind them (issue 13 "deny by default"; docs/security.md
/// "Roles"). The web app registers one ASP.NET Core policy per entry (signed in + one of the roles; read-only tokens
/// refused on state-changing requests); the UI asks <see cref="Allows"/> to show only what a role may use. Every endpoint
/// and page names one of these or is explicitly anonymous (the public); an endpoint that names nothing falls back to
/// <see cref="Admin"/>, and the route-table test fails on it. Constants; thread-safe.
/// </summary>
public static class SmartEnvPolicies
{
    /// <summary>Bureau-internal reads: non-public sites, raw observations, hourly AQI, assessments, alerts, the plan.</summary>
    public const string StaffRead = "StaffRead";

    /// <summary>Monitoring work: the site and device registry, quarantine and raw packets, imports, AQI recomputation,
    /// long operations, data review.</summary>
    public const string Monitoring = "Monitoring";

    /// <summary>Handling alerts (acknowledge, close).</summary>
    public const string AlertHandling = "AlertHandling";

    /// <summary>Enforcement work (enterprises, inspections, complaints; used by later modules).</summary>
    public const string Enforcement = "Enforcement";

    /// <summary>Plan tracking writes: reported indicator values, municipal targets, project stages, progress, evaluations.</summary>
    public const string Planning = "Planning";

    /// <summary>Administration: users, roles, tokens of others, audit.</summary>
    public const string Admin = "Admin";

    /// <summary>Routes an enterprise user may call for its OWN enterprises (the data layer scopes them), and staff.</summary>
    public const string EnterpriseOrStaff = "EnterpriseOrStaff";

    /// <summary>Any signed-in account (sign-out, the my-account page).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>The role table: policy → roles that satisfy it. <see cref="SignedIn"/> is every role.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [StaffRead] = SmartEnvRoles.Staff,
        [Monitoring] = [SmartEnvRoles.Admin, SmartEnvRoles.Monitoring],
        [AlertHandling] = [SmartEnvRoles.Admin, SmartEnvRoles.Monitoring, SmartEnvRoles.Enforcement],
        [Enforcement] = [SmartEnvRoles.Admin, SmartEnvRoles.Enforcement],
        [Planning] = [SmartEnvRoles.Admin, SmartEnvRoles.Planning],
        [Admin] = [SmartEnvRoles.Admin],
        [EnterpriseOrStaff] = SmartEnvRoles.All,
        [SignedIn] = SmartEnvRoles.All,
    };

    /// <summary>True when <paramref name="user"/> is signed in and holds a role of <paramref name="policy"/> (the role
    /// part of the policy; the read-only rule depends on the request and is the web app's).</summary>
    /// <param name="user">Principal (anonymous = the public).</param>
    /// <param name="policy">A policy name of this class.</param>
    /// <exception cref="ArgumentException">Unknown policy.</exception>
    public static bool Allows(ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Roles.TryGetValue(policy, out var roles)) throw new ArgumentException($"unknown policy '{policy}'", nameof(policy));
        return user.Identity?.IsAuthenticated == true && roles.Any(user.IsInRole);
    }

    /// <summary>True for bureau staff (any role of <see cref="SmartEnvRoles.Staff"/>): they see non-public sites.</summary>
    /// <param name="user">Principal.</param>
    public static bool IsStaff(ClaimsPrincipal user) => Allows(user, StaffRead);
}
