namespace SmartEnv.Supervision.Credit;

/// <summary>The four enterprise environmental-credit grades, best first (national method 环发〔2013〕150号 and the Chongqing
/// method 渝环〔2017〕174号 / 渝环规〔2021〕7号, supervision.md §7.1–7.2 [S]). Their score bands, colours and public lists are
/// rows of <c>credit-rules.tsv</c> (<see cref="CreditRules.Band"/>), never literals in code. The order matters: a
/// downgrade moves towards <see cref="Poor"/>. Thread-safe (an enum).</summary>
public enum CreditGrade
{
    /// <summary>环保诚信企业 (绿牌; 红名单) — row <c>grade.trustworthy</c>.</summary>
    Trustworthy,
    /// <summary>环保良好企业 (蓝牌) — row <c>grade.good</c>.</summary>
    Good,
    /// <summary>环保警示企业 (黄牌) — row <c>grade.warning</c>.</summary>
    Warning,
    /// <summary>环保不良企业 (红牌; 黑名单) — row <c>grade.poor</c>; also the grade of any one-vote veto.</summary>
    Poor,
}

/// <summary>What a scored row of <c>credit-rules.tsv</c> does (column <c>kind</c>). Thread-safe (an enum).</summary>
public enum CreditItemKind
{
    /// <summary>扣分项: points off per occurrence, at most the item's cap.</summary>
    Deduction,
    /// <summary>加分项: points added per occurrence, at most the item's cap; all bonus together at most <c>bonus.cap</c>.</summary>
    Bonus,
    /// <summary>一票否决项: the grade is 环保不良 whatever the score.</summary>
    Veto,
}

/// <summary>The kind of platform record that proves an item (column <c>evidence</c>; the issue-19 list of inputs: permits,
/// complaints, inspections, enforcement, hazardous waste, emergencies). Stored as snake_case text. Thread-safe (an enum).</summary>
public enum CreditEvidenceKind
{
    /// <summary><c>exceedance</c>: a verified exceedance (CEMS hour/day judgement, noise, total load).</summary>
    Exceedance,
    /// <summary><c>transmission_rate</c>: 有效传输率 below the required rate.</summary>
    TransmissionRate,
    /// <summary><c>complaint_verified</c>: a complaint verified as 属实.</summary>
    ComplaintVerified,
    /// <summary><c>inspection_finding</c>: a problem found in an inspection (双随机 or other).</summary>
    InspectionFinding,
    /// <summary><c>penalty</c>: an administrative penalty decision (行政处罚).</summary>
    Penalty,
    /// <summary><c>hw_noncompliance</c>: a hazardous-waste non-compliance (台账, 申报, 贮存, 转移).</summary>
    HwNoncompliance,
    /// <summary><c>emergency</c>: an environmental emergency (突发环境事件) with its level.</summary>
    Emergency,
    /// <summary><c>other</c>: entered by staff with a document (certificates, honours, media reports, …).</summary>
    Other,
}

/// <summary>Severity of published credit (失信) information for the repair periods (NDRC 《信用修复管理办法》 2025:
/// 轻微 / 一般 / 严重, supervision.md §7.3 [U]); the periods are rows <c>repair.minor</c>, <c>repair.general</c>,
/// <c>repair.serious</c> of <c>credit-rules.tsv</c>. Thread-safe (an enum).</summary>
public enum CreditInfoSeverity
{
    /// <summary>轻微 — normally not published; if published, at most the row's longest period.</summary>
    Minor,
    /// <summary>一般 — published between the row's shortest and longest periods.</summary>
    General,
    /// <summary>严重 — published between the row's shortest and longest periods.</summary>
    Serious,
}

/// <summary>One scored item (kind deduction, bonus or veto) of <c>credit-rules.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Code">Stable code, e.g. <c>management.penalty</c>; evidence records name it.</param>
/// <param name="Group">污染防治, 生态保护, 环境管理 or 社会监督 (the national method's four groups, supervision.md §7.1).</param>
/// <param name="NameZh">The item as the bureau names it.</param>
/// <param name="Kind">Deduction, bonus or veto.</param>
/// <param name="Points">Points per occurrence (a positive multiple of 0.5); null for a veto.</param>
/// <param name="Cap">The most the item can count in one evaluation (a multiple of 0.5, at least <paramref name="Points"/>);
/// null for a veto.</param>
/// <param name="Evidence">The kind of record that proves it.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv (supervision.md legend).</param>
/// <param name="Source">The regulation and article, or why SmartEnv chose the figure.</param>
public sealed record CreditItem(string Code, string Group, string NameZh, CreditItemKind Kind, decimal? Points, decimal? Cap,
    CreditEvidenceKind Evidence, string Confidence, string Source);

/// <summary>One grade row of <c>credit-rules.tsv</c>: the band, colour and public list of a <see cref="CreditGrade"/>.
/// Immutable; thread-safe.</summary>
/// <param name="Grade">The grade.</param>
/// <param name="Code">Its row code (<c>grade.trustworthy</c> …).</param>
/// <param name="NameZh">环保诚信企业, 环保良好企业, 环保警示企业 or 环保不良企业.</param>
/// <param name="Colour">绿, 蓝, 黄 or 红 (the 牌 colour).</param>
/// <param name="PublicList">红名单, 黑名单 or null when the grade is on no public list.</param>
/// <param name="MinScore">The lowest score of the band, inclusive; null for the lowest grade (every score below the next
/// band). The band's upper end is the next better grade's <paramref name="MinScore"/>, exclusive.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">Where the band comes from.</param>
public sealed record CreditGradeBand(CreditGrade Grade, string Code, string NameZh, string Colour, string? PublicList,
    decimal? MinScore, string Confidence, string Source);

/// <summary>One limit row (kind limit) of <c>credit-rules.tsv</c>: <c>score.base</c>, <c>score.floor</c>,
/// <c>bonus.cap</c>. Immutable; thread-safe.</summary>
/// <param name="Code">The row code.</param>
/// <param name="NameZh">Its Chinese name.</param>
/// <param name="Value">The figure, in points.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record CreditLimit(string Code, string NameZh, decimal Value, string Confidence, string Source);

/// <summary>One event row (kind event) of <c>credit-rules.tsv</c>: how an event between evaluations changes the grade
/// (<see cref="CreditEvents"/>). Immutable; thread-safe.</summary>
/// <param name="Code">The event code, e.g. <c>event.emergency.general</c>; <c>event.veto</c> applies to any veto item.</param>
/// <param name="NameZh">The event as the bureau names it.</param>
/// <param name="StepsDown">Grades down (≥ 1), or null for straight to the lowest grade (环保不良).</param>
/// <param name="Evidence">The kind of record that proves the event.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">Where the rule comes from.</param>
public sealed record CreditEventRule(string Code, string NameZh, int? StepsDown, CreditEvidenceKind Evidence, string Confidence, string Source);

/// <summary>One repair row (kind repair) of <c>credit-rules.tsv</c>: the publication period of credit information of one
/// severity, in calendar months (<see cref="CreditRepair"/>). Immutable; thread-safe.</summary>
/// <param name="Severity">轻微, 一般 or 严重.</param>
/// <param name="Code"><c>repair.minor</c>, <c>repair.general</c> or <c>repair.serious</c>.</param>
/// <param name="NameZh">Its Chinese name.</param>
/// <param name="ShortestMonths">Shortest publication period; repair may be applied for only after it (0 = at once).</param>
/// <param name="LongestMonths">Longest publication period; publication ends automatically after it.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">Where the periods come from.</param>
public sealed record CreditRepairPeriod(CreditInfoSeverity Severity, string Code, string NameZh, int ShortestMonths, int LongestMonths,
    string Confidence, string Source);

/// <summary>The listing row of <c>credit-rules.tsv</c> (kind <c>listing</c>, code <c>list.black</c>): the severity of the
/// information an enterprise on the black list (环保不良) is published with, which sets its publication and repair periods
/// (<see cref="CreditRepairPeriod"/> of that severity). Immutable; thread-safe.</summary>
/// <param name="Code"><c>list.black</c>.</param>
/// <param name="NameZh">Its Chinese name.</param>
/// <param name="Severity">轻微, 一般 or 严重.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv.</param>
/// <param name="Source">Where the severity comes from.</param>
public sealed record CreditListingRule(string Code, string NameZh, CreditInfoSeverity Severity, string Confidence, string Source);

/// <summary>A malformed <c>credit-rules.tsv</c>. <see cref="Line"/> and <see cref="Column"/> name the cell when the fault
/// is in one row; both are 0 for a fault of the whole table (a missing required row, bands out of order). Immutable
/// after construction; thread-safe to read.</summary>
public sealed class CreditRulesFormatException : FormatException
{
    /// <summary>A fault of one cell, or of a row when <paramref name="column"/> is 0.</summary>
    /// <param name="line">1-based line number in the file (comments and blank lines counted).</param>
    /// <param name="column">1-based column number, 0 for the whole row.</param>
    /// <param name="message">What is wrong; the line and column are prefixed.</param>
    public CreditRulesFormatException(int line, int column, string message)
        : base(column > 0 ? $"credit-rules line {line}, column {column} ({ColumnName(column)}): {message}"
            : line > 0 ? $"credit-rules line {line}: {message}" : $"credit-rules: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based line number; 0 for a fault of the whole table.</summary>
    public int Line { get; }

    /// <summary>The 1-based column number; 0 for a fault of a whole row or of the table.</summary>
    public int Column { get; }

    private static string ColumnName(int column) =>
        column >= 1 && column <= CreditRules.Columns.Count ? CreditRules.Columns[column - 1] : "?";
}
