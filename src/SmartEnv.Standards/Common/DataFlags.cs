namespace SmartEnv.Standards.Common;

/// <summary>What a flagged value may be used for (<see cref="DataFlags"/>).</summary>
public enum DataFlagUse
{
    /// <summary>A measured concentration: feeds means, AQI, assessments, alerts on concentration and plan indicators.</summary>
    Valid,

    /// <summary>Not a valid measurement of its period: stored and shown with its flag, but every figure treats the period
    /// as missing for that factor (with the flag as the reason).</summary>
    Invalid,

    /// <summary>Over the instrument's upper measuring limit (flag T): the true value is at least the reported value. Not a
    /// concentration (the period is missing for means, AQI and assessments, as <see cref="Invalid"/>); the reported value
    /// is kept as a floor ("≥ value") in the validity reason.</summary>
    LowerBound,
}

/// <summary>
/// One row of the data-flag table: an HJ 212 data flag (<c>xxxxxx-Flag</c>), its meaning and how SmartEnv uses a value
/// that carries it. Immutable; thread-safe.
/// </summary>
/// <param name="Flag">The flag letter as HJ 212-2017 table 8 writes it (upper case).</param>
/// <param name="MeaningZh">Meaning, verbatim from HJ 212-2017 table 8.</param>
/// <param name="MeaningEn">Meaning in English.</param>
/// <param name="Use">How a value with this flag is used.</param>
/// <param name="Fault">True when the flag says the instrument is not measuring at all (停运, 故障, 通讯异常): the
/// 数据标记 alert rates it higher than maintenance, calibration, manual or over-range flags.</param>
/// <param name="Basis">Where <paramref name="Use"/> comes from: the clause, or "SmartEnv choice" with the reasoning
/// (docs/standards-air.md, "Data flags decide validity").</param>
public sealed record DataFlagRule(string Flag, string MeaningZh, string MeaningEn, DataFlagUse Use, bool Fault, string Basis);

/// <summary>
/// The one flag → validity rule of SmartEnv, read by every consumer of stored values (hour evaluation, hour means derived
/// from minute / real-time data, water samples, noise hours, alerts, plan indicators). Data-driven: <see cref="Table"/>
/// lists HJ 212-2017 §6.6.4 table 8 "数据标记（可扩充）" (N, F, M, S, D, C, T, B). HJ 212 defines the flags but not
/// which ones invalidate a value; the uses below follow the MEE 2022 标记规则 principle "标记为无效的自动监测数据，不作为
/// 超标判定依据" and are otherwise SmartEnv's choice, documented per row in <see cref="DataFlagRule.Basis"/>:
/// only N (and a value sent without any flag, as file imports are) is a measured concentration; T is a floor; every
/// other letter of table 8, and any letter outside it (the table is extensible, a vendor's letter has no known meaning),
/// is invalid. Pure functions; thread-safe.
/// </summary>
public static class DataFlags
{
    private const string Table8 = "HJ 212-2017 §6.6.4 表8";

    /// <summary>HJ 212-2017 §6.6.4 table 8, in the table's order, with SmartEnv's use of each flag.</summary>
    public static IReadOnlyList<DataFlagRule> Table { get; } =
    [
        new("N", "在线监控（监测）仪器仪表工作正常", "instrument working normally", DataFlagUse.Valid, false,
            Table8 + ": the only flag that states a normal measurement"),
        new("F", "在线监控（监测）仪器仪表停运", "instrument stopped", DataFlagUse.Invalid, true,
            Table8 + "; invalid: SmartEnv choice (a stopped instrument measures nothing)"),
        new("M", "在线监控（监测）仪器仪表处于维护期间产生的数据", "data produced during maintenance", DataFlagUse.Invalid, false,
            Table8 + "; invalid: SmartEnv choice (maintenance data are not ambient measurements; 2022 标记规则 marks them for exclusion)"),
        new("S", "手工输入的设定值", "set value entered by hand", DataFlagUse.Invalid, false,
            Table8 + "; invalid: SmartEnv choice (a typed-in set value, not an automatic measurement of the period; its sampling time cannot be checked)"),
        new("D", "在线监控（监测）仪器仪表故障", "instrument fault", DataFlagUse.Invalid, true,
            Table8 + "; invalid: SmartEnv choice (a faulty instrument's reading is not a measurement)"),
        new("C", "在线监控（监测）仪器仪表处于校准状态", "instrument in calibration", DataFlagUse.Invalid, false,
            Table8 + "; invalid: SmartEnv choice (during calibration the analyser reads a standard gas, not ambient air)"),
        new("T", "在线监控（监测）仪器仪表采样数值超过测量上限", "sampled value above the measuring upper limit", DataFlagUse.LowerBound, false,
            Table8 + "; floor: SmartEnv choice (the value is the limit reached, the true concentration is at least it)"),
        new("B", "在线监控（监测）仪器仪表与数采仪通讯异常", "communication fault between instrument and data logger", DataFlagUse.Invalid, true,
            Table8 + "; invalid: SmartEnv choice (the logger did not get the instrument's reading)"),
    ];

    private static readonly Dictionary<string, DataFlagRule> ByFlag = Table.ToDictionary(r => r.Flag, StringComparer.Ordinal);

    /// <summary>The flag as compared: trimmed and upper-cased (invariant); null for a missing or blank flag.</summary>
    /// <param name="flag">The flag as received.</param>
    public static string? Normalize(string? flag) => string.IsNullOrWhiteSpace(flag) ? null : flag.Trim().ToUpperInvariant();

    /// <summary>The table row of a flag (case-insensitive, trimmed), or null for a missing flag or a letter outside table 8.</summary>
    /// <param name="flag">The flag as received.</param>
    public static DataFlagRule? Find(string? flag) => Normalize(flag) is { } f && ByFlag.TryGetValue(f, out var r) ? r : null;

    /// <summary>
    /// How a value with this flag is used: no flag (file imports, loggers that send none) or N → <see cref="DataFlagUse.Valid"/>;
    /// T → <see cref="DataFlagUse.LowerBound"/>; F, M, S, D, C, B and any flag outside table 8 → <see cref="DataFlagUse.Invalid"/>.
    /// </summary>
    /// <param name="flag">The flag as received (case and surrounding blanks ignored).</param>
    public static DataFlagUse Use(string? flag) => Normalize(flag) is not { } f ? DataFlagUse.Valid
        : ByFlag.TryGetValue(f, out var r) ? r.Use : DataFlagUse.Invalid;

    /// <summary>True when a value with this flag is a measured concentration (<see cref="Use"/> is <see cref="DataFlagUse.Valid"/>).</summary>
    /// <param name="flag">The flag as received.</param>
    public static bool IsValid(string? flag) => Use(flag) == DataFlagUse.Valid;

    /// <summary>True when the flag says the instrument is not measuring (F, D, B; <see cref="DataFlagRule.Fault"/>).</summary>
    /// <param name="flag">The flag as received.</param>
    public static bool IsFault(string? flag) => Find(flag)?.Fault == true;
}
