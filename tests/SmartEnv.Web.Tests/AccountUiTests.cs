using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Tests;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The logic behind 我的账户 (<c>/account</c>) and 用户管理 (<c>/users</c>) on a real store, SQLite and PostgreSQL: the
/// authenticator enrolment — the expected code is computed HERE from the key in the shown <c>otpauth://</c> URI with
/// RFC 6238 (HMAC-SHA1, 30-second steps, 6 digits; the helper is checked against the RFC's own test vector), never
/// with Identity's generator —, recovery codes, password change, personal tokens shown once, and the admin's user
/// changes with their one-time passwords checked through Identity's password check. Each test uses its own user names
/// (the class shares a database).
/// </summary>
public abstract class AccountUiTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string Uscc = "915001057474812345";

    private async Task<AccountSession> OpenAsync() => AccountsSetup.Open((await db.MigratedAsync()).Store);

    // ---- RFC 6238 / RFC 4226, written out for the test ----

    /// <summary>RFC 4648 §6 base32 (A–Z, 2–7), case and spaces ignored.</summary>
    private static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            value = (value << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    /// <summary>HOTP (RFC 4226 §5.3: HMAC-SHA1 of the 8-byte big-endian counter, dynamic truncation) of the TOTP step
    /// (RFC 6238 §4.2: T = floor(unix seconds / 30)).</summary>
    private static string Totp(byte[] key, long unixSeconds, int digits = 6)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, unixSeconds / 30);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }

    [Fact]
    public void The_test_totp_matches_rfc_6238_appendix_b()
    {
        // RFC 6238 Appendix B, SHA1, seed "12345678901234567890": T = 59 s → 94287082, T = 1111111109 s → 07081804.
        var seed = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("94287082", Totp(seed, 59, 8));
        Assert.Equal("07081804", Totp(seed, 1111111109, 8));
        // RFC 4648 §10 base32 vector: "foobar" = MZXW6YTBOI.
        Assert.Equal("foobar", Encoding.ASCII.GetString(Base32("MZXW6YTBOI")));
    }

    [Fact]
    public async Task A_staff_user_enrols_an_authenticator_with_the_code_computed_from_the_shown_key()
    {
        await using var s = await OpenAsync();
        await s.Accounts.CreateUserAsync("ui-totp", [SmartEnvRoles.Monitoring]);
        var twoFactor = new TwoFactorEnrolment(s.Accounts);
        var setup = await twoFactor.BeginAsync("ui-totp");

        var uri = new Uri(setup.Uri);
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal("SmartEnv", query["issuer"]);
        Assert.Equal(setup.Key.Replace(" ", "", StringComparison.Ordinal), query["secret"].ToLowerInvariant());
        var key = Base32(query["secret"]);
        Assert.Equal(20, key.Length); // Identity's 160-bit key
        Assert.StartsWith("data:image/png;base64,", setup.QrCode, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(setup.QrCode["data:image/png;base64,".Length..])[..4]);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expected = Totp(key, now);
        var wrong = ((int.Parse(expected, CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("000000", CultureInfo.InvariantCulture);
        Assert.Null(await twoFactor.ConfirmAsync("ui-totp", wrong));
        Assert.False((await s.Accounts.GetAsync("ui-totp"))!.TwoFactorEnabled);
        Assert.Null(await twoFactor.ConfirmAsync("ui-totp", "12345")); // not 6 digits

        var codes = await twoFactor.ConfirmAsync("ui-totp", expected[..3] + " " + expected[3..]);
        Assert.NotNull(codes);
        Assert.Equal(TwoFactorEnrolment.RecoveryCodeCount, codes.Count);
        Assert.True((await s.Accounts.GetAsync("ui-totp"))!.TwoFactorEnabled);
        Assert.Equal(10, await twoFactor.RecoveryCodesLeftAsync("ui-totp"));
        Assert.Null(await twoFactor.PendingAsync("ui-totp"));

        // A recovery code works once.
        var user = (await s.Accounts.FindAsync("ui-totp"))!;
        Assert.True((await s.Accounts.Users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        Assert.False((await s.Accounts.Users.RedeemTwoFactorRecoveryCodeAsync(user, codes[0])).Succeeded);
        Assert.Equal(9, await twoFactor.RecoveryCodesLeftAsync("ui-totp"));

        // Switching off replaces the key: the enrolled app's code no longer verifies.
        await twoFactor.DisableAsync("ui-totp");
        Assert.False((await s.Accounts.GetAsync("ui-totp"))!.TwoFactorEnabled);
        var again = await twoFactor.PendingAsync("ui-totp");
        Assert.NotNull(again);
        Assert.NotEqual(setup.Key, again.Key);
    }

    [Fact]
    public async Task Enrolment_is_offered_to_staff_only_and_not_restarted_while_on()
    {
        Assert.True(TwoFactorEnrolment.OfferedTo([SmartEnvRoles.Viewer]));
        Assert.True(TwoFactorEnrolment.OfferedTo([SmartEnvRoles.Admin]));
        Assert.False(TwoFactorEnrolment.OfferedTo([SmartEnvRoles.Enterprise]));
        await using var s = await OpenAsync();
        await s.Accounts.CreateUserAsync("ui-ent-view", [SmartEnvRoles.Enterprise], [Uscc]);
        var view = await new MyAccountService(s.Accounts, new TwoFactorEnrolment(s.Accounts)).ViewAsync("ui-ent-view");
        Assert.NotNull(view);
        Assert.False(view.TwoFactorOffered);
        Assert.Null(view.Pending);
    }

    [Fact]
    public void Key_uri_and_code_forms_are_as_the_authenticator_apps_expect()
    {
        Assert.Equal("jbsw y3dp ehpk 3pxp", TwoFactorEnrolment.FormatKey("JBSWY3DPEHPK3PXP"));
        Assert.Equal("otpauth://totp/SmartEnv:mon-li?secret=JBSWY3DPEHPK3PXP&issuer=SmartEnv&digits=6",
            TwoFactorEnrolment.AuthenticatorUri("mon-li", "JBSWY3DPEHPK3PXP"));
        Assert.Equal("otpauth://totp/SmartEnv:a%40b?secret=K&issuer=SmartEnv&digits=6", TwoFactorEnrolment.AuthenticatorUri("a@b", "K"));
        Assert.Equal("123456", TwoFactorEnrolment.NormaliseCode(" 123 456 "));
        Assert.Equal("123456", TwoFactorEnrolment.NormaliseCode("123-456"));
        Assert.Null(TwoFactorEnrolment.NormaliseCode("12345a"));
        Assert.Null(TwoFactorEnrolment.NormaliseCode("1234567"));
        Assert.Null(TwoFactorEnrolment.NormaliseCode(null));
    }

    [Fact]
    public async Task Changing_the_password_checks_the_confirmation_and_the_current_one_and_clears_the_one_time_flag()
    {
        await using var s = await OpenAsync();
        var created = await s.Accounts.CreateUserAsync("ui-pw", [SmartEnvRoles.Planning]);
        var my = new MyAccountService(s.Accounts, new TwoFactorEnrolment(s.Accounts));
        Assert.Equal(Texts.Myaccount.PasswordMismatch, await my.ChangePasswordAsync("ui-pw", created.OneTimePassword, "river-bank-2026", "river-bank-2027"));
        Assert.Equal(Texts.Myaccount.PasswordWrong, await my.ChangePasswordAsync("ui-pw", "not-the-password", "river-bank-2026", "river-bank-2026"));
        Assert.Equal(Texts.Myaccount.PasswordPolicy(AccountRules.MinPasswordLength), await my.ChangePasswordAsync("ui-pw", created.OneTimePassword, "short", "short"));
        Assert.True((await s.Accounts.GetAsync("ui-pw"))!.MustChangePassword);

        Assert.Null(await my.ChangePasswordAsync("ui-pw", created.OneTimePassword, "river-bank-2026", "river-bank-2026"));
        Assert.False((await s.Accounts.GetAsync("ui-pw"))!.MustChangePassword);
        var user = (await s.Accounts.FindAsync("ui-pw"))!;
        Assert.True(await s.Accounts.Users.CheckPasswordAsync(user, "river-bank-2026"));
        Assert.False(await s.Accounts.Users.CheckPasswordAsync(user, created.OneTimePassword));
    }

    [Fact]
    public async Task A_token_is_shown_once_listed_without_its_secret_and_revoked()
    {
        await using var s = await OpenAsync();
        await s.Accounts.CreateUserAsync("ui-tok", [SmartEnvRoles.Monitoring]);
        var my = new MyAccountService(s.Accounts, new TwoFactorEnrolment(s.Accounts));

        Assert.Equal(Texts.Myaccount.TokenDaysRange("3650"), (await my.IssueTokenAsync("ui-tok", new TokenForm { Name = "x", Days = 0 })).Error);
        Assert.Equal(Texts.Myaccount.TokenDaysRange("3650"), (await my.IssueTokenAsync("ui-tok", new TokenForm { Name = "x", Days = 3651 })).Error);
        Assert.Equal(Texts.Myaccount.TokenNameRange(64), (await my.IssueTokenAsync("ui-tok", new TokenForm { Name = "  ", Days = 30 })).Error);
        Assert.Equal(Texts.Myaccount.TokenNameRange(64), (await my.IssueTokenAsync("ui-tok", new TokenForm { Name = new string('n', 65), Days = 30 })).Error);

        var (issued, error) = await my.IssueTokenAsync("ui-tok", new TokenForm { Name = "import-script", Days = 30, ReadOnly = true });
        Assert.Null(error);
        Assert.NotNull(issued);
        Assert.Equal(50, issued.Token.Length);
        Assert.StartsWith("se_pat_", issued.Token, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(30), issued.Summary.ExpiresAt - issued.Summary.CreatedAt);

        var view = (await my.ViewAsync("ui-tok"))!;
        var row = Assert.Single(view.Tokens);
        Assert.Equal(("import-script", true, TokenState.Active, issued.Token[..15]), (row.Name, row.ReadOnly, row.State, row.Prefix));
        Assert.NotNull(await s.Accounts.VerifyTokenAsync(issued.Token));

        Assert.Null(await my.RevokeTokenAsync("ui-tok", row.Id));
        Assert.Equal(TokenState.Revoked, Assert.Single((await my.ViewAsync("ui-tok"))!.Tokens).State);
        Assert.Null(await s.Accounts.VerifyTokenAsync(issued.Token));
        Assert.Equal(Texts.Myaccount.TokenUnknown, await my.RevokeTokenAsync("ui-tok", row.Id + 100_000));
    }

    [Fact]
    public async Task An_admin_creates_resets_disables_and_changes_roles_with_one_time_passwords_that_work()
    {
        await using var s = await OpenAsync();
        var admin = new UserAdmin(s.Accounts);
        await s.Accounts.CreateUserAsync("ui-boss", [SmartEnvRoles.Admin]);

        var refused = await admin.CreateAsync(new UserForm { UserName = "ui-ent", Roles = new RoleChoice { Enterprise = true } });
        Assert.False(refused.Ok);
        Assert.Equal(Texts.Users.Error(AccountError.InvalidEnterprises), refused.Message);
        Assert.Equal(Texts.Users.Error(AccountError.InvalidRoles), (await admin.CreateAsync(new UserForm { UserName = "ui-none" })).Message);
        Assert.Equal(Texts.Users.NameMissing, (await admin.CreateAsync(new UserForm { UserName = " ", Roles = new RoleChoice { Viewer = true } })).Message);

        var created = await admin.CreateAsync(new UserForm
        {
            UserName = "ui-ent", DisplayName = "某排污单位", Roles = new RoleChoice { Enterprise = true }, Enterprises = Uscc.ToLowerInvariant() + "，",
        });
        Assert.True(created.Ok);
        Assert.Equal("ui-ent", created.OneTimePasswordFor);
        var account = (await s.Accounts.GetAsync("ui-ent"))!;
        Assert.Equal([SmartEnvRoles.Enterprise], account.Roles);
        Assert.Equal([Uscc], account.Enterprises);
        Assert.Equal(("某排污单位", true), (account.DisplayName, account.MustChangePassword));
        var user = (await s.Accounts.FindAsync("ui-ent"))!;
        Assert.True(await s.Accounts.Users.CheckPasswordAsync(user, created.OneTimePassword!));
        Assert.Equal(Texts.Users.Error(AccountError.InvalidUserName), (await admin.CreateAsync(new UserForm { UserName = "ui-ent", Roles = new RoleChoice { Viewer = true } })).Message);

        var reset = await admin.ActAsync("ui-boss", "reset:ui-ent");
        Assert.True(reset.Ok);
        Assert.NotEqual(created.OneTimePassword, reset.OneTimePassword);
        user = (await s.Accounts.FindAsync("ui-ent"))!;
        Assert.True(await s.Accounts.Users.CheckPasswordAsync(user, reset.OneTimePassword!));
        Assert.False(await s.Accounts.Users.CheckPasswordAsync(user, created.OneTimePassword!));

        Assert.True((await admin.ActAsync("ui-boss", "disable:ui-ent")).Ok);
        Assert.True((await s.Accounts.GetAsync("ui-ent"))!.Disabled);
        Assert.True((await admin.ActAsync("ui-boss", "enable:ui-ent")).Ok);
        Assert.False((await s.Accounts.GetAsync("ui-ent"))!.Disabled);
        Assert.Equal(Texts.Users.NotOwnDisable, (await admin.ActAsync("ui-boss", "disable:UI-BOSS")).Message);
        Assert.False((await s.Accounts.GetAsync("ui-boss"))!.Disabled);
        Assert.Equal(Texts.Users.Error(AccountError.UnknownUser), (await admin.ActAsync("ui-boss", "disable:ui-nobody")).Message);
        Assert.False((await admin.ActAsync("ui-boss", "explode:ui-ent")).Ok);

        var moved = await admin.SetRolesAsync("ui-boss", new UserForm { UserName = "ui-ent", Roles = new RoleChoice { Monitoring = true, Viewer = true }, Enterprises = Uscc });
        Assert.Equal(Texts.Users.Error(AccountError.InvalidEnterprises), moved.Message); // staff are bound to no enterprise
        moved = await admin.SetRolesAsync("ui-boss", new UserForm { UserName = "ui-ent", Roles = new RoleChoice { Monitoring = true, Viewer = true }, Enterprises = "" });
        Assert.True(moved.Ok);
        account = (await s.Accounts.GetAsync("ui-ent"))!;
        Assert.Equal([SmartEnvRoles.Monitoring, SmartEnvRoles.Viewer], account.Roles);
        Assert.Empty(account.Enterprises);
        Assert.Equal(Texts.Users.NotOwnAdmin, (await admin.SetRolesAsync("ui-boss", new UserForm { UserName = "ui-boss", Roles = new RoleChoice { Viewer = true } })).Message);
        Assert.Equal([SmartEnvRoles.Admin], (await s.Accounts.GetAsync("ui-boss"))!.Roles);
    }

    [Fact]
    public void Row_actions_enterprise_lists_and_role_boxes_parse_as_typed()
    {
        Assert.Equal(("reset", "mon-li"), UserAdmin.SplitAction("Reset:mon-li"));
        Assert.Equal(("", ""), UserAdmin.SplitAction(":mon-li"));
        Assert.Equal(("", ""), UserAdmin.SplitAction("reset"));
        Assert.Equal(("", ""), UserAdmin.SplitAction(null));
        Assert.Equal(["A", "B", "C", "D", "E", "F"], UserAdmin.ParseUsccs(" A,B，C;D；E、F "));
        Assert.Equal(["A", "B"], UserAdmin.ParseUsccs("A\nB\u3000"));
        Assert.Empty(UserAdmin.ParseUsccs(null));
        Assert.Equal([SmartEnvRoles.Monitoring, SmartEnvRoles.Viewer], new RoleChoice { Viewer = true, Monitoring = true }.Selected());
        var boxes = RoleChoice.Of([SmartEnvRoles.Enterprise, SmartEnvRoles.Admin]);
        Assert.Equal((true, false, true), (boxes.Admin, boxes.Viewer, boxes.Enterprise));
    }
}

/// <summary>On SQLite.</summary>
public sealed class SqliteAccountUiTests(SqliteTestDatabase db) : AccountUiTests<SqliteTestDatabase>(db);

/// <summary>On PostgreSQL.</summary>
public sealed class PostgresAccountUiTests(PostgresTestDatabase db) : AccountUiTests<PostgresTestDatabase>(db);
