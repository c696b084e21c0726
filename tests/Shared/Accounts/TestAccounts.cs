using System.Net.Http.Headers;
using SmartEnv.Accounts;
using SmartEnv.Storage;

namespace SmartEnv.Tests;

/// <summary>
/// Real accounts and tokens for tests, made through <see cref="AccountService"/> on a real store (no mocks): a user with
/// the given roles and enterprises and a personal access token for <c>Authorization: Bearer</c>. Link this folder into a
/// test project that references SmartEnv.Accounts (<c>&lt;Compile Include="../Shared/Accounts/*.cs" LinkBase="Shared/Accounts" /&gt;</c>).
/// </summary>
public static class TestAccounts
{
    /// <summary>Creates user <paramref name="name"/> (unless it exists: then its roles and enterprises are set) and
    /// returns a new token of it.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="name">User name (unique per test database).</param>
    /// <param name="roles">Roles (<c>SmartEnvRoles.*</c>).</param>
    /// <param name="usccs">Enterprises for an enterprise user, else empty.</param>
    /// <param name="readOnly">True for a read-only token.</param>
    public static async Task<string> TokenAsync(SmartEnvStore store, string name, IEnumerable<string> roles, IEnumerable<string>? usccs = null, bool readOnly = false)
    {
        await using var session = AccountsSetup.Open(store);
        var accounts = session.Accounts;
        if (await accounts.FindAsync(name) is null) await accounts.CreateUserAsync(name, roles, usccs);
        else await accounts.SetRolesAsync(name, roles, usccs ?? []);
        return (await accounts.IssueTokenAsync(name, "test", readOnly: readOnly)).Token;
    }

    /// <summary>Creates user <paramref name="name"/> with a known password (the one-time password already changed), for
    /// tests that sign in through <c>/signin</c>.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="name">User name.</param>
    /// <param name="password">The password to set (at least 10 characters).</param>
    /// <param name="roles">Roles.</param>
    /// <param name="usccs">Enterprises for an enterprise user.</param>
    public static async Task UserAsync(SmartEnvStore store, string name, string password, IEnumerable<string> roles, IEnumerable<string>? usccs = null)
    {
        await using var session = AccountsSetup.Open(store);
        var created = await session.Accounts.CreateUserAsync(name, roles, usccs);
        await session.Accounts.ChangePasswordAsync(name, created.OneTimePassword, password);
    }

    /// <summary>An <c>Authorization: Bearer</c> header value.</summary>
    /// <param name="token">Token text.</param>
    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
