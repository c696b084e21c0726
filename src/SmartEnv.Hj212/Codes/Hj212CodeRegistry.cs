using System.Collections.Frozen;
using SmartEnv.Standards.Common;
using U = SmartEnv.Standards.Common.MeasurementUnit;

namespace SmartEnv.Hj212.Codes;

/// <summary>
/// The factor codes SmartEnv knows: HJ 212-2017 App. B water (B.1), air/flue-gas (B.2) and noise (B.3) codes that
/// monitoring stations and enterprise loggers send, the HJ/T 212-2005 codes mapped to them, the SmartEnv standards
/// key of each and its units (<see cref="Hj212FactorCode.Unit"/>, <see cref="Hj212FactorCode.AppendixBUnit"/>,
/// <see cref="Hj212FactorCode.StandardsUnit"/>, all <see cref="MeasurementUnit"/>s; docs/hj212.md "Units"). Unknown
/// codes are not an error: packets keep them verbatim and <see cref="Find"/> returns null.
/// Thread-safe (immutable tables).
/// </summary>
public static class Hj212CodeRegistry
{
    private static readonly MeasurementUnit Ugm3 = U.MicrogramPerCubicMetre, Mgm3 = U.MilligramPerCubicMetre, Ngm3 = U.NanogramPerCubicMetre,
        MgL = U.MilligramPerLitre, UgL = U.MicrogramPerLitre, Db = U.DecibelA;
    private const Hj212FactorDomain W = Hj212FactorDomain.Water, A = Hj212FactorDomain.Air, N = Hj212FactorDomain.Noise;

    private static readonly Hj212FactorCode[] Table =
    [
        // Table B.1 water (selection) + w01003/w01008 seen in surface-water traffic (HJ 525-2009).
        new("w00000", "B01", "污水", "wastewater flow", W, U.LitrePerSecond, U.CubicMetre, null),
        new("w01001", "001", "pH 值", "pH", W, U.Dimensionless, null, "ph"),
        new("w01002", "002", "色度", "colour", W, U.Multiple, null, null),
        new("w01003", null, "浊度", "turbidity", W, U.Ntu, null, null),
        new("w01008", null, "透明度", "transparency", W, U.Centimetre, null, null),
        new("w01009", null, "溶解氧", "dissolved oxygen", W, MgL, null, "do"),
        new("w01010", null, "水温", "water temperature", W, U.DegreeCelsius, null, "temp"),
        new("w01012", "003", "悬浮物", "suspended solids", W, MgL, U.Kilogram, null),
        new("w01014", null, "电导率", "conductivity", W, U.MicrosiemensPerCentimetre, null, null),
        new("w01017", "010", "五日生化需氧量", "BOD5", W, MgL, U.Kilogram, "bod5"),
        new("w01018", "011", "化学需氧量", "COD", W, MgL, U.Kilogram, "cod"),
        new("w01019", null, "高锰酸盐指数", "permanganate index (CODMn)", W, MgL, U.Kilogram, "codmn"),
        new("w01020", "015", "总有机碳", "total organic carbon", W, MgL, U.Kilogram, null),
        new("w02003", "550", "粪大肠菌群", "faecal coliforms", W, U.CountPerLitre, null, "fecal_coliform"),
        new("w20111", "020", "总汞", "total mercury", W, UgL, U.Gram, "hg"),
        new("w20115", "022", "总镉", "total cadmium", W, UgL, U.Gram, "cd"),
        new("w20116", "023", "总铬", "total chromium", W, MgL, U.Kilogram, null),
        new("w20117", "024", "六价铬", "chromium (VI)", W, UgL, U.Gram, "cr6"),
        new("w20119", "026", "总砷", "total arsenic", W, UgL, U.Gram, "as"),
        new("w20120", "027", "总铅", "total lead", W, UgL, U.Gram, "pb"),
        new("w20121", "028", "总镍", "total nickel", W, MgL, U.Kilogram, null),
        new("w20122", "029", "总铜", "total copper", W, MgL, U.Kilogram, "cu"),
        new("w20123", "030", "总锌", "total zinc", W, MgL, U.Kilogram, "zn"),
        new("w21001", "065", "总氮", "total nitrogen", W, MgL, U.Kilogram, "tn"),
        new("w21003", "060", "氨氮", "ammonia nitrogen (NH3-N)", W, MgL, U.Kilogram, "nh3n"),
        new("w21011", "101", "总磷", "total phosphorus", W, MgL, U.Kilogram, "tp"),
        new("w21016", "070", "氰化物", "cyanide", W, MgL, U.Kilogram, "cn"),
        new("w21017", "072", "氟化物", "fluoride", W, MgL, U.Kilogram, "fluoride"),
        new("w22001", "080", "石油类", "petroleum oils", W, MgL, U.Kilogram, "oil"),
        new("w23002", "110", "挥发酚", "volatile phenols", W, MgL, U.Kilogram, "phenol"),

        // Table B.2 air and flue gas (selection); a05024 O3 is the conventional ambient code (not in App. B).
        new("a00000", "B02", "废气", "flue-gas flow", A, U.CubicMetrePerSecond, U.CubicMetre, null),
        new("a01001", null, "温度", "ambient temperature", A, U.DegreeCelsius, null, null),
        new("a01002", null, "湿度", "relative humidity", A, U.Percent, null, null),
        new("a01006", null, "气压", "atmospheric pressure", A, U.Kilopascal, null, null),
        new("a01007", null, "风速", "wind speed", A, U.MetrePerSecond, null, null),
        new("a01008", null, "风向", "wind direction", A, U.Degree, null, null),
        new("a01010", "37", "林格曼黑度", "Ringelmann blackness", A, U.Grade, null, null),
        new("a01011", "S02", "烟气流速", "flue-gas velocity", A, U.MetrePerSecond, null, null),
        new("a01012", "S03", "烟气温度", "flue-gas temperature", A, U.DegreeCelsius, null, null),
        new("a01013", "S08", "烟气压力", "flue-gas pressure", A, U.Kilopascal, null, null),
        new("a01014", "S05", "烟气湿度", "flue-gas humidity", A, U.Percent, null, null),
        new("a01015", "S06", "制冷温度", "cooler temperature", A, U.DegreeCelsius, null, null),
        new("a01016", "S07", "烟道截面积", "duct cross-section", A, U.SquareMetre, null, null),
        new("a01017", "S04", "烟气动压", "flue-gas dynamic pressure", A, U.Kilopascal, null, null),
        new("a01901", null, "垃圾焚烧炉膛内焚烧平均温度", "incinerator furnace mean temperature", A, U.DegreeCelsius, null, null),
        new("a01902", null, "垃圾焚烧炉膛内 DCS 温度", "incinerator DCS temperature", A, U.DegreeCelsius, null, null),
        new("a05001", "30", "二氧化碳", "carbon dioxide", A, Mgm3, U.Kilogram, null),
        new("a05002", null, "甲烷", "methane", A, Ngm3, U.Gram, null),
        new("a05024", null, "臭氧", "ozone", A, Ugm3, null, "o3") { Unit = Ugm3 },
        new("a19001", "S01", "氧气含量", "oxygen content", A, U.Percent, null, null),
        new("a21001", "10", "氨", "ammonia", A, Ngm3, U.Gram, null),
        new("a21002", "03", "氮氧化物", "nitrogen oxides (NOx)", A, Mgm3, U.Kilogram, "nox") { Unit = Ugm3 },
        new("a21003", null, "一氧化氮", "nitric oxide", A, Mgm3, U.Kilogram, null),
        new("a21004", null, "二氧化氮", "nitrogen dioxide", A, Mgm3, U.Kilogram, "no2") { Unit = Ugm3 },
        new("a21005", "04", "一氧化碳", "carbon monoxide", A, Mgm3, U.Kilogram, "co"),
        new("a21018", "06", "氟化物", "fluoride", A, Mgm3, U.Kilogram, null),
        new("a21024", "08", "氯化氢", "hydrogen chloride", A, Mgm3, U.Kilogram, null),
        new("a21026", "02", "二氧化硫", "sulphur dioxide", A, Mgm3, U.Kilogram, "so2") { Unit = Ugm3 },
        new("a21028", "05", "硫化氢", "hydrogen sulphide", A, Mgm3, U.Kilogram, null),
        new("a24087", "25", "总烃", "total hydrocarbons", A, Mgm3, U.Kilogram, null),
        new("a24088", null, "非甲烷总烃", "non-methane hydrocarbons (NMHC)", A, Mgm3, U.Kilogram, null),
        new("a25002", null, "苯", "benzene", A, Mgm3, U.Kilogram, null),
        new("a25003", "17", "甲苯", "toluene", A, Mgm3, U.Kilogram, null),
        new("a25005", "18", "二甲苯", "xylene", A, Mgm3, U.Kilogram, null),
        new("a34001", null, "总悬浮颗粒物", "total suspended particulates (TSP)", A, Ngm3, U.Gram, "tsp") { Unit = Ugm3 },
        new("a34002", null, "可吸入颗粒物", "PM10", A, Ngm3, U.Gram, "pm10") { Unit = Ugm3 },
        new("a34004", null, "细颗粒物", "PM2.5", A, Ngm3, U.Gram, "pm25") { Unit = Ugm3 },
        new("a34005", null, "亚微米颗粒物", "PM1.0", A, Ngm3, U.Gram, null),
        new("a34011", null, "降尘", "dust fall", A, U.TonnePerSquareKilometreMonth, null, null),
        new("a34013", "01", "烟尘", "smoke / particulates (stack)", A, Mgm3, U.Kilogram, null),

        // Table B.3 noise (GB 3096-2008 quantities), dB(A).
        new("LA", null, "A 计权声级", "A-weighted sound level", N, Db, null, "la"),
        new("L5", null, "累积百分声级 L5", "percentile level L5", N, Db, null, "l5"),
        new("L10", null, "累积百分声级 L10", "percentile level L10", N, Db, null, "l10"),
        new("L50", null, "累积百分声级 L50", "percentile level L50", N, Db, null, "l50"),
        new("L90", null, "累积百分声级 L90", "percentile level L90", N, Db, null, "l90"),
        new("L95", null, "累积百分声级 L95", "percentile level L95", N, Db, null, "l95"),
        new("Leq", null, "等效连续 A 声级", "equivalent continuous level Leq", N, Db, null, "leq"),
        new("Ldn", null, "昼夜等效声级", "day-night level Ldn", N, Db, null, "ldn"),
        new("Ld", null, "昼间等效声级", "daytime level Ld", N, Db, null, "ld"),
        new("Ln", null, "夜间等效声级", "night-time level Ln", N, Db, null, "ln"),
        new("LMx", null, "最大声级", "maximum level Lmax", N, Db, null, "lmax"),
        new("LMn", null, "最小声级", "minimum level Lmin", N, Db, null, "lmin"),
    ];

    private static readonly FrozenDictionary<string, Hj212FactorCode> ByCode =
        Table.ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Hj212FactorCode> By2005 =
        Table.Where(c => c.Code2005 is not null).ToFrozenDictionary(c => c.Code2005!, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, Hj212FactorCode> ByKey =
        Table.Where(c => c.StandardsKey is not null).ToFrozenDictionary(c => c.StandardsKey!, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known code, in App. B order (water, air, noise).</summary>
    public static IReadOnlyList<Hj212FactorCode> All => Table;

    /// <summary>
    /// Looks a code up as sent: an HJ 212-2017 code (exact, e.g. <c>a34004</c>), else an HJ/T 212-2005 code (exact, with
    /// its leading zeros: <c>011</c> → w01018, <c>02</c> → a21026). Null for unknown codes (vendor codes such as
    /// <c>831</c> or <c>B00</c>; map those per device by configuration).
    /// </summary>
    /// <param name="code">The code as it appears before '-' in a CP key.</param>
    /// <returns>The entry, or null.</returns>
    public static Hj212FactorCode? Find(string? code) =>
        code is null ? null : ByCode.TryGetValue(code, out var c) ? c : By2005.TryGetValue(code, out c) ? c : null;

    /// <summary>Maps an HJ/T 212-2005 code to its HJ 212-2017 code (App. B "原编码" column), or null.</summary>
    /// <param name="code2005">The 2005 code, exactly as sent (<c>060</c>, <c>B01</c>, <c>S03</c>).</param>
    public static string? Map2005To2017(string code2005) => By2005.TryGetValue(code2005, out var c) ? c.Code : null;

    /// <summary>The standards key of a code (2017 or 2005), e.g. <c>a34004</c> → <c>pm25</c>, <c>w01019</c> → <c>codmn</c>; null when none.</summary>
    /// <param name="code">The code as sent.</param>
    public static string? StandardsKey(string? code) => Find(code)?.StandardsKey;

    /// <summary>The code for a standards key (case-insensitive), e.g. <c>pm25</c> → a34004; null when none.</summary>
    /// <param name="standardsKey">A SmartEnv standards key.</param>
    public static Hj212FactorCode? FindByStandardsKey(string standardsKey) =>
        ByKey.TryGetValue(standardsKey, out var c) ? c : null;
}
