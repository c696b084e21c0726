using System.Globalization;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Supervision.Waste.Ledger;

/// <summary>
/// The one replaceable layout of a container's 数字识别码 (HJ 1276-2022; supervision.md §3.5). Only formatting is offered:
/// SmartEnv writes identifiers for the containers it registers and never parses a code written elsewhere, because the
/// official segment lengths are not confirmed. A store keeps the <see cref="Name"/> of the format that wrote each
/// identifier, so a corrected layout can be introduced beside the assumed one. Implementations must be thread-safe.
/// </summary>
public interface IContainerIdentifierFormat
{
    /// <summary>Name stored with every identifier it writes (e.g. <c>assumed-hj1276-37</c>).</summary>
    string Name { get; }

    /// <summary>Length of every identifier it writes.</summary>
    int Length { get; }

    /// <summary>Writes the identifier of one container.</summary>
    /// <param name="unitCode">Code of the generating or collecting unit.</param>
    /// <param name="code">The waste code.</param>
    /// <param name="generatedOn">产生/收集日期 (Beijing date).</param>
    /// <param name="serial">废物顺序编码, 1-based, per (unit, code, date).</param>
    /// <exception cref="ArgumentException">An input does not fit the layout.</exception>
    string Format(string unitCode, WasteCode code, DateOnly generatedOn, int serial);
}

/// <summary>
/// ASSUMPTION (supervision.md §3.5, confidence [U], one source): HJ 1276-2022 says the 数字识别码 has 4 segments and 37
/// characters — (1) code of the generating or collecting unit, (2) 危险废物代码, (3) 产生/收集日期码, (4) 废物顺序编码 — without
/// segment lengths in what was read. SmartEnv assumes 18 (统一社会信用代码, checked per GB 32100-2015) + 8 (the waste code's
/// digits without hyphens, e.g. <c>90024908</c>) + 8 (<c>yyyyMMdd</c>) + 3 (serial 001–999 per unit, code and day) = 37.
/// A 22-character HJ 608 unit code would not fit with an 8-digit date, so the layout may be wrong; replace this class
/// (another <see cref="IContainerIdentifierFormat"/>) once Appendix A of HJ 1276 is read. No parser of foreign codes.
/// Thread-safe (stateless).
/// </summary>
public sealed class AssumedHj1276Identifier : IContainerIdentifierFormat
{
    /// <summary>The instance.</summary>
    public static AssumedHj1276Identifier Instance { get; } = new();

    /// <summary>Largest serial per unit, code and day (3 digits).</summary>
    public const int MaxSerial = 999;

    /// <inheritdoc />
    public string Name => "assumed-hj1276-37";

    /// <inheritdoc />
    public int Length => 37;

    /// <inheritdoc />
    public string Format(string unitCode, WasteCode code, DateOnly generatedOn, int serial)
    {
        if (!Uscc.IsValid(unitCode))
            throw new ArgumentException($"unit code '{unitCode}' is not a valid 18-character 统一社会信用代码 (GB 32100-2015)", nameof(unitCode));
        var digits = code.Industry + code.Sequence + code.CategoryDigits;
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
            throw new ArgumentException($"waste code '{code}' is not ddd-ddd-dd", nameof(code));
        if (serial is < 1 or > MaxSerial)
            throw new ArgumentException($"serial {serial} is outside 1–{MaxSerial} (3 digits per unit, code and day)", nameof(serial));
        return unitCode + digits + generatedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + serial.ToString("D3", CultureInfo.InvariantCulture);
    }
}
