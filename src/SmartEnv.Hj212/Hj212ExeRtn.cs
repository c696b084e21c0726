namespace SmartEnv.Hj212;

/// <summary>Execution result codes (ExeRtn) carried by CN=9012. Values are the wire values. Source: HJ 212-2017 table 6.</summary>
public enum Hj212ExeRtn
{
    /// <summary>1 执行成功 success.</summary>
    Success = 1,
    /// <summary>2 执行失败，但不知道原因 failed, reason unknown.</summary>
    Failed = 2,
    /// <summary>3 命令请求条件错误 request condition error.</summary>
    ConditionError = 3,
    /// <summary>4 通讯超时 communication timeout.</summary>
    Timeout = 4,
    /// <summary>5 系统繁忙不能执行 busy.</summary>
    Busy = 5,
    /// <summary>6 系统故障 system fault.</summary>
    SystemFault = 6,
    /// <summary>100 没有数据 no data.</summary>
    NoData = 100,
}
