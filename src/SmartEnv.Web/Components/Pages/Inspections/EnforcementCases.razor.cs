using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Inspections;

/// <summary>
/// 行政处罚案件 (<c>/inspections/cases</c>, policy <c>StaffRead</c>): the list, newest 立案 first; users of the
/// <c>Enforcement</c> policy create a case through <see cref="InspectionsUiService.CreateCaseAsync"/> (refusals in Chinese)
/// and land on its page.
/// </summary>
public partial class EnforcementCases
{
    [Inject] private InspectionsUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<EnforcementCase>? _cases;
    private IReadOnlyDictionary<string, string> _names = new Dictionary<string, string>();
    private CaseForm _form = new();
    private bool _busy;
    private string? _message;

    private bool MayEdit => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => (_cases, _names) = await Service.CasesAsync();

    private async Task CreateAsync()
    {
        if (!MayEdit) return;
        _busy = true;
        var error = await Service.CreateCaseAsync(_form, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _message = error ?? Texts.Inspections.CaseCreated;
        if (error is null) Nav.NavigateTo("/inspections/cases/" + Uri.EscapeDataString(_form.CaseNumber.Trim()));
    }
}
