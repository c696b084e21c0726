using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Credit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Credit;

/// <summary>
/// One credit evaluation (<c>/credit/{Uscc}/{Year}</c>, policy <c>StaffRead</c>): the latest stored evaluation of the
/// year with its lines and evidence links (penalty → the case page, verified complaint → the complaint page, findings,
/// orders and exceedances → the enterprise's file, outlet-months below the 有效传输率 mark → its monitoring tab,
/// hazardous-waste facts → its 危险废物 tab); users of the <c>Enforcement</c> policy adjust with a reason
/// (<see cref="CreditUiService.AdjustAsync"/>, audited, a new evaluation).
/// </summary>
public partial class CreditEvaluation
{
    [Inject] private CreditUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The enterprise from the route.</summary>
    [Parameter] public string Uscc { get; set; } = "";

    /// <summary>The year from the route (digits; anything else finds no evaluation).</summary>
    [Parameter] public string Year { get; set; } = "";

    private int YearNumber => int.TryParse(Year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : 0;

    private StoredEvaluation? _eval;
    private bool _loaded, _busy;
    private string _delta = "", _reason = "";
    private string? _message;

    private bool MayAdjust => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _eval = await Service.EvaluationAsync(Uscc, YearNumber);
        _loaded = true;
    }

    private string EvidenceLink(CreditLineEvidence x) => x.Kind switch
    {
        StoredCreditEvidenceKind.Penalty => "/inspections/cases/" + Uri.EscapeDataString(x.RecordId),
        StoredCreditEvidenceKind.ComplaintVerified => "/complaints/" + Uri.EscapeDataString(x.RecordId),
        StoredCreditEvidenceKind.InspectionFinding => $"/enterprises/{Uscc}?tab=inspections",
        StoredCreditEvidenceKind.TransmissionRate => $"/enterprises/{Uscc}?tab=monitoring",
        StoredCreditEvidenceKind.HwNoncompliance => $"/enterprises/{Uscc}?tab=hw",
        _ => $"/enterprises/{Uscc}?tab=exceedances",
    };

    private async Task AdjustAsync()
    {
        if (!MayAdjust) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        var error = await Service.AdjustAsync(Uscc, YearNumber, _delta, _reason, actor);
        _busy = false;
        _message = error ?? Texts.Credit.Saved;
        if (error is null)
        {
            _delta = _reason = "";
            _eval = await Service.EvaluationAsync(Uscc, YearNumber);
        }
    }
}
