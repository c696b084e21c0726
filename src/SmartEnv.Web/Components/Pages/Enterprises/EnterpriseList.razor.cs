using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Enterprises;

/// <summary>
/// 一企一档 list (<c>/enterprises?q=&amp;street=&amp;industry=&amp;category=&amp;page=</c>, policy
/// <c>EnterpriseOrStaff</c>): the dischargers the account may see (staff all, an enterprise user its own), searchable by
/// name/USCC, street, industry and category, 50 a page, each with its state; and the map layer of every match coloured by
/// state. Binds <see cref="EnterpriseListView"/> of <see cref="EnterpriseFileService"/>; the search lives in the address.
/// </summary>
public partial class EnterpriseList
{
    [Inject] private EnterpriseFileService Service { get; set; } = null!;
    [Inject] private GeoData Geo { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "q")] private string? Q { get; set; }
    [SupplyParameterFromQuery(Name = "street")] private string? Street { get; set; }
    [SupplyParameterFromQuery(Name = "industry")] private string? Industry { get; set; }
    [SupplyParameterFromQuery(Name = "category")] private string? Category { get; set; }
    [SupplyParameterFromQuery(Name = "page")] private int? PageNumber { get; set; }

    private EnterpriseListView? _view;
    private EnterpriseMapModel? _map;
    private int _version;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _view = await Service.ListAsync(new EnterpriseListQuery(Q, Street, Industry, Category, PageNumber ?? 1));
        _map = Geo.Rings.Count == 0 ? null : EnterpriseMap.Build(_view.All, Geo.Rings);
        _version++;
    }

    /// <summary>A changed search field: written into the address (page back to 1), which reloads the list.</summary>
    private void Search(string name, object? value)
    {
        var text = value?.ToString()?.Trim();
        Nav.NavigateTo(Nav.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [name] = string.IsNullOrEmpty(text) ? null : text,
            ["page"] = null,
        }), replace: true);
    }

    private void Go(int page) => Nav.NavigateTo(Nav.GetUriWithQueryParameter("page", page), replace: true);
}
