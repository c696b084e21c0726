namespace SmartEnv.Hj212.Codes;

/// <summary>
/// One HJ 212 factor (pollutant or parameter) code with its names, units and the SmartEnv standards key. Units are
/// texts as printed (<c>mg/m³</c>, <c>μg/m³</c>, <c>mg/L</c>, <c>dB(A)</c>). Immutable.
/// Source: HJ 212-2017 App. B tables B.1–B.3 (codes, 2005 "原编码", App. B units); ambient-air practice for a05024.
/// </summary>
/// <param name="Code">HJ 212-2017 code (<c>a34004</c>, <c>w01018</c>, <c>LA</c>).</param>
/// <param name="Code2005">HJ/T 212-2005 code ("原编码", e.g. <c>011</c>, <c>B02</c>, <c>S01</c>), or null.</param>
/// <param name="NameZh">Chinese name (中文名称).</param>
/// <param name="NameEn">English name.</param>
/// <param name="Domain">Water, air or noise.</param>
/// <param name="AppendixBUnit">Concentration unit printed in App. B (the default for pollution-source data; App. B
/// prints ng/m³ for particulates although devices send μg/m³ — configure units per MN, never trust this for ST=22).</param>
/// <param name="CouUnit">Unit of the <c>-Cou</c> (emission amount) field in App. B, or null.</param>
/// <param name="StandardsKey">Key of the matching item in SmartEnv.Standards (<c>pm25</c>, <c>co</c>, <c>codmn</c>, <c>la</c>), or null.</param>
/// <param name="StandardsUnit">Unit the standards key is evaluated in (GB 3095: μg/m³, CO mg/m³; GB 3838: mg/L;
/// GB 3096: dB(A)), or null.</param>
public sealed record Hj212FactorCode(string Code, string? Code2005, string NameZh, string NameEn, Hj212FactorDomain Domain,
    string AppendixBUnit, string? CouUnit, string? StandardsKey, string? StandardsUnit);
