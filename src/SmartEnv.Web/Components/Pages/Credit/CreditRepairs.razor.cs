using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Credit;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Credit;

/// <summary>
/// Credit-repair review (<c>/credit/repairs</c>, policy <c>StaffRead</c>): every application with its evidence, state and
/// history (apply, review steps: when, who, note);
/// users of the <c>Enforcement</c> policy start the review, approve or reject (the note is the reason) through
/// <see cref="CreditUiService.FireAsync"/> (history and audit by <c>CreditService</c>). Withdrawal is the enterprise's.
/// </summary>
public partial class CreditRepairs
{
    [Inject] private CreditUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<CreditRepairApplication>? _rows;
    private IReadOnlyDictionary<long, IReadOnlyList<CreditRepairEvent>> _history = new Dictionary<long, IReadOnlyList<CreditRepairEvent>>();
    private string? _note, _message;
    private bool _busy;

    private bool MayReview => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <summary>The review steps open in <paramref name="state"/>.</summary>
    private static IEnumerable<CreditRepairTrigger> Steps(StoredCreditRepairState state) => state switch
    {
        StoredCreditRepairState.Applied => [CreditRepairTrigger.StartReview],
        StoredCreditRepairState.UnderReview => [CreditRepairTrigger.Approve, CreditRepairTrigger.Reject],
        _ => [],
    };

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => (_rows, _history) = await Service.RepairsAsync();

    private async Task FireAsync(long id, CreditRepairTrigger trigger)
    {
        if (!MayReview) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        var error = await Service.FireAsync(id, trigger, _note, actor);
        _busy = false;
        _message = error ?? Texts.Credit.Saved;
        if (error is null) { _note = null; (_rows, _history) = await Service.RepairsAsync(); }
    }
}
