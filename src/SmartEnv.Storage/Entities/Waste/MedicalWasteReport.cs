namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// A medical institution's annual medical-waste generation report (the plan's 年度产生情况申报, SEED line 486), table
/// <c>mw_annual_reports</c>: one per (uscc, year); the figures are computed from the handovers when submitted (kg per
/// category in <see cref="ContentJson"/>); a resubmission replaces the row and is audited with the earlier content as
/// <c>before</c>. Filtered by <see cref="Uscc"/>. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class MedicalWasteReport
{
    /// <summary>Column width of <see cref="SubmittedBy"/>.</summary>
    public const int ActorLength = 64;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>统一社会信用代码 of the medical institution (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>Calendar year reported.</summary>
    public int Year { get; set; }

    /// <summary>Weight generated in the year, kg (sum of the year's handovers; decimal(14,3)).</summary>
    public decimal GeneratedKg { get; set; }

    /// <summary>When submitted (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Account that submitted it.</summary>
    public required string SubmittedBy { get; set; }

    /// <summary>The report: JSON object <c>{"year", "generated_kg", "centrally_disposed_kg", "handovers", "by_category": [{"category", "waste_code", "kg", "packages"}], "note"}</c>.</summary>
    public required string ContentJson { get; set; }
}
