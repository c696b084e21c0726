using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Emergency;
using SmartEnv.Supervision.Emergency;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Emergency;

/// <summary>
/// 环境应急 (<c>/emergency</c>, policy <c>EnterpriseOrStaff</c>): <see cref="EmergencyUiService.DashboardAsync"/> on the
/// circuit's scoped context (an enterprise user sees only its own units and plans, and no filing rate); users of the
/// <c>Enforcement</c> policy check a submitted plan (<see cref="EmergencyUiService.CheckAsync"/>); the enterprise itself
/// (and admin/enforcement) submits a signed or returned plan (<see cref="EmergencyUiService.SubmitAsync"/>). Both audited.
/// </summary>
public partial class EmergencyOverview
{
    [Inject] private EmergencyUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private EmergencyDashboard? _view;
    private string? _message, _number, _refileBy, _note;
    private bool _busy;

    private bool MayEnforce => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    private bool MayCheck(PlanRow p) => MayEnforce && p.Plan.State == PlanFiling.Name(PlanFilingState.Submitted);

    private bool MaySubmit(PlanRow p) => (MayEnforce || Access?.IsStaff == false)
        && (p.Plan.State == PlanFiling.Name(PlanFilingState.Signed) || p.Plan.State == PlanFiling.Name(PlanFilingState.Returned));

    private string Name(string uscc) => _view?.Names.GetValueOrDefault(uscc, uscc) ?? uscc;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _view = await Service.DashboardAsync(Access?.IsStaff == true);

    private async Task SubmitAsync(long id)
    {
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.SubmitAsync(id, actor) ?? Texts.Emergency.Done;
        _view = await Service.DashboardAsync(Access?.IsStaff == true);
        _busy = false;
    }

    private async Task CheckAsync(long id, bool filed)
    {
        if (!MayEnforce) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.CheckAsync(id, filed, _number, _refileBy, _note, actor) ?? Texts.Emergency.Done;
        _view = await Service.DashboardAsync(true);
        _busy = false;
    }
}
