using Microsoft.AspNetCore.Components;
using SmartEnv.Accounts;
using SmartEnv.Imports.DataSources;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.DataSources;

/// <summary>
/// 数据来源 (<c>/data/sources</c>, policy <c>StaffRead</c>; issue 22): the sources (<see cref="DataSourcesUiService.SourcesAsync"/>),
/// the findings of the one shown; users of the <c>Monitoring</c> policy record sources and attach or withdraw findings
/// (audited in <see cref="DataSourceService"/>).
/// </summary>
public partial class DataSources
{
    [Inject] private DataSourcesUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }

    private IReadOnlyList<DataSourceView>? _sources;
    private IReadOnlyList<FindingView>? _findings;
    private string? _selected;
    private string? _message;

    private bool MayWrite => Access?.Allows(SmartEnvPolicies.Monitoring) == true;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _sources = await Service.SourcesAsync();

    private async Task ShowAsync(string key)
    {
        _selected = key;
        _findings = await Service.FindingsAsync(key);
    }

    private async Task ReloadAsync(string? message)
    {
        _message = message;
        _sources = await Service.SourcesAsync();
        if (_selected is { } k) _findings = await Service.FindingsAsync(k);
    }
}
