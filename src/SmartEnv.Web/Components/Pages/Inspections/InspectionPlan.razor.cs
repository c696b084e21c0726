using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Inspections;

/// <summary>
/// One 双随机 plan (<c>/inspections/plans/{PlanId}</c>, policy <c>StaffRead</c>): header and commitment, the rules
/// (ratios, grade multipliers, rule version), the explanation per stratum (<c>DrawEngine.Explain</c>: N, multiplier, M and
/// the computation), the tasks in draw order with their inspectors; users of the <c>Enforcement</c> policy record an
/// inspection of an unfinished task through <see cref="InspectionsUiService.RecordAsync"/>.
/// </summary>
public partial class InspectionPlan
{
    [Inject] private InspectionsUiService Service { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The plan id from the route.</summary>
    [Parameter] public string PlanId { get; set; } = "";

    private PlanDetail? _detail;
    private bool _loaded, _busy;
    private InspectionTask? _task;
    private InspectionForm _form = new();
    private string? _message;

    private bool MayRecord => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _detail = await Service.PlanAsync(PlanId);
        _loaded = true;
    }

    private (string? Name, string Ids) Inspector(string certificate) => InspectionsUiService.Inspector(_detail, certificate);

    private void Open(InspectionTask task)
    {
        _task = task;
        _form = new InspectionForm { InspectedAt = SmartEnv.Standards.Common.BeijingTime.ToBeijing(Time.GetUtcNow()).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) };
        _message = null;
    }

    private string? _publishMessage;

    private async Task PublishAsync()
    {
        if (!MayRecord) return;
        _busy = true;
        var error = await Service.PublishAsync(PlanId, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _publishMessage = error ?? Texts.Inspections.Published;
        _detail = await Service.PlanAsync(PlanId);
    }

    private async Task SaveAsync()
    {
        if (_task is null || !MayRecord) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        var error = await Service.RecordAsync(_task.Id, _form, actor);
        _busy = false;
        _message = error ?? Texts.Inspections.Saved;
        if (error is null)
        {
            _task = null;
            _detail = await Service.PlanAsync(PlanId);
        }
    }
}
