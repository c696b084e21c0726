using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;
using SmartEnv.Supervision.Waste.Ledger;

namespace SmartEnv.Waste.Generators;

/// <summary>Stock of one facility now.</summary>
/// <param name="Uscc">Owner.</param>
/// <param name="FacilityCode">Facility code (<c>TS001</c>).</param>
/// <param name="FacilityName">Facility name.</param>
/// <param name="SiteId">The facility's site (alerts).</param>
/// <param name="Containers">Containers in state <c>stored</c>.</param>
/// <param name="Tonnes">Σ of their tonnes.</param>
/// <param name="CapacityTonnes">Capacity, or null.</param>
/// <param name="OldestDays">Storage age of the oldest, or null when empty.</param>
public sealed record FacilityStockView(string Uscc, string FacilityCode, string FacilityName, long SiteId, int Containers, decimal Tonnes,
    decimal? CapacityTonnes, int? OldestDays);

/// <summary>The staff overview numbers (issue 17 P5), computed on request from the store at the clock's now.</summary>
/// <param name="AsOf">Beijing date of the figures.</param>
/// <param name="Stock">Stock per facility (facilities holding something, largest first).</param>
/// <param name="AgeBuckets">Bucket labels (<see cref="StorageAgeBuckets.Labels"/>).</param>
/// <param name="AgeCounts">Containers per bucket.</param>
/// <param name="OverYearContainers">Containers stored 366+ days (alert rule 10).</param>
/// <param name="OverdueManifests">Manifests arrived and not confirmed after their receipt due day (P4's stored
/// <c>receipt_due</c>).</param>
/// <param name="OverdueDeclarations">Filings overdue (<see cref="GeneratorService.StaffListAsync"/> status overdue).</param>
/// <param name="Discrepancies">Manifests with a receiver-recorded discrepancy, a partial acceptance or a refusal (P4).</param>
/// <param name="FlaggedReconciliations">Manifests whose ledger-vs-manifest check is flagged (<see cref="Reconciliation"/>;
/// <see cref="ReconciliationService"/> runs its pass first, so the count includes manifests confirmed or ledger entries
/// recorded since the last pass).</param>
public sealed record WasteOverviewView(DateOnly AsOf, IReadOnlyList<FacilityStockView> Stock, IReadOnlyList<string> AgeBuckets, IReadOnlyList<int> AgeCounts,
    int OverYearContainers, int OverdueManifests, int OverdueDeclarations, int Discrepancies, int FlaggedReconciliations);

/// <summary>
/// The staff overview of hazardous waste (issue 17 "overview: stock by facility, storage-age histogram, overdue manifests
/// and declarations, discrepancies"), read through the context's scope at the clock's now. Storage age by
/// <see cref="StorageAge.Days"/> (P2), buckets by <see cref="StorageAgeBuckets"/>, overdue filings by
/// <see cref="GeneratorService"/>. Not thread-safe (one per request, as its context).
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock.</param>
public sealed class WasteOverview(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>Computes the numbers.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<WasteOverviewView> ComputeAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var rules = WasteRules.Default;
        var stored = await db.WasteContainers.AsNoTracking()
            .Where(c => c.State == WasteLedgerStage.Stored && c.StoredAt != null && c.LeftAt == null && c.FacilityId != null)
            .Select(c => new { FacilityId = c.FacilityId!.Value, c.QuantityT, StoredAt = c.StoredAt!.Value }).ToListAsync(ct);
        var facilities = await db.WasteFacilities.AsNoTracking().ToDictionaryAsync(f => f.Id, ct);
        var ages = stored.Select(c => (c.FacilityId, c.QuantityT, Days: StorageAge.Days(c.StoredAt, now))).ToList();
        var stock = ages.Where(a => facilities.ContainsKey(a.FacilityId)).GroupBy(a => a.FacilityId).Select(g =>
        {
            var f = facilities[g.Key];
            return new FacilityStockView(f.Uscc, f.Code, f.Name, f.SiteId, g.Count(), g.Sum(a => a.QuantityT), f.CapacityT, g.Max(a => a.Days));
        }).OrderByDescending(s => s.Tonnes).ThenBy(s => s.Uscc, StringComparer.Ordinal).ThenBy(s => s.FacilityCode, StringComparer.Ordinal).ToList();
        var counts = StorageAgeBuckets.Count(ages.Select(a => a.Days));
        var over = ages.Count(a => a.Days > rules.StorageLimitDays);
        var overdueFilings = (await new GeneratorService(db, time, rules).StaffListAsync("overdue", ct)).Count;
        var flagged = (await new ReconciliationService(db, time, rules).ListAsync(flagged: true, ct)).Count;
        var (overdueManifests, discrepancies) = await ManifestCountsAsync(now, ct);
        return new WasteOverviewView(BeijingTime.Date(now), stock, StorageAgeBuckets.Labels, counts, over, overdueManifests, overdueFilings, discrepancies, flagged);
    }

    /// <summary>Overdue manifests and discrepancies from P4's <c>hw_manifests</c>, with the conditions of alert rules 8 and 9:
    /// state <c>arrived</c> with <c>receipt_due</c> before today (Beijing); confirmed with a recorded discrepancy, a partial
    /// acceptance or a refusal.</summary>
    private async Task<(int Overdue, int Discrepancies)> ManifestCountsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = BeijingTime.Date(now);
        var overdue = await db.WasteManifests.CountAsync(m => m.State == "arrived" && m.ReceiptDue < today, ct);
        var found = await db.WasteManifests.CountAsync(m => m.ConfirmedAt != null && (m.Discrepancy != 0 || m.State == "partially_accepted" || m.State == "rejected"), ct);
        return (overdue, found);
    }
}
