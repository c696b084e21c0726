using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Storage.Entities.Inspections;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Inspections;

/// <summary>
/// One 行政处罚案件 (<c>/inspections/cases/{CaseNumber}</c>, policy <c>StaffRead</c>). Users of the <c>Enforcement</c>
/// policy edit status, dates and the other fields at the version read (<see cref="InspectionsUiService.UpdateCaseAsync"/>):
/// when someone saved the case meanwhile the save is refused with 「已被他人修改，请刷新」 and nothing is stored.
/// </summary>
public partial class EnforcementCaseDetail
{
    [Inject] private InspectionsUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>案号 from the route.</summary>
    [Parameter] public string CaseNumber { get; set; } = "";

    private EnforcementCase? _case;
    private CaseForm? _form;
    private bool _loaded, _busy;
    private string? _message;

    private bool MayEdit => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _case = await Service.CaseAsync(CaseNumber);
        _form = _case is null ? null : CaseForm.From(_case);
        _loaded = true;
    }

    private async Task SaveAsync()
    {
        if (!MayEdit || _form is null) return;
        _busy = true;
        var error = await Service.UpdateCaseAsync(_form, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _message = error ?? Texts.Inspections.Saved;
        if (error is null)
        {
            _case = await Service.CaseAsync(CaseNumber);
            _form = _case is null ? null : CaseForm.From(_case);
        }
    }
}
