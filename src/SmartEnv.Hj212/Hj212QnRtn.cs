namespace SmartEnv.Hj212;

/// <summary>Request answer codes (QnRtn) carried by CN=9011. Values are the wire values. Source: HJ 212-2017 table 7.</summary>
public enum Hj212QnRtn
{
    /// <summary>1 准备执行请求 ready to execute.</summary>
    Ready = 1,
    /// <summary>2 请求被拒绝 rejected.</summary>
    Rejected = 2,
    /// <summary>3 PW 错误 password error.</summary>
    PwError = 3,
    /// <summary>4 MN 错误 MN error.</summary>
    MnError = 4,
    /// <summary>5 ST 错误 ST error.</summary>
    StError = 5,
    /// <summary>6 Flag 错误 Flag error.</summary>
    FlagError = 6,
    /// <summary>7 QN 错误 QN error.</summary>
    QnError = 7,
    /// <summary>8 CN 错误 CN error.</summary>
    CnError = 8,
    /// <summary>9 CRC 校验错误 CRC error.</summary>
    CrcError = 9,
    /// <summary>100 未知错误 unknown error.</summary>
    Unknown = 100,
}
