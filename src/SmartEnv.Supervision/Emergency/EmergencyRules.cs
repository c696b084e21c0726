using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Emergency;

/// <summary>The four levels of an environmental emergency (突发环境事件, 环境保护部令第34号 Art. 2; 国办函〔2014〕119号
/// Annex 1, supervision.md §8.2). The numeric value grows with severity, so the higher of two levels is the larger value;
/// the Roman numeral of the national plan is <see cref="EmergencyLevels.Roman"/> (Ⅰ = 特别重大). Stored as snake_case text
/// (<c>general</c>, <c>larger</c>, <c>major</c>, <c>especially_major</c>). Thread-safe (an enum).</summary>
public enum EventLevel
{
    /// <summary>一般 (Ⅳ级).</summary>
    General = 1,
    /// <summary>较大 (Ⅲ级).</summary>
    Larger = 2,
    /// <summary>重大 (Ⅱ级).</summary>
    Major = 3,
    /// <summary>特别重大 (Ⅰ级).</summary>
    EspeciallyMajor = 4,
}

/// <summary>Names of <see cref="EventLevel"/>s. Pure; thread-safe.</summary>
public static class EmergencyLevels
{
    /// <summary>The Chinese name: 一般, 较大, 重大, 特别重大.</summary>
    /// <param name="level">A level.</param>
    public static string Zh(EventLevel level) => level switch
    {
        EventLevel.General => "一般",
        EventLevel.Larger => "较大",
        EventLevel.Major => "重大",
        EventLevel.EspeciallyMajor => "特别重大",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an event level"),
    };

    /// <summary>The Roman numeral of the national plan: Ⅳ (一般) … Ⅰ (特别重大).</summary>
    /// <param name="level">A level.</param>
    public static string Roman(EventLevel level) => level switch
    {
        EventLevel.General => "Ⅳ",
        EventLevel.Larger => "Ⅲ",
        EventLevel.Major => "Ⅱ",
        EventLevel.EspeciallyMajor => "Ⅰ",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an event level"),
    };

    /// <summary>The snake_case text stored: <c>general</c>, <c>larger</c>, <c>major</c>, <c>especially_major</c>.</summary>
    /// <param name="level">A level.</param>
    public static string Code(EventLevel level) => level switch
    {
        EventLevel.General => "general",
        EventLevel.Larger => "larger",
        EventLevel.Major => "major",
        EventLevel.EspeciallyMajor => "especially_major",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not an event level"),
    };

    /// <summary>Reads a level from its stored code.</summary>
    /// <param name="code">The code (exact).</param>
    /// <param name="level">The level; <see cref="EventLevel.General"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParse(string? code, out EventLevel level)
    {
        foreach (var l in Enum.GetValues<EventLevel>())
            if (Code(l) == code) { level = l; return true; }
        level = EventLevel.General;
        return false;
    }
}

/// <summary>One row of <c>emergency-rules.tsv</c>, as read.</summary>
/// <param name="Code">Row code, e.g. <c>deaths.major</c>.</param>
/// <param name="Kind">threshold, category, convention, deadline, unclear, period or filing_doc.</param>
/// <param name="Criterion">Criterion or circumstance code, or <c>-</c>.</param>
/// <param name="Level">The level the row gives, or null (<c>-</c>).</param>
/// <param name="Value">The value column as text.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">The source text.</param>
public sealed record EmergencyRuleRow(string Code, string Kind, string Criterion, EventLevel? Level, string Value, string Confidence, string Source);

/// <summary>
/// The environmental-emergency rules (issue 20) as data: <c>Resources/emergency-rules.tsv</c> (embedded as
/// <c>SmartEnv.Supervision.Resources.emergency-rules.tsv</c>): the Annex 1 thresholds and categories of
/// 国办函〔2014〕119号 (§8.2), the reading of "以上/以下" (a [U] convention, a row), the reporting hours of 令第17号 Art. 3–4
/// (§8.1), and the filing periods and filing set of 环发〔2015〕4号 (§8.3). Code holds none of these figures.
/// <para>Format: UTF-8, tab-separated, 7 columns <c>code kind criterion level value confidence source</c> (header first);
/// <c>#</c> lines and blank lines ignored.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class EmergencyRules
{
    /// <summary>The column names, in order (the header line).</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "kind", "criterion", "level", "value", "confidence", "source"];

    /// <summary>The numeric criteria of Annex 1, in the order of the annex.</summary>
    public static readonly IReadOnlyList<string> NumericCriteria = ["deaths", "injured", "evacuated", "loss_yuan"];

    /// <summary>The categorical criteria of Annex 1, in the order of the annex.</summary>
    public static readonly IReadOnlyList<string> CategoryCriteria = ["water_intake", "cross_boundary"];

    /// <summary>The circumstances of 令第17号 Art. 4 (plus <c>none</c>).</summary>
    public static readonly IReadOnlyList<string> UnclearCircumstances = ["drinking_water", "sensitive_area", "heavy_metals", "cross_provincial", "mass_incident", "none"];

    private static readonly string[] Kinds = ["threshold", "category", "convention", "deadline", "unclear", "period", "filing_doc"];
    private static readonly string[] Confidences = ["P", "P†", "S", "U", "SmartEnv"];
    private static readonly string[] Periods = ["filing.workdays", "check.workdays", "review.years", "review.warning_days"];

    private static readonly Lazy<EmergencyRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.emergency-rules.tsv";
        using var s = typeof(EmergencyRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, EmergencyRuleRow> _byCode;

    private EmergencyRules(string version, List<EmergencyRuleRow> rows)
    {
        Version = version;
        Rows = rows;
        _byCode = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        LowerBoundInclusive = _byCode["bound.lower"].Value == "inclusive";
        FilingWorkdays = IntOf("filing.workdays");
        CheckWorkdays = IntOf("check.workdays");
        ReviewYears = IntOf("review.years");
        ReviewWarningDays = IntOf("review.warning_days");
        FilingDocuments = [.. rows.Where(r => r.Kind == "filing_doc").Select(r => r.Value)];
    }

    /// <summary>The embedded <c>emergency-rules.tsv</c>.</summary>
    public static EmergencyRules Default => DefaultLazy.Value;

    /// <summary><c>emergency-rules@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text; stored with every
    /// level and deadline computed from it.</summary>
    public string Version { get; }

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<EmergencyRuleRow> Rows { get; }

    /// <summary>True when a threshold's own number belongs to its level ("N以上" includes N; row <c>bound.lower</c> [U]).</summary>
    public bool LowerBoundInclusive { get; }

    /// <summary>Working days from signing to the filing deadline (row <c>filing.workdays</c>: 20 [S]).</summary>
    public int FilingWorkdays { get; }

    /// <summary>Working days from submission to the bureau's check deadline (row <c>check.workdays</c>: 5 [S]).</summary>
    public int CheckWorkdays { get; }

    /// <summary>Years from signing to the review (回顾性评估) deadline (row <c>review.years</c>: 3 [S]).</summary>
    public int ReviewYears { get; }

    /// <summary>Days before the review deadline from which a plan is listed as due (row <c>review.warning_days</c>: 90, SmartEnv).</summary>
    public int ReviewWarningDays { get; }

    /// <summary>The codes of the five documents of the filing set, in file order (filing_form, plan, risk_assessment,
    /// resources_survey, review_opinion).</summary>
    public IReadOnlyList<string> FilingDocuments { get; }

    /// <summary>The row of <paramref name="code"/>.</summary>
    /// <param name="code">A row code.</param>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public EmergencyRuleRow Row(string code) =>
        _byCode.TryGetValue(code, out var r) ? r : throw new KeyNotFoundException($"emergency rules: no row '{code}'");

    /// <summary>The threshold rows of a numeric criterion, highest level first.</summary>
    /// <param name="criterion">One of <see cref="NumericCriteria"/>.</param>
    public IEnumerable<(EventLevel Level, decimal Lower)> Thresholds(string criterion) =>
        Rows.Where(r => r.Kind == "threshold" && r.Criterion == criterion)
            .Select(r => (r.Level!.Value, decimal.Parse(r.Value, CultureInfo.InvariantCulture)))
            .OrderByDescending(t => t.Item1);

    /// <summary>The level a category of a categorical criterion gives, or null when the table has no such category.</summary>
    /// <param name="criterion">One of <see cref="CategoryCriteria"/>.</param>
    /// <param name="category">The category code (e.g. <c>county_town</c>).</param>
    public EventLevel? CategoryLevel(string criterion, string category) =>
        Rows.FirstOrDefault(r => r.Kind == "category" && r.Criterion == criterion && r.Value == category)?.Level;

    /// <summary>Hours to the 初报 for <paramref name="level"/> (rows <c>deadline.*</c>).</summary>
    /// <param name="level">A level.</param>
    public int DeadlineHours(EventLevel level) => IntOf("deadline." + EmergencyLevels.Code(level));

    /// <summary>The level a not-yet-levelled event is reported as under <paramref name="circumstance"/> (rows <c>unclear.*</c>).</summary>
    /// <param name="circumstance">One of <see cref="UnclearCircumstances"/>.</param>
    /// <exception cref="KeyNotFoundException">Unknown circumstance.</exception>
    public EventLevel UnclearLevel(string circumstance) => Row("unclear." + circumstance).Level!.Value;

    private int IntOf(string code) => int.Parse(Row(code).Value, CultureInfo.InvariantCulture);

    /// <summary>Reads a table in the columns of <c>emergency-rules.tsv</c>.</summary>
    /// <param name="reader">The text.</param>
    /// <returns>The rules.</returns>
    /// <exception cref="FormatException">Message <c>emergency-rules line N: …</c>: wrong header or column count, unknown kind,
    /// level or confidence, duplicate code, a non-numeric threshold/deadline/period, a missing required row
    /// (every threshold level of each numeric criterion, bound.lower, the four deadlines, the Art. 4 circumstances, the
    /// periods, five filing documents).</exception>
    public static EmergencyRules Load(TextReader reader)
    {
        var text = reader.ReadToEnd();
        var rows = new List<EmergencyRuleRow>();
        var header = false;
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            if (!header)
            {
                if (!c.SequenceEqual(Columns)) throw new FormatException($"emergency-rules line {n}: header must be {string.Join(' ', Columns)}");
                header = true;
                continue;
            }
            if (c.Length != Columns.Count) throw new FormatException($"emergency-rules line {n}: {c.Length} columns, expected {Columns.Count}");
            if (!Kinds.Contains(c[1])) throw new FormatException($"emergency-rules line {n}: unknown kind '{c[1]}'");
            if (!Confidences.Contains(c[5])) throw new FormatException($"emergency-rules line {n}: unknown confidence '{c[5]}'");
            EventLevel? level = null;
            if (c[3] != "-")
            {
                if (!EmergencyLevels.TryParse(c[3], out var l)) throw new FormatException($"emergency-rules line {n}: unknown level '{c[3]}'");
                level = l;
            }
            if (c[1] is "threshold" or "deadline" or "period" &&
                !decimal.TryParse(c[4], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                throw new FormatException($"emergency-rules line {n}: value '{c[4]}' is not a number");
            if (c[1] is "threshold" or "category" or "deadline" or "unclear" && level is null)
                throw new FormatException($"emergency-rules line {n}: a {c[1]} row needs a level");
            if (c[1] == "convention" && c[4] is not ("inclusive" or "exclusive"))
                throw new FormatException($"emergency-rules line {n}: convention value must be inclusive or exclusive");
            if (rows.Any(r => r.Code == c[0])) throw new FormatException($"emergency-rules line {n}: code '{c[0]}' listed twice");
            rows.Add(new EmergencyRuleRow(c[0], c[1], c[2], level, c[4], c[5], c[6]));
        }
        if (!header) throw new FormatException("emergency-rules line 1: no header");
        void Need(string code)
        {
            if (!rows.Any(r => r.Code == code)) throw new FormatException($"emergency-rules line {n}: required row '{code}' missing");
        }
        foreach (var crit in NumericCriteria)
            foreach (var l in new[] { "larger", "major", "especially_major" }) Need($"{crit}.{l}");
        Need("bound.lower");
        foreach (var l in Enum.GetValues<EventLevel>()) Need("deadline." + EmergencyLevels.Code(l));
        foreach (var u in UnclearCircumstances) Need("unclear." + u);
        foreach (var p in Periods) Need(p);
        if (rows.Count(r => r.Kind == "filing_doc") != 5) throw new FormatException($"emergency-rules line {n}: the filing set must list 5 documents");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new EmergencyRules("emergency-rules@" + hash, rows);
    }
}
