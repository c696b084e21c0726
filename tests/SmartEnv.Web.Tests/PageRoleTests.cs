using System.Text.RegularExpressions;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// "Blazor by role" (issue #12 point 6, docs/ui.md "Pages, view models and texts"): a page (its <c>.razor</c> and its
/// code-behind <c>.razor.cs</c> under <c>src/SmartEnv.Web/Components</c>) lays out view models bound from a service; it
/// decides no standards rule — no call into an evaluation type of <c>SmartEnv.Standards</c> or an evaluator of the
/// pipeline —, keeps a <c>@code</c> block of at most 30 lines (longer code goes to the code-behind partial class) and reads
/// texts only through the typed <c>Texts.Area.Key</c> members. Source scan; pure.
/// </summary>
public sealed partial class PageRoleTests
{
    private static readonly string Components = Path.Combine(RepoPaths.Root, "src", "SmartEnv.Web", "Components");

    /// <summary>Evaluation entry points: a page that calls one of these (<c>Type.Member</c>) is applying a standard itself.
    /// Result and table-row types a view model carries (AqiResult, AirAssessment, WaterClass, NoisePeriodLevel…) and the
    /// AQI level table for a legend (<c>AqiCategory.Levels</c>) are not decisions and are allowed.</summary>
    private static readonly string[] Evaluation =
    [
        "Hj663Assessment", "AqiCalculator", "AirAveraging", "CompositeIndex", "IndicatorStatistics", "Percentile", "BreakpointTable",
        "WaterClassifier", "WaterBasinEvaluation", "WaterRatios", "Gb3838Table1", "Gb3095", "Gb3096", "Gb12348", "Gb12523",
        "NoiseCompliance", "NoiseDayEvaluation", "NoiseLimits", "NoiseBackground", "NoiseDayNight", "NoiseLevels",
        "DataFlagRule", "DataTimePlausibility", "BackgroundCorrection",
        "AirEvaluator", "WaterEvaluator", "NoiseEvaluator", "IndicatorStatusEvaluator", "ProjectTracking", "AlertEpisodes",
        // issue 16 (SmartEnv.Supervision / Compliance): permit deadlines, report schedules, hourly judgement, rates, totals,
        // projections and the explanation workflow are decided in their services, never on a page (一企一档 binds results).
        "PermitDeadlines", "ExecutionReportSchedule", "PermitNumber", "OxygenReference", "HourJudge", "Exceedance", "TransmissionRates",
        "EmissionTotals", "RunRate", "ExplanationWorkflow", "SourceEvaluator",
        // issue 20 (Supervision / Emergency): event levels and reporting deadlines are decided in EmergencyService.
        "EventLevels", "EventReporting",
    ];

    private static readonly Regex EvaluationCall = new(
        $@"(?<![.\w])(?:{string.Join('|', Evaluation)})\s*\.|(?<![.\w])AqiCategory\s*\.\s*ForAqi\b|\.ToQuality\s*\(", RegexOptions.CultureInvariant);

    private static IEnumerable<string> PageFiles() => Directory.GetFiles(Components, "*.razor", SearchOption.AllDirectories)
        .Concat(Directory.GetFiles(Components, "*.razor.cs", SearchOption.AllDirectories)).Order(StringComparer.Ordinal);

    private static string Rel(string path) => Path.GetRelativePath(Components, path).Replace('\\', '/');

    [Fact]
    public void No_page_calls_a_standards_evaluation()
    {
        var found = new List<string>();
        foreach (var f in PageFiles())
            foreach (Match m in EvaluationCall.Matches(File.ReadAllText(f)))
                found.Add($"{Rel(f)}: {m.Value}");
        Assert.True(found.Count == 0, "pages call standards rules (move them into the page's service):\n" + string.Join('\n', found));
    }

    [Fact]
    public void The_scan_finds_a_rule_call_in_page_source()
    {
        // The scanner itself, on hand-written page text: a decision is found, a result type and a text key are not.
        Assert.Single(EvaluationCall.Matches("@(Hj663Assessment.Assess(days, regime).GoodDays)"));
        Assert.Single(EvaluationCall.Matches("var q = c.ToQuality();"));
        Assert.Single(EvaluationCall.Matches("AqiCategory.ForAqi(120)"));
        Assert.Empty(EvaluationCall.Matches("@Texts.Common.Percentile · @a.Composite?.Value · AqiCategory.Levels[i] · NoiseDayAssessment? x"));
    }

    [Fact]
    public void Code_blocks_are_at_most_30_lines()
    {
        var found = new List<string>();
        foreach (var f in Directory.GetFiles(Components, "*.razor", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(f);
            var start = Array.FindIndex(lines, l => l.StartsWith("@code", StringComparison.Ordinal));
            if (start < 0) continue;
            var length = lines.Length - start - 2; // between "@code {" and the closing "}"
            if (length > 30) found.Add($"{Rel(f)}: @code of {length} lines");
        }
        Assert.True(found.Count == 0, "move long @code blocks to a code-behind Page.razor.cs:\n" + string.Join('\n', found));
    }

    [Fact]
    public void Pages_read_texts_through_typed_members_only()
    {
        var web = Path.Combine(RepoPaths.Root, "src", "SmartEnv.Web");
        var files = Directory.GetFiles(web, "*.razor", SearchOption.AllDirectories).Concat(Directory.GetFiles(web, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var found = files.SelectMany(f => File.ReadLines(f).Select((l, i) => (f, i, l)))
            .Where(x => StringKeyed().IsMatch(x.l)).Select(x => $"{Path.GetRelativePath(web, x.f)}:{x.i + 1}: {x.l.Trim()}").ToList();
        Assert.True(found.Count == 0, "string-keyed texts (run Resources/Ui/convert_keys.py):\n" + string.Join('\n', found));
    }

    [GeneratedRegex(@"(?<![\w.])T\[""|UiText\.Get\(|IStringLocalizer")]
    private static partial Regex StringKeyed();
}
