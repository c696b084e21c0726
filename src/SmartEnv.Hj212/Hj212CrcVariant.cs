namespace SmartEnv.Hj212;

/// <summary>
/// The CRC-16 algorithms a data segment may be checked with. Flags, so a device's allow-list can hold several.
/// Source: HJ 212-2017 Appendix A (standard algorithm); the Modbus variants are field practice, not the standard
/// (see docs/hj212.md, "CRC variants").
/// </summary>
[Flags]
public enum Hj212CrcVariant
{
    /// <summary>No algorithm (the CRC did not verify under any allowed algorithm).</summary>
    None = 0,

    /// <summary>HJ 212-2017 Appendix A: register 0xFFFF; per byte <c>reg = (reg &gt;&gt; 8) ^ b</c>, then 8 shifts with
    /// polynomial 0xA001; printed high byte first. The only algorithm accepted by default.</summary>
    Standard = 1,

    /// <summary>Plain Modbus CRC-16 (<c>reg ^= b</c>, 0xA001, init 0xFFFF) printed high byte first; sent by some loggers.</summary>
    Modbus = 2,

    /// <summary>Modbus CRC-16 with its two bytes swapped (low byte printed first); sent by some loggers.</summary>
    ModbusSwapped = 4,
}
