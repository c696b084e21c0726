using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Credit;

/// <summary>
/// Credit evaluations (<c>/credit</c>, policy <c>StaffRead</c>): the latest evaluation of every enterprise and year
/// (<see cref="CreditUiService.EvaluationsAsync"/>, one list method of <c>CreditService</c>); users of the
/// <c>Enforcement</c> policy run an evaluation of an enterprise and year (<see cref="CreditUiService.EvaluateAsync"/>,
/// audited) and are taken to it.
/// </summary>
public partial class CreditEvaluations
{
    [Inject] private CreditUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<CreditEvaluationRecord>? _rows;
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private string? _uscc, _year, _message;
    private bool _busy;

    private bool MayRun => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => (_rows, _names) = await Service.EvaluationsAsync();

    private async Task RunAsync()
    {
        if (!MayRun) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        var error = await Service.EvaluateAsync(_uscc, _year, actor);
        _busy = false;
        _message = error;
        if (error is null) Nav.NavigateTo($"/credit/{Uri.EscapeDataString(_uscc!.Trim())}/{_year!.Trim()}");
    }
}
