using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using SmartEnv.Accounts;
using SmartEnv.Storage.Accounts;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// <c>/signout</c> (static server rendering): a POST form (antiforgery-checked) that ends this session, and with "sign
/// out everywhere" also every other session of the account (<see cref="AccountService.SignOutEverywhereAsync"/>: a new
/// security stamp, checked on every cookie request). Then back to the overview.
/// </summary>
public partial class SignOut
{
    [Inject] private SignInManager<SmartEnvUser> SignInManager { get; set; } = null!;
    [Inject] private AccountService Accounts { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private HttpContext? Http { get; set; }

    [SupplyParameterFromForm(FormName = "signout")] private SignOutForm Input { get; set; } = null!;

    /// <inheritdoc />
    protected override void OnInitialized() => Input ??= new SignOutForm();

    /// <summary>The sign-out form.</summary>
    public sealed class SignOutForm
    {
        /// <summary>Also end every other session of the account.</summary>
        public bool Everywhere { get; set; }
    }

    private string? UserName => Http?.User.Identity?.IsAuthenticated == true ? Http.User.Identity.Name : null;

    private async Task SignOutAsync()
    {
        if (UserName is { } name && Input.Everywhere && await Accounts.FindAsync(name) is not null)
            await Accounts.SignOutEverywhereAsync(name);
        await SignInManager.SignOutAsync();
        Nav.NavigateTo("/", forceLoad: true);
    }
}
