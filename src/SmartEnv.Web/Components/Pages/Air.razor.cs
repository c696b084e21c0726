using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Standards.Air;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 空气 page state: station / district, period, regime and trend window, bound to the view model of
/// <see cref="AirService.ViewAsync"/> (stored figures in the regime in force; computed on demand, and labelled so, for a
/// fixed regime or the district). Holds no standards rule. One instance per circuit; not thread-safe.
/// </summary>
public partial class Air
{
    [CascadingParameter] private UiAccess? Access { get; set; }
    [SupplyParameterFromQuery(Name = "site")] private string? QuerySite { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? QueryFrom { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? QueryTo { get; set; }
    [SupplyParameterFromQuery(Name = "regime")] private string? QueryRegime { get; set; }
    [SupplyParameterFromQuery(Name = "window")] private string? QueryWindow { get; set; }

    private List<AirSiteOption>? _sites;
    private List<AirSiteOption> _options = [];
    private string _site = "";
    private DateOnly _from, _to;
    private string _regime = "auto";
    private string _window = "7d";
    private AirView? _view;
    private int _version;

    private AirAssessment? _assessment => _view?.Assessment;
    private IReadOnlyList<AirTrendPoint> _trend => _view?.Trend ?? [];
    private bool _clipped => _view?.Clipped == true;

    private AqiRegime? Regime => _regime == "auto" ? null : AqiRegime.FromId(_regime);

    private string RegimeNote => Regime is { } r ? Texts.Air.RegimeFixed(r.Id, r.Citation) : Texts.Air.RegimeByDate;

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _sites = await Service.SitesAsync(Access?.IsStaff == true);
        _options = [new AirSiteOption(AirService.DistrictCode, Texts.Air.District, _sites.Any(s => s.HasData && AirService.JiangbeiCodes.Contains(s.Code))), .. _sites];
        _site = QuerySite is { } q && _options.Any(o => o.Code == q) ? q : _sites.FirstOrDefault(s => s.HasData)?.Code ?? "";
        if (QueryRegime is { } qr && (qr == "auto" || AqiRegime.TryFromId(qr, out _))) _regime = qr;
        if (QueryWindow is "24h" or "7d" or "30d" or "all") _window = QueryWindow;
        await ResetPeriodAsync(QueryFrom, QueryTo);
    }

    private async Task ResetPeriodAsync(string? from = null, string? to = null)
    {
        if (string.IsNullOrEmpty(_site)) return;
        var latest = await Service.LatestHourEndAsync(_site);
        if (latest is null) { _view = null; return; }
        var lastDay = SmartEnv.Standards.Common.BeijingTime.NaturalDayOfHourEnd(latest.Value);
        // Query dates outside 2000…2099 are ignored (no plausible data there; 9999-12-31 would overflow the period end).
        _from = DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var f) && f.Year is >= 2000 and < 2100 ? f : new DateOnly(lastDay.Year, 1, 1);
        _to = DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var t) && t.Year is >= 2000 and < 2100 ? t : new DateOnly(lastDay.Year, 12, 31);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_to < _from) (_from, _to) = (_to, _from);
        // Days after today are not assessed (never counted as invalid days): the view is null before the period begins.
        _view = await Service.ViewAsync(_site, _from, _to, Regime, _window);
        _version++;
        if (_view is null) return;
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["site"] = _site, ["from"] = Display.Date(_from), ["to"] = Display.Date(_to), ["regime"] = _regime, ["window"] = _window,
        }), replace: true);
    }

    private string SiteLabel(AirSiteOption s) => s.Name + (s.Code == AirService.DistrictCode ? "" : " · " + s.Code) + (s.HasData ? "" : Texts.Air.NoDataSuffix);

    /// <summary>The station box's text: a listed label, a code, or a part of one that names exactly one station.</summary>
    private async Task OnSiteTextAsync(ChangeEventArgs e)
    {
        if (AirSiteOption.Match(_options, e.Value?.ToString() ?? "", SiteLabel) is { } o) await OnSiteChanged(o.Code);
        else StateHasChanged(); // no single match: the box shows the current station again
    }

    private async Task OnSiteChanged(string code)
    {
        _site = code;
        await ResetPeriodAsync();
    }

    private async Task OnRegimeChanged(string regime)
    {
        _regime = regime;
        await LoadAsync();
    }

    private async Task OnWindowChanged(string window)
    {
        _window = window;
        await LoadAsync();
    }

    private async Task SetDate(ChangeEventArgs e, bool isFrom)
    {
        if (!DateOnly.TryParse(e.Value?.ToString(), CultureInfo.InvariantCulture, out var d)) return;
        if (isFrom) _from = d; else _to = d;
        await LoadAsync();
    }

    private static string Reason(DayExclusion e) => Display.Exclusion(e);
}
