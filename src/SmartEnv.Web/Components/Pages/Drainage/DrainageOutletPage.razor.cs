using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Drainage;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Drainage;

/// <summary>One 入河排水口 (<c>/drainage/{code}</c>, policy <c>StaffRead</c>): <see cref="DrainageUiService.GetAsync"/>; a
/// sample's class is the stored GB 3838 class, or 不适用 GB 3838 when the outlet had no target class. Users of the
/// <c>Monitoring</c> policy edit the 整治 status, responsible unit and sensors (<see cref="DrainageUiService.SaveAsync"/>, audited).</summary>
public partial class DrainageOutletPage
{
    /// <summary>Outlet code from the route.</summary>
    [Parameter] public string OutletCode { get; set; } = "";

    [Inject] private DrainageUiService Ui { get; set; } = null!;

    private (DrainageOutlet Outlet, List<DrainageStatusChange> History, List<DrainageSampleView> Samples)? _d;
    private bool _loaded, _busy;
    private OutletEditForm _form = new();
    private string? _message;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private bool MayEdit => Access?.Allows(SmartEnvPolicies.Monitoring) == true;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        _d = await Ui.GetAsync(OutletCode);
        if (_d is { } d) _form = DrainageUiService.FormOf(d.Outlet);
    }

    private async Task SaveAsync()
    {
        if (!MayEdit) return;
        _busy = true;
        var error = await Ui.SaveAsync(OutletCode, _form, await AuditActors.ForUiAsync(AuthState, Access));
        _message = error ?? Texts.Drainage.Saved;
        if (error is null) await LoadAsync();
        _busy = false;
    }

    private static string ClassText(DrainageSample s)
    {
        if (!s.Gb3838Applies) return Texts.Drainage.NotApplicable;
        if (s.Gb3838Class is null || !WaterClassText.TryParse(s.Gb3838Class, out var c) || c is not { } wc) return Texts.Drainage.NotClassed;
        return Texts.Common.ClassN(wc.ToDisplay()) + " · " + (s.MeetsTarget == true ? Texts.Drainage.Meets : Texts.Drainage.Fails);
    }
}
