using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Water;

/// <summary>
/// GB 3838-2002 《地表水环境质量标准》 Table 1 (地表水环境质量标准基本项目标准限值), all 24 items, as data.
/// Values transcribed from the official text (printed p.2), checked against ../shared/reference/standards.md §4.1.
/// Units (<see cref="WaterItemInfo.LimitUnit"/>): mg/L except water temperature (℃), pH (dimensionless) and faecal
/// coliform (个/L); a value in another unit of the same quantity (μg/L) is converted with <see cref="MeasurementUnit.ConvertTo"/>
/// before it meets these limits.
/// </summary>
public static class Gb3838Table1
{
    private static decimal[] L(params decimal[] v) => v;
    private static readonly MeasurementUnit MgL = MeasurementUnit.MilligramPerLitre;

    /// <summary>All 24 items in table order.</summary>
    public static IReadOnlyList<WaterItemInfo> Items { get; } =
    [
        new(WaterItem.Temperature, "temp", "水温", "water temperature", MeasurementUnit.DegreeCelsius, LimitKind.None, [], null, false, false),
        new(WaterItem.PH, "ph", "pH值", "pH", MeasurementUnit.Dimensionless, LimitKind.Range, L(6m, 9m), null, false, false),
        // Class I is "饱和率90%（或7.5）": the fixed 7.5 mg/L is used (docs/standards-water.md).
        new(WaterItem.DissolvedOxygen, "do", "溶解氧", "dissolved oxygen", MgL, LimitKind.AtLeast, L(7.5m, 6m, 5m, 3m, 2m), null, false, false),
        new(WaterItem.PermanganateIndex, "codmn", "高锰酸盐指数", "permanganate index", MgL, LimitKind.AtMost, L(2m, 4m, 6m, 10m, 15m), null, false, false),
        new(WaterItem.Cod, "cod", "化学需氧量", "COD", MgL, LimitKind.AtMost, L(15m, 15m, 20m, 30m, 40m), null, false, false),
        new(WaterItem.Bod5, "bod5", "五日生化需氧量", "BOD5", MgL, LimitKind.AtMost, L(3m, 3m, 4m, 6m, 10m), null, false, false),
        new(WaterItem.AmmoniaNitrogen, "nh3n", "氨氮", "ammonia nitrogen", MgL, LimitKind.AtMost, L(0.15m, 0.5m, 1.0m, 1.5m, 2.0m), null, false, false),
        new(WaterItem.TotalPhosphorus, "tp", "总磷", "total phosphorus", MgL, LimitKind.AtMost, L(0.02m, 0.1m, 0.2m, 0.3m, 0.4m), L(0.01m, 0.025m, 0.05m, 0.1m, 0.2m), false, false),
        new(WaterItem.TotalNitrogen, "tn", "总氮", "total nitrogen", MgL, LimitKind.AtMost, L(0.2m, 0.5m, 1.0m, 1.5m, 2.0m), null, true, false),
        new(WaterItem.Copper, "cu", "铜", "copper", MgL, LimitKind.AtMost, L(0.01m, 1.0m, 1.0m, 1.0m, 1.0m), null, false, true),
        new(WaterItem.Zinc, "zn", "锌", "zinc", MgL, LimitKind.AtMost, L(0.05m, 1.0m, 1.0m, 2.0m, 2.0m), null, false, true),
        new(WaterItem.Fluoride, "fluoride", "氟化物", "fluoride", MgL, LimitKind.AtMost, L(1.0m, 1.0m, 1.0m, 1.5m, 1.5m), null, false, false),
        new(WaterItem.Selenium, "se", "硒", "selenium", MgL, LimitKind.AtMost, L(0.01m, 0.01m, 0.01m, 0.02m, 0.02m), null, false, true),
        new(WaterItem.Arsenic, "as", "砷", "arsenic", MgL, LimitKind.AtMost, L(0.05m, 0.05m, 0.05m, 0.1m, 0.1m), null, false, true),
        new(WaterItem.Mercury, "hg", "汞", "mercury", MgL, LimitKind.AtMost, L(0.00005m, 0.00005m, 0.0001m, 0.001m, 0.001m), null, false, true),
        new(WaterItem.Cadmium, "cd", "镉", "cadmium", MgL, LimitKind.AtMost, L(0.001m, 0.005m, 0.005m, 0.005m, 0.01m), null, false, true),
        new(WaterItem.Chromium6, "cr6", "铬（六价）", "chromium (VI)", MgL, LimitKind.AtMost, L(0.01m, 0.05m, 0.05m, 0.05m, 0.1m), null, false, true),
        new(WaterItem.Lead, "pb", "铅", "lead", MgL, LimitKind.AtMost, L(0.01m, 0.01m, 0.05m, 0.05m, 0.1m), null, false, true),
        new(WaterItem.Cyanide, "cn", "氰化物", "cyanide", MgL, LimitKind.AtMost, L(0.005m, 0.05m, 0.2m, 0.2m, 0.2m), null, false, true),
        new(WaterItem.VolatilePhenol, "phenol", "挥发酚", "volatile phenol", MgL, LimitKind.AtMost, L(0.002m, 0.002m, 0.005m, 0.01m, 0.1m), null, false, false),
        new(WaterItem.Petroleum, "oil", "石油类", "petroleum", MgL, LimitKind.AtMost, L(0.05m, 0.05m, 0.05m, 0.5m, 1.0m), null, false, false),
        new(WaterItem.AnionicSurfactant, "las", "阴离子表面活性剂", "anionic surfactant", MgL, LimitKind.AtMost, L(0.2m, 0.2m, 0.2m, 0.3m, 0.3m), null, false, false),
        new(WaterItem.Sulfide, "sulfide", "硫化物", "sulfide", MgL, LimitKind.AtMost, L(0.05m, 0.1m, 0.2m, 0.5m, 1.0m), null, false, false),
        new(WaterItem.FecalColiform, "fecal_coliform", "粪大肠菌群", "faecal coliform", MeasurementUnit.CountPerLitre, LimitKind.AtMost, L(200m, 2000m, 10000m, 20000m, 40000m), null, false, false),
    ];

    /// <summary>Metadata of one item.</summary>
    /// <param name="item">Item.</param>
    public static WaterItemInfo Get(WaterItem item) => Items[(int)item - 1];

    /// <summary>Looks an item up by its key ("ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "cu", …), case-insensitive.</summary>
    /// <param name="key">Key.</param>
    /// <param name="item">The item when found.</param>
    /// <returns>True when the key names an item.</returns>
    public static bool TryGetByKey(string key, out WaterItem item)
    {
        foreach (var i in Items)
        {
            if (string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase)) { item = i.Item; return true; }
        }
        item = default;
        return false;
    }
}

/// <summary>Named item sets to evaluate.</summary>
public static class WaterItemSets
{
    /// <summary>
    /// The 21 items evaluated by 环办〔2011〕22号: Table 1 less water temperature, TN and faecal coliform (name "gb3838-21").
    /// </summary>
    public static IReadOnlyList<WaterItem> Gb3838Evaluated21 { get; } =
        Gb3838Table1.Items.Select(i => i.Item)
            .Where(i => i is not (WaterItem.Temperature or WaterItem.TotalNitrogen or WaterItem.FecalColiform)).ToArray();

    /// <summary>
    /// The five items over which the national automatic stations publish the class: pH, DO, CODMn, NH3-N, TP (name "auto-5";
    /// verified against the published classes, ../shared/data/raw/SOURCES.md §5).
    /// </summary>
    public static IReadOnlyList<WaterItem> Auto5 { get; } =
        [WaterItem.PH, WaterItem.DissolvedOxygen, WaterItem.PermanganateIndex, WaterItem.AmmoniaNitrogen, WaterItem.TotalPhosphorus];

    /// <summary>All 24 items (name "gb3838-24"); water temperature never gets a class, TN only for lakes.</summary>
    public static IReadOnlyList<WaterItem> All24 { get; } = Gb3838Table1.Items.Select(i => i.Item).ToArray();

    /// <summary>
    /// Resolves a set name: "gb3838-21", "auto-5", "gb3838-24", or a comma-separated list of item keys (e.g. "ph,do,tp").
    /// </summary>
    /// <param name="name">Set name or key list.</param>
    /// <param name="items">The items when the result is true.</param>
    /// <param name="error">Why the name was rejected, when the result is false.</param>
    public static bool TryParse(string name, out IReadOnlyList<WaterItem> items, out string? error)
    {
        error = null;
        switch (name.Trim().ToLowerInvariant())
        {
            case "gb3838-21": items = Gb3838Evaluated21; return true;
            case "auto-5": items = Auto5; return true;
            case "gb3838-24": items = All24; return true;
        }
        var list = new List<WaterItem>();
        foreach (var part in name.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Gb3838Table1.TryGetByKey(part, out var it))
            {
                items = [];
                error = $"unknown item set or item key '{part}' (sets: gb3838-21, auto-5, gb3838-24; keys: {string.Join(", ", Gb3838Table1.Items.Select(i => i.Key))})";
                return false;
            }
            if (!list.Contains(it)) list.Add(it);
        }
        if (list.Count == 0) { items = []; error = "empty item set"; return false; }
        items = list;
        return true;
    }
}
