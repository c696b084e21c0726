using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;
using SmartEnv.Standards.Water;

namespace SmartEnv.Hj212.Codes;

/// <summary>
/// One HJ 212 factor (pollutant or parameter) code with its names, units and the SmartEnv standards key. Units are
/// <see cref="MeasurementUnit"/>s of the one vocabulary (their <see cref="MeasurementUnit.Symbol"/> is the text stored and
/// shown). Immutable.
/// Source: HJ 212-2017 App. B tables B.1–B.3 (codes, 2005 "原编码", App. B units); ambient-air practice for a05024 and
/// for the units of ambient air pollutants (<see cref="Unit"/>).
/// </summary>
/// <param name="Code">HJ 212-2017 code (<c>a34004</c>, <c>w01018</c>, <c>LA</c>).</param>
/// <param name="Code2005">HJ/T 212-2005 code ("原编码", e.g. <c>011</c>, <c>B02</c>, <c>S01</c>), or null.</param>
/// <param name="NameZh">Chinese name (中文名称).</param>
/// <param name="NameEn">English name.</param>
/// <param name="Domain">Water, air or noise.</param>
/// <param name="AppendixBUnit">Concentration unit printed in App. B, the unit of pollution-source data (flue gas mg/m³;
/// App. B prints ng/m³ for particulates). For ambient air stations (ST=22) it is not the unit sent: see <see cref="Unit"/>.</param>
/// <param name="CouUnit">Unit of the <c>-Cou</c> (emission amount) field in App. B, or null.</param>
/// <param name="StandardsKey">Key of the matching item in SmartEnv.Standards (<c>pm25</c>, <c>co</c>, <c>codmn</c>, <c>la</c>), or null.</param>
public sealed record Hj212FactorCode(string Code, string? Code2005, string NameZh, string NameEn, Hj212FactorDomain Domain,
    MeasurementUnit AppendixBUnit, MeasurementUnit? CouUnit, string? StandardsKey)
{
    private readonly MeasurementUnit? _unit;

    /// <summary>
    /// The unit of the values SmartEnv receives and stores under this code from environmental-quality monitoring (air
    /// stations, water sections, noise sites): <see cref="AppendixBUnit"/>, except the ambient air pollutants, which
    /// stations (ST=22) and CNEMC publish in the unit of GB 3095 — μg/m³ for PM2.5, PM10, TSP, SO2, NO2, NOx, O3 (App. B:
    /// ng/m³ or flue-gas mg/m³), CO mg/m³. Water heavy metals keep App. B μg/L (Hg w20111, Cd w20115, Cr(VI) w20117,
    /// As w20119, Pb w20120) while GB 3838 states mg/L: <see cref="ToStandardsUnit"/> converts.
    /// </summary>
    public MeasurementUnit Unit { get => _unit ?? AppendixBUnit; init => _unit = value; }

    /// <summary>
    /// The unit the standards item of <see cref="StandardsKey"/> states its limits in, read from the standard itself:
    /// water — GB 3838-2002 Table 1 (<see cref="WaterItemInfo.LimitUnit"/>: mg/L, ℃, pH dimensionless, 个/L); air —
    /// GB 3095 (<see cref="Gb3095.Unit"/>: CO mg/m³, all others μg/m³, also NOx and TSP of Table 2); noise — GB 3096-2008
    /// (<see cref="Gb3096.Unit"/>, dB(A)). Null without a standards key.
    /// </summary>
    public MeasurementUnit? StandardsUnit => StandardsKey is not { } key ? null : Domain switch
    {
        Hj212FactorDomain.Water => Gb3838Table1.TryGetByKey(key, out var item) ? Gb3838Table1.Get(item).LimitUnit : null,
        Hj212FactorDomain.Air => Enum.TryParse<AirPollutant>(key, ignoreCase: true, out var p) ? Gb3095.Unit(p)
            : MeasurementUnit.MicrogramPerCubicMetre, // nox, tsp: GB 3095-2012 Table 2 states μg/m³
        Hj212FactorDomain.Noise => Gb3096.Unit,
        _ => null,
    };

    /// <summary>
    /// A value of this code (in <see cref="Unit"/>) expressed in <see cref="StandardsUnit"/>, exactly (decimal): where a
    /// factor code meets a standard's item. Hg <c>w20111</c> 0.05 μg/L → 0.00005 mg/L (GB 3838-2002 class I limit).
    /// </summary>
    /// <param name="value">The value as received, in <see cref="Unit"/>.</param>
    /// <exception cref="InvalidOperationException">The code has no standards item, or the units do not convert.</exception>
    public decimal ToStandardsUnit(decimal value) =>
        Unit.ConvertTo(value, StandardsUnit ?? throw new InvalidOperationException($"factor code {Code} has no standards item"));
}
