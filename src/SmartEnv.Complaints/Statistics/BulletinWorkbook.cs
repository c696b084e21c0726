using System.Globalization;
using MiniExcelLibs;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;
using SmartEnv.Supervision.District;

namespace SmartEnv.Complaints.Statistics;

/// <summary>
/// Sheet names, headers and value names of the bulletin workbook. The job holds no UI text: the web layer builds this from
/// its texts (<c>complaints.tsv</c>, zh-CN first; <c>ComplaintStatisticsApi.Labels()</c>), and the CLI uses the same.
/// Immutable.
/// </summary>
public sealed record BulletinLabels
{
    /// <summary>Sheet 1: summary.</summary>
    public required string SheetSummary { get; init; }
    /// <summary>Sheet 2: by channel.</summary>
    public required string SheetChannel { get; init; }
    /// <summary>Sheet 3: by pollution type.</summary>
    public required string SheetType { get; init; }
    /// <summary>Sheet 4: by street.</summary>
    public required string SheetStreet { get; init; }
    /// <summary>Sheet 5: by industry section.</summary>
    public required string SheetIndustry { get; init; }
    /// <summary>Sheet 6: by status.</summary>
    public required string SheetStatus { get; init; }
    /// <summary>Header "item".</summary>
    public required string ColItem { get; init; }
    /// <summary>Header "value".</summary>
    public required string ColValue { get; init; }
    /// <summary>Header "cases".</summary>
    public required string ColCount { get; init; }
    /// <summary>Header "share (%)".</summary>
    public required string ColShare { get; init; }
    /// <summary>Header "previous month".</summary>
    public required string ColPrevMonth { get; init; }
    /// <summary>Header "same month last year".</summary>
    public required string ColLastYear { get; init; }
    /// <summary>Header "month on month (%)".</summary>
    public required string ColMoM { get; init; }
    /// <summary>Header "year on year (%)".</summary>
    public required string ColYoY { get; init; }
    /// <summary>Header "channel".</summary>
    public required string ColChannel { get; init; }
    /// <summary>Header "pollution type".</summary>
    public required string ColType { get; init; }
    /// <summary>Header "parent type".</summary>
    public required string ColParent { get; init; }
    /// <summary>Header "street".</summary>
    public required string ColStreet { get; init; }
    /// <summary>Header "industry section".</summary>
    public required string ColSection { get; init; }
    /// <summary>Header "status".</summary>
    public required string ColStatus { get; init; }
    /// <summary>Summary row: month.</summary>
    public required string Month { get; init; }
    /// <summary>Summary row: reports received.</summary>
    public required string Total { get; init; }
    /// <summary>Summary row: received the previous month.</summary>
    public required string PrevTotal { get; init; }
    /// <summary>Summary row: received the same month last year.</summary>
    public required string LastYearTotal { get; init; }
    /// <summary>Summary row: accepted.</summary>
    public required string Accepted { get; init; }
    /// <summary>Summary row: not accepted.</summary>
    public required string NotAccepted { get; init; }
    /// <summary>Summary row: closed.</summary>
    public required string Closed { get; init; }
    /// <summary>Summary row: overdue.</summary>
    public required string Overdue { get; init; }
    /// <summary>Summary row: acceptance rate (%).</summary>
    public required string AcceptanceRate { get; init; }
    /// <summary>Summary row: closure rate (%).</summary>
    public required string ClosureRate { get; init; }
    /// <summary>Summary row: verified rate (%).</summary>
    public required string TrueRate { get; init; }
    /// <summary>Summary row: satisfaction rate (%).</summary>
    public required string SatisfactionRate { get; init; }
    /// <summary>Street row 未定位.</summary>
    public required string Unlocated { get; init; }
    /// <summary>Industry row 未关联企业.</summary>
    public required string NoIndustry { get; init; }
    /// <summary>Cell text of a change or rate with a zero base ("—").</summary>
    public required string NoBase { get; init; }
    /// <summary>Note under the type table (shares may sum to more than 100 %).</summary>
    public required string ShareNote { get; init; }
    /// <summary>Note under the summary (rate definitions, merged duplicates).</summary>
    public required string RateNote { get; init; }
    /// <summary>Name of a channel.</summary>
    public required Func<ComplaintChannel, string> Channel { get; init; }
    /// <summary>Name of a status bucket.</summary>
    public required Func<BulletinStatus, string> Status { get; init; }
    /// <summary>Name of a pollution type code.</summary>
    public required Func<string, string> Type { get; init; }
}

/// <summary>
/// Writes a <see cref="BulletinReport"/> as an xlsx workbook with MiniExcel: one sheet per table (汇总, 按渠道, 按污染类型,
/// 按街道, 按行业, 按办理状态; names and headers from <see cref="BulletinLabels"/>), header in row 1. Counts are number cells;
/// shares, rates and changes are number cells in percent rounded to 0.1 (half away from zero), or the
/// <see cref="BulletinLabels.NoBase"/> text when the base is 0. Streets by name (the 12 + 未定位); industry as
/// "letter name" (<c>C 制造业</c>). Contains no reporter data (the report holds none). Thread-safe (no state).
/// </summary>
public static class BulletinWorkbook
{
    /// <summary>Writes the workbook.</summary>
    /// <param name="output">Destination stream (xlsx bytes).</param>
    /// <param name="r">The report.</param>
    /// <param name="l">Labels.</param>
    public static void Write(Stream output, BulletinReport r, BulletinLabels l)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(l);
        object Pct(decimal? v) => v is { } x ? Math.Round(x * 100, 1, MidpointRounding.AwayFromZero) : l.NoBase;

        var summary = new List<Dictionary<string, object?>>
        {
            Line(l.ColItem, l.ColValue),
            Line(l.Month, string.Create(CultureInfo.InvariantCulture, $"{r.Year:D4}-{r.Month:D2}")),
            Line(l.Total, r.Total), Line(l.PrevTotal, r.PreviousMonthTotal), Line(l.LastYearTotal, r.LastYearTotal),
            Line(l.ColMoM, Pct(r.MonthOnMonth)), Line(l.ColYoY, Pct(r.YearOnYear)),
            Line(l.Accepted, r.Accepted), Line(l.NotAccepted, r.NotAccepted), Line(l.Closed, r.Closed), Line(l.Overdue, r.Overdue),
            Line(l.AcceptanceRate, Pct(r.AcceptanceRate.Value)), Line(l.ClosureRate, Pct(r.ClosureRate.Value)),
            Line(l.TrueRate, Pct(r.TrueRate.Value)), Line(l.SatisfactionRate, Pct(r.SatisfactionRate.Value)),
            Line(l.RateNote, ""),
        };
        var channel = new List<Dictionary<string, object?>> { Line(l.ColChannel, l.ColCount, l.ColShare) };
        channel.AddRange(r.ByChannel.Select(x => Line(l.Channel(Enum.Parse<ComplaintChannel>(x.Key)), x.Count, Pct(x.Share))));
        var type = new List<Dictionary<string, object?>> { Line(l.ColType, l.ColParent, l.ColCount, l.ColShare, l.ColPrevMonth, l.ColLastYear, l.ColMoM, l.ColYoY) };
        type.AddRange(r.ByType.Select(x => Line(l.Type(x.Code), x.Parent is null ? "" : l.Type(x.Parent), x.Count, Pct(x.Share), x.PreviousMonth, x.LastYear,
            Pct(x.MonthOnMonth), Pct(x.YearOnYear))));
        type.Add(Line(l.ShareNote, "", "", "", "", "", "", ""));
        var street = new List<Dictionary<string, object?>> { Line(l.ColStreet, l.ColCount, l.ColShare) };
        street.AddRange(r.ByStreet.Select(x => Line(x.Key == BulletinTally.None ? l.Unlocated : DistrictStreets.Find(x.Key)?.Name ?? x.Key, x.Count, Pct(x.Share))));
        var industry = new List<Dictionary<string, object?>> { Line(l.ColSection, l.ColCount, l.ColShare) };
        industry.AddRange(r.ByIndustry.Select(x => Line(x.Key == BulletinTally.None ? l.NoIndustry : x.Key + " " + IndustrySections.NameZh(x.Key), x.Count, Pct(x.Share))));
        var status = new List<Dictionary<string, object?>> { Line(l.ColStatus, l.ColCount, l.ColShare) };
        status.AddRange(r.ByStatus.Select(x => Line(l.Status(Enum.Parse<BulletinStatus>(x.Key)), x.Count, Pct(x.Share))));

        var sheets = new Dictionary<string, object>
        {
            [l.SheetSummary] = summary, [l.SheetChannel] = channel, [l.SheetType] = type,
            [l.SheetStreet] = street, [l.SheetIndustry] = industry, [l.SheetStatus] = status,
        };
        output.SaveAs(sheets, printHeader: false);
    }

    /// <summary>The workbook as bytes.</summary>
    /// <param name="r">The report.</param>
    /// <param name="l">Labels.</param>
    public static byte[] ToBytes(BulletinReport r, BulletinLabels l)
    {
        using var ms = new MemoryStream();
        Write(ms, r, l);
        return ms.ToArray();
    }

    private static Dictionary<string, object?> Line(params object?[] cells)
    {
        var d = new Dictionary<string, object?>();
        for (var i = 0; i < cells.Length; i++) d["c" + i.ToString(CultureInfo.InvariantCulture)] = cells[i];
        return d;
    }
}
