using Microsoft.AspNetCore.Components;
using SmartEnv.Web.Ui;
using Vizor.ECharts;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;
using SmartEnv.Supervision.District;

namespace SmartEnv.Web.Components.Pages.Complaints;

/// <summary>
/// 投诉统计月报 (<c>/complaints/stats?month=yyyy-MM</c>, policy <c>StaffRead</c>): the month's bulletin tables as computed
/// once by <see cref="ComplaintsUiService.BulletinAsync"/> (BulletinTally), each shown with its bar chart; labels in the UI
/// language.
/// </summary>
public partial class ComplaintStats
{
    [Inject] private ComplaintsUiService Service { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "month")] private string? Month { get; set; }

    private BulletinReport? _report;
    private string _month = "";
    private string? _error;

    /// <summary>One bulletin table as shown: key, title, first column, rows (label, count, share; type rows with their changes).</summary>
    private sealed record Table(string Key, string Title, string Column, bool Rotate, IReadOnlyList<Row> Rows);

    private sealed record Row(string Key, string Label, int Count, decimal? Share, TypeRow? Type = null);

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        (_report, _error) = (null, null);
        var (report, month, error) = await Service.BulletinAsync(Month);
        (_report, _month, _error) = (report, month, error);
    }

    private static string Rate(TallyRate r) => $"{ComplaintsUiService.Percent(r.Value)}（{r.Numerator}/{r.Denominator}）";

    private static IEnumerable<Table> Tables(BulletinReport r)
    {
        yield return new("channel", Texts.Complaints.StatsSheetChannel, Texts.Complaints.StatsColChannel, false,
            r.ByChannel.Select(x => new Row(x.Key, Enum.TryParse<ComplaintChannel>(x.Key, out var c) ? Texts.Complaints.StatsChannel(c) : x.Key, x.Count, x.Share)).ToList());
        yield return new("type", Texts.Complaints.StatsSheetType, Texts.Complaints.StatsColType, true,
            r.ByType.Select(x => new Row(x.Code, (x.Parent is null ? "" : "— ") + ComplaintsUiService.TypeName(x.Code), x.Count, x.Share, x)).ToList());
        yield return new("street", Texts.Complaints.StatsSheetStreet, Texts.Complaints.StatsColStreet, true,
            r.ByStreet.Select(x => new Row(x.Key, DistrictStreets.Find(x.Key)?.Name ?? Texts.Complaints.StatsUnlocated, x.Count, x.Share)).ToList());
        yield return new("industry", Texts.Complaints.StatsSheetIndustry, Texts.Complaints.StatsColSection, true,
            r.ByIndustry.Select(x => new Row(x.Key, x.Key == BulletinTally.None ? Texts.Complaints.StatsNoIndustry : IndustryName(x.Key), x.Count, x.Share)).ToList());
        yield return new("status", Texts.Complaints.StatsSheetStatus, Texts.Complaints.StatsColStatus, true,
            r.ByStatus.Select(x => new Row(x.Key, Enum.TryParse<BulletinStatus>(x.Key, out var s) ? Texts.Complaints.StatsStatus(s) : x.Key, x.Count, x.Share)).ToList());
    }

    private static string IndustryName(string section)
    {
        try { return SmartEnvUi.IsChinese ? IndustrySections.NameZh(section) : section + " " + IndustrySections.NameZh(section); }
        catch (ArgumentException) { return section; }
    }

    private void Go(string? value) =>
        Nav.NavigateTo(Nav.GetUriWithQueryParameter("month", string.IsNullOrWhiteSpace(value) ? null : value.Trim()), replace: true);
}
