using System.Globalization;
using MiniExcelLibs;

namespace SmartEnv.Verifications.Files;

/// <summary>
/// The Excel report of a verification (MiniExcel): sheets 概要 (summary), 发现 (findings) and 不一致明细 (every mismatch
/// with published, ours, difference and cause); headers in zh-CN, or English with <c>english</c>. Thread-safe.
/// </summary>
public static class VerificationExcel
{
    /// <summary>Writes the workbook.</summary>
    /// <param name="output">Writable stream.</param>
    /// <param name="report">The report.</param>
    /// <param name="english">English headers and summaries.</param>
    public static void Write(Stream output, VerificationReport report, bool english = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        string T(string zh, string en) => english ? en : zh;
        static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
        var summary = new List<Dictionary<string, object?>>
        {
            Line(T("项目", "item"), T("值", "value")),
            Line(T("领域", "domain"), report.Domain),
            Line(T("标准规则", "regime"), report.Regime ?? T("按日期", "by date")),
            Line(T("读取行数", "rows read"), report.Rows),
            Line(T("核验行数", "rows compared"), report.Compared),
            Line(T("一致行数", "rows matching"), report.Matched),
            Line(T("一致率（%）", "match rate (%)"), report.MatchRate),
            Line(T("发现条数", "findings"), report.Findings.Count),
        };
        if (report.Message is { } m) summary.Add(Line(T("说明", "note"), m));
        var findings = new List<Dictionary<string, object?>>
        {
            Line(T("原因", "cause"), T("原因说明", "cause name"), T("指标", "figure"), T("起", "from"), T("止", "to"), T("站点数", "stations"), T("行数", "rows"), T("摘要", "summary")),
        };
        foreach (var f in report.Findings)
            findings.Add(Line(f.Cause, english ? VerificationCauses.En(f.Cause) : VerificationCauses.Zh(f.Cause), f.Figure, Time(f.From), Time(f.To), f.Stations, f.Rows,
                english ? f.SummaryEn : f.Summary));
        var details = new List<Dictionary<string, object?>>
        {
            Line(T("站点", "station"), T("时间", "time"), T("指标", "figure"), T("发布值", "published"), T("计算值", "ours"), T("差值", "difference"),
                T("原因", "cause"), T("可解释的假设", "explaining hypotheses"), T("位置", "location")),
        };
        foreach (var x in report.Mismatches)
            details.Add(Line(x.Station, Time(x.Time), x.Figure, x.Published, x.Ours, x.Difference, x.Cause, string.Join(";", x.Explaining), x.Location));
        var sheets = new Dictionary<string, object> { ["概要"] = summary, ["发现"] = findings, ["不一致明细"] = details };
        output.SaveAs(sheets, printHeader: false);
    }

    private static Dictionary<string, object?> Line(params object?[] cells)
    {
        var d = new Dictionary<string, object?>();
        for (var i = 0; i < cells.Length; i++) d["c" + i.ToString(CultureInfo.InvariantCulture)] = cells[i];
        return d;
    }
}
