namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// A submitted 危险废物管理计划 (HJ 1259-2022 §5; due 31 March of its year), table <c>hw_management_plans</c> (issue 17 P5).
/// One per (uscc, year); a second submission is refused (409). <see cref="FilingNumber"/> is the platform's receipt
/// (§5.2: "the system issues a filing number"; SmartEnv format <c>HWP-{year}-{uscc}</c>). Filtered by scope (uscc).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteManagementPlan
{
    /// <summary>Column width of <see cref="FilingNumber"/>.</summary>
    public const int FilingNumberLength = 40;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Enterprise (USCC).</summary>
    public required string Uscc { get; set; }

    /// <summary>Plan year.</summary>
    public int Year { get; set; }

    /// <summary>Due day (Beijing date) per <c>DeclarationSchedule</c>.</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>When submitted (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Receipt number.</summary>
    public required string FilingNumber { get; set; }

    /// <summary>The plan's content as JSON (as given by the enterprise).</summary>
    public required string Content { get; set; }

    /// <summary>Who submitted.</summary>
    public required string SubmittedBy { get; set; }
}
