using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Enterprises;

/// <summary>
/// 一企一档 file (<c>/enterprises/{uscc}?tab=basic|permit|monitoring|exceedances|totals|reports|hw|inspections|complaints|credit|emergency</c>,
/// policy <c>EnterpriseOrStaff</c>): one enterprise's tabs bound from <see cref="EnterpriseFileView"/> of
/// <see cref="EnterpriseFileService"/>, read through the account's scoped context — another enterprise's file (or an
/// unknown code) shows 「未找到」 and nothing of it, as the API's 404. The tab lives in the address.
/// </summary>
public partial class EnterpriseFile
{
    [Inject] private EnterpriseFileService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    /// <summary>统一社会信用代码 from the route.</summary>
    [Parameter] public string Uscc { get; set; } = "";

    [SupplyParameterFromQuery(Name = "tab")] private string? QueryTab { get; set; }

    /// <summary>The tab keys in order (the five slots last).</summary>
    public static IReadOnlyList<string> Tabs { get; } = ["basic", "permit", "monitoring", "exceedances", "totals", "reports", .. EnterpriseFileSlots.Keys];

    private EnterpriseFileView? _file;
    private bool _loaded;
    private string? _series;
    private string? _loadedFor;

    private string ActiveTab => QueryTab is { } t && Tabs.Contains(t) ? t : "basic";

    /// <summary>The selected trend series: the one chosen, else the first with a permit limit, else the first.</summary>
    private TrendSeries? Selected => _file is null || _file.Trend.Count == 0 ? null
        : _file.Trend.FirstOrDefault(s => s.Key == _series) ?? _file.Trend.FirstOrDefault(s => s.Limit is not null) ?? _file.Trend[0];

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Uscc) return; // a tab change keeps the loaded file
        _file = await Service.FileAsync(Uscc);
        _loadedFor = Uscc;
        _loaded = true;
    }

    private void OnTabChanged(string key)
    {
        if (key != ActiveTab) Nav.NavigateTo(Nav.GetUriWithQueryParameter("tab", key), replace: true);
    }

    private static string Number(decimal? v) => v is { } d ? d.ToString(CultureInfo.InvariantCulture) : "";
}
