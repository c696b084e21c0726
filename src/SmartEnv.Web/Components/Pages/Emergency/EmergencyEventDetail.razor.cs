using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Emergency;
using SmartEnv.Supervision.Emergency;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Emergency;

/// <summary>
/// One event (<c>/emergency/events/{Id}</c>, policy <c>StaffRead</c>): <see cref="EmergencyUiService.EventAsync"/> with the
/// clock of <see cref="EmergencyUiService.Clock"/>, reloaded every minute while the circuit lives (the clock is computed
/// by the service from the app's TimeProvider); users of the <c>Enforcement</c> policy file the next report
/// (<see cref="EmergencyUiService.NextReports"/>, <see cref="EmergencyUiService.FileReportAsync"/>, audited) and correct the
/// criteria (<see cref="EmergencyUiService.CorrectEventAsync"/>; the latest correction is shown from
/// <see cref="EmergencyUiService.CorrectionAsync"/>).
/// </summary>
public sealed partial class EmergencyEventDetail : IDisposable
{
    [Inject] private EmergencyUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The event id from the route (digits; anything else finds nothing).</summary>
    [Parameter] public string Id { get; set; } = "";

    private EventView? _view;
    private EventCorrection? _correction;
    private EventForm _fix = new();
    private bool _loaded, _busy;
    private string? _text, _message, _reason;
    private Timer? _timer;

    private bool MayReport => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    private long EventId => long.TryParse(Id, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync();
        _loaded = true;
    }

    private async Task LoadAsync()
    {
        _view = await Service.EventAsync(EventId);
        _correction = _view is null ? null : await Service.CorrectionAsync(EventId);
        if (_view is not null) _fix = EmergencyUiService.CriteriaOf(_view.Event);
    }

    private void Toggle(string key, ChangeEventArgs e)
    {
        if (e.Value is true) _fix.Circumstances.Add(key);
        else _fix.Circumstances.Remove(key);
    }

    private async Task CorrectAsync()
    {
        if (!MayReport) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.CorrectEventAsync(EventId, _fix, _reason, actor);
        if (_message is null) _reason = null;
        await LoadAsync();
        _busy = false;
    }

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _timer = new Timer(_ => InvokeAsync(ReloadAsync), null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private async Task ReloadAsync()
    {
        _view = await Service.EventAsync(EventId);
        StateHasChanged();
    }

    private async Task FileAsync(EventReportKind kind)
    {
        if (!MayReport) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _message = await Service.FileReportAsync(EventId, kind, _text, actor);
        if (_message is null) _text = null;
        _view = await Service.EventAsync(EventId);
        _busy = false;
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();
}
