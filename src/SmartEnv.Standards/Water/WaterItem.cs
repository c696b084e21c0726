using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Water;

/// <summary>The 24 basic items of GB 3838-2002 Table 1, in the table's order (numeric value = row number).</summary>
public enum WaterItem
{
    /// <summary>1 水温, ℃ (only a man-made change limit; no class).</summary>
    Temperature = 1,
    /// <summary>2 pH, dimensionless (6–9 for all classes).</summary>
    PH,
    /// <summary>3 溶解氧 DO, mg/L (a lower limit: "≥").</summary>
    DissolvedOxygen,
    /// <summary>4 高锰酸盐指数 CODMn, mg/L.</summary>
    PermanganateIndex,
    /// <summary>5 化学需氧量 COD, mg/L.</summary>
    Cod,
    /// <summary>6 五日生化需氧量 BOD5, mg/L.</summary>
    Bod5,
    /// <summary>7 氨氮 NH3-N, mg/L.</summary>
    AmmoniaNitrogen,
    /// <summary>8 总磷 TP (as P), mg/L; separate limits for lakes and reservoirs.</summary>
    TotalPhosphorus,
    /// <summary>9 总氮 TN (as N), mg/L; lakes and reservoirs only.</summary>
    TotalNitrogen,
    /// <summary>10 铜 Cu, mg/L.</summary>
    Copper,
    /// <summary>11 锌 Zn, mg/L.</summary>
    Zinc,
    /// <summary>12 氟化物 (as F⁻), mg/L.</summary>
    Fluoride,
    /// <summary>13 硒 Se, mg/L.</summary>
    Selenium,
    /// <summary>14 砷 As, mg/L.</summary>
    Arsenic,
    /// <summary>15 汞 Hg, mg/L.</summary>
    Mercury,
    /// <summary>16 镉 Cd, mg/L.</summary>
    Cadmium,
    /// <summary>17 铬（六价）Cr⁶⁺, mg/L.</summary>
    Chromium6,
    /// <summary>18 铅 Pb, mg/L.</summary>
    Lead,
    /// <summary>19 氰化物 CN, mg/L.</summary>
    Cyanide,
    /// <summary>20 挥发酚, mg/L.</summary>
    VolatilePhenol,
    /// <summary>21 石油类, mg/L.</summary>
    Petroleum,
    /// <summary>22 阴离子表面活性剂 LAS, mg/L.</summary>
    AnionicSurfactant,
    /// <summary>23 硫化物, mg/L.</summary>
    Sulfide,
    /// <summary>24 粪大肠菌群, 个/L.</summary>
    FecalColiform,
}

/// <summary>Waterbody type: selects the TP limits and whether TN is evaluated (GB 3838-2002 Table 1 rows 8–9).</summary>
public enum WaterbodyType
{
    /// <summary>River (河流).</summary>
    River,
    /// <summary>Lake or reservoir (湖、库).</summary>
    Lake,
}

/// <summary>How an item's limits are read (GB 3838-2002 Table 1).</summary>
public enum LimitKind
{
    /// <summary>Upper limit "≤": the value must not exceed the class limit.</summary>
    AtMost,
    /// <summary>Lower limit "≥" (DO only).</summary>
    AtLeast,
    /// <summary>A range for every class (pH 6–9): inside → Ⅰ, outside → 劣Ⅴ.</summary>
    Range,
    /// <summary>No class limit (water temperature: man-made change only).</summary>
    None,
}

/// <summary>Metadata of one GB 3838-2002 Table 1 item.</summary>
/// <param name="Item">Item.</param>
/// <param name="Key">Short key used in JSON and CSV (e.g. "codmn", "nh3n").</param>
/// <param name="NameZh">Chinese name as in the table.</param>
/// <param name="NameEn">English name.</param>
/// <param name="LimitUnit">Unit the limits (and the values classified against them) are in: mg/L; ℃; dimensionless (pH); 个/L.</param>
/// <param name="Kind">How the limits are read.</param>
/// <param name="River">Class Ⅰ…Ⅴ limits for rivers (and for lakes unless <paramref name="Lake"/> is given); empty for <see cref="LimitKind.None"/>; for pH the range {6, 9}.</param>
/// <param name="Lake">Class Ⅰ…Ⅴ limits for lakes and reservoirs where they differ (TP), otherwise null.</param>
/// <param name="LakesOnly">True for TN: evaluated for lakes and reservoirs only.</param>
/// <param name="PriorityPollutant">Heavy metal or cyanide: given priority as 主要污染指标 when it exceeds class Ⅲ (环办〔2011〕22号).</param>
public sealed record WaterItemInfo(
    WaterItem Item, string Key, string NameZh, string NameEn, MeasurementUnit LimitUnit, LimitKind Kind,
    IReadOnlyList<decimal> River, IReadOnlyList<decimal>? Lake, bool LakesOnly, bool PriorityPollutant)
{
    /// <summary>The symbol of <see cref="LimitUnit"/>: "mg/L", "℃", "" (pH), "个/L".</summary>
    public string Unit => LimitUnit.Symbol;

    /// <summary>True when the item has a 超标倍数 (all but water temperature, pH and DO; 环办〔2011〕22号).</summary>
    public bool HasExceedingMultiple => Kind == LimitKind.AtMost;

    /// <summary>Class Ⅰ…Ⅴ limits that apply to <paramref name="waterbody"/>.</summary>
    /// <param name="waterbody">River or lake/reservoir.</param>
    public IReadOnlyList<decimal> LimitsFor(WaterbodyType waterbody) =>
        waterbody == WaterbodyType.Lake && Lake is not null ? Lake : River;
}
