namespace SmartEnv.Storage.Entities;

/// <summary>Why a packet was quarantined. Stored as snake_case text; one reason per packet.</summary>
public enum QuarantineReason
{
    /// <summary>MN is not in the device registry.</summary>
    UnknownMn,
    /// <summary>PW does not match the registered password of the MN.</summary>
    WrongPassword,
    /// <summary>The device is registered but disabled.</summary>
    DeviceDisabled,
    /// <summary>CRC does not match the HJ 212-2017 Appendix A algorithm.</summary>
    CrcMismatch,
    /// <summary>The frame or data segment could not be parsed.</summary>
    Malformed,
    /// <summary>The command (CN) is not a data upload the store decodes.</summary>
    UnsupportedCommand,
    /// <summary>A data upload whose DataTime is not a plausible observation time (before 2000-01-01 Beijing or more than
    /// 1 h after the receive time; docs/gateway.md "Implausible uploads").</summary>
    ImplausibleDataTime,
    /// <summary>A data upload with a value that is not a plain decimal number below 10^15, a negative concentration, or (an
    /// outlet's) negative emission amount <c>-Cou</c>.</summary>
    ImplausibleValue,
    /// <summary>The PW was not checked: the MN or the sending address is locked after repeated wrong PWs (back-off;
    /// docs/security.md "Device passwords and lockout"). The packet is kept, not answered, like a wrong PW.</summary>
    PasswordLocked,
}
