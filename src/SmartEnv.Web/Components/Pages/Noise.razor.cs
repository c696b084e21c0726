using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 声 page: the noise sites with their GB 3096-2008 zone and latest day/night verdict, and the hourly Leq chart of the
/// selected site. Binds <see cref="NoiseSiteRow"/> and <see cref="NoiseHourPoint"/> from <see cref="NoiseService"/>, which
/// owns every noise rule (noise day, limits, compliance); the page only lays them out. Selection and window are in the URL
/// (<c>?site=&amp;window=24h|7d</c>).
/// </summary>
public partial class Noise
{
    [Inject] private NoiseService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [SupplyParameterFromQuery(Name = "site")] private string? QuerySite { get; set; }
    [SupplyParameterFromQuery(Name = "window")] private string? QueryWindow { get; set; }

    private List<NoiseSiteRow>? _rows;
    private string _site = "";
    private string _window = "24h";
    private List<NoiseHourPoint> _points = [];
    private int _version;

    private NoiseSiteRow? Selected => _rows?.FirstOrDefault(r => r.Code == _site);
    private string SelectedName => Selected is { } s ? s.Name : "";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _rows = await Service.SitesAsync(Access?.IsStaff == true);
        if (QueryWindow is "24h" or "7d") _window = QueryWindow;
        _site = QuerySite is { } q && _rows.Any(r => r.Code == q) ? q
            : _rows.FirstOrDefault(r => r.Latest is not null)?.Code ?? _rows.FirstOrDefault()?.Code ?? "";
        await LoadAsync(navigate: false);
    }

    private async Task LoadAsync(bool navigate = true)
    {
        _points = string.IsNullOrEmpty(_site) ? [] : await Service.ChartAsync(_site, _window == "7d" ? TimeSpan.FromDays(7) : TimeSpan.FromHours(24));
        _version++;
        if (navigate)
            Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?> { ["site"] = _site, ["window"] = _window }), replace: true);
    }

    private async Task OnSiteChanged(string code)
    {
        _site = code;
        await LoadAsync();
    }

    private async Task OnWindowChanged(string window)
    {
        _window = window;
        await LoadAsync();
    }

    private static string Db(decimal v) => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " dB(A)";

    private static string Level(SmartEnv.Standards.Noise.NoisePeriodLevel p) => p.Level is { } v ? Db(v) : Texts.Noise.TooFewHours(p.Hours, p.Required);

    private string ExportUrl(string ext) => NoiseService.ExportUrl(ext, _site, Selected?.LatestHourEnd);
}
