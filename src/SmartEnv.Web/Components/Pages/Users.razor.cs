using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SmartEnv.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// <c>/users</c>, 用户管理 (administrators; static server rendering, every change an antiforgery-checked POST form): the
/// accounts with roles, enterprises, state (disabled / locked out), second factor and creation time; create an account
/// (its one-time password shown once, in the answer to the POST only), disable / enable, reset the password (a new
/// one-time password shown once), change roles and enterprises (<c>?edit=NAME</c>). Every change is one call of
/// <see cref="UserAdmin"/> → <see cref="AccountService"/>.
/// </summary>
public partial class Users
{
    [Inject] private UserAdmin Admin { get; set; } = null!;

    [CascadingParameter] private HttpContext? Http { get; set; }

    [SupplyParameterFromQuery(Name = "edit")] private string? EditName { get; set; }

    [SupplyParameterFromForm(FormName = "user-create")] private UserForm Create { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "user-roles")] private UserForm Edit { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "user-action")] private ActionForm Act { get; set; } = default!;

    private IReadOnlyList<AccountSummary> _users = [];
    private AccountSummary? _editing;
    private UserAdminResult? _result;

    /// <summary>The row-action form: the clicked button's value, <c>ACTION:NAME</c>.</summary>
    public sealed class ActionForm
    {
        /// <summary>Action and user name.</summary>
        public string? Action { get; set; }
    }

    private string Actor => Http?.User.Identity?.Name ?? "";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Create ??= new UserForm();
        Act ??= new ActionForm();
        _editing = EditName is { Length: > 0 } n ? await Admin.GetAsync(n) : null;
        Edit ??= _editing is null ? new UserForm() : UserForm.Of(_editing);
        _users = await Admin.ListAsync();
    }

    private async Task CreateAsync()
    {
        _result = await Admin.CreateAsync(Create);
        if (_result.Ok) Create = new UserForm();
        _users = await Admin.ListAsync();
    }

    private async Task SaveRolesAsync()
    {
        _result = await Admin.SetRolesAsync(Actor, Edit);
        _editing = _result.Ok ? null : _editing ?? await Admin.GetAsync(Edit.UserName ?? "");
        _users = await Admin.ListAsync();
    }

    private async Task ActAsync()
    {
        _result = await Admin.ActAsync(Actor, Act.Action);
        _users = await Admin.ListAsync();
    }

    private static IEnumerable<bool> Ticks(RoleChoice c) => [c.Admin, c.Monitoring, c.Enforcement, c.Planning, c.Viewer, c.Enterprise];

    /// <summary>The <see cref="RoleChoice"/> property of a role (<c>admin</c> → <c>Admin</c>).</summary>
    private static string Member(string role) => char.ToUpperInvariant(role[0]) + role[1..];
}
