using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using SmartEnv.Accounts;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Complaints;

/// <summary>
/// 我要投诉 (<c>/complaint</c>, anonymous; phone-first, works in a 390×844 window): what happened (with a character
/// counter of <see cref="SmartEnv.Supervision.Complaints.ComplaintRules.TextMaxChars"/>), where (address; street/town of
/// the 12 or 「自动识别」 from the address; an optional point from 「使用当前位置」 — the browser's geolocation, asked only on
/// the button — or a click on the 江北区 outline), when, pollution types grouped by top type, the reported unit if known,
/// up to 4 photos (<c>accept="image/*"</c>; read through <see cref="InputFile"/> with the size cap, then verified and
/// re-encoded by the intake), contact with an explicit 「匿名」, and the privacy note. Submitting shows the case number and
/// the query code once. For enforcement users the same form is the staff entry of phone, letter, visit and 转办 cases
/// (channel, urgency, USCC, reference). Binds <see cref="ComplaintForm"/>; submits through <see cref="ComplaintsUiService"/>.
/// </summary>
public partial class ComplaintNew : IAsyncDisposable
{
    [Inject] private ComplaintsUiService Service { get; set; } = null!;
    [Inject] private GeoData Geo { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [CascadingParameter] private UiAccess? Access { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private ComplaintForm _form = new();
    private readonly List<ComplaintFormPhoto> _photos = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private ComplaintReceipt? _receipt;
    private DistrictOutline? _outline;
    private IJSObjectReference? _module;
    private string? _locateMessage;
    private string _maxWhen = "";
    private bool _busy, _reading, _locating;

    /// <summary>True when an enforcement user enters a case (the staff fields are shown).</summary>
    private bool IsStaffEntry => Access?.Allows(SmartEnvPolicies.Enforcement) == true;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _outline = DistrictOutline.Of(Geo.Rings);
        _maxWhen = BeijingTime.Local(Time.GetUtcNow()).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
    }

    private string? Error(string key) => _errors.TryGetValue(key, out var m) ? m : null;

    private RenderFragment FieldError(string key) => builder =>
    {
        if (Error(key) is not { } m) return;
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "se-cf-error");
        builder.AddAttribute(2, "role", "alert");
        builder.AddAttribute(3, "data-testid", "err-" + key);
        builder.AddContent(4, m);
        builder.CloseElement();
    };

    private static string Px(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private void Toggle(string code, bool on)
    {
        if (on) _form.Types.Add(code);
        else _form.Types.Remove(code);
    }

    private void MapClicked(MouseEventArgs e)
    {
        if (_outline?.FromPixel(e.OffsetX, e.OffsetY) is not { } p) return;
        (_form.Latitude, _form.Longitude, _form.LocationSource) = (p.Latitude, p.Longitude, "map");
        _locateMessage = null;
    }

    private void ClearLocation()
    {
        (_form.Latitude, _form.Longitude, _form.LocationSource) = (null, null, null);
        _locateMessage = null;
    }

    /// <summary>What <c>js/complaint-location.js</c> <c>locate</c> resolves to.</summary>
    private sealed record GeoAnswer(bool Ok, double? Latitude, double? Longitude, double? Accuracy, string? Error);

    private async Task LocateAsync()
    {
        _locating = true;
        _locateMessage = Texts.Complaints.Locating;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "/js/complaint-location.js");
            var a = await _module.InvokeAsync<GeoAnswer>("locate", 15000);
            if (a.Ok && a.Latitude is { } lat && a.Longitude is { } lon)
            {
                (_form.Latitude, _form.Longitude, _form.LocationSource) = (Math.Round(lat, 6), Math.Round(lon, 6), "gps");
                var inside = _outline is null || (lat >= _outline.South && lat <= _outline.North && lon >= _outline.West && lon <= _outline.East);
                _locateMessage = inside ? Texts.Complaints.LocatedAccuracy((int)Math.Round(a.Accuracy ?? 0)) : Texts.Complaints.LocatedOutside;
            }
            else _locateMessage = a.Error == "denied" ? Texts.Complaints.LocateDenied : Texts.Complaints.LocateFailed;
        }
        catch (JSException)
        {
            _locateMessage = Texts.Complaints.LocateFailed;
        }
        finally
        {
            _locating = false;
        }
    }

    private async Task PhotosChosen(InputFileChangeEventArgs e)
    {
        var rules = ComplaintsUiService.Rules;
        var errors = new Dictionary<string, string>(_errors);
        errors.Remove("photos");
        if (_photos.Count + e.FileCount > rules.PhotosMax)
        {
            errors["photos"] = Texts.Complaints.ErrPhotosMany(rules.PhotosMax);
            _errors = errors;
            return;
        }
        _reading = true;
        try
        {
            foreach (var f in e.GetMultipleFiles(rules.PhotosMax))
            {
                if (f.Size > rules.PhotoMaxBytes)
                {
                    errors["photos"] = Texts.Complaints.ErrPhotoLarge(f.Name, rules.PhotoMaxBytes / (1024 * 1024));
                    continue;
                }
                if (!f.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
                {
                    errors["photos"] = Texts.Complaints.ErrPhotoNotImage(f.Name);
                    continue;
                }
                using var ms = new MemoryStream();
                await using (var s = f.OpenReadStream(rules.PhotoMaxBytes)) await s.CopyToAsync(ms);
                _photos.Add(new ComplaintFormPhoto(f.Name, ms.ToArray()));
            }
        }
        catch (IOException)
        {
            errors["photos"] = Texts.Complaints.ErrPhotoRead;
        }
        finally
        {
            _reading = false;
            _errors = errors;
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        try
        {
            var actor = await AuditActors.ForUiAsync(AuthState, Access);
            var result = await Service.SubmitAsync(_form, _photos, actor, IsStaffEntry);
            _errors = result.Errors;
            _receipt = result.Receipt;
            if (_receipt is not null)
            {
                _form = new ComplaintForm(); // the typed text (and any contact) leaves the circuit's memory
                _photos.Clear();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private void Again()
    {
        _receipt = null;
        _errors = new Dictionary<string, string>();
        _locateMessage = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try { await _module.DisposeAsync(); }
            catch (JSDisconnectedException) { }
        }
        GC.SuppressFinalize(this);
    }
}
