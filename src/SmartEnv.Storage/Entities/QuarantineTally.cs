namespace SmartEnv.Storage.Entities;

/// <summary>
/// The truth about quarantined frames the HJ 212 gateway received in one quota window from one source address for one
/// reason: how many arrived, how many bytes they held and how many were stored as <see cref="RawPacket"/> rows (the
/// examples); beyond the quarantine quota frames are counted here only (issue 14 item 1, docs/gateway.md "Quarantine
/// quota"). One row per flush: a window may have several rows for the same address and reason (e.g. across a restart);
/// readers sum them. Mutable EF Core entity; not thread-safe.
/// </summary>
public sealed class QuarantineTally
{
    /// <summary>Column width of <see cref="Address"/> (an IPv6 address text is at most 45 characters).</summary>
    public const int AddressLength = 64;

    /// <summary>Text <see cref="Address"/> of the row that sums the frames of addresses beyond the tracked-address cap.</summary>
    public const string OtherAddresses = "*";

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Start of the quota window (UTC).</summary>
    public DateTimeOffset WindowStart { get; set; }

    /// <summary>End of the quota window (UTC, exclusive).</summary>
    public DateTimeOffset WindowEnd { get; set; }

    /// <summary>Source IPv4 address (no port), IPv6 /64 prefix (<c>2001:db8::/64</c>), or <see cref="OtherAddresses"/>.</summary>
    public required string Address { get; set; }

    /// <summary>Why the frames were quarantined.</summary>
    public QuarantineReason Reason { get; set; }

    /// <summary>Quarantined frames received (stored or not).</summary>
    public long Frames { get; set; }

    /// <summary>Bytes of those frames as the intake kept them (text, detail, diagnostics; UTF-8).</summary>
    public long Bytes { get; set; }

    /// <summary>Of <see cref="Frames"/>, how many were stored as <c>raw_packets</c> rows.</summary>
    public long Stored { get; set; }
}
