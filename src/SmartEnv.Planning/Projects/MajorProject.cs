using SmartEnv.Planning.Notation;

namespace SmartEnv.Planning.Projects;

/// <summary>建设性质 flags; <c>新建（升级改造）</c> is <see cref="New"/> | <see cref="Upgrade"/>.</summary>
[Flags]
public enum ProjectNature
{
    /// <summary>Not recognised (raw kept).</summary>
    Unknown = 0,
    /// <summary>新建: new construction.</summary>
    New = 1,
    /// <summary>续建: continued from before the plan period.</summary>
    Continued = 2,
    /// <summary>升级改造: upgrade of an existing facility.</summary>
    Upgrade = 4,
}

/// <summary>The three-level type hierarchy of a project.</summary>
/// <param name="Category">分类.</param>
/// <param name="Type">项目类型.</param>
/// <param name="SubType">子类型, null when none.</param>
public sealed record ProjectHierarchy(string Category, string Type, string? SubType);

/// <summary>
/// One row of the plan's major-project table (重大项目表). Cells keep their raw text (<see cref="RawCells"/>); the
/// three-level hierarchy is filled down (分类 → 项目类型 → 子类型, the last may be empty).
/// </summary>
public sealed class MajorProject
{
    /// <summary>Column headers of the table in TSV/export order.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["分类", "项目类型", "子类型", "项目名称", "建设内容", "建设性质", "已（拟）开工时间", "拟完工时间", "总投资（万元）", "牵头单位（实施单位）"];

    /// <summary>Creates a project from its printed row.</summary>
    /// <param name="sequence">1-based position in the table (the stable identifier: two projects share a name).</param>
    /// <param name="rawCells">The 10 cells in <see cref="Headers"/> order.</param>
    /// <param name="filledDown">The hierarchy when the printed row leaves merged cells blank (plan layout), else null.</param>
    /// <exception cref="ArgumentException">Not exactly 10 cells.</exception>
    public MajorProject(int sequence, IReadOnlyList<string> rawCells, ProjectHierarchy? filledDown = null)
    {
        ArgumentNullException.ThrowIfNull(rawCells);
        if (rawCells.Count != Headers.Count) throw new ArgumentException($"a project row has {Headers.Count} cells, got {rawCells.Count}", nameof(rawCells));
        Sequence = sequence;
        RawCells = rawCells;
        var h = filledDown ?? new ProjectHierarchy(rawCells[0].Trim(), rawCells[1].Trim(), rawCells[2].Trim().Length == 0 ? null : rawCells[2].Trim());
        Category = h.Category;
        Type = h.Type;
        SubType = h.SubType;
        Name = rawCells[3].Trim();
        Content = rawCells[4].Trim();
        NatureRaw = rawCells[5];
        Nature = ParseNature(rawCells[5]);
        PlannedStart = PlanDate.Parse(rawCells[6]);
        PlannedEnd = PlanDate.Parse(rawCells[7]);
        Investment = Investment.Parse(rawCells[8]);
        LeadUnitRaw = rawCells[9];
        (LeadUnit, ImplementingUnit) = SplitUnit(rawCells[9].Trim());
    }

    /// <summary>1-based position in the table.</summary>
    public int Sequence { get; }
    /// <summary>The row exactly as printed.</summary>
    public IReadOnlyList<string> RawCells { get; }
    /// <summary>分类 (4 fields, e.g. 监管能力提升重大工程).</summary>
    public string Category { get; }
    /// <summary>项目类型.</summary>
    public string Type { get; }
    /// <summary>子类型, null when the plan gives none.</summary>
    public string? SubType { get; }
    /// <summary>项目名称.</summary>
    public string Name { get; }
    /// <summary>建设内容.</summary>
    public string Content { get; }
    /// <summary>建设性质 as printed.</summary>
    public string NatureRaw { get; }
    /// <summary>Parsed 建设性质.</summary>
    public ProjectNature Nature { get; }
    /// <summary>已（拟）开工时间.</summary>
    public PlanDate PlannedStart { get; }
    /// <summary>拟完工时间.</summary>
    public PlanDate PlannedEnd { get; }
    /// <summary>总投资 in 万元.</summary>
    public Investment Investment { get; }
    /// <summary>牵头单位（实施单位） as printed.</summary>
    public string LeadUnitRaw { get; }
    /// <summary>The lead unit (text before the bracket).</summary>
    public string LeadUnit { get; }
    /// <summary>The implementing unit in brackets, null when none.</summary>
    public string? ImplementingUnit { get; }

    /// <summary>Parses 建设性质: 新建, 续建, 升级改造 and combinations such as <c>新建（升级改造）</c>.</summary>
    /// <param name="raw">The cell.</param>
    public static ProjectNature ParseNature(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var n = ProjectNature.Unknown;
        if (raw.Contains("新建", StringComparison.Ordinal)) n |= ProjectNature.New;
        if (raw.Contains("续建", StringComparison.Ordinal)) n |= ProjectNature.Continued;
        if (raw.Contains("升级改造", StringComparison.Ordinal)) n |= ProjectNature.Upgrade;
        return n;
    }

    private static (string Lead, string? Implementing) SplitUnit(string t)
    {
        var open = t.IndexOf('（');
        if (open <= 0 || !t.EndsWith('）')) return (t, null);
        return (t[..open], t[(open + 1)..^1]);
    }
}
