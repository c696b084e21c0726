using System.Globalization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Ui;

/// <summary>What the my-account page (<c>/account</c>) shows of the signed-in account. Immutable.</summary>
/// <param name="Account">The account (no secrets).</param>
/// <param name="Tokens">Its personal access tokens, newest first, every state.</param>
/// <param name="TwoFactorOffered">True for staff (the second factor is offered to staff; <see cref="TwoFactorEnrolment.OfferedTo"/>).</param>
/// <param name="Pending">A started, unconfirmed authenticator enrolment, or null.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes (0 while the second factor is off).</param>
public sealed record MyAccountView(AccountSummary Account, IReadOnlyList<TokenSummary> Tokens, bool TwoFactorOffered, AuthenticatorSetup? Pending, int RecoveryCodesLeft);

/// <summary>
/// The my-account page's operations on the signed-in user's own account, each one call of <see cref="AccountService"/>
/// (so the audit trail wired there sees it) or of <see cref="TwoFactorEnrolment"/>: read the view, change the password
/// (Identity's validators; clears the one-time-password flag), issue / revoke personal access tokens, sign out everywhere.
/// Errors come back as zh-CN/en texts (<see cref="Texts.Myaccount"/>), never as exceptions. Scoped; not thread-safe.
/// </summary>
/// <param name="accounts">The scope's account service.</param>
/// <param name="twoFactor">The scope's enrolment helper.</param>
public sealed class MyAccountService(AccountService accounts, TwoFactorEnrolment twoFactor)
{
    /// <summary>The page's view of <paramref name="userName"/>, or null for an unknown user.</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<MyAccountView?> ViewAsync(string userName, CancellationToken ct = default)
    {
        if (await accounts.GetAsync(userName, ct) is not { } account) return null;
        var tokens = await accounts.ListTokensAsync(userName, ct);
        var offered = TwoFactorEnrolment.OfferedTo(account.Roles);
        var pending = offered && !account.TwoFactorEnabled ? await twoFactor.PendingAsync(userName) : null;
        var left = account.TwoFactorEnabled ? await twoFactor.RecoveryCodesLeftAsync(userName) : 0;
        return new MyAccountView(account, tokens, offered, pending, left);
    }

    /// <summary>Changes the password: the two new entries must match, then <see cref="AccountService.ChangePasswordAsync"/>
    /// (current password checked, Identity's password validators, flag "must change" cleared).</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="current">Current password.</param>
    /// <param name="next">New password.</param>
    /// <param name="confirm">New password again.</param>
    /// <returns>Null on success, else the text saying why not.</returns>
    public async Task<string?> ChangePasswordAsync(string userName, string? current, string? next, string? confirm)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next)) return Texts.Myaccount.PasswordMissing;
        if (!string.Equals(next, confirm, StringComparison.Ordinal)) return Texts.Myaccount.PasswordMismatch;
        if (await accounts.FindAsync(userName) is not { } user) return Texts.Myaccount.UnknownUser;
        if (!await accounts.Users.CheckPasswordAsync(user, current)) return Texts.Myaccount.PasswordWrong;
        try
        {
            await accounts.ChangePasswordAsync(userName, current, next);
            return null;
        }
        catch (AccountException)
        {
            return Texts.Myaccount.PasswordPolicy(AccountRules.MinPasswordLength);
        }
    }

    /// <summary>Issues a token (<see cref="AccountService.IssueTokenAsync"/>) after checking the form.</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="form">Name, lifetime in days, read-only.</param>
    /// <returns>The issued token (its secret shown once) or the text saying why not.</returns>
    public async Task<(IssuedToken? Token, string? Error)> IssueTokenAsync(string userName, TokenForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Check() is { } error) return (null, error);
        try
        {
            return (await accounts.IssueTokenAsync(userName, form.Name!.Trim(), TimeSpan.FromDays(form.Days), form.ReadOnly), null);
        }
        catch (AccountException)
        {
            return (null, Texts.Myaccount.TokenRefused);
        }
    }

    /// <summary>Revokes one of the user's own tokens (<see cref="AccountService.RevokeTokenAsync"/>).</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="tokenId">Token id from the list.</param>
    /// <returns>Null on success (also when it was already revoked), else the text saying why not.</returns>
    public async Task<string?> RevokeTokenAsync(string userName, long tokenId)
    {
        try
        {
            await accounts.RevokeTokenAsync(userName, tokenId);
            return null;
        }
        catch (AccountException)
        {
            return Texts.Myaccount.TokenUnknown;
        }
    }

    /// <summary>Ends every session of the account (<see cref="AccountService.SignOutEverywhereAsync"/>: new security stamp).
    /// Personal access tokens are not touched (revoke them one by one).</summary>
    /// <param name="userName">The signed-in user.</param>
    public Task SignOutEverywhereAsync(string userName) => accounts.SignOutEverywhereAsync(userName);
}

/// <summary>The new-token form of the my-account page. Mutable (form binding); not thread-safe.</summary>
public sealed class TokenForm
{
    /// <summary>Lifetime offered by default (days): <see cref="AccountRules.DefaultTokenLifetime"/>.</summary>
    public static readonly int DefaultDays = (int)AccountRules.DefaultTokenLifetime.TotalDays;

    /// <summary>Longest lifetime (days): <see cref="AccountRules.MaxTokenLifetime"/>.</summary>
    public static readonly int MaxDays = (int)AccountRules.MaxTokenLifetime.TotalDays;

    /// <summary>What the token is for (1–64 characters).</summary>
    public string? Name { get; set; }

    /// <summary>Lifetime in days (1 … <see cref="MaxDays"/>).</summary>
    public int Days { get; set; } = DefaultDays;

    /// <summary>True for a read-only token.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>Null when the form can be issued, else the text saying why not.</summary>
    public string? Check()
    {
        var name = Name?.Trim() ?? "";
        if (name.Length is 0 or > PersonalAccessToken.NameLength) return Texts.Myaccount.TokenNameRange(PersonalAccessToken.NameLength);
        if (Days < 1 || Days > MaxDays) return Texts.Myaccount.TokenDaysRange(MaxDays.ToString(CultureInfo.CurrentCulture));
        return null;
    }
}
