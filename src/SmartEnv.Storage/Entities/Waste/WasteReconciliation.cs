namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// The latest ledger-vs-manifest check of one transfer manifest, table <c>hw_reconciliations</c> (issue 17 P5;
/// <c>Reconciliation.Check</c>): the generator's Σ 委外 ledger tonnes naming the manifest against the Σ received tonnes on
/// it, the difference (ledger − manifest), flagged when beyond the tolerance of the rule version stored. One row per
/// manifest number, rewritten by each check. Filtered by scope (the generator's uscc). Mutable EF Core entity; not
/// thread-safe.
/// </summary>
public sealed class WasteReconciliation
{
    /// <summary>Column width of <see cref="ManifestNumber"/> (14 digits).</summary>
    public const int ManifestNumberLength = 14;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Manifest number.</summary>
    public required string ManifestNumber { get; set; }

    /// <summary>Generator (移出人) USCC.</summary>
    public required string Uscc { get; set; }

    /// <summary>Ledger 委外 tonnes.</summary>
    public decimal LedgerTonnes { get; set; }

    /// <summary>Manifest received tonnes.</summary>
    public decimal ManifestTonnes { get; set; }

    /// <summary>Ledger − manifest (t).</summary>
    public decimal DifferenceTonnes { get; set; }

    /// <summary>Beyond the tolerance.</summary>
    public bool Flagged { get; set; }

    /// <summary>Rule-file version of the tolerance.</summary>
    public required string RuleVersion { get; set; }

    /// <summary>When checked (UTC).</summary>
    public DateTimeOffset CheckedAt { get; set; }
}
