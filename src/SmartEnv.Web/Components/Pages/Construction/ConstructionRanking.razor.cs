using System.Globalization;
using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Components.Pages.Construction;

/// <summary>The district ranking of a month (<c>/construction/ranking?month=yyyy-MM</c>, policy <c>StaffRead</c>) bound from
/// <see cref="ConstructionUiService.RankingAsync"/>; no month shows the current one; an unreadable month (<c>2026-13</c>,
/// <c>abc</c>) shows the error <c>MonthInvalid</c> and no ranking, as <c>GET /api/construction/ranking</c> answers 400.</summary>
public partial class ConstructionRanking
{
    [Inject] private ConstructionUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "month")] private string? Month { get; set; }

    private IReadOnlyList<ConstructionRankingView>? _rows;
    private string _month = "";
    private bool _invalid;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        (_rows, _invalid) = (null, false);
        if (!TryReadMonth(Month, out var month))
        {
            (_invalid, _month, _rows) = (true, Month!.Trim(), []);
            return;
        }
        var (rows, first) = await Service.RankingAsync(month);
        (_rows, _month) = (rows, first.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the <c>?month=</c> text: empty or missing = the current month (<paramref name="month"/> null, true);
    /// <c>yyyy-MM</c> with month 01–12 = its first day; anything else (<c>2026-13</c>, <c>2026-00</c>, <c>abc</c>) = false,
    /// the page shows <c>MonthInvalid</c> as the API answers 400. Pure; thread-safe.</summary>
    /// <param name="text">Query text.</param>
    /// <param name="month">First day of the month, or null for the current one.</param>
    public static bool TryReadMonth(string? text, out DateOnly? month)
    {
        month = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)) return false;
        month = m;
        return true;
    }

    private void Go(string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("month", string.IsNullOrWhiteSpace(value) ? null : value.Trim()), replace: true);
}
