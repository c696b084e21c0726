using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Credit;

/// <summary>
/// The enterprise environmental-credit rules (issue 19 part P2) as data: <c>Resources/credit-rules.tsv</c> (embedded as
/// <c>SmartEnv.Supervision.Resources.credit-rules.tsv</c>). Every item (deduction, bonus, one-vote veto), the grade bands
/// with colours and public lists, the base score, score floor and bonus cap, the event-driven grade changes and the
/// credit-repair periods are rows with confidence and source (supervision.md §7); code holds none of their figures.
/// The deduction and bonus items are a SmartEnv starting table, all [U], until the bureau enters the indicator table of
/// 渝环规〔2021〕7号 (not read).
/// <para>File format: UTF-8, tab-separated, 9 columns <c>code group name_zh kind points cap evidence confidence source</c>
/// (header line first); <c>#</c> lines and blank lines ignored. The meaning of group, points, cap and evidence per kind is
/// in the file header and in <see cref="Load"/>.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class CreditRules
{
    /// <summary>The column names, in order (the header line).</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "group", "name_zh", "kind", "points", "cap", "evidence", "confidence", "source"];

    /// <summary>The groups of the scored items (the national method's four groups, supervision.md §7.1 [S]).</summary>
    public static readonly IReadOnlyList<string> Groups = ["污染防治", "生态保护", "环境管理", "社会监督"];

    /// <summary>The colours of the grade rows (绿 蓝 黄 红, supervision.md §7.1 [S]).</summary>
    public static readonly IReadOnlyList<string> Colours = ["绿", "蓝", "黄", "红"];

    /// <summary>The confidence labels a row may carry.</summary>
    public static readonly IReadOnlyList<string> Confidences = ["P", "P†", "S", "U", "SmartEnv"];

    /// <summary>The event codes a table must hold (one per emergency level of supervision.md §8.2, and the veto event).</summary>
    public static readonly IReadOnlyList<string> RequiredEvents =
        ["event.emergency.general", "event.emergency.larger", "event.emergency.major", "event.emergency.especially_major", "event.veto"];

    private static readonly string[] Kinds = ["deduction", "bonus", "veto", "grade", "limit", "event", "repair", "listing"];
    private static readonly string[] LimitCodes = ["score.base", "score.floor", "bonus.cap"];

    private static readonly Lazy<CreditRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.credit-rules.tsv";
        using var s = typeof(CreditRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, CreditItem> _items;
    private readonly Dictionary<string, CreditEventRule> _events;

    private CreditRules(string version, List<CreditItem> items, CreditGradeBand[] bands, Dictionary<string, CreditLimit> limits,
        List<CreditEventRule> events, CreditRepairPeriod[] repairs, CreditListingRule blackList)
    {
        BlackList = blackList;
        Version = version;
        Items = items;
        _items = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        Bands = bands;
        Limits = [.. LimitCodes.Select(c => limits[c])];
        BaseScore = limits["score.base"].Value;
        ScoreFloor = limits["score.floor"].Value;
        BonusCap = limits["bonus.cap"].Value;
        Events = events;
        _events = events.ToDictionary(e => e.Code, StringComparer.Ordinal);
        RepairPeriods = repairs;
    }

    /// <summary>The embedded <c>credit-rules.tsv</c>.</summary>
    public static CreditRules Default => DefaultLazy.Value;

    /// <summary><c>credit-rules@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text (the same scheme as
    /// <see cref="SmartEnv.Supervision.Complaints.ComplaintRules.Version"/>); stored with every evaluation. Any edit of
    /// the file, comments included, changes it.</summary>
    public string Version { get; }

    /// <summary>Every deduction, bonus and veto item, in file order.</summary>
    public IReadOnlyList<CreditItem> Items { get; }

    /// <summary>The four grade bands, best first (<see cref="CreditGrade"/> order).</summary>
    public IReadOnlyList<CreditGradeBand> Bands { get; }

    /// <summary>The limit rows: <c>score.base</c>, <c>score.floor</c>, <c>bonus.cap</c>, in that order.</summary>
    public IReadOnlyList<CreditLimit> Limits { get; }

    /// <summary>The score before any deduction, bonus or adjustment (row <c>score.base</c>: 100 [S]).</summary>
    public decimal BaseScore { get; }

    /// <summary>The lowest score: a lower result is raised to it after adjustments (row <c>score.floor</c>: 0 [U]).</summary>
    public decimal ScoreFloor { get; }

    /// <summary>The most all bonus items together can add (row <c>bonus.cap</c>: 8 [U]).</summary>
    public decimal BonusCap { get; }

    /// <summary>The event rows, in file order.</summary>
    public IReadOnlyList<CreditEventRule> Events { get; }

    /// <summary>The severity of the black-list (环保不良) information (row <c>list.black</c>, kind <c>listing</c>): its
    /// publication and repair periods are the repair row of that severity.</summary>
    public CreditListingRule BlackList { get; }

    /// <summary>The repair periods, in <see cref="CreditInfoSeverity"/> order.</summary>
    public IReadOnlyList<CreditRepairPeriod> RepairPeriods { get; }

    /// <summary>The item of <paramref name="code"/>.</summary>
    /// <param name="code">An item code (deduction, bonus or veto row).</param>
    /// <exception cref="KeyNotFoundException">No item has this code (grade, limit, event and repair rows are not items).</exception>
    public CreditItem Item(string code) =>
        code is not null && _items.TryGetValue(code, out var i) ? i : throw new KeyNotFoundException($"credit rules: no item '{code}'");

    /// <summary>True when <paramref name="code"/> is an item code; <paramref name="item"/> is then its row.</summary>
    /// <param name="code">A code (null gives false).</param>
    /// <param name="item">The row, or null.</param>
    public bool TryGetItem(string? code, out CreditItem? item)
    {
        item = null;
        return code is not null && _items.TryGetValue(code, out item);
    }

    /// <summary>The event rule of <paramref name="code"/>.</summary>
    /// <param name="code">An event code (<see cref="RequiredEvents"/> or another event row).</param>
    /// <exception cref="KeyNotFoundException">No event row has this code.</exception>
    public CreditEventRule Event(string code) =>
        code is not null && _events.TryGetValue(code, out var e) ? e : throw new KeyNotFoundException($"credit rules: no event '{code}'");

    /// <summary>The band row of <paramref name="grade"/>.</summary>
    /// <param name="grade">A grade.</param>
    public CreditGradeBand Band(CreditGrade grade) => Bands[(int)grade];

    /// <summary>The repair row of <paramref name="severity"/>.</summary>
    /// <param name="severity">A severity.</param>
    public CreditRepairPeriod RepairPeriod(CreditInfoSeverity severity) => RepairPeriods[(int)severity];

    /// <summary>The grade of a score by the bands alone (no veto): the best grade whose <see cref="CreditGradeBand.MinScore"/>
    /// is at most <paramref name="score"/>, else the lowest grade. The score is compared exactly as given — never rounded
    /// (99.5 is 良好, not 诚信; 59.99 is 不良).</summary>
    /// <param name="score">The score (points).</param>
    public CreditGradeBand BandOf(decimal score)
    {
        foreach (var b in Bands)
            if (b.MinScore is { } min && score >= min) return b;
        return Bands[^1];
    }

    /// <summary>Reads a rules file.</summary>
    /// <param name="tsv">The file's text.</param>
    /// <returns>The rules; <see cref="Version"/> is computed from the text read.</returns>
    /// <exception cref="CreditRulesFormatException">With the line and column of the cell: a wrong header; a row without 9
    /// columns (column 0); an empty, duplicate or ill-formed code (letters, digits, '.', '_', '-'); an unknown kind; a
    /// group not allowed for the kind (the four groups for items, 绿/蓝/黄/红 for grades, '-' otherwise); an empty name;
    /// points or cap not a decimal (invariant, '.'), not a multiple of 0.5, not positive, a cap below the points, or not
    /// '-' where the kind has none; an event's points not a whole number ≥ 1 or 'lowest'; repair months not whole,
    /// negative or longest below shortest; an unknown evidence kind or public list; an unknown confidence; an empty
    /// source. Without line and column (0): a missing grade, limit, event or repair row, grade rows out of order (best
    /// first) or bands not strictly descending, a non-negative floor above the base.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="tsv"/> is null.</exception>
    public static CreditRules Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var text = tsv.ReadToEnd();
        var items = new List<CreditItem>();
        var bands = new List<(int Line, CreditGradeBand Band)>();
        var limits = new Dictionary<string, CreditLimit>(StringComparer.Ordinal);
        var events = new List<CreditEventRule>();
        var repairs = new Dictionary<CreditInfoSeverity, CreditRepairPeriod>();
        CreditListingRule? blackList = null;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != Columns.Count)
                throw new CreditRulesFormatException(lineNo, 0, $"{f.Length} columns, {Columns.Count} expected ({string.Join(" ", Columns)})");
            if (header)
            {
                for (var c = 0; c < f.Length; c++)
                    if (f[c] != Columns[c]) throw new CreditRulesFormatException(lineNo, c + 1, $"header '{f[c]}', expected '{Columns[c]}'");
                header = false;
                continue;
            }
            var ln = lineNo;
            CreditRulesFormatException Err(int col, string msg) => new(ln, col, msg);
            var code = f[0];
            if (code.Length == 0 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '.' or '_' or '-'))
                throw Err(1, $"code '{code}' is empty or has characters other than letters, digits, '.', '_', '-'");
            if (!codes.Add(code)) throw Err(1, $"code '{code}' appears twice");
            var kind = f[3];
            if (!Kinds.Contains(kind)) throw Err(4, $"kind '{kind}' is not one of {string.Join(", ", Kinds)}");
            if (f[2].Trim().Length == 0) throw Err(3, "empty name");
            if (!Confidences.Contains(f[7])) throw Err(8, $"confidence '{f[7]}' is not one of {string.Join(", ", Confidences)}");
            if (f[8].Trim().Length == 0) throw Err(9, "empty source");
            var (name, conf, src) = (f[2], f[7], f[8]);
            switch (kind)
            {
                case "deduction" or "bonus" or "veto":
                {
                    if (!Groups.Contains(f[1])) throw Err(2, $"group '{f[1]}' is not one of {string.Join(", ", Groups)}");
                    var ev = ParseEvidence(f[6]) ?? throw Err(7, $"evidence '{f[6]}' is not one of {string.Join(", ", Enum.GetValues<CreditEvidenceKind>().Select(EvidenceName))}");
                    decimal? points = null, cap = null;
                    if (kind == "veto")
                    {
                        if (f[4] != "-") throw Err(5, "a veto has no points: '-' expected");
                        if (f[5] != "-") throw Err(6, "a veto has no cap: '-' expected");
                    }
                    else
                    {
                        points = HalfPoints(f[4]) ?? throw Err(5, $"points '{f[4]}' is not a positive multiple of 0.5");
                        if (points <= 0) throw Err(5, $"points '{f[4]}' is not a positive multiple of 0.5");
                        cap = HalfPoints(f[5]) ?? throw Err(6, $"cap '{f[5]}' is not a multiple of 0.5");
                        if (cap < points) throw Err(6, $"cap {f[5]} is below the points per occurrence {f[4]}");
                    }
                    var k = kind switch { "deduction" => CreditItemKind.Deduction, "bonus" => CreditItemKind.Bonus, _ => CreditItemKind.Veto };
                    items.Add(new CreditItem(code, f[1], name, k, points, cap, ev, conf, src));
                    break;
                }
                case "grade":
                {
                    var grade = Enum.GetValues<CreditGrade>().Where(g => GradeCode(g) == code).Select(g => (CreditGrade?)g).FirstOrDefault()
                        ?? throw Err(1, $"grade code '{code}' is not one of {string.Join(", ", Enum.GetValues<CreditGrade>().Select(GradeCode))}");
                    if (!Colours.Contains(f[1])) throw Err(2, $"colour '{f[1]}' is not one of {string.Join(", ", Colours)}");
                    decimal? min = null;
                    if (grade == CreditGrade.Poor)
                    {
                        if (f[4] != "-") throw Err(5, "the lowest grade has no lower bound: '-' expected");
                    }
                    else
                    {
                        min = HalfPoints(f[4]) ?? throw Err(5, $"lower bound '{f[4]}' is not a multiple of 0.5");
                    }
                    if (f[5] != "-") throw Err(6, "a grade has no cap: '-' expected");
                    string? list = f[6] switch
                    {
                        "红名单" or "黑名单" => f[6],
                        "-" => null,
                        _ => throw Err(7, $"public list '{f[6]}' is not 红名单, 黑名单 or -"),
                    };
                    bands.Add((ln, new CreditGradeBand(grade, code, name, f[1], list, min, conf, src)));
                    break;
                }
                case "limit":
                {
                    if (!LimitCodes.Contains(code)) throw Err(1, $"limit code '{code}' is not one of {string.Join(", ", LimitCodes)}");
                    Dash(f, 2, Err); Dash(f, 6, Err); Dash(f, 7, Err);
                    var v = HalfPoints(f[4]) ?? throw Err(5, $"'{f[4]}' is not a multiple of 0.5");
                    if (v < 0) throw Err(5, $"'{f[4]}' is negative");
                    limits.Add(code, new CreditLimit(code, name, v, conf, src));
                    break;
                }
                case "event":
                {
                    Dash(f, 2, Err); Dash(f, 6, Err);
                    int? steps = f[4] == "lowest" ? null
                        : int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= 1 ? s
                        : throw Err(5, $"'{f[4]}' is neither a whole number of grades ≥ 1 nor 'lowest'");
                    var ev = ParseEvidence(f[6]) ?? throw Err(7, $"evidence '{f[6]}' is not one of {string.Join(", ", Enum.GetValues<CreditEvidenceKind>().Select(EvidenceName))}");
                    events.Add(new CreditEventRule(code, name, steps, ev, conf, src));
                    break;
                }
                case "listing":
                {
                    if (code != BlackListCode) throw Err(1, $"listing code '{code}' is not {BlackListCode}");
                    Dash(f, 2, Err); Dash(f, 6, Err); Dash(f, 7, Err);
                    var sev = Enum.GetValues<CreditInfoSeverity>().Where(v => v.ToString().ToLowerInvariant() == f[4]).Select(v => (CreditInfoSeverity?)v).FirstOrDefault()
                        ?? throw Err(5, $"severity '{f[4]}' is not one of minor, general, serious");
                    blackList = new CreditListingRule(code, name, sev, conf, src);
                    break;
                }
                default: // repair
                {
                    var sev = Enum.GetValues<CreditInfoSeverity>().Where(v => RepairCode(v) == code).Select(v => (CreditInfoSeverity?)v).FirstOrDefault()
                        ?? throw Err(1, $"repair code '{code}' is not one of {string.Join(", ", Enum.GetValues<CreditInfoSeverity>().Select(RepairCode))}");
                    Dash(f, 2, Err); Dash(f, 7, Err);
                    if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var shortest) || shortest > 1200)
                        throw Err(5, $"shortest period '{f[4]}' is not a whole number of months 0…1200");
                    if (!int.TryParse(f[5], NumberStyles.None, CultureInfo.InvariantCulture, out var longest) || longest > 1200)
                        throw Err(6, $"longest period '{f[5]}' is not a whole number of months 0…1200");
                    if (longest < shortest) throw Err(6, $"longest period {longest} is below the shortest {shortest}");
                    repairs.Add(sev, new CreditRepairPeriod(sev, code, name, shortest, longest, conf, src));
                    break;
                }
            }
        }
        if (header) throw new CreditRulesFormatException(0, 0, "no header line");
        foreach (var g in Enum.GetValues<CreditGrade>())
            if (bands.All(b => b.Band.Grade != g)) throw new CreditRulesFormatException(0, 0, $"grade row '{GradeCode(g)}' missing");
        for (var i = 0; i < bands.Count; i++)
            if ((int)bands[i].Band.Grade != i)
                throw new CreditRulesFormatException(bands[i].Line, 1, "grade rows must come best first: grade.trustworthy, grade.good, grade.warning, grade.poor");
        for (var i = 1; i < bands.Count - 1; i++)
            if (bands[i].Band.MinScore >= bands[i - 1].Band.MinScore)
                throw new CreditRulesFormatException(bands[i].Line, 5, $"lower bound {bands[i].Band.MinScore} is not below the better grade's {bands[i - 1].Band.MinScore}");
        foreach (var c in LimitCodes)
            if (!limits.ContainsKey(c)) throw new CreditRulesFormatException(0, 0, $"limit row '{c}' missing");
        if (limits["score.floor"].Value > limits["score.base"].Value)
            throw new CreditRulesFormatException(0, 0, "score.floor is above score.base");
        foreach (var c in RequiredEvents)
            if (events.All(e => e.Code != c)) throw new CreditRulesFormatException(0, 0, $"event row '{c}' missing");
        foreach (var s in Enum.GetValues<CreditInfoSeverity>())
            if (!repairs.ContainsKey(s)) throw new CreditRulesFormatException(0, 0, $"repair row '{RepairCode(s)}' missing");
        if (blackList is null) throw new CreditRulesFormatException(0, 0, $"listing row '{BlackListCode}' missing");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new CreditRules($"credit-rules@{hash}", items, [.. bands.Select(b => b.Band)], limits, events,
            [.. Enum.GetValues<CreditInfoSeverity>().Select(s => repairs[s])], blackList);
    }

    /// <summary>The code of the black-list listing row: <c>list.black</c>.</summary>
    public const string BlackListCode = "list.black";

    /// <summary>The row code of a grade: <c>grade.trustworthy</c>, <c>grade.good</c>, <c>grade.warning</c>, <c>grade.poor</c>.</summary>
    /// <param name="grade">A grade.</param>
    public static string GradeCode(CreditGrade grade) => "grade." + grade.ToString().ToLowerInvariant();

    /// <summary>The row code of a repair severity: <c>repair.minor</c>, <c>repair.general</c>, <c>repair.serious</c>.</summary>
    /// <param name="severity">A severity.</param>
    public static string RepairCode(CreditInfoSeverity severity) => "repair." + severity.ToString().ToLowerInvariant();

    /// <summary>The snake_case text of an evidence kind (<c>transmission_rate</c>, <c>hw_noncompliance</c> …).</summary>
    /// <param name="kind">An evidence kind.</param>
    public static string EvidenceName(CreditEvidenceKind kind) =>
        string.Concat(kind.ToString().Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    /// <summary>Reads an evidence kind from its snake_case text; null for unknown text.</summary>
    /// <param name="text">The text (exact).</param>
    public static CreditEvidenceKind? ParseEvidence(string? text)
    {
        foreach (var k in Enum.GetValues<CreditEvidenceKind>())
            if (EvidenceName(k) == text) return k;
        return null;
    }

    /// <summary>True when <paramref name="value"/> is a whole multiple of 0.5 (the grid of every point figure).</summary>
    /// <param name="value">Points.</param>
    public static bool IsHalfPoint(decimal value) => decimal.Remainder(value * 2m, 1m) == 0m;

    private static decimal? HalfPoints(string text) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
        && v <= 1000m && v >= -1000m && IsHalfPoint(v) ? v : null;

    private static void Dash(string[] f, int column, Func<int, string, CreditRulesFormatException> err)
    {
        if (f[column - 1] != "-") throw err(column, $"'{f[column - 1]}' where '-' is expected for this kind");
    }
}
