namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// One scheduled execution report (执行报告) of a permit, table <c>execution_reports</c>: the period it covers, its due
/// date and, when the fold rules of supervision.md §2.5 merge it into another report, which one (<see cref="FoldedInto"/>,
/// e.g. <c>annual 2027</c>; then nothing is due for it). Status is computed, not stored: submitted when
/// <see cref="SubmittedOn"/> is set, else overdue after <see cref="DueOn"/>, else due. Unique per (permit, kind, period
/// start). Filtered through its permit. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class ExecutionReport
{
    /// <summary>Column width of <see cref="FoldedInto"/>.</summary>
    public const int FoldedIntoLength = 64;

    /// <summary>Column width of <see cref="Note"/>.</summary>
    public const int NoteLength = 512;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>FK → <c>permits.id</c>.</summary>
    public long PermitId { get; set; }

    /// <summary>Annual, semiannual, quarterly or monthly.</summary>
    public ExecutionReportKind Kind { get; set; }

    /// <summary>First day covered (Beijing date).</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>Last day covered, inclusive.</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>Due date (提交截止日期).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>The report this one is merged into, when folded; null otherwise.</summary>
    public string? FoldedInto { get; set; }

    /// <summary>Day the enterprise submitted it; null while not submitted.</summary>
    public DateOnly? SubmittedOn { get; set; }

    /// <summary>Free note (the rule that set the due date, a remark); optional.</summary>
    public string? Note { get; set; }
}
