namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// The 危险废物管理类别 of one enterprise (the HJ 1259 "site" = one USCC) for one year, table <c>hw_management_classes</c>
/// (issue 17 P5; docs/waste.md). <see cref="Computed"/> is what HJ 1259-2022 §4.2.1/§4.2.3 gives from the annual generation
/// (<c>ManagementClassRule</c>, stored with <see cref="RuleVersion"/>); <see cref="Override"/> is the bureau's reclassification
/// (§4.2.2) with its <see cref="OverrideReason"/>, who and when (audited). The class in force = override ?? computed.
/// Keys <c>key</c> | <c>simplified</c> | <c>registration</c>. One row per (uscc, year); filtered by scope (uscc).
/// Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class WasteClassRecord
{
    /// <summary>Column width of the class keys.</summary>
    public const int ClassLength = 16;

    /// <summary>Column width of <see cref="OverrideReason"/> and <see cref="Explanation"/>.</summary>
    public const int TextLength = 512;

    /// <summary>Column width of user names and versions.</summary>
    public const int NameLength = 128;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Enterprise (USCC).</summary>
    public required string Uscc { get; set; }

    /// <summary>Class year.</summary>
    public int Year { get; set; }

    /// <summary>Computed class key.</summary>
    public required string Computed { get; set; }

    /// <summary>Annual generation the computed class used (t).</summary>
    public decimal BasisTonnes { get; set; }

    /// <summary>Basis key: <c>three_year_max</c>, <c>operating_max</c>, <c>eia_or_permit</c>, <c>none</c>.</summary>
    public required string Basis { get; set; }

    /// <summary>The rule's one-line explanation (clause, years, figure).</summary>
    public required string Explanation { get; set; }

    /// <summary>Rule-file version the class was computed with.</summary>
    public required string RuleVersion { get; set; }

    /// <summary>When computed (UTC).</summary>
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The bureau's class key, or null.</summary>
    public string? Override { get; set; }

    /// <summary>Why the bureau reclassified (required with <see cref="Override"/>).</summary>
    public string? OverrideReason { get; set; }

    /// <summary>Who set the override.</summary>
    public string? OverrideBy { get; set; }

    /// <summary>When the override was set (UTC).</summary>
    public DateTimeOffset? OverrideAt { get; set; }

    /// <summary>The class in force: the override when set, else the computed one.</summary>
    public string InForce => Override ?? Computed;
}
