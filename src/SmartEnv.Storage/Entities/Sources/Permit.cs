namespace SmartEnv.Storage.Entities.Sources;

/// <summary>
/// A discharge permit (排污许可证) or registration (排污登记) of an enterprise, table <c>permits</c>: the stable identity
/// (its number) under which the append-only <see cref="PermitVersion"/> rows hold what the permit says. The number is
/// the 统一社会信用代码 + 3-digit site sequence + one letter (HJ 608-2017; supervision.md §2.3), 22 characters, stored as
/// given (letters other than P are registrations and are not refused). Filtered by the context's <c>DataScope</c>
/// (<c>uscc</c>). Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class Permit
{
    /// <summary>Column width of <see cref="Number"/>: 18 (USCC) + 3 + 1 characters.</summary>
    public const int NumberLength = 22;

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The holder's 统一社会信用代码 (FK → <c>enterprises.uscc</c>).</summary>
    public required string Uscc { get; set; }

    /// <summary>许可证编号 / 登记编号, unique, e.g. <c>91500105MA5U0A1661001P</c>.</summary>
    public required string Number { get; set; }

    /// <summary>Permit or registration.</summary>
    public PermitKind Kind { get; set; }

    /// <summary>When the bureau first recorded it (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Its versions (append-only; the current one has the highest <see cref="PermitVersion.Version"/>).</summary>
    public List<PermitVersion> Versions { get; set; } = new();
}
