using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Accounts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Drainage;

/// <summary>入河排水口 list (<c>/drainage</c>, policy <c>StaffRead</c>): <see cref="DrainageUiService.ListAsync"/> with the
/// filters, and the 整治 progress of the listed outlets against the plan's year; users of the <c>Monitoring</c> policy import
/// a registry file (<see cref="DrainageUiService.ImportAsync"/>, the CLI's all-or-nothing importer, audited).</summary>
public partial class DrainageList
{
    [Inject] private DrainageUiService Ui { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private DrainageListView? _view;
    private DrainageImportView? _import;
    private bool _busy;

    private bool MayImport => Access?.Allows(SmartEnvPolicies.Monitoring) == true;
    private string? River { get; set; }
    private string? Type { get; set; }
    private string? Status { get; set; }
    private string? Street { get; set; }

    private string ProgressText => _view is not { } v ? "" : Texts.Drainage.Progress(v.Progress.Total, v.Progress.Done, Pct(v.Progress.DonePercent), v.Progress.Normalized,
        Pct(v.Progress.NormalizedPercent), v.TargetYear);

    private static string Pct(decimal? p) => p is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <inheritdoc />
    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync() => _view = await Ui.ListAsync(River, Type, Status, Street);

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (!MayImport) return;
        _busy = true;
        _import = await Ui.ImportAsync(e.File, await AuditActors.ForUiAsync(AuthState, Access));
        await LoadAsync();
        _busy = false;
    }
}
