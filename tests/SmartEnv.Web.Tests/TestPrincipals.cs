using System.Net.Http.Headers;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Clients signed in as real accounts: each creates (or re-roles) a user in the store through the account service and
/// sends a personal access token of it, <c>Authorization: Bearer se_pat_…</c> — the same path as a script's token, so the
/// scope tests run through the real authentication, the real policies and the real data-layer scope. Names are derived
/// from the role and the enterprises, so one store holds one user per combination.
/// </summary>
public static class TestPrincipals
{
    /// <summary>A client whose requests carry a token of user <paramref name="name"/> with <paramref name="roles"/>,
    /// bound to <paramref name="usccs"/>.</summary>
    public static async Task<HttpClient> ClientAsync(Uri baseAddress, SmartEnvStore store, string name, IEnumerable<string> roles, IEnumerable<string>? usccs = null)
    {
        var token = await TestAccounts.TokenAsync(store, name, roles, usccs);
        var c = new HttpClient { BaseAddress = baseAddress };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return c;
    }

    /// <summary>A user of role <c>enterprise</c> bound to <paramref name="usccs"/>.</summary>
    public static Task<HttpClient> EnterpriseAsync(Uri baseAddress, SmartEnvStore store, params string[] usccs) =>
        ClientAsync(baseAddress, store, "ent-" + string.Join('-', usccs), [SmartEnvRoles.Enterprise], usccs);

    /// <summary>A staff user of <paramref name="role"/> (default admin).</summary>
    public static Task<HttpClient> StaffAsync(Uri baseAddress, SmartEnvStore store, string role = SmartEnvRoles.Admin) =>
        ClientAsync(baseAddress, store, "staff-" + role, [role]);

    /// <summary>No principal: the public.</summary>
    public static HttpClient Anonymous(Uri baseAddress) => new() { BaseAddress = baseAddress };
}
