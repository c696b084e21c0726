// TEMPORARY (P6): P3/P4 service signatures as in their branches, until they land in main; deleted on merge.
#pragma warning disable CS1591, CS9113
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;

namespace SmartEnv.Complaints.Handling
{
    public sealed partial class ComplaintService(SmartEnvDbContext db, TimeProvider time, ComplaintRules? rules = null)
    {
        public Task<ComplaintView?> GetAsync(string number, bool withReporter, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<IReadOnlyList<ComplaintRow>> ListAsync(ComplaintFilter f, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<ComplaintView> FireAsync(string number, ComplaintTrigger trigger, ComplaintActionInput input, AuditActor actor, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<IReadOnlyList<DuplicateProposal>> DuplicatesAsync(string number, AuditActor actor, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<ComplaintView> MergeAsync(string masterNumber, string duplicateNumber, AuditActor actor, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<ComplaintView> ExtendAsync(string number, int days, string approver, string reason, AuditActor actor, CancellationToken ct = default) => throw new NotImplementedException();
    }
}
namespace SmartEnv.Complaints.Statistics
{
    public sealed record HotspotView(DateOnly From, DateOnly To, string? Type, double CellMetres, int Located, int Unlocated, IReadOnlyList<Hotspot> Hotspots);
    public sealed record StreetTableView(DateOnly From, DateOnly To, IReadOnlyList<StreetRow> Rows);
    public sealed class ComplaintStatisticsException(string field, string reason) : Exception($"{field}: {reason}")
    {
        public string Field { get; } = field;
        public string Reason { get; } = reason;
    }
    public sealed class ComplaintStatisticsService(SmartEnvDbContext db, TimeProvider time)
    {
        public Task<BulletinReport> MonthAsync(int year, int month, CancellationToken ct = default) => throw new NotImplementedException();
        public (int Year, int Month) ParseMonth(string? text) => throw new NotImplementedException();
        public Task<HotspotView> HotspotsAsync(string? type, DateOnly? from, DateOnly? to, double? cellMetres, CancellationToken ct = default) => throw new NotImplementedException();
        public Task<StreetTableView> StreetsAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default) => throw new NotImplementedException();
    }
}
namespace SmartEnv.Supervision.Complaints.Statistics
{
    public static class BulletinTally { public const string None = ""; }
}
