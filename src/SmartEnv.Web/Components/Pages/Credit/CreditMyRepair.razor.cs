using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Credit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Credit;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Credit;

/// <summary>
/// Credit repair for the enterprise user (<c>/credit/repair</c>, policy <c>EnterpriseOrStaff</c>; only an account bound to
/// an enterprise acts, the first bound USCC): its current black-list information
/// (<see cref="CreditUiService.BlackListingAsync"/>, the one list computation) with an application form — severity and
/// first day are the listing's, the enterprise gives the rectification evidence — and its applications with state and
/// history; it withdraws an open one. Staff accounts see nothing to apply for (the review is <c>/credit/repairs</c>).
/// Refusals of <c>CreditService</c> (window, evidence) are shown as they come.
/// </summary>
public partial class CreditMyRepair
{
    [Inject] private CreditUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private string? _uscc, _evidence, _message;
    private CreditListing? _listing;
    private IReadOnlyList<CreditRepairApplication>? _rows;
    private IReadOnlyDictionary<long, IReadOnlyList<CreditRepairEvent>> _history = new Dictionary<long, IReadOnlyList<CreditRepairEvent>>();
    private bool _loaded, _busy;

    private StoredCreditInfoSeverity Severity => CreditNames.To<StoredCreditInfoSeverity>(CreditRules.Default.BlackList.Severity);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _uscc = Access is { IsStaff: false } a ? AccountClaims.Enterprises(a.User).FirstOrDefault() : null;
        await LoadAsync();
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        if (_uscc is null) return;
        _listing = await Service.BlackListingAsync(_uscc);
        (_rows, _history) = await Service.RepairsAsync(_uscc);
    }

    private async Task ApplyAsync()
    {
        if (_listing is null) return;
        _busy = true;
        var error = await Service.ApplyRepairAsync(_listing, _evidence, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _message = error ?? Texts.Credit.Applied;
        if (error is null) { _evidence = null; await LoadAsync(); }
    }

    private async Task WithdrawAsync(long id)
    {
        _busy = true;
        var error = await Service.FireAsync(id, CreditRepairTrigger.Withdraw, null, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        _message = error ?? Texts.Credit.Saved;
        if (error is null) await LoadAsync();
    }
}
