using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Accounts;
using SmartEnv.Emergency;
using SmartEnv.Storage.Entities.Emergency;
using SmartEnv.Supervision.Emergency;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Emergency;

/// <summary>
/// 环境应急 (<c>/emergency</c>, policy <c>EnterpriseOrStaff</c>): <see cref="EmergencyUiService.DashboardAsync"/> on the
/// circuit's scoped context (an enterprise user sees only its own units and plans, and no filing rate); users of the
/// <c>Enforcement</c> policy check a submitted plan (<see cref="EmergencyUiService.CheckAsync"/>); the enterprise itself
/// (and admin/enforcement) submits a signed or returned plan (<see cref="EmergencyUiService.SubmitAsync"/>) and uploads its
/// filing set (<see cref="EmergencyUiService.AttachAsync"/>); admin/enforcement save risk units
/// (<see cref="EmergencyUiService.SaveUnitAsync"/>) and register plans (<see cref="EmergencyUiService.CreatePlanAsync"/>, dues
/// previewed by <see cref="EmergencyUiService.PreviewDeadlines"/>). All audited by the service.
/// </summary>
public partial class EmergencyOverview
{
    [Inject] private EmergencyUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private EmergencyDashboard? _view;
    private string? _message, _number, _refileBy, _note;
    private bool _busy;
    private RiskUnitForm _unit = new();
    private readonly PlanForm _plan = new();
    private string _docCode = Texts.Emergency.DocKeys[0];
    private IReadOnlyList<EnterpriseChoice> _enterprises = [];
    private ILookup<long, AttachmentInfo> _attachments = Array.Empty<AttachmentInfo>().ToLookup(a => a.PlanId);

    private bool MayEnforce => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    private bool MayCheck(PlanRow p) => MayEnforce && p.Plan.State == PlanFiling.Name(PlanFilingState.Submitted);

    private bool MaySubmit(PlanRow p) => (MayEnforce || Access?.IsStaff == false)
        && (p.Plan.State == PlanFiling.Name(PlanFilingState.Signed) || p.Plan.State == PlanFiling.Name(PlanFilingState.Returned));

    private string Name(string uscc) => _view?.Names.GetValueOrDefault(uscc, uscc) ?? uscc;

    private IEnumerable<AttachmentInfo> AttachmentsOf(long planId) => _attachments[planId];

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        if (MayEnforce) _enterprises = await Service.EnterprisesAsync();
    }

    private async Task ReloadAsync()
    {
        _view = await Service.DashboardAsync(Access?.IsStaff == true);
        _attachments = (await Service.AttachmentsAsync(_view.Plans.Select(p => p.Plan.Id))).ToLookup(a => a.PlanId);
    }

    private void EditUnit(EmergencyRiskUnit u) => _unit = EmergencyUiService.FormOf(u);

    private void NewUnit() => _unit = new RiskUnitForm();

    private async Task SaveUnitAsync()
    {
        if (!MayEnforce) return;
        _busy = true;
        var (id, error) = await Service.SaveUnitAsync(_unit, await AuditActors.ForUiAsync(AuthState, Access));
        _message = error ?? Texts.Emergency.Done;
        if (id is not null) _unit = new RiskUnitForm();
        await ReloadAsync();
        _busy = false;
    }

    private async Task CreatePlanAsync()
    {
        if (!MayEnforce) return;
        _busy = true;
        var (_, error) = await Service.CreatePlanAsync(_plan, await AuditActors.ForUiAsync(AuthState, Access));
        _message = error ?? Texts.Emergency.Done;
        await ReloadAsync();
        _busy = false;
    }

    private async Task AttachAsync(long planId, InputFileChangeEventArgs e)
    {
        _busy = true;
        _message = await Service.AttachAsync(planId, _docCode, e.File, await AuditActors.ForUiAsync(AuthState, Access)) ?? Texts.Emergency.Done;
        await ReloadAsync();
        _busy = false;
    }

    private async Task SubmitAsync(long id)
    {
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.SubmitAsync(id, actor) ?? Texts.Emergency.Done;
        await ReloadAsync();
        _busy = false;
    }

    private async Task CheckAsync(long id, bool filed)
    {
        if (!MayEnforce) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.CheckAsync(id, filed, _number, _refileBy, _note, actor) ?? Texts.Emergency.Done;
        await ReloadAsync();
        _busy = false;
    }
}
