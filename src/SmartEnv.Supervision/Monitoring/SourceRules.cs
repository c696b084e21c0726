using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Monitoring;

/// <summary>How a data flag of an outlet's hour counts (rule file rows <c>flag.X.judged</c> / <c>flag.X.valid</c>).</summary>
/// <param name="Judged">Whether an hour with this flag is judged against the permit limit (the 2022 标记规则: data marked
/// invalid is not used to judge exceedance, online-monitoring-rates.md §3.2).</param>
/// <param name="Valid">Whether the hour counts as valid in 有效率 (online-monitoring-rates.md §2.3, §3.1: UNCONFIRMED).</param>
public sealed record FlagRule(bool Judged, bool Valid);

/// <summary>Denominator choice of a rate (online-monitoring-rates.md §2.2/§2.3: the official denominators are not
/// confirmed, so they are rule-file data).</summary>
public enum RateDenominator
{
    /// <summary>Hours expected in the period (from the outlet's expected interval, less excused hours).</summary>
    Expected,

    /// <summary>Hours received in the period.</summary>
    Received,
}

/// <summary>One row of the rule file as read: key, value, confidence and source (shown in docs/sources.md and the API).</summary>
/// <param name="Key">Rule key, e.g. <c>flag.D.valid</c>.</param>
/// <param name="Value">Value text.</param>
/// <param name="Confidence"><c>confirmed</c>, <c>partial</c>, <c>unconfirmed</c> or <c>platform</c> (a SmartEnv choice).</param>
/// <param name="Source">Where the rule comes from.</param>
public sealed record SourceRuleRow(string Key, string Value, string Confidence, string Source);

/// <summary>
/// The rules of outlet (CEMS / water online monitor) evaluation that the references leave unconfirmed or that are platform
/// choices (issue 16 plan §5), read from <c>source-rules.tsv</c> by <see cref="SourceRuleFile"/>. Every figure computed
/// with them is stored with <see cref="Version"/>. Immutable; thread-safe.
/// </summary>
/// <param name="Version">File name + ":" + the first 12 hex digits of the file's SHA-256, e.g. <c>source-rules.tsv:1a2b…</c>.</param>
/// <param name="Flags">Flag letter (upper case) → how it counts.</param>
/// <param name="UnknownFlag">How a flag outside <paramref name="Flags"/> counts.</param>
/// <param name="MissingFlag">The flag assumed for a value sent without <c>-Flag</c>.</param>
/// <param name="TransmissionDenominator">Denominator of 传输率.</param>
/// <param name="EffectivenessDenominator">Denominator of 有效率.</param>
/// <param name="ExcuseAcceptedShutdown">Whether accepted 停产 hours leave the denominators.</param>
/// <param name="PassMark">Pass mark of 有效传输率 (fraction, 0.75), shown only.</param>
/// <param name="HourMinValidMinutes">Valid minutes an hour built from minute data needs (45).</param>
/// <param name="MaxMeasuredO2">Measured O₂ (%) at or above which no reference-O₂ conversion is made (19).</param>
/// <param name="ExceedanceAveraging">Averaging of the exceedance judgement (<c>hour</c>).</param>
/// <param name="SeverityMultiples">Ascending 超标倍数 thresholds of the alert severities (0.5, 1.0).</param>
/// <param name="RunRateDays">Days of the run-rate mean (30).</param>
/// <param name="ExplanationFilingWindowDays">Days after which an explanation is flagged late (10).</param>
/// <param name="Rows">All rows as read.</param>
public sealed record SourceRules(
    string Version, IReadOnlyDictionary<string, FlagRule> Flags, FlagRule UnknownFlag, string MissingFlag,
    RateDenominator TransmissionDenominator, RateDenominator EffectivenessDenominator, bool ExcuseAcceptedShutdown,
    decimal PassMark, int HourMinValidMinutes, decimal MaxMeasuredO2, string ExceedanceAveraging,
    IReadOnlyList<decimal> SeverityMultiples, int RunRateDays, int ExplanationFilingWindowDays, IReadOnlyList<SourceRuleRow> Rows)
{
    /// <summary>How a flag counts: <see cref="MissingFlag"/> when null or empty, the <see cref="Flags"/> row of its upper-case
    /// letter, else <see cref="UnknownFlag"/>.</summary>
    /// <param name="flag">The flag as sent, or null.</param>
    public FlagRule Flag(string? flag)
    {
        var f = string.IsNullOrWhiteSpace(flag) ? MissingFlag : flag.Trim().ToUpperInvariant();
        return Flags.TryGetValue(f, out var r) ? r : UnknownFlag;
    }

    /// <summary>Severity level of an exceedance by its 超标倍数: the number of <see cref="SeverityMultiples"/> thresholds it
    /// reaches (default 0 = &lt; 0.5, 1 = &lt; 1, 2 = ≥ 1; a platform choice, plan §2.3).</summary>
    /// <param name="multiple">超标倍数 (≥ 0).</param>
    public int SeverityLevel(decimal multiple) => SeverityMultiples.Count(t => multiple >= t);

    /// <summary>Working days within which a monitoring fault of an outlet is to be fixed: row <c>fault.fix_workdays</c>
    /// (5; online-monitoring-rates.md §1, partial: 重庆 征求意见稿 2020); null when the file has no such row or its value is
    /// not a whole number ≥ 1. A count of working days (issue 17): use <see cref="FaultFixDue"/>, never calendar days.</summary>
    public int? FaultFixWorkdays =>
        Rows.FirstOrDefault(r => r.Key == "fault.fix_workdays") is { } row
        && int.TryParse(row.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    /// <summary>The last day to fix a fault reported on <paramref name="reportedOn"/>: <see cref="FaultFixWorkdays"/>
    /// working days after it (the day itself not counted) on <paramref name="calendar"/>; null without the row. Like every
    /// deadline a record carries, never refused for the calendar: a count into a year without a loaded holiday notice is
    /// <c>Provisional</c> (<see cref="Calendar.WorkdayCalendar.AddWorkdaysOrEstimate"/>; a caller that stores it keeps the
    /// flag and counts again once the notice is loaded, as the manifests do).</summary>
    /// <param name="reportedOn">Beijing day the fault was reported.</param>
    /// <param name="calendar">The working-day calendar (<see cref="Calendar.WorkdayCalendar.China"/>).</param>
    /// <returns>The due day and whether it is provisional, or null without the row.</returns>
    public (DateOnly Date, bool Provisional)? FaultFixDue(DateOnly reportedOn, Calendar.WorkdayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return FaultFixWorkdays is { } n ? calendar.AddWorkdaysOrEstimate(reportedOn, n) : null;
    }
}

/// <summary>
/// Reads <c>source-rules.tsv</c> (tab-separated <c>key value confidence source</c>, header row <c>key…</c>, <c>#</c>
/// comments, blank lines ignored). <see cref="Default"/> is the embedded file. Thread-safe.
/// </summary>
public static class SourceRuleFile
{
    /// <summary>Name of the embedded rule file.</summary>
    public const string FileName = "source-rules.tsv";

    private static readonly Lazy<SourceRules> Embedded = new(() =>
    {
        using var s = typeof(SourceRuleFile).Assembly.GetManifestResourceStream("SmartEnv.Supervision.Resources." + FileName)
            ?? throw new InvalidOperationException($"embedded {FileName} is missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Parse(r.ReadToEnd());
    });

    /// <summary>The embedded rules (<c>src/SmartEnv.Supervision/Resources/source-rules.tsv</c>).</summary>
    public static SourceRules Default => Embedded.Value;

    /// <summary>Parses a rule file.</summary>
    /// <param name="tsv">The file text (UTF-8 decoded).</param>
    /// <param name="name">File name used in the <see cref="SourceRules.Version"/>.</param>
    /// <returns>The rules; keys the file does not give keep no default: every key below is required.</returns>
    /// <exception cref="FormatException">A row without 4 columns, a key twice, a required key missing or a value that
    /// does not parse; the message names the line or key.</exception>
    public static SourceRules Parse(string tsv, string name = FileName)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var rows = new List<SourceRuleRow>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in tsv.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cols = line.Split('\t');
            if (cols.Length != 4) throw new FormatException($"{name} line {lineNo}: expected 4 tab-separated columns, got {cols.Length}");
            if (cols[0] == "key") continue;
            if (!map.TryAdd(cols[0], cols[1])) throw new FormatException($"{name} line {lineNo}: key {cols[0]} given twice");
            rows.Add(new SourceRuleRow(cols[0], cols[1], cols[2], cols[3]));
        }
        string Get(string key) => map.TryGetValue(key, out var v) ? v : throw new FormatException($"{name}: key {key} is missing");
        bool Bool(string key) => Get(key) switch
        {
            "true" => true,
            "false" => false,
            var v => throw new FormatException($"{name}: {key} = '{v}' is not true|false"),
        };
        decimal Dec(string key) => decimal.TryParse(Get(key), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
            : throw new FormatException($"{name}: {key} = '{Get(key)}' is not a number");
        int Int(string key) => int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i > 0 ? i
            : throw new FormatException($"{name}: {key} = '{Get(key)}' is not a positive integer");
        RateDenominator Den(string key) => Get(key) switch
        {
            "expected" => RateDenominator.Expected,
            "received" => RateDenominator.Received,
            var v => throw new FormatException($"{name}: {key} = '{v}' is not expected|received"),
        };
        var flags = new Dictionary<string, FlagRule>(StringComparer.Ordinal);
        foreach (var letter in map.Keys.Where(k => k.StartsWith("flag.", StringComparison.Ordinal) && k.EndsWith(".judged", StringComparison.Ordinal))
                     .Select(k => k["flag.".Length..^".judged".Length]).Where(l => l != "unknown"))
            flags[letter.ToUpperInvariant()] = new FlagRule(Bool($"flag.{letter}.judged"), Bool($"flag.{letter}.valid"));
        var severity = Get("alert.severity_multiple").Split(',').Select(t => decimal.TryParse(t.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
            : throw new FormatException($"{name}: alert.severity_multiple '{t}' is not a number")).ToList();
        if (severity.Zip(severity.Skip(1)).Any(p => p.Second <= p.First)) throw new FormatException($"{name}: alert.severity_multiple must ascend");
        var maxO2 = Dec("o2.max_measured");
        if (maxO2 is <= 0 or >= 21) throw new FormatException($"{name}: o2.max_measured must lie between 0 and 21 %");
        var version = name + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tsv)))[..12];
        return new SourceRules(version, flags, new FlagRule(Bool("flag.unknown.judged"), Bool("flag.unknown.valid")),
            Get("flag.missing").Trim().ToUpperInvariant(), Den("rate.transmission_denominator"), Den("rate.effectiveness_denominator"),
            Bool("rate.excuse_accepted_shutdown"), Dec("rate.pass_mark"), Int("hour.min_valid_minutes"), maxO2,
            Get("exceedance.averaging"), severity, Int("runrate.days"), Int("explanation.filing_window_days"), rows);
    }
}
