using Microsoft.AspNetCore.Components;
using SmartEnv.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Layout;

/// <summary>
/// The frame of every page: header with the platform name, the 中文/English switch and the account (sign in / the user
/// name and sign out), the navigation menu by role (side bar on wide screens, under the header on phones), the footer
/// with the standards and the map source. Holds no data.
/// </summary>
public partial class MainLayout
{
    [Inject] private NavigationManager Nav { get; set; } = null!;

    /// <summary>The signed-in account (Routes.razor); null or anonymous = the public.</summary>
    [CascadingParameter] private UiAccess? Access { get; set; }

    /// <summary>True when the account may open pages of <paramref name="policy"/> (nav by role).</summary>
    private bool May(string policy) => Access?.Allows(policy) == true;

    /// <summary>The sign-in link, returning to this page.</summary>
    private string SignInLink => "/signin?returnUrl=" + Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri));

    private static bool IsZh => SmartEnvUi.IsChinese;

    /// <summary>The phone menu (under the header) is open.</summary>
    private bool _navOpen;

    /// <summary>Key of the menu item of the current page (from the path).</summary>
    private string Selected
    {
        get
        {
            var path = "/" + Nav.ToBaseRelativePath(Nav.Uri).Split('?', '#')[0];
            return path switch
            {
                var p when p.StartsWith("/air", StringComparison.Ordinal) => "air",
                var p when p.StartsWith("/water", StringComparison.Ordinal) => "water",
                var p when p.StartsWith("/noise", StringComparison.Ordinal) => "noise",
                var p when p.StartsWith("/data", StringComparison.Ordinal) => "data",
                var p when p.StartsWith("/plan", StringComparison.Ordinal) => "plan",
                var p when p.StartsWith("/alerts", StringComparison.Ordinal) => "alerts",
                var p when p.StartsWith("/audit", StringComparison.Ordinal) => "audit",
                var p when p == "/map" => "map",
                var p when p.StartsWith("/public", StringComparison.Ordinal) => "public",
                var p when p == "/emergency" || p.StartsWith("/emergency/", StringComparison.Ordinal) => "emergency",
                var p when p == "/inspections" || p.StartsWith("/inspections/", StringComparison.Ordinal) => "inspections",
                var p when p == "/credit" || p.StartsWith("/credit/", StringComparison.Ordinal) => "credit",
                var p when p == "/construction" || p.StartsWith("/construction/", StringComparison.Ordinal) => "construction",
                var p when p == "/drainage" || p.StartsWith("/drainage/", StringComparison.Ordinal) => "drainage",
                var p when p.StartsWith("/users", StringComparison.Ordinal) => "users",
                var p when p.StartsWith("/enterprises", StringComparison.Ordinal) => "enterprises",
                var p when p == "/complaints" || p.StartsWith("/complaints/", StringComparison.Ordinal) => "complaints",
                var p when p == "/complaint" || p.StartsWith("/complaint/", StringComparison.Ordinal) => "complaint",
                var p when p == "/hw" || p.StartsWith("/hw/", StringComparison.Ordinal) => "waste",
                _ => "overview",
            };
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized() => Nav.LocationChanged += (_, _) => InvokeAsync(() =>
    {
        _navOpen = false; // a phone menu closes once a page is chosen
        StateHasChanged();
    });

    private void Switch(string culture)
    {
        var here = "/" + Nav.ToBaseRelativePath(Nav.Uri);
        Nav.NavigateTo($"/ui/culture?culture={culture}&redirect={Uri.EscapeDataString(here)}", forceLoad: true);
    }
}
