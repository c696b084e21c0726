namespace SmartEnv.Inspections;

/// <summary>
/// A refused request of the inspection and enforcement services, with the HTTP status an API answers with: 400 (invalid
/// input, e.g. a commitment hash that is not 64 lowercase hex, a wrong secret), 404 (no such plan, task, finding or case),
/// 409 (the record is not in a state that allows it, a duplicate plan id or case number, a stale version). Nothing is
/// stored when it is thrown. Thread-safe once thrown.
/// </summary>
public sealed class InspectionException : Exception
{
    /// <summary>A refusal.</summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="message">What is wrong (English, names the record).</param>
    /// <param name="inner">The cause, or null.</param>
    public InspectionException(int status, string message, Exception? inner = null) : base(message, inner) => Status = status;

    /// <summary>400, 404 or 409.</summary>
    public int Status { get; }
}

/// <summary>Audit names of the issue-19 inspection services (docs/security.md "Audit trail"; listed in
/// <c>AuditActions</c>). Constants; thread-safe.</summary>
public static class InspectionAudit
{
    /// <summary>Target type of draw plans (id = plan id).</summary>
    public const string TargetPlan = "draw_plan";

    /// <summary>Target type of drawn tasks (id = plan id + "/" + seq).</summary>
    public const string TargetTask = "inspection_task";

    /// <summary>Target type of inspection records (id = record id).</summary>
    public const string TargetRecord = "inspection_record";

    /// <summary>Target type of rectification orders (id = order id).</summary>
    public const string TargetOrder = "rectification_order";

    /// <summary>Target type of enforcement cases (id = case number).</summary>
    public const string TargetCase = "enforcement_case";
}
