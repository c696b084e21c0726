using System.Globalization;

namespace SmartEnv.Hj212;

/// <summary>
/// One <c>key=value</c> entry of the CP data area, kept verbatim. Factor entries have a key <c>code-Field</c> split on the
/// last '-' (<c>a34004-Rtd</c>, <c>011-Rtd</c>, <c>SB1-RS</c>); parameter entries (<c>DataTime</c>, <c>RtdInterval</c>,
/// …) have no code. Source: HJ 212-2017 §6.3.3 and table 4. Immutable; equality compares key and value.
/// </summary>
/// <param name="Key">The key as sent (case preserved).</param>
/// <param name="Value">The value text as sent (never re-formatted: <c>1.230</c> stays <c>1.230</c>).</param>
public sealed record Hj212CpEntry(string Key, string Value)
{
    /// <summary>Byte offset of the key within the frame (0 for entries not read from the wire).</summary>
    public int Position { get; init; }

    /// <summary>Factor code (part before the last '-'), or null for a parameter entry.</summary>
    public string? Code
    {
        get
        {
            int i = Key.LastIndexOf('-');
            return i > 0 ? Key[..i] : null;
        }
    }

    /// <summary>Field name (<c>Rtd</c>, <c>Avg</c>, <c>Min</c>, <c>Max</c>, <c>Cou</c>, <c>Flag</c>, <c>ZsAvg</c>, <c>Data</c>, …),
    /// or the whole key for a parameter entry. A table 4 field written in another case (<c>-flag</c>, <c>-AVG</c>) is
    /// given in its canonical spelling (<see cref="Hj212Fields.Canonical"/>; the parser warns
    /// <see cref="Hj212Deviation.NonCanonicalFieldName"/>); other fields (<c>ValidNum</c>) as sent. <see cref="Key"/>
    /// keeps the spelling as sent.</summary>
    public string Field
    {
        get
        {
            int i = Key.LastIndexOf('-');
            if (i <= 0) return Key;
            var raw = Key.AsSpan(i + 1);
            return Hj212Fields.Canonical(raw) ?? raw.ToString();
        }
    }

    /// <summary>The value as an exact decimal when it is a plain decimal number (optional sign, digits, optional
    /// fraction; no exponent, no grouping), else null. Unit: the factor's unit as configured for the device.</summary>
    public decimal? Number => TryNumber(Value, out var d) ? d : null;

    /// <summary>The number rule of <see cref="Number"/> on a span (also used by the parser's strict value check).</summary>
    internal static bool TryNumber(ReadOnlySpan<char> value, out decimal number) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);

    /// <inheritdoc/>
    public bool Equals(Hj212CpEntry? other) => other is not null && Key == other.Key && Value == other.Value;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Key, Value);
}
