using System.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The second factor of the my-account page (issue 13 "optional TOTP second factor for staff"), entirely on ASP.NET Core
/// Identity's authenticator provider (<see cref="AuthenticatorTokenProvider{TUser}"/>: RFC 6238 TOTP, HMAC-SHA1, 6 digits,
/// 30-second steps, the key a 160-bit secret in base32 kept in Identity's <c>user_tokens</c>): enrol (a new key, shown as
/// text and as the <c>otpauth://</c> URI of Google Authenticator's "Key Uri Format" in a QR code made by QRCoder), confirm
/// with a code from the app before the factor is switched on (<see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/>),
/// 10 single-use recovery codes (Identity's <see cref="UserManager{TUser}.GenerateNewTwoFactorRecoveryCodesAsync"/>, kept by
/// Identity in <c>user_tokens</c>), and switch off (the key is replaced, so an old app entry stops working).
/// Offered to bureau staff only (<see cref="SmartEnvRoles.Staff"/>). Scoped (uses the scope's
/// <see cref="AccountService"/>); not thread-safe.
/// </summary>
/// <param name="accounts">The scope's account service (its <see cref="AccountService.Users"/> is Identity's user manager).</param>
public sealed class TwoFactorEnrolment(AccountService accounts)
{
    /// <summary>Issuer shown in the authenticator app.</summary>
    public const string Issuer = "SmartEnv";

    /// <summary>Number of recovery codes issued at once.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>Digits of a TOTP code (RFC 6238 with Identity's provider: 6).</summary>
    public const int CodeDigits = 6;

    private UserManager<SmartEnvUser> Users => accounts.Users;

    /// <summary>True when <paramref name="roles"/> include a bureau staff role (the second factor is offered to staff).</summary>
    /// <param name="roles">Role names of the account.</param>
    public static bool OfferedTo(IEnumerable<string> roles) => roles.Any(r => SmartEnvRoles.Staff.Contains(r));

    /// <summary>Starts (or restarts) enrolment while the second factor is off: a NEW authenticator key replaces any earlier
    /// one (Identity's <see cref="UserManager{TUser}.ResetAuthenticatorKeyAsync"/>, which also changes the security stamp).</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <returns>What to show: the key and the QR code of its URI.</returns>
    /// <exception cref="AccountException">Unknown user.</exception>
    /// <exception cref="InvalidOperationException">The second factor is already on (switch it off first).</exception>
    public async Task<AuthenticatorSetup> BeginAsync(string userName)
    {
        var user = await RequireAsync(userName);
        if (user.TwoFactorEnabled) throw new InvalidOperationException("the second factor is already on");
        await Users.ResetAuthenticatorKeyAsync(user);
        var key = await Users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("Identity issued no authenticator key");
        return Setup(user.UserName!, key);
    }

    /// <summary>The pending enrolment (a key exists, the factor is still off), or null.</summary>
    /// <param name="userName">The signed-in user.</param>
    public async Task<AuthenticatorSetup?> PendingAsync(string userName)
    {
        var user = await RequireAsync(userName);
        if (user.TwoFactorEnabled) return null;
        return await Users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key ? Setup(user.UserName!, key) : null;
    }

    /// <summary>Switches the second factor on when <paramref name="code"/> is the app's current code for the pending key
    /// (Identity accepts the current step and one step either side), and issues <see cref="RecoveryCodeCount"/> recovery
    /// codes.</summary>
    /// <param name="userName">The signed-in user.</param>
    /// <param name="code">The 6 digits the app shows (spaces and hyphens ignored).</param>
    /// <returns>The recovery codes (shown once), or null when the code is wrong (the factor stays off).</returns>
    /// <exception cref="AccountException">Unknown user.</exception>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(string userName, string? code)
    {
        var user = await RequireAsync(userName);
        if (user.TwoFactorEnabled || NormaliseCode(code) is not { } digits) return null;
        if (!await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, digits)) return null;
        await Users.SetTwoFactorEnabledAsync(user, true);
        return (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
    }

    /// <summary>Replaces the recovery codes (the old ones stop working).</summary>
    /// <param name="userName">The signed-in user (second factor on).</param>
    /// <returns>The new codes (shown once), or null when the second factor is off.</returns>
    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(string userName)
    {
        var user = await RequireAsync(userName);
        if (!user.TwoFactorEnabled) return null;
        return (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
    }

    /// <summary>Recovery codes not used yet.</summary>
    /// <param name="userName">The signed-in user.</param>
    public async Task<int> RecoveryCodesLeftAsync(string userName) => await Users.CountRecoveryCodesAsync(await RequireAsync(userName));

    /// <summary>Switches the second factor off and replaces the key (an enrolled app's codes stop working).</summary>
    /// <param name="userName">The signed-in user.</param>
    public async Task DisableAsync(string userName)
    {
        var user = await RequireAsync(userName);
        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>The 6 digits of a presented code with spaces and hyphens removed, or null when that is not 6 digits.</summary>
    /// <param name="code">Presented text.</param>
    public static string? NormaliseCode(string? code)
    {
        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length == CodeDigits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The key in groups of four lower-case characters, as apps ask to type it (e.g. <c>jbsw y3dp …</c>).</summary>
    /// <param name="key">Base32 key.</param>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>The enrolment URI of Google Authenticator's "Key Uri Format":
    /// <c>otpauth://totp/ISSUER:USER?secret=KEY&amp;issuer=ISSUER&amp;digits=6</c> (label and issuer URL-encoded).</summary>
    /// <param name="userName">Account name shown in the app.</param>
    /// <param name="key">Base32 key.</param>
    public static string AuthenticatorUri(string userName, string key)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(key);
        var issuer = Uri.EscapeDataString(Issuer);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={issuer}&digits={CodeDigits}";
    }

    /// <summary>A PNG QR code of <paramref name="text"/> (error correction level Q) as a <c>data:image/png;base64,</c> URI.</summary>
    /// <param name="text">What to encode.</param>
    public static string QrPngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static AuthenticatorSetup Setup(string userName, string key)
    {
        var uri = AuthenticatorUri(userName, key);
        return new AuthenticatorSetup(FormatKey(key), uri, QrPngDataUri(uri));
    }

    private async Task<SmartEnvUser> RequireAsync(string userName) =>
        await accounts.FindAsync(userName) ?? throw new AccountException(AccountError.UnknownUser, $"no user '{userName}'");
}

/// <summary>A pending authenticator enrolment as the page shows it. Immutable.</summary>
/// <param name="Key">The key in groups of four (to type into an app).</param>
/// <param name="Uri">The <c>otpauth://</c> URI.</param>
/// <param name="QrCode">PNG data URI of the QR code of <paramref name="Uri"/>.</param>
public sealed record AuthenticatorSetup(string Key, string Uri, string QrCode);
