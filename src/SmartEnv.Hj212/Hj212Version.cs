namespace SmartEnv.Hj212;

/// <summary>Protocol version, from the Flag field's version bits V5..V0 (bits 7..2). Source: HJ 212-2017 table 3.</summary>
public enum Hj212Version
{
    /// <summary>Version bits 000000, or no Flag field: HJ/T 212-2005.</summary>
    Hj212_2005 = 0,

    /// <summary>Version bits 000001 (Flag 4–7): HJ 212-2017.</summary>
    Hj212_2017 = 1,

    /// <summary>Version bits 000010 (Flag 8–11): HJ 212-2025 (in force 2026-01-01; bits as used by implementations,
    /// the 2025 text was not available).</summary>
    Hj212_2025 = 2,

    /// <summary>Any other version bits (kept, not range-checked).</summary>
    Unknown = 63,
}
