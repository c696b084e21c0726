using System.Globalization;
using SmartEnv.Standards.Common;

namespace SmartEnv.Hj212;

/// <summary>
/// The fields of one HJ 212 data segment (HJ 212-2017 §6.3, figure 4, table 3): QN;ST;CN;PW;MN;Flag;PNUM;PNO;CP.
/// Values are kept as sent; derived facts (version, ack, split, DataTime) are computed from them. Immutable; equality
/// compares the wire fields and the CP entries in order.
/// </summary>
public sealed class Hj212Packet : IEquatable<Hj212Packet>
{
    /// <summary>请求编码 QN: 17 digits <c>YYYYMMDDhhmmsszzz</c> identifying one exchange; null when absent (2005 uploads).</summary>
    public string? Qn { get; init; }

    /// <summary>系统编码 ST (2 chars, table 5: 21 surface water, 22 air, 23 noise, 31 air source, 32 water source, 91 interaction, …).</summary>
    public required string St { get; init; }

    /// <summary>命令编码 CN (4 digits, table 9), e.g. <c>2011</c>.</summary>
    public required string Cn { get; init; }

    /// <summary>访问密码 PW (6 chars per the standard); null when absent.</summary>
    public string? Pw { get; init; }

    /// <summary>设备唯一标识 MN (24 chars in 2017, 14 in 2005; any length kept); null when absent.</summary>
    public string? Mn { get; init; }

    /// <summary>拆分包及应答标志 Flag (0–255: bits 7..2 version, bit 1 D split, bit 0 A ack wanted); null when absent.</summary>
    public int? Flag { get; init; }

    /// <summary>总包数 PNUM (split packets); null when absent.</summary>
    public int? Pnum { get; init; }

    /// <summary>包号 PNO, 1-based (split packets); null when absent.</summary>
    public int? Pno { get; init; }

    /// <summary>The CP entries in wire order. For parsed packets the entries were validated during the parse and are
    /// materialised on first access (thread-safe).</summary>
    public IReadOnlyList<Hj212CpEntry> Cp { get; init; } = [];

    /// <summary>UTC offset of <see cref="DataTime"/>; +08:00 (Beijing) unless the parse policy said otherwise. Not part of equality.</summary>
    public TimeSpan TimeZoneOffset { get; init; } = BeijingTime.Offset;

    /// <summary>Command as an enum when CN is a known code, else null (the text stays in <see cref="Cn"/>).</summary>
    public Hj212Command? Command =>
        int.TryParse(Cn, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && Enum.IsDefined(typeof(Hj212Command), v)
            ? (Hj212Command)v : null;

    /// <summary>Protocol version from the Flag bits; HJ/T 212-2005 when Flag is absent.</summary>
    public Hj212Version Version => ((Flag ?? 0) >> 2) switch
    {
        0 => Hj212Version.Hj212_2005,
        1 => Hj212Version.Hj212_2017,
        2 => Hj212Version.Hj212_2025,
        _ => Hj212Version.Unknown,
    };

    /// <summary>Flag bit A: the sender wants an answer (a 9014 for uploads, a 9011 for requests).</summary>
    public bool AckRequested => ((Flag ?? 0) & 1) != 0;

    /// <summary>Flag bit D: the packet is one part of a split record (PNUM/PNO present).</summary>
    public bool IsSplit => ((Flag ?? 0) & 2) != 0;

    /// <summary>The first CP entry named <c>DataTime</c> (any case), raw text, or null.</summary>
    public string? DataTimeText => Find(null, "DataTime")?.Value;

    /// <summary>DataTime as an instant (the packet's offset, Beijing by default): the sampling moment for 2011, the
    /// <b>start</b> of the period for 2051/2061/2031/2041 (table 4). 17-digit values keep their milliseconds. Null when
    /// absent or malformed.</summary>
    public DateTimeOffset? DataTime => Hj212Time.TryParse(DataTimeText, TimeZoneOffset, out var t, out _) ? t : null;

    /// <summary>Finds the first CP entry with the given code and field (field compared case-insensitively).</summary>
    /// <param name="code">Factor code (e.g. <c>a34004</c>, compared exactly), or null for a parameter entry.</param>
    /// <param name="field">Field (<c>Rtd</c>, <c>Avg</c>, <c>Flag</c>, …) or parameter name (<c>DataTime</c>).</param>
    /// <returns>The entry, or null.</returns>
    public Hj212CpEntry? Find(string? code, string field)
    {
        foreach (var e in Cp)
            if (string.Equals(e.Code, code, StringComparison.Ordinal) && string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))
                return e;
        return null;
    }

    /// <inheritdoc/>
    public bool Equals(Hj212Packet? other) =>
        other is not null && Qn == other.Qn && St == other.St && Cn == other.Cn && Pw == other.Pw && Mn == other.Mn
        && Flag == other.Flag && Pnum == other.Pnum && Pno == other.Pno && Cp.SequenceEqual(other.Cp);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Hj212Packet);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Qn, St, Cn, Mn, Flag, Pno, Cp.Count);

    /// <summary>The data segment text as <see cref="Hj212Serializer"/> would write it.</summary>
    public override string ToString() => Hj212Serializer.SegmentText(this);
}
