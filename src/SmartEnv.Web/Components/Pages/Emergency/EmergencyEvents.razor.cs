using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Accounts;
using SmartEnv.Emergency;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Emergency;

/// <summary>
/// 突发环境事件 (<c>/emergency/events</c>, policy <c>StaffRead</c>): <see cref="EmergencyUiService.EventsAsync"/> with level
/// and reporting clock; users of the <c>Enforcement</c> policy record an event (<see cref="EmergencyUiService.RecordEventAsync"/>,
/// audited) and are taken to it.
/// </summary>
public partial class EmergencyEvents
{
    [Inject] private EmergencyUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<EventView>? _rows;
    private readonly EventForm _form = new();
    private string? _message;
    private bool _busy;

    private bool MayRecord => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _rows = await Service.EventsAsync();

    private void Toggle(string key, ChangeEventArgs e)
    {
        if (e.Value is true) _form.Circumstances.Add(key);
        else _form.Circumstances.Remove(key);
    }

    private async Task RecordAsync()
    {
        if (!MayRecord) return;
        _busy = true;
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        var (id, error) = await Service.RecordEventAsync(_form, actor);
        _busy = false;
        _message = error;
        if (id is { } i) Nav.NavigateTo($"/emergency/events/{i}");
    }
}
