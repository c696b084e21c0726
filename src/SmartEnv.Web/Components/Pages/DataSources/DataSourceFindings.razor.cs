using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Imports.DataSources;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.DataSources;

/// <summary>The findings of one source on <c>/data/sources</c>: attaches pasted or uploaded findings
/// (<see cref="DataSourcesUiService.AttachAsync"/>) and withdraws one with a reason; reports back through
/// <see cref="OnChanged"/> with the message to show.</summary>
public partial class DataSourceFindings
{
    /// <summary>Largest report file read: 1 MB.</summary>
    public const long MaxFileBytes = 1 << 20;

    [Inject] private DataSourcesUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The source's key.</summary>
    [Parameter, EditorRequired] public string SourceKey { get; set; } = "";

    /// <summary>Its findings (null while loading).</summary>
    [Parameter] public IReadOnlyList<FindingView>? Findings { get; set; }

    /// <summary>Whether the user may attach and withdraw (policy Monitoring).</summary>
    [Parameter] public bool MayWrite { get; set; }

    /// <summary>Called after a change with the message to show.</summary>
    [Parameter] public EventCallback<string?> OnChanged { get; set; }

    private readonly Dictionary<long, string?> _reasons = [];
    private string? _json;
    private string? _note;
    private bool _busy;

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        using var reader = new StreamReader(e.File.OpenReadStream(MaxFileBytes));
        _json = await reader.ReadToEndAsync();
    }

    private async Task AttachAsync()
    {
        if (!MayWrite) return;
        _busy = true;
        var (n, error) = await Service.AttachAsync(SourceKey, _json, _note, await AuditActors.ForUiAsync(AuthState, Access));
        _busy = false;
        if (error is null) _json = _note = null;
        await OnChanged.InvokeAsync(error ?? Texts.Datasources.Attached(n));
    }

    private async Task WithdrawAsync(long id)
    {
        if (!MayWrite) return;
        var error = await Service.WithdrawAsync(SourceKey, id, _reasons.GetValueOrDefault(id), await AuditActors.ForUiAsync(AuthState, Access));
        await OnChanged.InvokeAsync(error);
    }
}
