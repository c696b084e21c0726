using SmartEnv.Web.Components.Pages.Construction;

namespace SmartEnv.Web.Tests;

/// <summary>Tester finding (issue 20): <c>/construction/ranking?month=2026-13</c> or <c>month=abc</c> showed the current
/// month with no error while <c>GET /api/construction/ranking</c> answers 400. The page's month rule
/// (<see cref="ConstructionRanking.TryReadMonth"/>) now refuses an unreadable month, so the page shows <c>MonthInvalid</c>
/// (<c>data-testid="ranking-month-error"</c>); a readable month or none is no error. (Pages render without prerendering, so
/// the HTML of a GET carries no page content; the rule is tested here.)</summary>
public sealed class ConstructionRankingPageTests
{
    [Theory]
    [InlineData("2026-13", false, null)] // month 13: just above 12
    [InlineData("2026-00", false, null)] // month 0: just below 1
    [InlineData("abc", false, null)]
    [InlineData("2026-12", true, "2026-12-01")] // at the upper bound
    [InlineData("2026-01", true, "2026-01-01")] // at the lower bound
    [InlineData(" 2026-05 ", true, "2026-05-01")]
    [InlineData("", true, null)] // none: the current month
    [InlineData(null, true, null)]
    public void An_unreadable_month_is_refused(string? text, bool ok, string? first)
    {
        Assert.Equal(ok, ConstructionRanking.TryReadMonth(text, out var month));
        Assert.Equal(first, month?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_page_shows_the_error_text()
    {
        Assert.False(string.IsNullOrWhiteSpace(SmartEnv.Web.Ui.Texts.Construction.MonthInvalid));
        var razor = File.ReadAllText(Path.Combine(RepoRoot(), "src/SmartEnv.Web/Components/Pages/Construction/ConstructionRanking.razor"));
        Assert.Contains("data-testid=\"ranking-month-error\">@Texts.Construction.MonthInvalid<", razor);
    }

    private static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "SmartEnv.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
