namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// One annual hazardous-waste figure of an enterprise, table <c>hw_annual_generation</c> (issue 17 P5): the input of the
/// HJ 1259-2022 §4.2.3 class rule. <see cref="Source"/> <c>ledger</c> (Σ of the year's 产生 ledger entries, written by the
/// class computation), <c>eia</c> / <c>permit</c> (the figure of the EIA or the discharge permit, for a unit running less
/// than a year) or <c>reported</c> (staff entered a figure from before the ledger existed). Unique per (uscc, year, source).
/// Filtered by scope (uscc). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteAnnualGeneration
{
    /// <summary>Column width of <see cref="Source"/>.</summary>
    public const int SourceLength = 16;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Enterprise (USCC).</summary>
    public required string Uscc { get; set; }

    /// <summary>Calendar year.</summary>
    public int Year { get; set; }

    /// <summary>Tonnes (numeric(14,6)).</summary>
    public decimal Tonnes { get; set; }

    /// <summary><c>ledger</c> | <c>eia</c> | <c>permit</c> | <c>reported</c>.</summary>
    public required string Source { get; set; }

    /// <summary>Who wrote it (user name or the engine).</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When written (UTC).</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
