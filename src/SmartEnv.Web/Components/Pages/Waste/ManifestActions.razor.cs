using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Waste;

/// <summary>
/// Action buttons of one manifest for the signed-in party (移出人 提交; 承运人 确认起运 with the vehicle, 确认到达; 接受人 接受 /
/// 部分接受 / 拒收 with the quantities received and a note). Fires through <see cref="WasteService.FireAsync"/> (the
/// manifest service checks party, state and fields; every transition is an event and an audit entry) and tells the
/// parent to reload. Corrections, paper records and back-fills are API/CLI actions (they need whole line lists).
/// </summary>
public partial class ManifestActions
{
    [Inject] private WasteService Service { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The manifest and its open actions.</summary>
    [Parameter, EditorRequired] public WasteManifestRow Row { get; set; } = null!;

    /// <summary>Show one received-quantity field per line (the manifest's page); otherwise the declared quantities are received.</summary>
    [Parameter] public bool Lines { get; set; }

    /// <summary>Called after an action was recorded.</summary>
    [Parameter] public EventCallback Done { get; set; }

    private string? _vehicle;
    private string? _note;
    private readonly Dictionary<int, decimal> _received = [];
    private string? _message;
    private bool _ok;
    private bool _busy;

    private string Received(int line, decimal declared) => WasteService.Number(_received.TryGetValue(line, out var v) ? v : declared);

    private void SetReceived(int line, object? value)
    {
        if (decimal.TryParse(value?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) _received[line] = v;
    }

    private async Task FireAsync(WasteManifestAction action)
    {
        _busy = true;
        try
        {
            var actor = await SmartEnv.Web.AuditActors.ForUiAsync(AuthState, Access);
            var error = await Service.FireAsync(Row.View.Number, action, new WasteActionForm(_vehicle, _note, Lines ? _received : null), actor);
            (_ok, _message) = error is null ? (true, Texts.Waste.ActionDone(Texts.Waste.Action(action.Trigger))) : (false, Texts.Waste.ActionFailed(error));
            if (error is null) await Done.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
