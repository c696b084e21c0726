// TEMPORARY (P5): stand-ins of P2's intake types as the plan (docs/plans/issue-18.md §2) writes them, so P5 builds before
// P2's intake lands. Deleted when main has SmartEnv.Complaints.Intake.
#pragma warning disable CS1591
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Intake;

public sealed record ComplaintSubmission(ComplaintChannel Channel, string Content, string? Address, string? StreetCode,
  double? Latitude, double? Longitude, DateTimeOffset? OccurredAt, IReadOnlyList<string> Types, string? ReportedName,
  string? ReportedUscc, string? ReporterName, string? ReporterPhone, string? ReporterEmail, bool Anonymous,
  ComplaintUrgency Urgency, string? SourceRef);
public sealed record PhotoUpload(string FileName, Stream Content);
public sealed record ComplaintReceipt(string Number, string QueryCode, DateOnly AcceptanceDue);
public sealed class ComplaintInputException(string field, string reason) : Exception(field + ": " + reason)
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
public sealed class ComplaintIntakeService(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null)
{
    public Task<ComplaintReceipt> SubmitAsync(ComplaintSubmission s, IReadOnlyList<PhotoUpload> photos, AuditActor by, CancellationToken ct = default)
        => throw new NotImplementedException(db.ToString() + time + rules + s + photos + by + ct);
}
