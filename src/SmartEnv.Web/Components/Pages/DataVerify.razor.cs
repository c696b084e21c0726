using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using SmartEnv.Imports.DataSources;
using SmartEnv.Verifications;
using SmartEnv.Verifications.Files;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// The 核验 tab of the 数据 page (issue 22; shown inside <see cref="Data"/>, whose policy is Monitoring — the policy of
/// <c>POST /api/verify/{domain}</c>): upload, run through <see cref="VerifyUiService.Run"/>, the report, and "attach to a
/// source" per finding through <see cref="VerifyUiService.AttachAsync"/>. Holds only state and event handlers.
/// </summary>
public partial class DataVerify : IDisposable
{
    /// <summary>Most files one run takes.</summary>
    private const int MaxFiles = 10;

    [Inject] private VerifyUiService Verify { get; set; } = null!;
    [Inject] private DataSourcesUiService DataSources { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>? AuthState { get; set; }

    private readonly VerifyForm _form = new();
    private IReadOnlyList<IBrowserFile> _files = [];
    private bool _running;
    private VerifyOutcome? _outcome;
    private IReadOnlyList<DataSourceView> _sources = [];
    private readonly Dictionary<int, long> _attached = [];
    private int? _attachOpen;
    private string? _attachSource, _attachNote, _attachError;
    private readonly CancellationTokenSource _gone = new();

    /// <inheritdoc />
    protected override async Task OnInitializedAsync() => _sources = await DataSources.SourcesAsync();

    private void DomainChanged(ChangeEventArgs e)
    {
        _form.Domain = e.Value?.ToString() ?? "air";
        _form.Format = VerifyUiService.Formats(_form.Domain).FirstOrDefault() ?? "csv";
        _form.Regime = null;
    }

    private void FilesChosen(InputFileChangeEventArgs e) => _files = e.GetMultipleFiles(MaxFiles);

    /// <summary>Stages the files (the import size limit), runs the verification, deletes the copies.</summary>
    private async Task RunAsync()
    {
        if (_files.Count == 0 || _running) return;
        (_running, _outcome, _attachOpen, _attachError) = (true, null, null, null);
        _attached.Clear();
        var staged = new List<StagedUpload>();
        try
        {
            foreach (var f in _files) staged.Add(await DataPageModel.StageUploadAsync(f, _ => { }, _gone.Token));
            var inputs = staged.Select(s => new VerificationInput(s.Name, () => File.OpenRead(s.Path))).ToList();
            _outcome = await Task.Run(() => VerifyUiService.Run(_form, inputs), _gone.Token);
        }
        catch (IOException ex) { _outcome = new VerifyOutcome(null, [], "", Texts.Verify.TooLarge(DataPageModel.MaxUploadMb), ex.Message); }
        finally
        {
            foreach (var s in staged) try { Directory.Delete(s.Directory, true); } catch (IOException) { }
            _running = false;
        }
    }

    private void OpenAttach(int index) => (_attachOpen, _attachSource, _attachNote, _attachError) = (index, _sources.FirstOrDefault()?.Key, null, null);

    private async Task AttachAsync(int index, VerificationFinding f)
    {
        var (view, error) = await Verify.AttachAsync(_attachSource, f, _attachNote, await AuditActors.ForUiAsync(AuthState, Access));
        if (view is null) { _attachError = error; return; }
        _attached[index] = view.Id;
        _attachOpen = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gone.Cancel();
        _gone.Dispose();
        GC.SuppressFinalize(this);
    }
}
