using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste;
using SmartEnv.Supervision.Waste.Generators;

namespace SmartEnv.Waste.Generators;

/// <summary>One stored ledger-vs-manifest check (<c>hw_reconciliations</c>).</summary>
/// <param name="ManifestNumber">14-digit manifest number.</param>
/// <param name="Uscc">Generator (移出人).</param>
/// <param name="LedgerTonnes">Σ of the generator's 委外 ledger tonnes naming the manifest (0 when none).</param>
/// <param name="ManifestTonnes">Σ of the received tonnes of the manifest's current version.</param>
/// <param name="DifferenceTonnes">Ledger − manifest (t).</param>
/// <param name="Flagged">Beyond the tolerance (<see cref="Reconciliation.Check"/>).</param>
/// <param name="RuleVersion">Rule-file version of the tolerance.</param>
/// <param name="CheckedAt">When these figures were computed (UTC).</param>
public sealed record ReconciliationView(string ManifestNumber, string Uscc, decimal LedgerTonnes, decimal ManifestTonnes, decimal DifferenceTonnes,
    bool Flagged, string RuleVersion, DateTimeOffset CheckedAt);

/// <summary>
/// The store pass of the ledger-vs-manifest reconciliation (issue 17 P5 "a reconciliation that flags ledger vs manifest
/// quantity differences"; docs/waste.md P5). For every confirmed hazardous-waste manifest (state <c>accepted</c> or
/// <c>partially_accepted</c>, kind <c>hazardous</c> — medical waste is recorded in <c>mw_handovers</c>/<c>mw_collections</c>,
/// not in this ledger) it compares
/// <list type="bullet">
/// <item>ledger: Σ <c>quantity_t</c> of the generator's <c>hw_ledger_entries</c> of stage 委外 (<c>transferred</c>) whose
///   <c>manifest_number</c> is the manifest's, an entry that a later entry corrects replaced by the correction (as
///   <see cref="GeneratorService.LedgerGenerationAsync"/>); <b>a manifest with no such entry counts 0 t and is therefore
///   flagged</b> (the ledger does not show the waste leaving);</item>
/// <item>manifest: Σ <c>received_t</c> of the lines of the manifest's current version (a line without one counts 0);</item>
/// </list>
/// by <see cref="Reconciliation.Check"/> (the one computation; tolerance <see cref="SmartEnv.Supervision.Waste.Manifests.QuantityTolerance"/>,
/// a SmartEnv rule) and keeps one <c>hw_reconciliations</c> row per manifest number with ledger, manifest and difference
/// tonnes, the flag, the rule version (<see cref="WasteRules.Version"/>) and <c>checked_at</c> = when these figures were
/// first computed. Idempotent: a row whose figures, flag and rule version are unchanged is not touched, so a second pass
/// writes nothing. Runs (a) inside the receiver's confirmation transaction (<see cref="SmartEnv.Waste.Manifests.ManifestService.FireAsync"/>
/// for accept / accept_partially) and (b) over every confirmed manifest before the staff list and the overview are read,
/// which catches a 委外 entry recorded or corrected after the confirmation. The pass reads and writes past the context's
/// scope (a receiver's request confirms the generator's row; nothing of it is returned there); <see cref="ListAsync"/>
/// returns only what the scope lets through (the generator's uscc). Two passes racing on a new manifest collide on the
/// unique manifest number: the later one is retried once. Not thread-safe (one per unit of work, as its context).
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock (<c>checked_at</c>).</param>
/// <param name="rules">Rule file; default <see cref="WasteRules.Default"/>.</param>
public sealed class ReconciliationService(SmartEnvDbContext db, TimeProvider time, WasteRules? rules = null)
{
    /// <summary>Manifest states that count as confirmed by the receiver (<c>hw_manifests.state</c>).</summary>
    public static IReadOnlyList<string> ConfirmedStates { get; } = ["accepted", "partially_accepted"];

    private readonly WasteRules _rules = rules ?? WasteRules.Default;

    /// <summary>Checks one confirmed manifest (or, with null, every confirmed one) and stores what changed. Saves through
    /// the context, so it joins the caller's open transaction.</summary>
    /// <param name="manifestNumber">One 14-digit number, or null for all; a number that is not a confirmed hazardous-waste
    /// manifest writes nothing.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Rows inserted or updated (0 when nothing changed).</returns>
    public async Task<int> ReconcileAsync(string? manifestNumber = null, CancellationToken ct = default)
    {
        try
        {
            return await PassAsync(manifestNumber, ct);
        }
        catch (DbUpdateException) when (db.Database.CurrentTransaction is null)
        {
            // Another pass inserted the same manifest's row first: forget ours and compare against theirs.
            foreach (var e in db.ChangeTracker.Entries<WasteReconciliation>().ToList()) e.State = EntityState.Detached;
            return await PassAsync(manifestNumber, ct);
        }
    }

    private async Task<int> PassAsync(string? manifestNumber, CancellationToken ct)
    {
        var states = ConfirmedStates.ToList();
        var manifests = await db.WasteManifests.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Kind == "hazardous" && states.Contains(m.State) && (manifestNumber == null || m.Number == manifestNumber))
            .Select(m => new { m.Id, m.Number, m.GeneratorUscc, m.Version }).ToListAsync(ct);
        if (manifests.Count == 0) return 0;
        var ids = manifests.Select(m => m.Id).ToList();
        var numbers = manifests.Select(m => m.Number).ToList();
        var lines = await db.WasteManifestLines.IgnoreQueryFilters().AsNoTracking()
            .Where(l => ids.Contains(l.ManifestId))
            .Select(l => new { l.ManifestId, l.Version, l.ReceivedT }).ToListAsync(ct);
        var corrected = db.WasteLedgerEntries.IgnoreQueryFilters().Where(e => e.CorrectsEntryId != null).Select(e => e.CorrectsEntryId!.Value);
        var entries = await db.WasteLedgerEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Stage == WasteLedgerStage.Transferred && e.ManifestNumber != null && numbers.Contains(e.ManifestNumber) && !corrected.Contains(e.Id))
            .Select(e => new { e.Uscc, ManifestNumber = e.ManifestNumber!, e.QuantityT }).ToListAsync(ct);
        var rows = await db.WasteReconciliations.IgnoreQueryFilters().Where(r => numbers.Contains(r.ManifestNumber)).ToDictionaryAsync(r => r.ManifestNumber, ct);
        var now = time.GetUtcNow();
        var written = 0;
        foreach (var m in manifests)
        {
            // Decimal sums in memory: SQLite stores decimals as text (no server-side SUM on them).
            var received = lines.Where(l => l.ManifestId == m.Id && l.Version == m.Version).Sum(l => l.ReceivedT ?? 0m);
            var ledger = entries.Where(e => e.ManifestNumber == m.Number && e.Uscc == m.GeneratorUscc).Sum(e => e.QuantityT);
            var r = Reconciliation.Check(ledger, received, _rules);
            if (!rows.TryGetValue(m.Number, out var row))
            {
                row = new WasteReconciliation { ManifestNumber = m.Number, Uscc = m.GeneratorUscc, RuleVersion = r.RuleVersion };
                db.WasteReconciliations.Add(row);
            }
            else if (row.Uscc == m.GeneratorUscc && row.LedgerTonnes == r.LedgerTonnes && row.ManifestTonnes == r.ManifestTonnes
                     && row.DifferenceTonnes == r.DifferenceTonnes && row.Flagged == r.Flagged && row.RuleVersion == r.RuleVersion)
                continue;
            (row.Uscc, row.LedgerTonnes, row.ManifestTonnes, row.DifferenceTonnes, row.Flagged, row.RuleVersion, row.CheckedAt) =
                (m.GeneratorUscc, r.LedgerTonnes, r.ManifestTonnes, r.DifferenceTonnes, r.Flagged, r.RuleVersion, now);
            written++;
        }
        if (written > 0) await db.SaveChangesAsync(ct);
        return written;
    }

    /// <summary>Runs the pass over every confirmed manifest (<see cref="ReconcileAsync"/>), then returns the stored rows the
    /// context's scope lets through, newest manifest number first.</summary>
    /// <param name="flagged">true: only flagged; false: only within the tolerance; null: all.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ReconciliationView>> ListAsync(bool? flagged = null, CancellationToken ct = default)
    {
        await ReconcileAsync(null, ct);
        return await db.WasteReconciliations.AsNoTracking()
            .Where(r => flagged == null || r.Flagged == flagged)
            .OrderByDescending(r => r.ManifestNumber)
            .Select(r => new ReconciliationView(r.ManifestNumber, r.Uscc, r.LedgerTonnes, r.ManifestTonnes, r.DifferenceTonnes, r.Flagged, r.RuleVersion, r.CheckedAt))
            .ToListAsync(ct);
    }
}
