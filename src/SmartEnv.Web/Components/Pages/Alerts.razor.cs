using SmartEnv.Accounts;
using Microsoft.AspNetCore.Components;
using SmartEnv.Alerts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 告警 page (admin only): the alert list with its filters and the handling buttons. Binds <see cref="AlertRow"/> from
/// <see cref="AlertsService"/>, which also performs 确认/关闭 and words their errors; the page keeps the filters, the
/// handler's name and the notes being typed. An open page reloads its list when any instance signals a change of the alerts
/// (<see cref="SmartEnv.Storage.Cluster.ClusterSignals.Alerts"/>: a scan opened or updated one, someone handled one).
/// </summary>
public partial class Alerts : IDisposable
{
    [Inject] private AlertsService Service { get; set; } = null!;
    [Inject] private SmartEnv.Storage.Cluster.ClusterSignals Signals { get; set; } = null!;

    /// <summary>One store operation of the page at a time (a signal's reload and a click share the page's context).</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _listening;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }

    private List<AlertRow>? _rows;
    private string _status = "open";
    private string _rule = "";
    private string _site = "";
    private string _handler = "";
    private string? _error;
    private readonly Dictionary<long, string> _notes = [];

    /// <summary>Acknowledge/close buttons: admin, monitoring, enforcement (SmartEnvPolicies.AlertHandling).</summary>
    private bool CanHandle => Access?.Allows(SmartEnvPolicies.AlertHandling) == true;

    private string Note(long id) => _notes.TryGetValue(id, out var n) ? n : "";

    private string ExportUrl(string ext) =>
        $"/ui/export/alerts.{ext}?status={_status}&rule={Uri.EscapeDataString(_rule)}&site={Uri.EscapeDataString(_site)}";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // The page's policy is StaffRead (alerts are bureau-internal); the handler defaults to the signed-in account.
        _handler = Access?.UserName ?? "";
        await LoadAsync();
    }

    /// <inheritdoc />
    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender || _listening) return; // interactive only (a prerendered page has no circuit to update)
        _listening = true;
        Signals.Changed += OnSignal;
    }

    private void OnSignal(string topic)
    {
        if (topic != SmartEnv.Storage.Cluster.ClusterSignals.Alerts) return;
        _ = InvokeAsync(async () =>
        {
            await _gate.WaitAsync();
            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (ObjectDisposedException) { } // the page closed meanwhile
            finally { _gate.Release(); }
        });
    }

    /// <summary>Stops listening for signals.</summary>
    public void Dispose()
    {
        Signals.Changed -= OnSignal;
        GC.SuppressFinalize(this);
    }

    private async Task FilterAsync(string? status = null, string? rule = null, string? site = null)
    {
        if (status is not null) _status = status;
        if (rule is not null) _rule = rule;
        if (site is not null) _site = site.Trim();
        await _gate.WaitAsync();
        try { await LoadAsync(); }
        finally { _gate.Release(); }
    }

    private async Task LoadAsync() => _rows = await Service.ListAsync(_status, _rule, _site);

    private async Task HandleAsync(long id, bool close)
    {
        if (Access?.Allows(SmartEnvPolicies.AlertHandling) != true) return; // viewer, planning: read only
        await _gate.WaitAsync();
        try
        {
            _error = await Service.HandleAsync(id, close, _handler, Note(id), await AuditActors.ForUiAsync(AuthState, Access));
            if (_error is not null && _handler.Trim().Length == 0) return; // nothing was done; keep the note
            _notes.Remove(id);
            await LoadAsync();
        }
        finally { _gate.Release(); }
        if (_error is null) await Signals.PublishAsync(SmartEnv.Storage.Cluster.ClusterSignals.Alerts); // pages of every instance reload
    }
}
