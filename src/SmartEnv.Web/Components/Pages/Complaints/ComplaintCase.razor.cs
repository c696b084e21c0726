using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Complaints.Handling;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Complaints;

/// <summary>
/// One case for staff (<c>/complaints/{Number}</c>, policy <c>StaffRead</c>): every field, the reporter block only for
/// admin and enforcement (others see that it is withheld), the photos (served by the staff photo route as JPEG), the
/// deadlines with days left, the handling record, the duplicate proposals with a merge button, the event history and — for
/// enforcement users — the actions the workflow permits now as small forms (受理 / 不予受理 with the reason, 交办, 核查结果 with
/// 是否属实, 答复, 回访 with satisfaction, 结案, 复查/复核 requests and decisions) and the one extension with its approver.
/// Every action goes through <see cref="ComplaintsUiService"/> → the handling service (state, fields and version checked,
/// event and audit entry written); the page then reloads the case.
/// </summary>
public partial class ComplaintCase
{
    [Inject] private ComplaintsUiService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>Case number from the route.</summary>
    [Parameter] public string Number { get; set; } = "";

    private ComplaintCasePage? _page;
    private bool _loaded, _busy, _ok;
    private string? _message;
    private readonly Dictionary<string, ComplaintActionForm> _forms = new(StringComparer.Ordinal);

    private UiAccess Who => Access ?? UiAccess.Anonymous;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _message = null;
        _forms.Clear();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var actor = await AuditActors.ForUiAsync(AuthState, Access);
        _page = await Service.CaseAsync(Number.Trim().ToUpperInvariant(), Who, actor);
        _loaded = true;
    }

    private ComplaintActionForm FormOf(string action)
    {
        if (!_forms.TryGetValue(action, out var f)) _forms[action] = f = new ComplaintActionForm();
        return f;
    }

    private static bool CanExtend(ComplaintView v) =>
        v.State is "accepted" or "assigned" or "handling" && v.Extensions.Count == 0 && v.ExtensionDays == 0;

    private async Task RunAsync(string done, Func<SmartEnv.Storage.Audit.AuditActor, Task<string?>> act)
    {
        _busy = true;
        try
        {
            var actor = await AuditActors.ForUiAsync(AuthState, Access);
            var error = await act(actor);
            (_ok, _message) = error is null ? (true, Texts.Complaints.ActDone(done)) : (false, error);
            if (error is null)
            {
                _forms.Clear();
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private Task FireAsync(string action) =>
        RunAsync(Texts.Complaints.ActionName(action), actor => Service.FireAsync(_page!.View.Number, action, _page.View.Version, FormOf(action), Who, actor));

    private Task MergeAsync(string duplicate) =>
        RunAsync(Texts.Complaints.ActionName("merge"), actor => Service.MergeAsync(_page!.View.Number, duplicate, Who, actor));

    private Task ExtendAsync() =>
        RunAsync(Texts.Complaints.ActionName("extend"), actor => Service.ExtendAsync(_page!.View.Number, FormOf("extend"), Who, actor));
}
