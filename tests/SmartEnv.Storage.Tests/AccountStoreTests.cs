using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Accounts on the platform store (ASP.NET Core Identity, migration <c>Accounts</c>), on SQLite and PostgreSQL: the
/// snake_case tables and seeded roles, one-time passwords, role/enterprise rules, personal access tokens (only the
/// SHA-256 stored; expiry, revocation, read-only), disabling (tokens revoked, security stamp changed), the bootstrap
/// admin and lockout after 5 failures for 15 minutes. Each test uses its own user names (the class shares a database).
/// </summary>
public abstract class AccountStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);

    private async Task<(SmartEnvStore Store, AccountSession Session, Clock Clock)> OpenAsync()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(T0);
        return (store, AccountsSetup.Open(store, clock), clock);
    }

    [Fact]
    public async Task Identity_tables_are_snake_case_and_the_six_roles_are_seeded_in_order()
    {
        var (store, session, _) = await OpenAsync();
        await using var _s = session;
        await using var ctx = store.CreateContext();
        var roles = await ctx.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM roles ORDER BY id").ToListAsync();
        Assert.Equal(["admin", "monitoring", "enforcement", "planning", "viewer", "enterprise"], roles);
        Assert.Equal(0, await ctx.Database.SqlQueryRaw<int>(
            "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM user_roles) + (SELECT COUNT(*) FROM user_claims) + (SELECT COUNT(*) FROM user_logins) " +
            "+ (SELECT COUNT(*) FROM user_tokens) + (SELECT COUNT(*) FROM role_claims) + (SELECT COUNT(*) FROM user_enterprises) " +
            "+ (SELECT COUNT(*) FROM personal_access_tokens) - (SELECT COUNT(*) FROM users) - (SELECT COUNT(*) FROM user_roles) - (SELECT COUNT(*) FROM user_enterprises) - (SELECT COUNT(*) FROM personal_access_tokens) AS \"Value\"").SingleAsync());
        Assert.Equal(0, await ctx.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM users WHERE normalized_user_name = 'NOBODY' AND must_change_password = FALSE AND disabled = FALSE").SingleAsync());
    }

    /// <summary>Acceptance (issue 13, audit): changing a user's roles leaves exactly one chained audit entry naming the
    /// actor, with the roles and enterprises before and after; no password or token secret is ever written.</summary>
    [Fact]
    public async Task Changing_a_role_leaves_one_chained_audit_entry_with_before_and_after()
    {
        var (store, session, _) = await OpenAsync();
        await using var _s = session;
        var accounts = session.Accounts;
        accounts.Auditor = () => new SmartEnv.Storage.Audit.AuditActor(SmartEnv.Storage.Audit.AuditActorKind.User, "root-li");
        var created = await accounts.CreateUserAsync("audit-role-1", [SmartEnvRoles.Viewer]);
        await using var ctx = store.CreateContext();
        var seq0 = await ctx.AuditEntries.MaxAsync(e => e.Seq);
        await accounts.SetRolesAsync("audit-role-1", [SmartEnvRoles.Monitoring, SmartEnvRoles.Planning]);
        var added = await ctx.AuditEntries.AsNoTracking().Where(e => e.Seq > seq0).ToListAsync();
        var e = Assert.Single(added);
        Assert.Equal(("user.roles.change", "user", "audit-role-1", "root-li"), (e.Action, e.TargetType, e.TargetId, e.ActorName));
        Assert.Equal("{\"roles\":[\"viewer\"],\"enterprises\":[]}", e.Before);
        Assert.Equal("{\"roles\":[\"monitoring\",\"planning\"],\"enterprises\":[]}", e.After);
        var all = await ctx.AuditEntries.AsNoTracking().Where(x => x.TargetId == "audit-role-1").ToListAsync();
        Assert.DoesNotContain(all, x => (x.After ?? "").Contains(created.OneTimePassword, StringComparison.Ordinal));
        Assert.Null((await SmartEnv.Storage.Audit.AuditVerifier.VerifyAsync(ctx)).FirstBreak);
    }

    [Fact]
    public async Task A_new_user_gets_a_one_time_password_that_only_its_hash_is_stored_of()
    {
        var (store, session, _) = await OpenAsync();
        await using var _s = session;
        var created = await session.Accounts.CreateUserAsync("mon-li", [SmartEnvRoles.Monitoring], displayName: "李监测");
        Assert.Equal(16, created.OneTimePassword.Length);
        Assert.All(created.OneTimePassword, c => Assert.Contains(c, OneTimePasswords.Alphabet));
        Assert.Equal(["monitoring"], created.Account.Roles);
        Assert.True(created.Account.MustChangePassword);
        Assert.Equal(T0, created.Account.CreatedAt);

        await using var ctx = store.CreateContext();
        var row = await ctx.Users.AsNoTracking().SingleAsync(u => u.UserName == "mon-li");
        Assert.NotNull(row.PasswordHash);
        Assert.DoesNotContain(created.OneTimePassword, row.PasswordHash);
        Assert.True(row.LockoutEnabled);
        var user = (await session.Accounts.FindAsync("MON-LI"))!; // names are case-insensitive
        Assert.True(await session.Accounts.Users.CheckPasswordAsync(user, created.OneTimePassword));
        Assert.False(await session.Accounts.Users.CheckPasswordAsync(user, created.OneTimePassword + "x"));

        // Changing it clears the flag; the same password again is refused; a 9-character one breaks the policy.
        await Assert.ThrowsAsync<AccountException>(() => session.Accounts.ChangePasswordAsync("mon-li", created.OneTimePassword, created.OneTimePassword));
        var shortPw = await Assert.ThrowsAsync<AccountException>(() => session.Accounts.ChangePasswordAsync("mon-li", created.OneTimePassword, "123456789"));
        Assert.Equal(AccountError.InvalidPassword, shortPw.Error);
        await session.Accounts.ChangePasswordAsync("mon-li", created.OneTimePassword, "江北监测2026春季");
        Assert.False((await session.Accounts.GetAsync("mon-li"))!.MustChangePassword);
    }

    [Fact]
    public async Task Names_roles_and_enterprise_bindings_are_checked()
    {
        var (store, session, _) = await OpenAsync();
        await using var _s = session;
        await session.Accounts.CreateUserAsync("dup-user", [SmartEnvRoles.Viewer]);
        Assert.Equal(AccountError.InvalidUserName, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("DUP-USER", [SmartEnvRoles.Viewer]))).Error);
        Assert.Equal(AccountError.InvalidUserName, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("张三", [SmartEnvRoles.Viewer]))).Error);
        Assert.Equal(AccountError.InvalidRoles, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r1", ["leader"]))).Error);
        Assert.Equal(AccountError.InvalidRoles, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r2", []))).Error);
        Assert.Equal(AccountError.InvalidRoles, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r3", [SmartEnvRoles.Enterprise, SmartEnvRoles.Viewer], ["91500105MA5U000001"]))).Error);
        Assert.Equal(AccountError.InvalidEnterprises, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r4", [SmartEnvRoles.Enterprise]))).Error);
        Assert.Equal(AccountError.InvalidEnterprises, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r5", [SmartEnvRoles.Viewer], ["91500105MA5U000001"]))).Error);
        // 17 characters; and an O, which GB 32100-2015 §4 leaves out of the code's character set.
        Assert.Equal(AccountError.InvalidEnterprises, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r6", [SmartEnvRoles.Enterprise], ["91500105MA5U00000"]))).Error);
        Assert.Equal(AccountError.InvalidEnterprises, (await Assert.ThrowsAsync<AccountException>(() => session.Accounts.CreateUserAsync("r7", [SmartEnvRoles.Enterprise], ["91500105MA5UO00001"]))).Error);

        // A refused creation leaves nothing behind (one transaction).
        await using (var ctx = store.CreateContext())
            Assert.False(await ctx.Users.AnyAsync(u => u.UserName!.StartsWith("r") && u.UserName.Length == 2));

        var ent = await session.Accounts.CreateUserAsync("ent-a", [SmartEnvRoles.Enterprise], [" 91500105ma5u000001 ", "91500105MA5U000002"]);
        Assert.Equal(["91500105MA5U000001", "91500105MA5U000002"], ent.Account.Enterprises);
        var changed = await session.Accounts.SetRolesAsync("ent-a", [SmartEnvRoles.Enterprise], ["91500105MA5U000002"]);
        Assert.Equal(["91500105MA5U000002"], changed.Enterprises);
        await using (var ctx = store.CreateContext())
            Assert.Equal(["91500105MA5U000002"], await ctx.UserEnterprises.Where(e => e.UserId == ent.Account.Id).Select(e => e.Uscc).ToListAsync());
        var staff = await session.Accounts.SetRolesAsync("dup-user", [SmartEnvRoles.Planning, SmartEnvRoles.Monitoring]);
        Assert.Equal(["monitoring", "planning"], staff.Roles); // SmartEnvRoles.All order
    }

    [Fact]
    public async Task A_token_is_stored_as_its_SHA256_and_is_valid_until_expiry_or_revocation()
    {
        var (store, session, clock) = await OpenAsync();
        await using var _s = session;
        await session.Accounts.CreateUserAsync("tok-ent", [SmartEnvRoles.Enterprise], ["91500105MA5U000003"]);
        var issued = await session.Accounts.IssueTokenAsync("tok-ent", "script");
        Assert.StartsWith("se_pat_", issued.Token);
        Assert.Equal(50, issued.Token.Length); // 7 + base64url of 32 bytes without padding (⌈32·4/3⌉ = 43)
        Assert.Equal(T0.AddDays(90), issued.Summary.ExpiresAt);
        Assert.Equal(issued.Token[..15], issued.Summary.Prefix);

        await using (var ctx = store.CreateContext())
        {
            var row = await ctx.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Id == issued.Summary.Id);
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Token)), row.Hash);
            Assert.Equal(issued.Token[..15], row.Prefix);
            Assert.Null(row.LastUsedAt);
        }

        var who = await session.Accounts.VerifyTokenAsync(issued.Token);
        Assert.NotNull(who);
        Assert.Equal("tok-ent", who.UserName);
        Assert.Equal(["enterprise"], who.Roles);
        Assert.Equal(["91500105MA5U000003"], who.Enterprises);
        Assert.False(who.ReadOnly);
        var claims = who.Claims();
        Assert.Contains(claims, c => c.Type == ClaimTypes.Name && c.Value == "tok-ent");
        Assert.Contains(claims, c => c.Type == ClaimTypes.Role && c.Value == "enterprise");
        Assert.Contains(claims, c => c.Type == SmartEnvClaims.Enterprise && c.Value == "91500105MA5U000003");
        Assert.DoesNotContain(claims, c => c.Type == SmartEnvClaims.ReadOnly);
        await using (var ctx = store.CreateContext())
            Assert.Equal(T0, (await ctx.PersonalAccessTokens.AsNoTracking().SingleAsync(t => t.Id == issued.Summary.Id)).LastUsedAt);

        // One character changed (same prefix, other hash), a token of another shape, nothing.
        var last = issued.Token[^1] == 'A' ? 'B' : 'A';
        Assert.Null(await session.Accounts.VerifyTokenAsync(issued.Token[..^1] + last));
        Assert.Null(await session.Accounts.VerifyTokenAsync(issued.Token + "A"));
        Assert.Null(await session.Accounts.VerifyTokenAsync(null));

        // Expiry: valid one second before 90 days, not at 90 days.
        clock.Now = T0.AddDays(90).AddSeconds(-1);
        Assert.NotNull(await session.Accounts.VerifyTokenAsync(issued.Token));
        clock.Now = T0.AddDays(90);
        Assert.Null(await session.Accounts.VerifyTokenAsync(issued.Token));
        Assert.Equal(TokenState.Expired, (await session.Accounts.ListTokensAsync("tok-ent")).Single().State);

        clock.Now = T0;
        var ro = await session.Accounts.IssueTokenAsync("tok-ent", "read", TimeSpan.FromDays(7), readOnly: true);
        Assert.Equal(T0.AddDays(7), ro.Summary.ExpiresAt);
        Assert.True((await session.Accounts.VerifyTokenAsync(ro.Token))!.ReadOnly);
        Assert.Contains((await session.Accounts.VerifyTokenAsync(ro.Token))!.Claims(), c => c.Type == SmartEnvClaims.ReadOnly && c.Value == "true");
        Assert.True(await session.Accounts.RevokeTokenAsync("tok-ent", ro.Summary.Id));
        Assert.False(await session.Accounts.RevokeTokenAsync("tok-ent", ro.Summary.Id));
        Assert.Null(await session.Accounts.VerifyTokenAsync(ro.Token));
        Assert.NotNull(await session.Accounts.VerifyTokenAsync(issued.Token));

        await Assert.ThrowsAsync<AccountException>(() => session.Accounts.IssueTokenAsync("tok-ent", "x", TimeSpan.FromHours(1)));
        await Assert.ThrowsAsync<AccountException>(() => session.Accounts.IssueTokenAsync("tok-ent", "x", TimeSpan.FromDays(3651)));
    }

    [Fact]
    public async Task Disabling_revokes_every_token_changes_the_security_stamp_and_refuses_sign_in()
    {
        var (store, session, _) = await OpenAsync();
        await using var _s = session;
        await session.Accounts.CreateUserAsync("dis-wang", [SmartEnvRoles.Enforcement]);
        var t1 = await session.Accounts.IssueTokenAsync("dis-wang", "a");
        var t2 = await session.Accounts.IssueTokenAsync("dis-wang", "b", readOnly: true);
        var before = (await session.Accounts.FindAsync("dis-wang"))!.SecurityStamp;
        var user = (await session.Accounts.FindAsync("dis-wang"))!;
        var confirm = new SmartEnvUserConfirmation();
        Assert.True(await confirm.IsConfirmedAsync(session.Accounts.Users, user));

        Assert.Equal(2, await session.Accounts.DisableAsync("dis-wang"));
        Assert.Equal(0, await session.Accounts.DisableAsync("dis-wang"));
        Assert.Null(await session.Accounts.VerifyTokenAsync(t1.Token));
        Assert.Null(await session.Accounts.VerifyTokenAsync(t2.Token));
        await using (var ctx = store.CreateContext())
        {
            var row = await ctx.Users.AsNoTracking().SingleAsync(u => u.UserName == "dis-wang");
            Assert.True(row.Disabled);
            Assert.NotEqual(before, row.SecurityStamp);
            Assert.Equal(2, await ctx.PersonalAccessTokens.CountAsync(t => t.UserId == row.Id && t.RevokedAt != null));
        }
        Assert.False(await confirm.IsConfirmedAsync(session.Accounts.Users, user));
        await Assert.ThrowsAsync<AccountException>(() => session.Accounts.IssueTokenAsync("dis-wang", "c"));
        Assert.True((await session.Accounts.ListAsync()).Single(a => a.UserName == "dis-wang").Disabled);

        await session.Accounts.EnableAsync("dis-wang");
        Assert.Null(await session.Accounts.VerifyTokenAsync(t1.Token)); // revoked tokens stay revoked
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_for_fifteen_minutes_and_a_reset_clears_it()
    {
        var (_, session, _) = await OpenAsync();
        await using var _s = session;
        await session.Accounts.CreateUserAsync("lock-zhao", [SmartEnvRoles.Planning]);
        var users = session.Accounts.Users;
        var user = (await users.FindByNameAsync("lock-zhao"))!;
        for (var i = 1; i <= 4; i++)
        {
            await users.AccessFailedAsync(user);
            Assert.False(await users.IsLockedOutAsync(user), $"locked after {i} failures");
        }
        var start = DateTimeOffset.UtcNow;
        await users.AccessFailedAsync(user);
        Assert.True(await users.IsLockedOutAsync(user));
        var end = (await users.GetLockoutEndDateAsync(user))!.Value;
        Assert.InRange(end - start, TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(5));

        var pw = await session.Accounts.ResetPasswordAsync("lock-zhao");
        Assert.False(await users.IsLockedOutAsync(user));
        Assert.True(await users.CheckPasswordAsync(user, pw));
        Assert.True((await session.Accounts.GetAsync("lock-zhao"))!.MustChangePassword);
    }

    [Fact]
    public async Task The_bootstrap_creates_admin_once()
    {
        var (_, session, _) = await OpenAsync();
        await using var _s = session;
        var pw = await session.Accounts.EnsureBootstrapAdminAsync();
        Assert.NotNull(pw);
        Assert.Null(await session.Accounts.EnsureBootstrapAdminAsync());
        var admin = (await session.Accounts.GetAsync("admin"))!;
        Assert.Equal(["admin"], admin.Roles);
        Assert.True(admin.MustChangePassword);
        Assert.True(await session.Accounts.Users.CheckPasswordAsync((await session.Accounts.FindAsync("admin"))!, pw));
    }
}

public sealed class SqliteAccountStoreTests(SqliteTestDatabase db) : AccountStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresAccountStoreTests(PostgresTestDatabase db) : AccountStoreTests<PostgresTestDatabase>(db);
