// TEMPORARY (P6): the contract types of docs/plans/issue-18.md §2 until P1/P2 land in main; deleted on merge.
#pragma warning disable CS1591, CS1998, CS9113, CS9107
namespace SmartEnv.Complaints.Intake
{
    using SmartEnv.Storage;
    using SmartEnv.Supervision.Complaints;
    public sealed record ComplaintSubmission(ComplaintChannel Channel, string Content, string? Address, string? StreetCode,
        double? Latitude, double? Longitude, DateTimeOffset? OccurredAt, IReadOnlyList<string> Types, string? ReportedName,
        string? ReportedUscc, string? ReporterName, string? ReporterPhone, string? ReporterEmail, bool Anonymous,
        ComplaintUrgency Urgency, string? SourceRef);
    public sealed record PhotoUpload(string FileName, Stream Content);
    public sealed record ComplaintReceipt(string Number, string QueryCode, DateOnly AcceptanceDue);
    public sealed class ComplaintInputException(string fieldName, string why) : Exception(why) { public string Field { get; } = fieldName; public string Reason { get; } = why; }
    public sealed record PublicComplaintView(string Number, string StateKey, DateTimeOffset RegisteredAt, DateOnly? AcceptanceDue,
        DateTimeOffset? AcceptedAt, string? NotAcceptedReason, string? NotAcceptedNote, string? LinkedNumber, DateOnly? HandlingDue,
        DateTimeOffset? RepliedAt, string? Reply, IReadOnlyList<string> Types, string? StreetName);
    public sealed class ComplaintIntakeService(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null)
    {
        public const string PublicAuthor = "public";
        public Task<ComplaintReceipt> SubmitAsync(ComplaintSubmission s, IReadOnlyList<PhotoUpload> photos, SmartEnv.Storage.Audit.AuditActor by, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<PublicComplaintView?> QueryAsync(string number, string code, CancellationToken ct = default) => throw new NotImplementedException();
    }
}
