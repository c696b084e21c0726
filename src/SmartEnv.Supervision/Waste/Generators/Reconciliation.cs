using SmartEnv.Supervision.Waste.Manifests;

namespace SmartEnv.Supervision.Waste.Generators;

/// <summary>Ledger vs manifest for one manifest number.</summary>
/// <param name="LedgerTonnes">Σ of the generator's 委外 ledger entries naming the manifest (t).</param>
/// <param name="ManifestTonnes">Σ of the quantities the receiver recorded as received on the manifest (t).</param>
/// <param name="DifferenceTonnes">Ledger − manifest (t; negative when more was received than the ledger says left).</param>
/// <param name="Flagged">True when the difference is beyond the tolerance (<see cref="QuantityTolerance.Exceeds"/>).</param>
/// <param name="RuleVersion">Version of the rule file the tolerance came from.</param>
public sealed record ReconciliationResult(decimal LedgerTonnes, decimal ManifestTonnes, decimal DifferenceTonnes, bool Flagged, string RuleVersion);

/// <summary>
/// Reconciliation of the generator's ledger with the transfer manifest (issue 17 "a reconciliation that flags ledger vs
/// manifest quantity differences"), computed here and nowhere else. The manifest's received quantity is the reference
/// (expected), the ledger's 委外 quantity the value checked (actual); flagged when <see cref="QuantityTolerance.Exceeds"/>
/// of P4 says so: |ledger − manifest| &gt; max(<c>QuantityTolerancePercent</c> (1 %) × manifest,
/// <c>QuantityToleranceMinTonnes</c> (0.001 t)) — a SmartEnv rule (no official tolerance was found; waste-rules.tsv).
/// Worked: manifest 10.000 t, ledger 10.200 t (2 %) → 0.200 &gt; 0.100 → flagged; ledger 10.100 t (1 %) → 0.100 is not
/// &gt; 0.100 → not flagged. Pure and thread-safe.
/// </summary>
public static class Reconciliation
{
    /// <summary>Compares the two sums.</summary>
    /// <param name="ledgerTonnes">Ledger 委外 quantity (t, ≥ 0).</param>
    /// <param name="manifestTonnes">Manifest received quantity (t, ≥ 0).</param>
    /// <param name="r">Rule file (tolerance).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative quantity.</exception>
    public static ReconciliationResult Check(decimal ledgerTonnes, decimal manifestTonnes, WasteRules r)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentOutOfRangeException.ThrowIfNegative(ledgerTonnes);
        ArgumentOutOfRangeException.ThrowIfNegative(manifestTonnes);
        return new(ledgerTonnes, manifestTonnes, ledgerTonnes - manifestTonnes,
            QuantityTolerance.Exceeds(manifestTonnes, ledgerTonnes, r), r.Version);
    }
}

/// <summary>
/// The storage-age histogram of the staff overview (issue 17 plan P5): buckets 0–90, 91–180, 181–270, 271–365 and 366+
/// days, whole days as <c>StorageAge.Days</c> counts them (P2). The last bucket is what rule 10 alerts on (more than 365
/// days, 固废法 Art. 81 / supervision.md §3.3); the quarter-year split below it is a SmartEnv display choice. Pure and
/// thread-safe.
/// </summary>
public static class StorageAgeBuckets
{
    /// <summary>Bucket labels, in order: <c>0-90</c>, <c>91-180</c>, <c>181-270</c>, <c>271-365</c>, <c>366+</c>.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["0-90", "91-180", "181-270", "271-365", "366+"];

    /// <summary>Index into <see cref="Labels"/> of an age in days (negative ages — a stored time after now — count as 0).</summary>
    /// <param name="days">Storage age in whole days.</param>
    public static int Index(int days) => days switch
    {
        <= 90 => 0,
        <= 180 => 1,
        <= 270 => 2,
        <= 365 => 3,
        _ => 4,
    };

    /// <summary>Counts per bucket (five numbers, in <see cref="Labels"/> order).</summary>
    /// <param name="ages">Storage ages in days.</param>
    public static int[] Count(IEnumerable<int> ages)
    {
        ArgumentNullException.ThrowIfNull(ages);
        var counts = new int[5];
        foreach (var a in ages) counts[Index(a)]++;
        return counts;
    }
}
