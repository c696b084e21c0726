namespace SmartEnv.Storage.Entities.Waste;

/// <summary>
/// A submitted 危险废物申报 (HJ 1259-2022 §7.2), table <c>hw_declarations</c> (issue 17 P5): kind <c>monthly</c> |
/// <c>quarterly</c> | <c>annual</c>, period key (<c>2027-01</c>, <c>2027-Q1</c>, <c>2027</c>), the due day it had, when it came.
/// What is owed is computed (<c>DeclarationSchedule</c> by the class in force), not stored; only submissions are rows.
/// One per (uscc, kind, period); a second submission is refused (409). Filtered by scope (uscc). Mutable EF Core entity;
/// not thread-safe.
/// </summary>
public sealed class WasteDeclaration
{
    /// <summary>Column width of <see cref="Kind"/> and <see cref="Period"/>.</summary>
    public const int KeyLength = 16;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Enterprise (USCC).</summary>
    public required string Uscc { get; set; }

    /// <summary><c>monthly</c> | <c>quarterly</c> | <c>annual</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Period key.</summary>
    public required string Period { get; set; }

    /// <summary>Due day (Beijing date).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>When submitted (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Content as JSON (as given).</summary>
    public required string Content { get; set; }

    /// <summary>Who submitted.</summary>
    public required string SubmittedBy { get; set; }
}
