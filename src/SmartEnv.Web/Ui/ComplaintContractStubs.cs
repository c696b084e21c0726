// TEMPORARY (P6): the contract types of docs/plans/issue-18.md §2 until P1/P2 land in main; deleted on merge.
#pragma warning disable CS1591, CS1998, CS9113, CS9107
namespace SmartEnv.Supervision.District
{
    public static class DistrictStreets
    {
        public static IReadOnlyList<DistrictStreet> All => SmartEnv.Sources.Excel.DistrictStreets.All.Select(s => new DistrictStreet(s.Code, s.Name)).ToList();
        public static DistrictStreet? Find(string? nameOrCode) => All.FirstOrDefault(s => s.Code == nameOrCode?.Trim() || s.Name == nameOrCode?.Trim());
    }
    public sealed record DistrictStreet(string Code, string Name);
}
namespace SmartEnv.Supervision.Complaints
{
    using SmartEnv.Supervision.District;
    public enum ComplaintChannel { Phone, WeChat, Online, Letter, Visit, Transferred, Other }
    public enum ComplaintUrgency { None, EnvironmentalEmergency, MassIncident }
    public sealed record PollutionType(string Code, string? Parent, string NameZh, string NameEn, string Confidence, string Source);
    public static class PollutionTypes
    {
        public static IReadOnlyList<PollutionType> All { get; } =
        [
            new("air", null, "大气", "Air", "", ""), new("air.odour", "air", "恶臭/异味", "Odour", "", ""), new("air.dust", "air", "烟粉尘", "Dust", "", ""),
            new("air.industrial", "air", "工业废气", "Industrial gas", "", ""), new("air.cooking", "air", "油烟", "Cooking fumes", "", ""),
            new("noise", null, "噪声", "Noise", "", ""), new("noise.construction", "noise", "建设施工", "Construction", "", ""),
            new("noise.industrial", "noise", "工业", "Industrial", "", ""), new("noise.social", "noise", "社会生活", "Social life", "", ""),
            new("noise.traffic", "noise", "交通", "Traffic", "", ""), new("water", null, "水", "Water", "", ""),
            new("solid_waste", null, "固废", "Solid waste", "", ""), new("soil", null, "土壤", "Soil", "", ""), new("ecology", null, "生态破坏", "Ecology", "", ""),
            new("radiation", null, "辐射", "Radiation", "", ""), new("other", null, "其他", "Other", "", ""),
        ];
        public static PollutionType? Find(string code) => All.FirstOrDefault(t => t.Code == code);
        public static IReadOnlyList<PollutionType> TopLevel => All.Where(t => t.Parent is null).ToList();
        public static string TopOf(string code) => Find(code)?.Parent ?? code;
        public static bool TryNormalize(IEnumerable<string> codes, out IReadOnlyList<string> normalized, out string? reason) { normalized = codes.ToList(); reason = null; return true; }
    }
    public sealed class ComplaintRules
    {
        public static ComplaintRules Default { get; } = new();
        public int TextMaxChars => 2000; public int PhotosMax => 4; public long PhotoMaxBytes => 10 * 1024 * 1024;
        public int PublicSubmissionsPerAddressPerHour => 5; public int QueryAttemptsPerAddressPerHour => 30;
    }
    public enum ComplaintState { Registered, Accepted, NotAccepted, Assigned, Handling, Replied, Visited, Closed, UnderReview, UnderRecheck, Merged }
    public enum ComplaintTrigger { Accept, Decline, Assign, RecordFindings, Reply, Visit, Close, RequestReview, DecideReview, RequestRecheck, DecideRecheck, Merge }
    public enum NotAcceptedReason { OutsideRemit, LegalProceedings, AlreadyAccepted, RepeatAfterReply, Unclear }
    public enum Verification { True, PartlyTrue, False }
    public enum Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied }
    public enum AssigneeKind { Street, Section, Department }
    public static class StreetInference
    {
        public static DistrictStreet? Infer(string? address)
        {
            if (string.IsNullOrWhiteSpace(address)) return null;
            var hits = DistrictStreets.All.Where(s => address.Contains(s.Name, StringComparison.Ordinal) || address.Contains(s.Name.Replace("街道", "").Replace("镇", ""), StringComparison.Ordinal)).ToList();
            return hits.Count == 1 ? hits[0] : null;
        }
    }
    public static class QueryCode
    {
        public static string? Normalize(string? input) { var s = input?.ToUpperInvariant().Replace("-", "").Replace(" ", ""); return s is { Length: 10 } ? s : null; }
    }
}
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
        public Task<ComplaintReceipt> SubmitAsync(ComplaintSubmission s, IReadOnlyList<PhotoUpload> photos, string by, CancellationToken ct) => throw new NotImplementedException();
        public Task<PublicComplaintView?> QueryAsync(string number, string code, CancellationToken ct) => throw new NotImplementedException();
    }
}
