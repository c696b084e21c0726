using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Ui;

/// <summary>
/// The user-management page (<c>/users</c>, admins): list accounts, create one (roles, enterprises by USCC; its one-time
/// password shown once), disable / enable, reset the password (a new one-time password shown once), change roles and
/// enterprises. Every change is ONE call of <see cref="AccountService"/> (where the audit trail is written). An admin
/// cannot disable their own account nor take the admin role from it (the platform would lose its administrator).
/// Errors come back as texts (<see cref="Texts.Users"/>), never as exceptions. Scoped; not thread-safe.
/// </summary>
/// <param name="accounts">The scope's account service.</param>
public sealed class UserAdmin(AccountService accounts)
{
    /// <summary>Every account, by user name.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken ct = default) => accounts.ListAsync(ct);

    /// <summary>One account, or null.</summary>
    /// <param name="userName">User name.</param>
    public Task<AccountSummary?> GetAsync(string userName) => accounts.GetAsync(userName);

    /// <summary>Creates an account (<see cref="AccountService.CreateUserAsync"/>).</summary>
    /// <param name="form">Name, display name, roles, enterprises.</param>
    /// <returns>The new account with its one-time password, or the text saying why not.</returns>
    public async Task<UserAdminResult> CreateAsync(UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(form.UserName)) return UserAdminResult.Fail(Texts.Users.NameMissing);
        return await RunAsync(async () =>
        {
            var created = await accounts.CreateUserAsync(form.UserName, form.Roles.Selected(), ParseUsccs(form.Enterprises), form.DisplayName);
            return UserAdminResult.Password(created.Account.UserName, created.OneTimePassword);
        });
    }

    /// <summary>Replaces an account's roles and enterprises (<see cref="AccountService.SetRolesAsync"/>; its sessions end).</summary>
    /// <param name="actor">The signed-in admin.</param>
    /// <param name="form">User name, roles, enterprises.</param>
    public async Task<UserAdminResult> SetRolesAsync(string actor, UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var name = form.UserName ?? "";
        if (Same(actor, name) && !form.Roles.Admin) return UserAdminResult.Fail(Texts.Users.NotOwnAdmin);
        return await RunAsync(async () =>
        {
            var changed = await accounts.SetRolesAsync(name, form.Roles.Selected(), ParseUsccs(form.Enterprises));
            return UserAdminResult.Done(Texts.Users.RolesChanged(changed.UserName));
        });
    }

    /// <summary>Runs one row action of the list: <c>disable</c>, <c>enable</c> or <c>reset</c>.</summary>
    /// <param name="actor">The signed-in admin.</param>
    /// <param name="action">The action and the user, <c>ACTION:NAME</c> (the value of the row's button).</param>
    public async Task<UserAdminResult> ActAsync(string actor, string? action)
    {
        var (verb, name) = SplitAction(action);
        if (name.Length == 0) return UserAdminResult.Fail(Texts.Users.Error(AccountError.UnknownUser));
        return verb switch
        {
            "disable" when Same(actor, name) => UserAdminResult.Fail(Texts.Users.NotOwnDisable),
            "disable" => await RunAsync(async () =>
            {
                var revoked = await accounts.DisableAsync(name);
                return UserAdminResult.Done(Texts.Users.Disabled(name, revoked));
            }),
            "enable" => await RunAsync(async () =>
            {
                await accounts.EnableAsync(name);
                return UserAdminResult.Done(Texts.Users.Enabled(name));
            }),
            "reset" => await RunAsync(async () => UserAdminResult.Password(name, await accounts.ResetPasswordAsync(name))),
            _ => UserAdminResult.Fail(Texts.Users.Error(AccountError.UnknownUser)),
        };
    }

    /// <summary>Splits a row button's value <c>ACTION:NAME</c> at the first <c>:</c> (user names have none:
    /// <see cref="AccountRules.UserNameCharacters"/>).</summary>
    /// <param name="action">Button value.</param>
    /// <returns>The action (lower case) and the user name; empty strings when malformed.</returns>
    public static (string Action, string UserName) SplitAction(string? action)
    {
        var i = action?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return i <= 0 ? ("", "") : (action![..i].Trim().ToLowerInvariant(), action[(i + 1)..].Trim());
    }

    /// <summary>The USCCs typed into the enterprises box: separated by white space, commas, semicolons or 、 (ASCII or
    /// full-width); empty entries dropped. Their form is checked by <see cref="AccountService.NormaliseUscc"/>.</summary>
    /// <param name="text">The box's text, or null.</param>
    public static IReadOnlyList<string> ParseUsccs(string? text) =>
        (text ?? "").Split([' ', '\t', '\r', '\n', ',', ';', '，', '；', '、', '\u3000'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Same(string actor, string name) => string.Equals(actor.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase);

    private static async Task<UserAdminResult> RunAsync(Func<Task<UserAdminResult>> change)
    {
        try
        {
            return await change();
        }
        catch (AccountException e)
        {
            return UserAdminResult.Fail(Texts.Users.Error(e.Error));
        }
    }
}

/// <summary>Outcome of one change on the user-management page. Immutable.</summary>
/// <param name="Ok">True when the change was made.</param>
/// <param name="Message">What to say (success or why not).</param>
/// <param name="OneTimePasswordFor">The user whose one-time password <paramref name="OneTimePassword"/> is, or null.</param>
/// <param name="OneTimePassword">A one-time password to show once (create, reset), or null.</param>
public sealed record UserAdminResult(bool Ok, string? Message, string? OneTimePasswordFor = null, string? OneTimePassword = null)
{
    /// <summary>A refused change.</summary>
    /// <param name="message">Why.</param>
    public static UserAdminResult Fail(string message) => new(false, message);

    /// <summary>A change made.</summary>
    /// <param name="message">What was done.</param>
    public static UserAdminResult Done(string message) => new(true, message);

    /// <summary>A change that produced a one-time password.</summary>
    /// <param name="userName">Whose.</param>
    /// <param name="password">The password (shown once).</param>
    public static UserAdminResult Password(string userName, string password) => new(true, null, userName, password);
}

/// <summary>The create / edit form of the user-management page. Mutable (form binding); not thread-safe.</summary>
public sealed class UserForm
{
    /// <summary>User name (sign-in name).</summary>
    public string? UserName { get; set; }

    /// <summary>Display name (optional; create only).</summary>
    public string? DisplayName { get; set; }

    /// <summary>Chosen roles.</summary>
    public RoleChoice Roles { get; set; } = new();

    /// <summary>USCCs, separated by spaces, commas or line breaks (<see cref="UserAdmin.ParseUsccs"/>).</summary>
    public string? Enterprises { get; set; }

    /// <summary>The form of an existing account (edit).</summary>
    /// <param name="a">The account.</param>
    public static UserForm Of(AccountSummary a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new UserForm { UserName = a.UserName, DisplayName = a.DisplayName, Roles = RoleChoice.Of(a.Roles), Enterprises = string.Join(' ', a.Enterprises) };
    }
}

/// <summary>One check box per role of <see cref="SmartEnvRoles.All"/> (form binding of a static page). Mutable; not
/// thread-safe.</summary>
public sealed class RoleChoice
{
    /// <summary><see cref="SmartEnvRoles.Admin"/>.</summary>
    public bool Admin { get; set; }

    /// <summary><see cref="SmartEnvRoles.Monitoring"/>.</summary>
    public bool Monitoring { get; set; }

    /// <summary><see cref="SmartEnvRoles.Enforcement"/>.</summary>
    public bool Enforcement { get; set; }

    /// <summary><see cref="SmartEnvRoles.Planning"/>.</summary>
    public bool Planning { get; set; }

    /// <summary><see cref="SmartEnvRoles.Viewer"/>.</summary>
    public bool Viewer { get; set; }

    /// <summary><see cref="SmartEnvRoles.Enterprise"/>.</summary>
    public bool Enterprise { get; set; }

    /// <summary>The ticked roles, in <see cref="SmartEnvRoles.All"/> order.</summary>
    public List<string> Selected()
    {
        var ticked = new[] { Admin, Monitoring, Enforcement, Planning, Viewer, Enterprise };
        return SmartEnvRoles.All.Where((_, i) => ticked[i]).ToList();
    }

    /// <summary>The boxes of a role list.</summary>
    /// <param name="roles">Role names.</param>
    public static RoleChoice Of(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return new RoleChoice
        {
            Admin = set.Contains(SmartEnvRoles.Admin), Monitoring = set.Contains(SmartEnvRoles.Monitoring),
            Enforcement = set.Contains(SmartEnvRoles.Enforcement), Planning = set.Contains(SmartEnvRoles.Planning),
            Viewer = set.Contains(SmartEnvRoles.Viewer), Enterprise = set.Contains(SmartEnvRoles.Enterprise),
        };
    }
}
