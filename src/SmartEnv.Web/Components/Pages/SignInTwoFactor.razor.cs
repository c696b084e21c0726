using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SmartEnv.Storage.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// <c>/signin/2fa</c>, the second sign-in step of an account with the authenticator factor on (static server rendering,
/// antiforgery-checked POST forms). <c>/signin</c> sends the browser here when Identity's password sign-in answers
/// <see cref="SignInResult.RequiresTwoFactor"/>; Identity then holds the half-signed-in user in its short two-factor cookie
/// (<see cref="IdentityConstants.TwoFactorUserIdScheme"/>, 5 minutes). The 6-digit code goes to
/// <see cref="SignInManager{TUser}.TwoFactorAuthenticatorSignInAsync"/>, a recovery code to
/// <see cref="SignInManager{TUser}.TwoFactorRecoveryCodeSignInAsync"/> (used up); failures count towards the lockout
/// (5 / 15 minutes). On success the session cookie is set and the browser goes to <c>returnUrl</c> (local paths only).
/// </summary>
public partial class SignInTwoFactor
{
    [Inject] private SignInManager<SmartEnvUser> SignInManager { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "returnUrl")] private string? ReturnUrl { get; set; }

    [SupplyParameterFromForm(FormName = "signin-2fa")] private CodeForm Code { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "signin-recovery")] private CodeForm Recovery { get; set; } = default!;

    private string? _error;
    private bool _expired;

    /// <summary>A code form (authenticator code or recovery code).</summary>
    public sealed class CodeForm
    {
        /// <summary>The code as typed.</summary>
        public string? Code { get; set; }
    }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        Code ??= new CodeForm();
        Recovery ??= new CodeForm();
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null) Expire();
    }

    private async Task VerifyAsync()
    {
        if (_expired) return;
        var code = TwoFactorEnrolment.NormaliseCode(Code.Code);
        var result = code is null ? SignInResult.Failed : await SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        Finish(result);
    }

    private async Task RecoverAsync()
    {
        if (_expired) return;
        var code = (Recovery.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
        var result = code.Length == 0 ? SignInResult.Failed : await SignInManager.TwoFactorRecoveryCodeSignInAsync(code);
        Finish(result);
    }

    private void Finish(SignInResult result)
    {
        if (result.Succeeded) Nav.NavigateTo(Target, forceLoad: true);
        else if (result.IsLockedOut) _error = Texts.Myaccount.SecondStepLockedOut;
        else _error = Texts.Myaccount.SecondStepWrong;
        Code = new CodeForm();
        Recovery = new CodeForm();
    }

    private void Expire()
    {
        _expired = true;
        _error = Texts.Myaccount.SecondStepExpired;
    }

    private string SignInLink => "/signin" + (ReturnUrl is { Length: > 0 } r ? "?returnUrl=" + Uri.EscapeDataString(r) : "");

    /// <summary>Where to go after signing in: a local path of <c>returnUrl</c>, else the overview.</summary>
    private string Target => LocalUrls.IsLocal(ReturnUrl) && !ReturnUrl!.StartsWith("/signin", StringComparison.Ordinal) ? ReturnUrl : "/";
}
