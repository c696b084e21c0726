using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>
/// The platform's account operations over ASP.NET Core Identity and the store (docs/security.md): create a user with a
/// one-time password, roles and enterprise bindings; disable (revokes its tokens and bumps the security stamp, i.e.
/// signs it out everywhere) and enable; reset a password; change one's own password; issue, list, revoke and verify
/// personal access tokens; create the bootstrap <c>admin</c>. Passwords are hashed by Identity's
/// <see cref="IPasswordHasher{TUser}"/> (PBKDF2), tokens stored as SHA-256 only. Multi-row changes run in one
/// transaction. Errors: <see cref="AccountException"/>. Scoped: one instance per request / CLI run (it holds the
/// scope's <see cref="SmartEnvDbContext"/>); not thread-safe.
/// </summary>
public sealed class AccountService
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly SmartEnvDbContext _db;
    private readonly TimeProvider _time;

    /// <summary>Creates the service (DI; <see cref="AccountsSetup.AddSmartEnvAccounts"/>).</summary>
    /// <param name="users">Identity's user manager over the same context.</param>
    /// <param name="db">The scope's store context.</param>
    /// <param name="time">Clock.</param>
    public AccountService(UserManager<SmartEnvUser> users, SmartEnvDbContext db, TimeProvider time)
    {
        Users = users;
        _db = db;
        _time = time;
    }

    /// <summary>Identity's user manager (password checks, authenticator keys, recovery codes) for pages that need more
    /// than this service offers. Change roles, enterprises and the disabled flag only through this service.</summary>
    public UserManager<SmartEnvUser> Users { get; }

    /// <summary>Who the audit trail names for the changes this service makes (docs/security.md "Audit trail"): the web
    /// sets the signed-in admin or user, the CLI <see cref="AuditActor.Cli"/>. Default: the system job <c>accounts</c>
    /// (the bootstrap admin of the first <c>serve</c>). Asked at each change, since the web's service may be made before
    /// the request's principal is known (the bearer handler verifies tokens with it).</summary>
    public Func<AuditActor> Auditor { get; set; } = static () => AuditActor.System("accounts");

    // One audit entry per change, in the change's transaction (opened with AuditTrail.BeginAsync). Passwords and token
    // secrets are never written: only that they changed, and the token's public prefix.
    private Task AuditAsync(string action, SmartEnvUser user, object? before, object? after, CancellationToken ct) =>
        AuditTrail.AppendAsync(_db, Auditor(), action, "user", user.UserName, before, after, null, _time.GetUtcNow(), ct);

    /// <summary>Creates a user with a one-time password that must be changed at first sign-in.</summary>
    /// <param name="userName">Sign-in name (<see cref="AccountRules.UserNameCharacters"/>; unique, case-insensitive).</param>
    /// <param name="roles">At least one of <see cref="SmartEnvRoles.All"/>; <c>enterprise</c> cannot be combined with a staff role.</param>
    /// <param name="usccs">Enterprises (USCC) — required for, and only allowed with, the <c>enterprise</c> role.</param>
    /// <param name="displayName">Display name (≤ 64 characters), or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="AccountException">Name taken or invalid, roles or enterprises invalid.</exception>
    public async Task<NewAccount> CreateUserAsync(string userName, IEnumerable<string> roles, IEnumerable<string>? usccs = null, string? displayName = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var roleList = CheckRoles(roles);
        var usccList = CheckEnterprises(roleList, usccs ?? []);
        var password = OneTimePasswords.New();
        var user = new SmartEnvUser
        {
            UserName = userName.Trim(), DisplayName = Display(displayName), MustChangePassword = true, CreatedAt = _time.GetUtcNow(),
        };
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        Check(await Users.CreateAsync(user, password), AccountError.InvalidUserName);
        Check(await Users.AddToRolesAsync(user, roleList), AccountError.InvalidRoles);
        _db.UserEnterprises.AddRange(usccList.Select(u => new UserEnterprise { UserId = user.Id, Uscc = u }));
        await _db.SaveChangesAsync(ct);
        await AuditAsync("user.create", user, null, new { roles = roleList, enterprises = usccList, display_name = user.DisplayName, one_time_password = "issued" }, ct);
        await tx.CommitAsync(ct);
        return new NewAccount(await SummaryAsync(user, ct), password);
    }

    /// <summary>The user of that name, or null (tracked by the scope's context).</summary>
    /// <param name="userName">User name (case-insensitive).</param>
    public Task<SmartEnvUser?> FindAsync(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return Users.FindByNameAsync(userName.Trim());
    }

    /// <summary>One account, or null.</summary>
    /// <param name="userName">User name.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<AccountSummary?> GetAsync(string userName, CancellationToken ct = default) =>
        await FindAsync(userName) is { } u ? await SummaryAsync(u, ct) : null;

    /// <summary>Every account, by user name.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default)
    {
        var users = await _db.Users.AsNoTracking().ToListAsync(ct);
        var roles = await RoleRowsAsync(null, ct);
        var ents = await _db.UserEnterprises.AsNoTracking().ToListAsync(ct);
        return users.OrderBy(u => u.UserName, StringComparer.Ordinal)
            .Select(u => Summary(u, roles.Where(r => r.UserId == u.Id).Select(r => r.Name), ents.Where(e => e.UserId == u.Id).Select(e => e.Uscc)))
            .ToList();
    }

    /// <summary>Replaces a user's roles (and, when given, enterprises) and bumps the security stamp, so the user's
    /// sessions end and the next sign-in carries the new rights.</summary>
    /// <param name="userName">User name.</param>
    /// <param name="roles">New roles (rules as in <see cref="CreateUserAsync"/>).</param>
    /// <param name="usccs">New enterprises, or null to keep the current ones.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="AccountException">Unknown user; invalid roles or enterprises.</exception>
    public async Task<AccountSummary> SetRolesAsync(string userName, IEnumerable<string> roles, IEnumerable<string>? usccs = null, CancellationToken ct = default)
    {
        var user = await RequireAsync(userName);
        var roleList = CheckRoles(roles);
        var current = await _db.UserEnterprises.Where(e => e.UserId == user.Id).ToListAsync(ct);
        var usccList = CheckEnterprises(roleList, usccs ?? current.Select(e => e.Uscc));
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        var had = await Users.GetRolesAsync(user);
        var before = new { roles = had.Order(StringComparer.Ordinal).ToList(), enterprises = current.Select(e => e.Uscc).Order(StringComparer.Ordinal).ToList() };
        Check(await Users.RemoveFromRolesAsync(user, had.Except(roleList, StringComparer.Ordinal)), AccountError.InvalidRoles);
        Check(await Users.AddToRolesAsync(user, roleList.Except(had, StringComparer.Ordinal)), AccountError.InvalidRoles);
        _db.UserEnterprises.RemoveRange(current.Where(e => !usccList.Contains(e.Uscc)));
        _db.UserEnterprises.AddRange(usccList.Where(u => current.All(e => e.Uscc != u)).Select(u => new UserEnterprise { UserId = user.Id, Uscc = u }));
        await _db.SaveChangesAsync(ct);
        Check(await Users.UpdateSecurityStampAsync(user), AccountError.UnknownUser);
        await AuditAsync("user.roles.change", user, before, new { roles = roleList.Order(StringComparer.Ordinal).ToList(), enterprises = usccList.Order(StringComparer.Ordinal).ToList() }, ct);
        await tx.CommitAsync(ct);
        return await SummaryAsync(user, ct);
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="userName">User name.</param>
    /// <param name="displayName">New display name (≤ 64 characters), or null.</param>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task SetDisplayNameAsync(string userName, string? displayName)
    {
        var user = await RequireAsync(userName);
        user.DisplayName = Display(displayName);
        Check(await Users.UpdateAsync(user), AccountError.UnknownUser);
    }

    /// <summary>Disables a user: it can no longer sign in, all its tokens are revoked, and its security stamp changes,
    /// so every cookie session ends at its next request (sign-out everywhere). Idempotent.</summary>
    /// <param name="userName">User name.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Number of tokens revoked by this call.</returns>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task<int> DisableAsync(string userName, CancellationToken ct = default)
    {
        var user = await RequireAsync(userName);
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        var wasDisabled = user.Disabled;
        var revoked = await RevokeAllTokensAsync(user.Id, ct);
        user.Disabled = true;
        Check(await Users.UpdateSecurityStampAsync(user), AccountError.UnknownUser);
        await AuditAsync("user.disable", user, new { disabled = wasDisabled }, new { disabled = true, tokens_revoked = revoked }, ct);
        await tx.CommitAsync(ct);
        return revoked;
    }

    /// <summary>Enables a disabled user again (revoked tokens stay revoked).</summary>
    /// <param name="userName">User name.</param>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task EnableAsync(string userName)
    {
        var user = await RequireAsync(userName);
        await using var tx = await AuditTrail.BeginAsync(_db);
        var was = user.Disabled;
        user.Disabled = false;
        Check(await Users.UpdateAsync(user), AccountError.UnknownUser);
        await AuditAsync("user.enable", user, new { disabled = was }, new { disabled = false }, default);
        await tx.CommitAsync();
    }

    /// <summary>Signs a user out everywhere (bumps the security stamp) without other changes.</summary>
    /// <param name="userName">User name.</param>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task SignOutEverywhereAsync(string userName)
    {
        var user = await RequireAsync(userName);
        Check(await Users.UpdateSecurityStampAsync(user), AccountError.UnknownUser);
    }

    /// <summary>Replaces a user's password by a new one-time password (admin reset): the user must change it at the next
    /// sign-in; lockout is cleared; the security stamp changes (sessions end).</summary>
    /// <param name="userName">User name.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The one-time password (shown once).</returns>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task<string> ResetPasswordAsync(string userName, CancellationToken ct = default)
    {
        var user = await RequireAsync(userName);
        var password = OneTimePasswords.New();
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        Check(await Users.RemovePasswordAsync(user), AccountError.InvalidPassword);
        Check(await Users.AddPasswordAsync(user, password), AccountError.InvalidPassword);
        user.MustChangePassword = true;
        Check(await Users.SetLockoutEndDateAsync(user, null), AccountError.UnknownUser);
        Check(await Users.ResetAccessFailedCountAsync(user), AccountError.UnknownUser);
        await AuditAsync("user.password.reset", user, null, new { one_time_password = "issued", must_change_password = true }, ct);
        await tx.CommitAsync(ct);
        return password;
    }

    /// <summary>Changes a user's own password (checks the current one; the policy of <see cref="AccountRules"/>) and
    /// clears <see cref="SmartEnvUser.MustChangePassword"/>. Identity bumps the security stamp (other sessions end).</summary>
    /// <param name="userName">User name.</param>
    /// <param name="currentPassword">Current (or one-time) password.</param>
    /// <param name="newPassword">New password; must differ from the current one.</param>
    /// <exception cref="AccountException">Unknown user; wrong current password; the new one breaks the policy.</exception>
    public async Task ChangePasswordAsync(string userName, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(currentPassword);
        ArgumentNullException.ThrowIfNull(newPassword);
        var user = await RequireAsync(userName);
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
            throw new AccountException(AccountError.InvalidPassword, "the new password must differ from the current one");
        Check(await Users.ChangePasswordAsync(user, currentPassword, newPassword), AccountError.InvalidPassword);
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            Check(await Users.UpdateAsync(user), AccountError.UnknownUser);
        }
    }

    /// <summary>Issues a personal access token. The returned <see cref="IssuedToken.Token"/> is the only copy of the
    /// secret; the store keeps its SHA-256 and its first 15 characters.</summary>
    /// <param name="userName">Owner (must not be disabled).</param>
    /// <param name="tokenName">What it is for (1–64 characters).</param>
    /// <param name="lifetime">Lifetime (1 day … <see cref="AccountRules.MaxTokenLifetime"/>); null for
    /// <see cref="AccountRules.DefaultTokenLifetime"/> (90 days).</param>
    /// <param name="readOnly">True for a read-only token (refused by every state-changing endpoint).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="AccountException">Unknown or disabled user; name or lifetime out of range.</exception>
    public async Task<IssuedToken> IssueTokenAsync(string userName, string tokenName, TimeSpan? lifetime = null, bool readOnly = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(tokenName);
        var user = await RequireAsync(userName);
        if (user.Disabled) throw new AccountException(AccountError.UnknownUser, $"user '{user.UserName}' is disabled");
        var name = tokenName.Trim();
        if (name.Length is 0 or > PersonalAccessToken.NameLength)
            throw new AccountException(AccountError.InvalidToken, $"a token name has 1–{PersonalAccessToken.NameLength} characters");
        var life = lifetime ?? AccountRules.DefaultTokenLifetime;
        if (life < TimeSpan.FromDays(1) || life > AccountRules.MaxTokenLifetime)
            throw new AccountException(AccountError.InvalidToken, $"a token lives 1–{AccountRules.MaxTokenLifetime.TotalDays:0} days");
        var token = AccessTokenFormat.NewToken();
        var now = _time.GetUtcNow();
        var row = new PersonalAccessToken
        {
            UserId = user.Id, Name = name, Hash = AccessTokenFormat.Hash(token), Prefix = AccessTokenFormat.Prefix(token),
            CreatedAt = now, ExpiresAt = now + life, ReadOnly = readOnly,
        };
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        _db.PersonalAccessTokens.Add(row);
        await _db.SaveChangesAsync(ct);
        await AuditAsync("user.token.issue", user, null, new { token_id = row.Id, name = row.Name, prefix = row.Prefix, expires_at = row.ExpiresAt, read_only = row.ReadOnly }, ct);
        await tx.CommitAsync(ct);
        return new IssuedToken(token, Summary(row, user.UserName!, now));
    }

    /// <summary>A user's tokens (all states), newest first.</summary>
    /// <param name="userName">User name.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task<IReadOnlyList<TokenSummary>> ListTokensAsync(string userName, CancellationToken ct = default)
    {
        var user = await RequireAsync(userName);
        var now = _time.GetUtcNow();
        var rows = await _db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == user.Id).ToListAsync(ct);
        return rows.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id).Select(t => Summary(t, user.UserName!, now)).ToList();
    }

    /// <summary>Revokes one of a user's tokens.</summary>
    /// <param name="userName">Owner.</param>
    /// <param name="tokenId">Token id.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>False when the token was already revoked.</returns>
    /// <exception cref="AccountException">Unknown user, or the user has no such token.</exception>
    public async Task<bool> RevokeTokenAsync(string userName, long tokenId, CancellationToken ct = default)
    {
        var user = await RequireAsync(userName);
        var row = await _db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == user.Id, ct)
                  ?? throw new AccountException(AccountError.InvalidToken, $"user '{user.UserName}' has no token {tokenId}");
        if (row.RevokedAt is not null) return false;
        await using var tx = await AuditTrail.BeginAsync(_db, ct);
        row.RevokedAt = _time.GetUtcNow();
        await _db.SaveChangesAsync(ct);
        await AuditAsync("user.token.revoke", user, new { token_id = row.Id, prefix = row.Prefix, revoked = false }, new { token_id = row.Id, prefix = row.Prefix, revoked = true }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Checks a presented token: the right shape, a stored token with that prefix whose hash equals the presented
    /// text's SHA-256 (compared with <see cref="CryptographicOperations.FixedTimeEquals"/>), not revoked, not expired,
    /// owner not disabled. Records the use (to the minute). Returns the owner's CURRENT roles and enterprises.
    /// </summary>
    /// <param name="presented">The token text from the request, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Who the token speaks for, or null when it is not valid (never says why, to the caller of the API).</returns>
    public async Task<TokenIdentity?> VerifyTokenAsync(string? presented, CancellationToken ct = default)
    {
        if (!AccessTokenFormat.LooksLikeToken(presented)) return null;
        var hash = AccessTokenFormat.Hash(presented!);
        var prefix = AccessTokenFormat.Prefix(presented!);
        var candidates = await _db.PersonalAccessTokens.AsNoTracking().Where(t => t.Prefix == prefix).ToListAsync(ct);
        PersonalAccessToken? match = null;
        foreach (var c in candidates)
            if (CryptographicOperations.FixedTimeEquals(c.Hash, hash)) match = c;
        var now = _time.GetUtcNow();
        if (match is null || match.RevokedAt is not null || (match.ExpiresAt is { } exp && now >= exp)) return null;
        var user = await _db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == match.UserId, ct);
        if (user is null || user.Disabled) return null;
        if (match.LastUsedAt is not { } last || now - last >= LastUsedResolution)
            await _db.PersonalAccessTokens.Where(t => t.Id == match.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        var roles = (await RoleRowsAsync(user.Id, ct)).Select(r => r.Name);
        var usccs = await _db.UserEnterprises.AsNoTracking().Where(e => e.UserId == user.Id).Select(e => e.Uscc).ToListAsync(ct);
        return new TokenIdentity(user.Id, user.UserName!, Ordered(roles), usccs.Order(StringComparer.Ordinal).ToList(), match.ReadOnly, match.Id);
    }

    /// <summary>
    /// The first <c>serve</c>'s bootstrap: when no account holds the <c>admin</c> role and there is no user named
    /// <see cref="AccountRules.BootstrapAdminName"/>, creates <c>admin</c> (role admin) with a one-time password.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The one-time password to print once, or null when nothing was created.</returns>
    public async Task<string?> EnsureBootstrapAdminAsync(CancellationToken ct = default)
    {
        if (await Users.FindByNameAsync(AccountRules.BootstrapAdminName) is not null) return null;
        if ((await RoleRowsAsync(null, ct)).Any(r => r.Name == SmartEnvRoles.Admin)) return null;
        var created = await CreateUserAsync(AccountRules.BootstrapAdminName, [SmartEnvRoles.Admin], null, "系统管理员", ct);
        return created.OneTimePassword;
    }

    /// <summary>Normalises and checks a USCC's form: trimmed, upper case, 18 characters of the GB 32100-2015 §4 set
    /// (digits and upper-case letters except I, O, S, V, Z). The check character (§5) is the enterprise registry's rule.</summary>
    /// <param name="uscc">Presented code.</param>
    /// <exception cref="AccountException">Not of that form.</exception>
    public static string NormaliseUscc(string uscc)
    {
        ArgumentNullException.ThrowIfNull(uscc);
        var u = uscc.Trim().ToUpperInvariant();
        if (u.Length != UserEnterprise.UsccLength || u.AsSpan().IndexOfAnyExcept("0123456789ABCDEFGHJKLMNPQRTUWXY") >= 0)
            throw new AccountException(AccountError.InvalidEnterprises, $"'{uscc}' is not a 统一社会信用代码 (18 characters: digits and A–Y without I O S V Z, GB 32100-2015)");
        return u;
    }

    private static List<string> CheckRoles(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var list = roles.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToList();
        if (list.Count == 0) throw new AccountException(AccountError.InvalidRoles, $"name at least one role ({string.Join(", ", SmartEnvRoles.All)})");
        if (list.FirstOrDefault(r => !SmartEnvRoles.All.Contains(r)) is { } bad)
            throw new AccountException(AccountError.InvalidRoles, $"unknown role '{bad}' (roles: {string.Join(", ", SmartEnvRoles.All)})");
        if (list.Contains(SmartEnvRoles.Enterprise) && list.Count > 1)
            throw new AccountException(AccountError.InvalidRoles, "the enterprise role cannot be combined with a bureau staff role");
        return Ordered(list);
    }

    private static List<string> CheckEnterprises(List<string> roles, IEnumerable<string> usccs)
    {
        var list = usccs.Select(NormaliseUscc).Distinct().Order(StringComparer.Ordinal).ToList();
        var enterprise = roles.Contains(SmartEnvRoles.Enterprise);
        if (enterprise && list.Count == 0)
            throw new AccountException(AccountError.InvalidEnterprises, "an enterprise user is bound to at least one enterprise (--enterprise USCC)");
        if (!enterprise && list.Count > 0)
            throw new AccountException(AccountError.InvalidEnterprises, "only a user with the enterprise role is bound to enterprises");
        return list;
    }

    private static List<string> Ordered(IEnumerable<string> roles) =>
        roles.Distinct().OrderBy(r => SmartEnvRoles.All.ToList().IndexOf(r) is var i && i < 0 ? int.MaxValue : i).ThenBy(r => r, StringComparer.Ordinal).ToList();

    private static string? Display(string? displayName)
    {
        var d = displayName?.Trim();
        if (string.IsNullOrEmpty(d)) return null;
        return d.Length > SmartEnvUser.DisplayNameLength ? d[..SmartEnvUser.DisplayNameLength] : d;
    }

    private async Task<SmartEnvUser> RequireAsync(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        return await FindAsync(userName) ?? throw new AccountException(AccountError.UnknownUser, $"no user '{userName.Trim()}'");
    }

    private async Task<int> RevokeAllTokensAsync(long userId, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var open = await _db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var t in open) t.RevokedAt = now;
        await _db.SaveChangesAsync(ct);
        return open.Count;
    }

    private sealed record RoleRow(long UserId, string Name);

    private async Task<List<RoleRow>> RoleRowsAsync(long? userId, CancellationToken ct)
    {
        var q = from ur in _db.UserRoles.AsNoTracking()
                join r in _db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                select new { ur.UserId, r.Name };
        if (userId is { } id) q = q.Where(x => x.UserId == id);
        return (await q.ToListAsync(ct)).Select(x => new RoleRow(x.UserId, x.Name!)).ToList();
    }

    private async Task<AccountSummary> SummaryAsync(SmartEnvUser user, CancellationToken ct)
    {
        var roles = await RoleRowsAsync(user.Id, ct);
        var usccs = await _db.UserEnterprises.AsNoTracking().Where(e => e.UserId == user.Id).Select(e => e.Uscc).ToListAsync(ct);
        return Summary(user, roles.Select(r => r.Name), usccs);
    }

    private AccountSummary Summary(SmartEnvUser u, IEnumerable<string> roles, IEnumerable<string> usccs)
    {
        var now = _time.GetUtcNow();
        return new AccountSummary(u.Id, u.UserName!, u.DisplayName, Ordered(roles), usccs.Order(StringComparer.Ordinal).ToList(),
            u.Disabled, u.MustChangePassword, u.TwoFactorEnabled, u.CreatedAt, u.LockoutEnd is { } end && end > now ? end : null);
    }

    private static TokenSummary Summary(PersonalAccessToken t, string userName, DateTimeOffset now) =>
        new(t.Id, userName, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.ReadOnly, t.RevokedAt, t.LastUsedAt,
            t.RevokedAt is not null ? TokenState.Revoked : t.ExpiresAt is { } e && now >= e ? TokenState.Expired : TokenState.Active);

    private static void Check(IdentityResult result, AccountError error)
    {
        if (result.Succeeded) return;
        var codes = result.Errors.Select(e => e.Code).ToList();
        var kind = codes.Any(c => c.Contains("Password", StringComparison.Ordinal)) ? AccountError.InvalidPassword
            : codes.Any(c => c.Contains("UserName", StringComparison.Ordinal)) ? AccountError.InvalidUserName : error;
        throw new AccountException(kind, string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
