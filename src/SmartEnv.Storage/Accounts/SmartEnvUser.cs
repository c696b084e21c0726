using Microsoft.AspNetCore.Identity;

namespace SmartEnv.Storage.Accounts;

/// <summary>
/// A platform account (ASP.NET Core Identity user, table <c>users</c>; docs/security.md). The password hash, security
/// stamp, lockout counters and the authenticator key are Identity's own columns (<see cref="IdentityUser{TKey}"/>); the
/// platform adds a display name, a disabled flag, the creation time and the "must change the one-time password" flag.
/// Roles are Identity roles named by <see cref="SmartEnvRoles"/> (table <c>user_roles</c>); enterprise bindings are
/// <see cref="UserEnterprise"/> rows. Create and change accounts through <c>SmartEnv.Accounts.AccountService</c>, never
/// by writing rows directly (it hashes passwords, bumps the security stamp and revokes tokens). Not thread-safe (an EF
/// entity).
/// </summary>
public sealed class SmartEnvUser : IdentityUser<long>
{
    /// <summary>Longest <see cref="DisplayName"/> (characters).</summary>
    public const int DisplayNameLength = 64;

    /// <summary>Name shown in the UI (e.g. 张三 / 监测科), or null to show the user name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>True when an admin disabled the account: it cannot sign in, its tokens are revoked and its cookies stop
    /// working at the next security-stamp check.</summary>
    public bool Disabled { get; set; }

    /// <summary>True while the password is a one-time password an admin (or the bootstrap) issued: the first sign-in
    /// must set a new password before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Longest <see cref="EnforcementCertificate"/> (characters).</summary>
    public const int CertificateLength = 32;

    /// <summary>Longest <see cref="Department"/> (characters).</summary>
    public const int DepartmentLength = 64;

    /// <summary>The enforcement certificate number (执法证号) of staff who hold one, or null. Accounts with one (and not
    /// disabled) form the 执法检查人员名录库 of the 双随机 draw (issue 19); the number is the inspector id in draw plans.</summary>
    public string? EnforcementCertificate { get; set; }

    /// <summary>The department (科室/大队) of an inspector, e.g. 执法一大队; null when none is recorded.</summary>
    public string? Department { get; set; }
}

/// <summary>
/// One binding of a user to an enterprise by its 统一社会信用代码 (table <c>user_enterprises</c>, key (user, USCC)). The
/// USCC is a plain string here (no foreign key): the enterprise registry is a separate part (docs/security.md) and a
/// binding may name an enterprise before it is registered. Not thread-safe (an EF entity).
/// </summary>
public sealed class UserEnterprise
{
    /// <summary>Length of a 统一社会信用代码 (GB 32100-2015 §4: 18 characters).</summary>
    public const int UsccLength = 18;

    /// <summary>The user (<see cref="SmartEnvUser"/> id).</summary>
    public long UserId { get; set; }

    /// <summary>The enterprise's 18-character 统一社会信用代码, upper case.</summary>
    public string Uscc { get; set; } = "";
}

/// <summary>
/// A personal access token (table <c>personal_access_tokens</c>): only the SHA-256 hash of the secret is stored, with a
/// short public prefix to recognise it in lists. A token authenticates as its user with the user's current roles and
/// enterprises (read-only tokens additionally carry <see cref="SmartEnvClaims.ReadOnly"/>) until it expires, is revoked
/// or the user is disabled. Issue and verify through <c>SmartEnv.Accounts.AccountService</c>. Not thread-safe (an EF
/// entity).
/// </summary>
public sealed class PersonalAccessToken
{
    /// <summary>Longest <see cref="Name"/> (characters).</summary>
    public const int NameLength = 64;

    /// <summary>Length of <see cref="Prefix"/> (characters): <c>se_pat_</c> + the first 8 characters of the secret.</summary>
    public const int PrefixLength = 15;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Owner (<see cref="SmartEnvUser"/> id).</summary>
    public long UserId { get; set; }

    /// <summary>What the token is for, as its owner named it (e.g. <c>import-script</c>).</summary>
    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the whole token text (UTF-8), 32 bytes.</summary>
    public byte[] Hash { get; set; } = [];

    /// <summary>The token's first <see cref="PrefixLength"/> characters, shown in lists (not secret; not unique).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>When it was issued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it stops working (UTC), or null for never (only when asked for explicitly).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>True for a read-only token: every state-changing endpoint refuses it.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>When it was revoked (UTC), or null while it is valid.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>Last successful use (UTC, updated at most once a minute), or null when never used.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
