using SmartEnv.Accounts;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Contracts;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 审计日志 page (admin only): the audit trail newest first, filtered by actor, target type and id and a Beijing date range,
/// 50 entries a page, Excel/CSV export of the filtered list, and a status line saying whether the SHA-256 chain is
/// intact (re-verified on each visit). Binds <see cref="AuditPageDto"/> and <see cref="AuditVerifyDto"/> from
/// <see cref="AuditService"/>.
/// </summary>
public partial class Audit
{
    private const int PageSize = 50;

    [Inject] private AuditService Service { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }

    private AuditPageDto? _page;
    private AuditVerifyDto? _verify;
    private string _actor = "";
    private string _targetType = "";
    private string _targetId = "";
    private DateOnly? _from;
    private DateOnly? _to;

    private int Pages => _page is null ? 1 : Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    private string ChainLine => _verify switch
    {
        null => "",
        { Intact: true, HeadSeq: null } => Texts.Audit.IntactEmpty,
        { Intact: true } v => Texts.Audit.Intact(v.Entries, v.HeadSeq!.Value),
        var v => Texts.Audit.Broken(v.BrokenSeq!.Value, v.BrokenId!.Value, Texts.Audit.Break(v.BreakKind!.Value)),
    };

    private static string Json(JsonElement? e) => e is { } j ? j.GetRawText() : "";

    private string ExportUrl(string ext) =>
        $"/ui/export/audit.{ext}?actor={Uri.EscapeDataString(_actor)}&target_type={Uri.EscapeDataString(_targetType)}&target_id={Uri.EscapeDataString(_targetId)}"
        + (_from is { } f ? $"&from={f:yyyy-MM-dd}" : "") + (_to is { } t ? $"&to={t:yyyy-MM-dd}" : "");

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        if (Access?.Allows(SmartEnvPolicies.Admin) != true) return; // the audit trail is for admins
        _verify = await Service.VerifyAsync();
        await GoAsync(1);
    }

    private Task SearchAsync() => GoAsync(1);

    private async Task GoAsync(int page) =>
        _page = await Service.PageAsync(AuditExports.Query(_actor, _targetType, _targetId, null, _from, _to, Math.Max(1, page), PageSize));
}
