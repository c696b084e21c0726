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
/// inspection of an unfinished task (one or more findings) through <see cref="InspectionsUiService.RecordAsync"/>, draw a
/// frozen plan (secret + public value, <see cref="InspectionsUiService.CommitAsync"/>: a wrong secret stores nothing), publish
/// a drawn one, and record the follow-up check of a rectification order (<see cref="InspectionsUiService.FollowUpAsync"/>).
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
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        _detail = await Service.PlanAsync(PlanId);
        _orders = _detail is null ? [] : await Service.OrdersAsync(PlanId);
    }

    private CommitForm _commit = new();
    private string? _commitMessage, _followMessage;
    private IReadOnlyList<OrderRow> _orders = [];
    private readonly Dictionary<long, FollowUpForm> _follow = [];

    private FollowUpForm FollowUpFor(long orderId)
    {
        if (!_follow.TryGetValue(orderId, out var f))
            _follow[orderId] = f = new FollowUpForm { On = SmartEnv.Standards.Common.BeijingTime.Today(Time).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        return f;
    }

    private async Task CommitAsync()
    {
        if (!MayRecord) return;
        _busy = true;
        var error = await Service.CommitAsync(PlanId, _commit, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _commitMessage = error ?? Texts.Inspections.Committed;
        if (error is null) _commit = new CommitForm();
        await ReloadAsync();
    }

    private async Task FollowUpAsync(long orderId)
    {
        if (!MayRecord) return;
        _busy = true;
        var error = await Service.FollowUpAsync(orderId, FollowUpFor(orderId), await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _followMessage = error ?? Texts.Inspections.Saved;
        if (error is null) _follow.Remove(orderId);
        await ReloadAsync();
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
        await ReloadAsync();
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
            await ReloadAsync();
        }
    }
}
