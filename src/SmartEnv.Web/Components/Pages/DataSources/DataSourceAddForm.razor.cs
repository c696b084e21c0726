using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.DataSources;

/// <summary>Records a data source (<see cref="DataSourcesUiService.AddAsync"/>, audited) and reports back through
/// <see cref="OnAdded"/> with the message to show.</summary>
public partial class DataSourceAddForm
{
    [Inject] private DataSourcesUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>Called after an attempt with the message to show.</summary>
    [Parameter] public EventCallback<string?> OnAdded { get; set; }

    private DataSourceForm _form = new();
    private bool _busy;

    private async Task AddAsync()
    {
        if (Access?.Allows(SmartEnv.Accounts.SmartEnvPolicies.Monitoring) != true) return;
        _busy = true;
        var key = _form.Key?.Trim();
        var error = await Service.AddAsync(_form, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        if (error is null) _form = new();
        await OnAdded.InvokeAsync(error ?? Texts.Datasources.Added(key ?? ""));
    }
}
