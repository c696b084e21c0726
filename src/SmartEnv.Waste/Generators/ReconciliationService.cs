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
/// The store pass of the ledger-vs-manifest reconciliation (issue 17 P5; docs/waste.md). STUB.
/// </summary>
/// <param name="db">The context.</param>
/// <param name="time">Clock.</param>
/// <param name="rules">Rule file; default <see cref="WasteRules.Default"/>.</param>
public sealed class ReconciliationService(SmartEnvDbContext db, TimeProvider time, WasteRules? rules = null)
{
    private readonly WasteRules _rules = rules ?? WasteRules.Default;

    /// <summary>Stub.</summary>
    /// <param name="manifestNumber">One manifest, or null for all.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<int> ReconcileAsync(string? manifestNumber = null, CancellationToken ct = default) => Task.FromResult(db is null || time is null ? 0 : 0);

    /// <summary>Stub.</summary>
    /// <param name="flagged">Filter.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<ReconciliationView>> ListAsync(bool? flagged = null, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<ReconciliationView>>([]);
}
