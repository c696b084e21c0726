using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Construction;

/// <summary>The district ranking of a month (<c>/construction/ranking?month=yyyy-MM</c>, policy <c>StaffRead</c>) bound from
/// <see cref="ConstructionUiService.RankingAsync"/>; an unreadable month shows the current one.</summary>
public partial class ConstructionRanking
{
    [Inject] private ConstructionUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "month")] private string? Month { get; set; }

    private IReadOnlyList<ConstructionRankingView>? _rows;
    private string _month = "";

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _rows = null;
        DateOnly? month = DateOnly.TryParseExact((Month ?? "") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : null;
        var (rows, first) = await Service.RankingAsync(month);
        (_rows, _month) = (rows, first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    private void Go(string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("month", string.IsNullOrWhiteSpace(value) ? null : value.Trim()), replace: true);
}
