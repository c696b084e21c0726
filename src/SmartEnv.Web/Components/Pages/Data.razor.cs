using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Imports;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 数据 page (administrators only): the quarantine list and the raw packets (<see cref="PacketRow"/>), the import runs
/// with an upload that runs as an operation of the <see cref="OperationRegistry"/> and its report, the AQI recomputation
/// of a station and period, and the evaluation state of the stored AQI (pending and failed days, with a retry). Store
/// reads are <see cref="DataService"/>'s, the other decisions (tab, upload limit and staging, range message, progress
/// percentage) <see cref="DataPageModel"/>'s; the page holds the state and the event handlers. The open tab is in the URL
/// (<c>?tab=</c>).
/// </summary>
public partial class Data : IDisposable
{
    [Inject] private DataService Service { get; set; } = null!;
    [Inject] private OperationRegistry Ops { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }
    [SupplyParameterFromQuery(Name = "tab")] private string? QueryTab { get; set; }

    private List<PacketRow>? _packets;
    private List<PacketRow>? _quarantine;
    private List<ImportRow>? _imports;
    private List<(string Code, string Name)> _airSites = [];
    private (List<EvaluationDayRow> Rows, int Pending, int Failed)? _evaluation;

    private string _format = FileImport.Formats[0];
    private bool _replace; // 允许替换已存数值: the import may change stored values (ImportStaging; audited)
    private string _source = ""; // issue 22: the data source the file came from ("" = none); its findings flag the import
    private IReadOnlyList<SmartEnv.Imports.DataSources.DataSourceView> _sources = [];
    [Inject] private SmartEnv.Web.Ui.DataSourcesUiService DataSources { get; set; } = null!;
    private IBrowserFile? _file;
    private bool _uploading, _importRunning;
    private double _uploadPercent;
    private string? _uploadError;
    private OperationSnapshot? _importOp;
    private (ImportRow Import, List<RejectRow> Rejects)? _report;

    private string? _recomputeSite;
    private DateOnly _recomputeFrom = new(2019, 1, 1), _recomputeTo = new(2019, 12, 31);
    private bool _recomputeRunning;
    private string? _recomputeError;
    private OperationSnapshot? _recomputeOp;

    private readonly CancellationTokenSource _gone = new();

    private string ActiveTab => DataPageModel.Tab(QueryTab);

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // The page's policy is Monitoring: raw packets, quarantine and imports are not public data.

        _quarantine = await Service.PacketsAsync(PacketStatus.Quarantined);
        _packets = await Service.PacketsAsync(PacketStatus.Accepted);
        _imports = await Service.ImportsAsync();
        _airSites = await Service.AirSitesAsync();
        _recomputeSite = _airSites.FirstOrDefault().Code;
        _evaluation = await Service.EvaluationDaysAsync();
        _sources = await DataSources.SourcesAsync();
    }

    /// <summary>The arrival warning of a flagged import in the UI culture (issue 22).</summary>
    private static string FlagText(SmartEnv.Imports.ImportSourceFlag f) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? f.Warning : f.WarningEn;

    private void OnTabChanged(string key)
    {
        if (key != ActiveTab) Nav.NavigateTo(Nav.GetUriWithQueryParameter("tab", DataPageModel.TabQuery(key)), replace: true);
    }

    /// <summary>Retry button of a failed day: recompute now, then show the states again.</summary>
    private async Task RetryAsync(EvaluationDayRow row)
    {
        await Service.RetryDayAsync(row.SiteId, row.Day, actor: await AuditActors.ForUiAsync(AuthState, Access));
        _evaluation = await Service.EvaluationDaysAsync();
    }

    private void FileChosen(InputFileChangeEventArgs e)
    {
        _file = e.File;
        _uploadError = null;
    }

    /// <summary>Copies the chosen file to a temporary directory (showing upload progress), then starts the import in the
    /// operation registry and follows its progress until it ends.</summary>
    private async Task StartImportAsync()
    {
        if (_file is null || _importRunning) return;
        _importRunning = true;
        _uploadError = null;
        _importOp = null;
        StagedUpload? upload = null;
        try
        {
            _uploading = true;
            _uploadPercent = 0;
            upload = await DataPageModel.StageUploadAsync(_file, p =>
            {
                _uploadPercent = p;
                StateHasChanged();
            }, _gone.Token);
            _uploading = false;
            _importOp = Ops.StartImport(_format, upload.Path, upload.Name, upload.Directory, actor: await AuditActors.ForUiAsync(AuthState, Access), replace: _replace,
                source: _source.Length == 0 ? null : _source);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ArgumentException)
        {
            _uploading = false;
            _importRunning = false;
            _uploadError = ex.Message;
            if (upload is not null) try { Directory.Delete(upload.Directory, true); } catch (IOException) { } // the import did not start
            return;
        }
        await FollowAsync(_importOp.Id, s => _importOp = s);
        _importRunning = false;
        if (_gone.IsCancellationRequested) return; // page closed: the import goes on in the registry
        if (_importOp?.Import is { } summary) await ShowReportAsync(summary.ImportLogId);
        _imports = await Service.ImportsAsync();
    }

    private async Task StartRecomputeAsync()
    {
        if (_recomputeRunning || string.IsNullOrEmpty(_recomputeSite)) return;
        _recomputeError = DataPageModel.RecomputeRangeError(_recomputeFrom, _recomputeTo, Time.GetUtcNow());
        if (_recomputeError is not null) return;
        var site = await Service.SiteIdAsync(_recomputeSite);
        if (site is null) return;
        _recomputeRunning = true;
        _recomputeOp = Ops.StartRecompute(site.Value, _recomputeSite, _recomputeFrom, _recomputeTo, await AuditActors.ForUiAsync(AuthState, Access));
        await FollowAsync(_recomputeOp.Id, s => _recomputeOp = s);
        _recomputeRunning = false;
    }

    /// <summary>Polls the registry every 250 ms and re-renders until the operation has ended.</summary>
    private async Task FollowAsync(string id, Action<OperationSnapshot> set)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_gone.Token))
            {
                if (Ops.Get(id) is not { } s) return;
                set(s);
                StateHasChanged();
                if (s.FinishedAt is not null) return;
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task ShowReportAsync(long id) => _report = await Service.ImportReportAsync(id);

    /// <summary>Stops following operations (they go on in the registry).</summary>
    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
        GC.SuppressFinalize(this);
    }
}
