using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Standards.Water;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages;

/// <summary>
/// 水 page: one page of the sections table (<see cref="WaterSectionRow"/>: latest sample, its GB 3838 class, 达标/超标,
/// per-item classes and 超标倍数, all decided by <see cref="WaterService"/>) and the class/item trend of the selected
/// section (<see cref="WaterTrend"/>). The page only lays them out. Filter, page, section, window and item are in the URL
/// (<c>?q=&amp;page=&amp;site=&amp;window=&amp;item=</c>).
/// </summary>
public partial class Water
{
    [Inject] private WaterService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    private IReadOnlyList<WaterSectionRow>? _rows;
    private string _filter = "";
    private int _page = 1, _pages = 1, _total;

    [CascadingParameter] private UiAccess? Access { get; set; }
    [SupplyParameterFromQuery(Name = "q")] private string? QueryFilter { get; set; }
    [SupplyParameterFromQuery(Name = "page")] private int? QueryPage { get; set; }
    [SupplyParameterFromQuery(Name = "site")] private string? QuerySite { get; set; }
    [SupplyParameterFromQuery(Name = "window")] private string? QueryWindow { get; set; }
    [SupplyParameterFromQuery(Name = "item")] private string? QueryItem { get; set; }

    private string _site = "";
    private string _window = "7d";
    private WaterItem _item = WaterItem.PH;
    private WaterTrend? _trend;
    private int _version;

    private string SelectedName => _rows?.FirstOrDefault(r => r.Code == _site)?.Name ?? "";

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        _filter = QueryFilter ?? "";
        await LoadPageAsync(QueryPage ?? 1);
        if (QueryWindow is { } w && WaterTrendWindows.Keys.Contains(w)) _window = w;
        if (WaterService.TryItem(QueryItem, out var it)) _item = it;
        var rows = _rows ?? [];
        _site = QuerySite is { Length: > 0 } q ? q // on another page too; the trend is empty for a section the reader may not see
            : rows.FirstOrDefault(r => r.Latest is not null)?.Code ?? rows.FirstOrDefault()?.Code ?? "";
        await LoadAsync(navigate: false);
    }

    /// <summary>Reads one page of the sections table (the filter and page are in the URL: <c>?q=&amp;page=</c>).</summary>
    private async Task LoadPageAsync(int page)
    {
        var p = await Service.PageAsync(Access?.IsStaff == true, _filter, page);
        (_rows, _total, _page, _pages) = (p.Rows, p.Total, p.Page, p.Pages);
    }

    private async Task OnFilterChanged(ChangeEventArgs e)
    {
        _filter = e.Value?.ToString() ?? "";
        await LoadPageAsync(1);
        await LoadAsync();
    }

    private async Task OnPageChanged(int page)
    {
        await LoadPageAsync(page);
        await LoadAsync();
    }

    private async Task LoadAsync(bool navigate = true)
    {
        _trend = string.IsNullOrEmpty(_site) ? null : await Service.TrendAsync(_site, WaterTrendWindows.Span(_window), Access?.IsStaff == true);
        _version++;
        if (navigate)
            Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
            {
                ["site"] = _site, ["window"] = _window, ["item"] = WaterService.ItemKey(_item),
                ["q"] = _filter.Length > 0 ? _filter : null, ["page"] = _page > 1 ? _page : null,
            }), replace: true);
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

    private async Task OnItemChanged(WaterItem item)
    {
        _item = item;
        await LoadAsync();
    }

    private static string ItemName(WaterItem item) => Display.WaterItemName(item);

    private static string Number(decimal v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>超标倍数 shown to two decimals (GB/T 8170 half-even).</summary>
    private static string Multiple(decimal m) => Display.ExceedingMultiple(m);
}
