using SmartEnv.Storage.Accounts;

namespace SmartEnv.Accounts;

/// <summary>An account as the CLI, the API and the user pages show it (no secrets). Immutable; thread-safe.</summary>
/// <param name="Id">User id.</param>
/// <param name="UserName">User name (sign-in name).</param>
/// <param name="DisplayName">Display name, or null.</param>
/// <param name="Roles">Role names (<see cref="SmartEnvRoles"/>), in <see cref="SmartEnvRoles.All"/> order.</param>
/// <param name="Enterprises">Bound USCCs, sorted.</param>
/// <param name="Disabled">True when disabled.</param>
/// <param name="MustChangePassword">True while the password is a one-time password.</param>
/// <param name="TwoFactorEnabled">True when a second factor (authenticator app) is on.</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="LockedOutUntil">End of a running lockout (UTC), or null when not locked out.</param>
public sealed record AccountSummary(
    long Id, string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Enterprises,
    bool Disabled, bool MustChangePassword, bool TwoFactorEnabled, DateTimeOffset CreatedAt, DateTimeOffset? LockedOutUntil);

/// <summary>A new account and its one-time password (shown once; the store keeps only Identity's hash).</summary>
/// <param name="Account">The account.</param>
/// <param name="OneTimePassword">The password to hand over; the user must change it at first sign-in.</param>
public sealed record NewAccount(AccountSummary Account, string OneTimePassword);

/// <summary>State of a personal access token.</summary>
public enum TokenState
{
    /// <summary>Valid: not revoked, not expired.</summary>
    Active,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Revoked (by its owner, an admin, or by disabling the user).</summary>
    Revoked,
}

/// <summary>A personal access token without its secret (lists). Immutable; thread-safe.</summary>
/// <param name="Id">Token id.</param>
/// <param name="UserName">Owner.</param>
/// <param name="Name">Name given at issue.</param>
/// <param name="Prefix">First 15 characters of the token (<c>se_pat_</c> + 8), for recognising it.</param>
/// <param name="CreatedAt">Issued (UTC).</param>
/// <param name="ExpiresAt">Expiry (UTC), or null for never.</param>
/// <param name="ReadOnly">True for a read-only token.</param>
/// <param name="RevokedAt">Revocation time (UTC), or null.</param>
/// <param name="LastUsedAt">Last use (UTC, to the minute), or null.</param>
/// <param name="State">State at the time of the listing.</param>
public sealed record TokenSummary(
    long Id, string UserName, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool ReadOnly,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, TokenState State);

/// <summary>A freshly issued token: <see cref="Token"/> is the secret, shown once and never stored.</summary>
/// <param name="Token">The token text (<see cref="AccessTokenFormat"/>).</param>
/// <param name="Summary">What is stored about it.</param>
public sealed record IssuedToken(string Token, TokenSummary Summary);

/// <summary>Who a valid token speaks for (<see cref="AccountService.VerifyTokenAsync"/>): the user's current roles and
/// enterprises, and whether the token is read-only. Immutable; thread-safe.</summary>
/// <param name="UserId">User id.</param>
/// <param name="UserName">User name.</param>
/// <param name="Roles">Current roles.</param>
/// <param name="Enterprises">Current USCCs.</param>
/// <param name="ReadOnly">True for a read-only token.</param>
/// <param name="TokenId">The token's id.</param>
public sealed record TokenIdentity(long UserId, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Enterprises, bool ReadOnly, long TokenId)
{
    /// <summary>The claims of this identity (<see cref="AccountClaims.For"/>).</summary>
    public List<System.Security.Claims.Claim> Claims() => AccountClaims.For(UserId, UserName, Roles, Enterprises, ReadOnly);
}

/// <summary>What went wrong in an account operation.</summary>
public enum AccountError
{
    /// <summary>No user of that name.</summary>
    UnknownUser,

    /// <summary>The name is taken or not allowed (characters: <see cref="AccountRules.UserNameCharacters"/>).</summary>
    InvalidUserName,

    /// <summary>A role outside <see cref="SmartEnvRoles.All"/>, no role, or a forbidden combination.</summary>
    InvalidRoles,

    /// <summary>A USCC that is not 18 characters of the GB 32100-2015 set, or enterprises without the enterprise role
    /// (or the enterprise role without an enterprise).</summary>
    InvalidEnterprises,

    /// <summary>The password breaks the policy, or the current password is wrong.</summary>
    InvalidPassword,

    /// <summary>A token name or lifetime out of range, or an unknown token.</summary>
    InvalidToken,
}

/// <summary>An account operation was refused; <see cref="Exception.Message"/> says why (English, Identity's texts).</summary>
public sealed class AccountException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">What went wrong.</param>
    /// <param name="message">Why.</param>
    public AccountException(AccountError error, string message) : base(message) => Error = error;

    /// <summary>What went wrong.</summary>
    public AccountError Error { get; }
}
