using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Inspections;

/// <summary>
/// The 双随机 plans (<c>/inspections</c>, policy <c>StaffRead</c>), newest first. Users of the <c>Enforcement</c> policy
/// freeze a new plan (plan id, quarter, the commitment hash of a secret made offline with <c>smartenv draw secret</c>)
/// through <see cref="InspectionsUiService.FreezeAsync"/> and land on its page; refusals are shown in Chinese.
/// </summary>
public partial class InspectionPlans
{
    [Inject] private InspectionsUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<DrawPlanRecord>? _plans;
    private FreezeForm _freeze = new();
    private bool _busy;
    private string? _message;

    private bool MayFreeze => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _plans = await Service.PlansAsync();

    private async Task FreezeAsync()
    {
        if (!MayFreeze) return;
        _busy = true;
        var error = await Service.FreezeAsync(_freeze, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _message = error ?? Texts.Inspections.Frozen;
        if (error is null) Nav.NavigateTo("/inspections/plans/" + Uri.EscapeDataString(_freeze.PlanId.Trim()));
    }
}
