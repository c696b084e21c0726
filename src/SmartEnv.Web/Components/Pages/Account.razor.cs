using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// <c>/account</c>, 我的账户 (any signed-in account; static server rendering, every change an antiforgery-checked POST
/// form): change the password (<see cref="MyAccountService.ChangePasswordAsync"/>), the authenticator second factor for
/// staff (<see cref="TwoFactorEnrolment"/>: QR code, confirm with a code, recovery codes, switch off), personal access
/// tokens (list, create — the secret shown once in the answer to the POST —, revoke) and sign out everywhere. A change
/// that renews the security stamp (password, second factor) renews this browser's session cookie
/// (<see cref="SignInManager{TUser}.RefreshSignInAsync"/>), so only the OTHER sessions end; "sign out everywhere" ends
/// this one too and goes to <c>/signin</c>. Static rendering because the session cookie can only be set on an HTTP
/// response.
/// </summary>
public partial class Account
{
    [Inject] private MyAccountService Service { get; set; } = null!;
    [Inject] private TwoFactorEnrolment TwoFactor { get; set; } = null!;
    [Inject] private AccountService Accounts { get; set; } = null!;
    [Inject] private SignInManager<SmartEnvUser> SignInManager { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private HttpContext? Http { get; set; }

    [SupplyParameterFromForm(FormName = "password")] private PasswordForm Password { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "2fa-confirm")] private CodeForm Code { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "token-create")] private TokenForm NewToken { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "token-revoke")] private RevokeForm Revoke { get; set; } = default!;

    /// <summary>Model of the forms that carry no field (a button only).</summary>
    private object Empty { get; } = new();

    private MyAccountView? _view;
    private string? _notice;
    private string? _error;
    private IssuedToken? _issued;
    private IReadOnlyList<string>? _recoveryCodes;

    /// <summary>The change-password form.</summary>
    public sealed class PasswordForm
    {
        /// <summary>Current password.</summary>
        public string? Current { get; set; }

        /// <summary>New password.</summary>
        public string? New { get; set; }

        /// <summary>New password again.</summary>
        public string? Confirm { get; set; }
    }

    /// <summary>The authenticator confirmation form.</summary>
    public sealed class CodeForm
    {
        /// <summary>The 6 digits the app shows.</summary>
        public string? Code { get; set; }
    }

    /// <summary>The revoke form: the id comes from the clicked row's button.</summary>
    public sealed class RevokeForm
    {
        /// <summary>Token id.</summary>
        public long TokenId { get; set; }
    }

    private string? UserName => Http?.User.Identity?.IsAuthenticated == true ? Http.User.Identity.Name : null;

    /// <inheritdoc />
    protected override Task OnInitializedAsync()
    {
        Password ??= new PasswordForm();
        Code ??= new CodeForm();
        NewToken ??= new TokenForm();
        Revoke ??= new RevokeForm();
        return LoadAsync();
    }

    private async Task LoadAsync() => _view = UserName is { } name ? await Service.ViewAsync(name) : null;

    private async Task ChangePasswordAsync()
    {
        if (UserName is not { } name) return;
        _error = await Service.ChangePasswordAsync(name, Password.Current, Password.New, Password.Confirm);
        if (_error is null)
        {
            _notice = Texts.Myaccount.PasswordChanged;
            await RefreshSessionAsync(name);
        }
        Password = new PasswordForm();
        await LoadAsync();
    }

    private async Task BeginTwoFactorAsync()
    {
        if (UserName is not { } name || _view is not { TwoFactorOffered: true, Account.TwoFactorEnabled: false }) return;
        await TwoFactor.BeginAsync(name);
        await RefreshSessionAsync(name);
        await LoadAsync();
    }

    private async Task ConfirmTwoFactorAsync()
    {
        if (UserName is not { } name || _view is not { TwoFactorOffered: true }) return;
        _recoveryCodes = await TwoFactor.ConfirmAsync(name, Code.Code);
        if (_recoveryCodes is null) _error = Texts.Myaccount.TwoFactorWrongCode;
        else
        {
            _notice = Texts.Myaccount.TwoFactorEnabled;
            await RefreshSessionAsync(name);
        }
        Code = new CodeForm();
        await LoadAsync();
    }

    private async Task RenewRecoveryAsync()
    {
        if (UserName is not { } name) return;
        _recoveryCodes = await TwoFactor.NewRecoveryCodesAsync(name);
        await LoadAsync();
    }

    private async Task DisableTwoFactorAsync()
    {
        if (UserName is not { } name) return;
        await TwoFactor.DisableAsync(name);
        _notice = Texts.Myaccount.TwoFactorDisabled;
        await RefreshSessionAsync(name);
        await LoadAsync();
    }

    private async Task IssueTokenAsync()
    {
        if (UserName is not { } name) return;
        (_issued, _error) = await Service.IssueTokenAsync(name, NewToken);
        if (_issued is not null) NewToken = new TokenForm();
        await LoadAsync();
    }

    private async Task RevokeTokenAsync()
    {
        if (UserName is not { } name) return;
        _error = await Service.RevokeTokenAsync(name, Revoke.TokenId);
        if (_error is null) _notice = Texts.Myaccount.TokenRevoked;
        await LoadAsync();
    }

    private async Task SignOutEverywhereAsync()
    {
        if (UserName is { } name) await Service.SignOutEverywhereAsync(name);
        await SignInManager.SignOutAsync();
        Nav.NavigateTo("/signin", forceLoad: true);
    }

    /// <summary>Re-issues this browser's session cookie after a security-stamp change (the stamp is checked on every
    /// request, so without it this session would end with the others).</summary>
    private async Task RefreshSessionAsync(string name)
    {
        if (await Accounts.FindAsync(name) is { } user) await SignInManager.RefreshSignInAsync(user);
    }
}
