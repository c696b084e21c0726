using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// <c>/signin</c> (static server rendering, antiforgery-checked POST forms): user name and password through Identity's
/// <see cref="SignInManager{TUser}"/> — lockout after 5 failures for 15 minutes (the lockout message names the end, Beijing
/// time), a disabled account refused, and a one-time password replaced before the session starts (second form: the
/// one-time password again, the new one twice; <see cref="AccountService.ChangePasswordAsync"/>). On success the session
/// cookie is set and the browser goes to <c>returnUrl</c> (local paths only). <c>?denied=1</c>: the signed-in account lacks
/// the role of the page it came from.
/// </summary>
public partial class SignIn
{
    [Inject] private SignInManager<SmartEnvUser> SignInManager { get; set; } = null!;
    [Inject] private AccountService Accounts { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "returnUrl")] private string? ReturnUrl { get; set; }
    [SupplyParameterFromQuery(Name = "denied")] private int? Denied { get; set; }

    [SupplyParameterFromForm(FormName = "signin")] private SignInForm Input { get; set; } = null!;
    [SupplyParameterFromForm(FormName = "change-password")] private ChangeForm Change { get; set; } = null!;

    private string? _error;
    private bool _mustChange;

    /// <summary>The sign-in form.</summary>
    public sealed class SignInForm
    {
        /// <summary>User name.</summary>
        public string? UserName { get; set; }

        /// <summary>Password.</summary>
        public string? Password { get; set; }
    }

    /// <summary>The forced password change after a one-time password.</summary>
    public sealed class ChangeForm
    {
        /// <summary>User name (from the first step).</summary>
        public string? UserName { get; set; }

        /// <summary>The one-time password.</summary>
        public string? Current { get; set; }

        /// <summary>New password.</summary>
        public string? New { get; set; }

        /// <summary>New password again.</summary>
        public string? Confirm { get; set; }
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Input ??= new SignInForm();
        Change ??= new ChangeForm();
        // A posted change form must be rendered for its submit to be dispatched (static rendering finds forms by name).
        if (!string.IsNullOrEmpty(Change.UserName)) _mustChange = true;
    }

    private async Task SignInAsync()
    {
        var user = await Accounts.FindAsync(Input.UserName ?? "");
        if (user is null)
        {
            _error = Texts.Accounts.BadCredentials;
            return;
        }
        if (user.MustChangePassword)
        {
            // Check (and count a failure against) the one-time password without starting a session.
            if (!await CheckedAsync(user, Input.Password)) return;
            _mustChange = true;
            Change = new ChangeForm { UserName = user.UserName };
            return;
        }
        var result = await SignInManager.PasswordSignInAsync(user, Input.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) Nav.NavigateTo(SecondStep, forceLoad: true); // the authenticator code (/signin/2fa)
        if (Explain(result, user) is { } error)
        {
            _error = error;
            return;
        }
        Nav.NavigateTo(Target, forceLoad: true);
    }

    private async Task ChangeAsync()
    {
        _mustChange = true;
        var user = await Accounts.FindAsync(Change.UserName ?? "");
        if (user is null)
        {
            _mustChange = false;
            _error = Texts.Accounts.BadCredentials;
            return;
        }
        if (!await CheckedAsync(user, Change.Current)) return;
        if (!string.Equals(Change.New, Change.Confirm, StringComparison.Ordinal))
        {
            _error = Texts.Accounts.Mismatch;
            return;
        }
        try
        {
            await Accounts.ChangePasswordAsync(user.UserName!, Change.Current ?? "", Change.New ?? "");
        }
        catch (AccountException)
        {
            _error = Texts.Accounts.PasswordPolicy(AccountRules.MinPasswordLength);
            return;
        }
        var result = await SignInManager.PasswordSignInAsync(user, Change.New!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor) Nav.NavigateTo(SecondStep, forceLoad: true);
        if (Explain(result, user) is { } error)
        {
            _error = error;
            return;
        }
        Nav.NavigateTo(Target, forceLoad: true);
    }

    /// <summary>Checks a password with lockout counting; sets the error and returns false when it does not pass.</summary>
    private async Task<bool> CheckedAsync(SmartEnvUser user, string? password)
    {
        var check = await SignInManager.CheckPasswordSignInAsync(user, password ?? "", lockoutOnFailure: true);
        _error = Explain(check, user);
        if (_error is not null && !check.IsLockedOut && !check.IsNotAllowed && _mustChange) _error = Texts.Accounts.BadCredentials;
        return _error is null;
    }

    private string? Explain(SignInResult result, SmartEnvUser user)
    {
        if (result.Succeeded) return null;
        if (result.IsLockedOut)
            return Texts.Accounts.LockedOut(Display.Beijing(user.LockoutEnd ?? Time.GetUtcNow() + AccountRules.LockoutDuration));
        if (result.IsNotAllowed) return Texts.Accounts.Disabled;
        if (result.RequiresTwoFactor) return Texts.Accounts.TwoFactorRequired;
        return Texts.Accounts.BadCredentials;
    }

    /// <summary>The second step of an account with the authenticator factor on (SignInTwoFactor), then back to the target.</summary>
    private string SecondStep => "/signin/2fa?returnUrl=" + Uri.EscapeDataString(Target);

    /// <summary>Where to go after signing in: a local path of <c>returnUrl</c>, else the overview.</summary>
    private string Target => LocalUrls.IsLocal(ReturnUrl) && !ReturnUrl!.StartsWith("/signin", StringComparison.Ordinal) ? ReturnUrl : "/";
}
