namespace SmartEnv.Storage.Entities;

/// <summary>What became of a received HJ 212 packet. Stored as lower-case text.</summary>
public enum PacketStatus
{
    /// <summary>Framed, CRC-valid, from a registered MN with the right PW: decoded into observations.</summary>
    Accepted,
    /// <summary>Kept for admins but never trusted as data; <see cref="RawPacket.QuarantineReason"/> says why.</summary>
    Quarantined,
}
