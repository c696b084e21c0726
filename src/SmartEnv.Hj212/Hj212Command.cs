namespace SmartEnv.Hj212;

/// <summary>
/// Command codes (CN); values are the wire values. Source: HJ 212-2017 §6.6.5 table 9 (1000–9014); HJ/T 212-2005
/// codes dropped in 2017 (1001, 1021/1022, 1031/1032, 1041/1042, 2071); HJ 212-2025 additions as implemented by
/// open-source loggers (unverified against the 2025 text).
/// </summary>
public enum Hj212Command
{
    /// <summary>1000 设置超时时间及重发次数 set timeout and retry count (OverTime, ReCount).</summary>
    SetTimeoutAndRetry = 1000,
    /// <summary>1001 (2005) 报警时间 / (2025) 上传数采仪硬件序列号.</summary>
    Code1001 = 1001,
    /// <summary>1002 (2025) 设置数采仪 MN.</summary>
    SetLoggerMn = 1002,
    /// <summary>1011 提取现场机时间 get field time / upload field time (SystemTime).</summary>
    GetFieldTime = 1011,
    /// <summary>1012 设置现场机时间 set field time.</summary>
    SetFieldTime = 1012,
    /// <summary>1013 现场机时间校准请求 field asks for time calibration.</summary>
    TimeCalibrationRequest = 1013,
    /// <summary>1014 (2025) 密钥请求/下发 secret-key request.</summary>
    SecretKey = 1014,
    /// <summary>1021 (2005) 提取污染物报警门限值.</summary>
    GetAlarmLimits2005 = 1021,
    /// <summary>1022 (2005) 设置污染物报警门限值.</summary>
    SetAlarmLimits2005 = 1022,
    /// <summary>1031 (2005) 提取上位机地址.</summary>
    GetAlarmTarget2005 = 1031,
    /// <summary>1032 (2005) 设置上位机地址.</summary>
    SetAlarmTarget2005 = 1032,
    /// <summary>1041 (2005) 提取数据上报时间.</summary>
    GetReportTime2005 = 1041,
    /// <summary>1042 (2005) 设置数据上报时间.</summary>
    SetReportTime2005 = 1042,
    /// <summary>1061 提取实时数据间隔 get real-time interval (RtdInterval, s).</summary>
    GetRealtimeInterval = 1061,
    /// <summary>1062 设置实时数据间隔 set real-time interval (RtdInterval 30–3600 s).</summary>
    SetRealtimeInterval = 1062,
    /// <summary>1063 提取分钟数据间隔 get minute-data interval (MinInterval, min).</summary>
    GetMinuteInterval = 1063,
    /// <summary>1064 设置分钟数据间隔 set minute-data interval.</summary>
    SetMinuteInterval = 1064,
    /// <summary>1072 设置现场机访问密码 set password (NewPW).</summary>
    SetPassword = 1072,
    /// <summary>2011 实时数据 real-time data (request / upload).</summary>
    RealtimeData = 2011,
    /// <summary>2012 停止察看实时数据 stop real-time data.</summary>
    StopRealtimeData = 2012,
    /// <summary>2013 (2025) 原始监测数据 raw monitoring data.</summary>
    RawData2025 = 2013,
    /// <summary>2021 设备运行状态 facility run state (SBx-RS).</summary>
    RunState = 2021,
    /// <summary>2022 停止察看设备运行状态.</summary>
    StopRunState = 2022,
    /// <summary>2031 日历史数据 daily data (DataTime = start of the day).</summary>
    DailyData = 2031,
    /// <summary>2041 设备运行时间日历史数据 facility run time per day (SBx-RT, h).</summary>
    DailyRunTime = 2041,
    /// <summary>2051 分钟数据 minute data (DataTime = start of the period).</summary>
    MinuteData = 2051,
    /// <summary>2052 (2025) 噪声单次测量数据.</summary>
    NoiseSingleMeasurement2025 = 2052,
    /// <summary>2061 小时数据 hourly data (DataTime = start of the hour).</summary>
    HourlyData = 2061,
    /// <summary>2062 (2025) 自动标样核查数据.</summary>
    StandardCheckData2025 = 2062,
    /// <summary>2071 (2005) 报警记录.</summary>
    AlarmRecords2005 = 2071,
    /// <summary>2081 数采仪开机时间 logger restart time.</summary>
    RestartTime = 2081,
    /// <summary>2111 (2025) 炉温 5 分钟均值.</summary>
    FurnaceTemperature2025 = 2111,
    /// <summary>3011 零点校准量程校准.</summary>
    Calibrate = 3011,
    /// <summary>3012 即时采样.</summary>
    SampleNow = 3012,
    /// <summary>3013 启动清洗/反吹.</summary>
    StartCleaning = 3013,
    /// <summary>3014 比对采样.</summary>
    ComparisonSample = 3014,
    /// <summary>3015 超标留样.</summary>
    OverLimitSample = 3015,
    /// <summary>3016 设置采样时间周期.</summary>
    SetSamplingPeriod = 3016,
    /// <summary>3017 提取采样时间周期.</summary>
    GetSamplingPeriod = 3017,
    /// <summary>3018 提取出样时间.</summary>
    GetSampleOutputTime = 3018,
    /// <summary>3019 提取设备唯一标识.</summary>
    GetInstrumentSn = 3019,
    /// <summary>3020 提取/上传现场机信息 field information (i-codes, logs).</summary>
    FieldInformation = 3020,
    /// <summary>3021 设置现场机参数.</summary>
    SetFieldParameters = 3021,
    /// <summary>3022 (2025) 即时采样任务.</summary>
    SampleTask2025 = 3022,
    /// <summary>3024 (2025) 启动标样核查.</summary>
    StartStandardCheck2025 = 3024,
    /// <summary>9011 请求应答 request answer (QnRtn).</summary>
    RequestAnswer = 9011,
    /// <summary>9012 执行结果 execution result (ExeRtn).</summary>
    ExecutionResult = 9012,
    /// <summary>9013 通知应答 notify answer.</summary>
    NotifyAnswer = 9013,
    /// <summary>9014 数据应答 data answer (echoes the upload's QN, ST=91).</summary>
    DataAnswer = 9014,
    /// <summary>9015 (2025) 心跳 heartbeat.</summary>
    Heartbeat2025 = 9015,
}
