using System.Globalization;

namespace SmartEnv.Verifications.Files;

/// <summary>Human-readable summary of a report (CLI output), zh-CN or English. Pure; thread-safe.</summary>
public static class VerificationText
{
    /// <summary>The summary lines: rows, match rate, then one line per finding.</summary>
    /// <param name="report">The report.</param>
    /// <param name="english">English instead of zh-CN.</param>
    public static IEnumerable<string> Lines(VerificationReport report, bool english = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rate = report.MatchRate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + " %" : "—";
        if (report.Message is { } m) yield return english ? m : m == VerificationService.NothingToVerify ? "文件中没有可核验的发布值" : m;
        yield return english
            ? $"{report.Domain}: {report.Rows} rows read, {report.Compared} compared, {report.Matched} match ({rate}), {report.Mismatches.Count} mismatches, {report.Findings.Count} findings"
            : $"{Domain(report.Domain)}：读取 {report.Rows} 行，核验 {report.Compared} 行，一致 {report.Matched} 行（{rate}），不一致 {report.Mismatches.Count} 行，发现 {report.Findings.Count} 条";
        foreach (var f in report.Findings) yield return $"- [{f.Cause}] {(english ? f.SummaryEn : f.Summary)}";
    }

    /// <summary>The zh-CN name of a domain.</summary>
    /// <param name="domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
    public static string Domain(string domain) => domain switch { "air" => "空气", "water" => "地表水", "noise" => "噪声", _ => domain };
}
