using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Construction;

/// <summary>A construction site (<c>/construction/{SiteCode}</c>, policy <c>StaffRead</c>) bound from
/// <see cref="ConstructionUiService.SiteAsync"/>; <c>Enforcement</c> users apply a preset (外省参考) and re-evaluate a month
/// (audited).</summary>
public partial class ConstructionSite
{
    [Inject] private ConstructionUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The site code of the route.</summary>
    [Parameter] public string SiteCode { get; set; } = "";

    private ConstructionSiteModel? _model;
    private bool _loaded;
    private string? _preset, _month, _message;

    private bool MayAct => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _model = await Service.SiteAsync(SiteCode);
        _preset ??= _model?.Presets.FirstOrDefault();
        _loaded = true;
    }

    private async Task ApplyAsync()
    {
        if (!MayAct) return;
        _message = await Service.ApplyPresetAsync(SiteCode, _preset, await AuditActors.ForUiAsync(AuthState, Access));
        await LoadAsync();
    }

    private async Task EvaluateAsync()
    {
        if (!MayAct) return;
        _message = await Service.EvaluateAsync(SiteCode, _month, await AuditActors.ForUiAsync(AuthState, Access));
        await LoadAsync();
    }
}
