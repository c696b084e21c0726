namespace SmartEnv.Standards.Water;

/// <summary>Result for one item of a sample (GB 3838-2002 single-factor evaluation).</summary>
/// <param name="Item">Item.</param>
/// <param name="Value">Value as measured (unrounded), in the item's unit (mg/L; ℃; pH dimensionless; 个/L).</param>
/// <param name="Class">Single-factor class; null when the item has no class (water temperature) or does not apply (TN in a river).</param>
/// <param name="ExceedingMultiple">
/// 超标倍数 (C − C_Ⅲ)/C_Ⅲ against the class-Ⅲ limit, unrounded, when C exceeds C_Ⅲ; null otherwise and always null for
/// water temperature, pH and DO (环办〔2011〕22号).
/// </param>
public sealed record WaterItemResult(WaterItem Item, decimal Value, WaterClass? Class, decimal? ExceedingMultiple);

/// <summary>Single-factor evaluation of one sample or one period mean.</summary>
/// <param name="Class">Worst class over the evaluated items; null when no item of the set had a value.</param>
/// <param name="Waterbody">Waterbody type used (TP limits, TN).</param>
/// <param name="Items">Per-item results, in Table 1 order, for the items of the set that had a value.</param>
/// <param name="MissingItems">Items of the set without a value (not evaluated).</param>
/// <param name="MainPollutants">主要污染指标 (at most 3, in priority order) when the class is worse than Ⅲ; otherwise empty.</param>
public sealed record WaterAssessment(
    WaterClass? Class, WaterbodyType Waterbody, IReadOnlyList<WaterItemResult> Items,
    IReadOnlyList<WaterItem> MissingItems, IReadOnlyList<WaterItem> MainPollutants)
{
    /// <summary>Qualitative category of the class (环办〔2011〕22号), null when not classified.</summary>
    public WaterQuality? Quality => Class?.ToQuality();

    /// <summary>Items whose class is worse than Ⅲ (超标项目), in Table 1 order.</summary>
    public IEnumerable<WaterItemResult> ExceedingItems => Items.Where(i => i.Class > WaterClass.III);
}

/// <summary>
/// GB 3838-2002 single-factor classification and the 环办〔2011〕22号 section rules (超标倍数, 主要污染指标, target class).
/// Pure, thread-safe, exact decimal arithmetic on values as measured (never rounded before classing).
/// </summary>
public static class WaterClassifier
{
    /// <summary>
    /// Class of one item value (GB 3838-2002 Table 1). "≤" limits (and "≥" for DO) include the limit. Where adjacent
    /// classes share a limit (COD Ⅰ = Ⅱ = 15, Cu Ⅱ…Ⅴ = 1.0, …) the better class is taken, since classes are tried from Ⅰ
    /// upward. pH inside 6–9 (inclusive) is Ⅰ, outside 劣Ⅴ. DO class Ⅰ uses the fixed 7.5 mg/L.
    /// </summary>
    /// <param name="item">Item.</param>
    /// <param name="value">Value in the item's unit.</param>
    /// <param name="waterbody">River or lake/reservoir (TP limits).</param>
    /// <returns>The class; null for water temperature (no class) and for TN in a river (lakes and reservoirs only).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, or pH is above 14.</exception>
    public static WaterClass? ClassifyItem(WaterItem item, decimal value, WaterbodyType waterbody = WaterbodyType.River)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var info = Gb3838Table1.Get(item);
        if (info.LakesOnly && waterbody != WaterbodyType.Lake) return null;
        var lim = info.LimitsFor(waterbody);
        switch (info.Kind)
        {
            case LimitKind.None:
                return null;
            case LimitKind.Range:
                ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 14m);
                return value >= lim[0] && value <= lim[1] ? WaterClass.I : WaterClass.WorseThanV;
            case LimitKind.AtLeast:
                for (var k = 0; k < 5; k++) if (value >= lim[k]) return (WaterClass)(k + 1);
                return WaterClass.WorseThanV;
            default:
                for (var k = 0; k < 5; k++) if (value <= lim[k]) return (WaterClass)(k + 1);
                return WaterClass.WorseThanV;
        }
    }

    /// <summary>
    /// 超标倍数 = (C − C_Ⅲ)/C_Ⅲ with C_Ⅲ the class-Ⅲ limit (环办〔2011〕22号), unrounded; null when C ≤ C_Ⅲ, and for water
    /// temperature, pH and DO (no multiple) and TN in a river.
    /// </summary>
    /// <param name="item">Item.</param>
    /// <param name="value">Value in the item's unit.</param>
    /// <param name="waterbody">River or lake/reservoir.</param>
    public static decimal? ExceedingMultiple(WaterItem item, decimal value, WaterbodyType waterbody = WaterbodyType.River)
    {
        var info = Gb3838Table1.Get(item);
        if (!info.HasExceedingMultiple) return null;
        if (info.LakesOnly && waterbody != WaterbodyType.Lake) return null;
        var c3 = info.LimitsFor(waterbody)[2];
        return value > c3 ? (value - c3) / c3 : null;
    }

    /// <summary>
    /// 超标倍数 as reported: rounded per GB/T 8170 to 2 decimal places (the 环办〔2011〕22号 tables), except that an
    /// exceedance is never reported as 0 — a positive multiple that would round to 0.00 is rounded at its first significant
    /// decimal place instead (CODMn 6.01 mg/L against the Ⅲ limit 6: (6.01 − 6)/6 = 0.00167 → 0.002, not 0.00). The
    /// result keeps its decimal places as scale (0.50, 0.002), so invariant <c>ToString()</c> writes it as reported.
    /// </summary>
    /// <param name="multiple">An unrounded multiple of <see cref="ExceedingMultiple"/> (≥ 0).</param>
    public static decimal ReportedExceedingMultiple(decimal multiple)
    {
        var places = 2;
        while (multiple > 0 && Common.Gbt8170.Round(multiple, places) == 0 && places < 20) places++;
        var r = Common.Gbt8170.Round(multiple, places);
        return decimal.Round(r, places) + new decimal(0, 0, 0, false, (byte)places); // + 0 with scale: 0.5 → 0.50
    }

    /// <summary>
    /// Single-factor evaluation of a sample over an item set: per-item class and 超标倍数, the worst class, and the
    /// 主要污染指标 when worse than Ⅲ. Items of the set absent from <paramref name="values"/> are listed as missing and not
    /// evaluated; values of items outside the set are ignored.
    /// </summary>
    /// <param name="values">Item values as measured (mg/L; pH dimensionless; ℃; 个/L).</param>
    /// <param name="itemSet">Items to evaluate, e.g. <see cref="WaterItemSets.Gb3838Evaluated21"/> or <see cref="WaterItemSets.Auto5"/>.</param>
    /// <param name="waterbody">River or lake/reservoir.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, or pH is above 14.</exception>
    public static WaterAssessment Classify(IReadOnlyDictionary<WaterItem, decimal> values, IEnumerable<WaterItem> itemSet,
        WaterbodyType waterbody = WaterbodyType.River)
    {
        ArgumentNullException.ThrowIfNull(values);
        var set = itemSet.Distinct().OrderBy(i => i).ToArray();
        var results = new List<WaterItemResult>();
        var missing = new List<WaterItem>();
        foreach (var item in set)
        {
            if (!values.TryGetValue(item, out var v)) { missing.Add(item); continue; }
            results.Add(new WaterItemResult(item, v, ClassifyItem(item, v, waterbody), ExceedingMultiple(item, v, waterbody)));
        }
        WaterClass? worst = null;
        foreach (var r in results) if (r.Class is { } c && (worst is null || c > worst)) worst = c;
        var main = worst > WaterClass.III ? MainPollutants(results) : [];
        return new WaterAssessment(worst, waterbody, results, missing, main);
    }

    /// <summary>
    /// 主要污染指标 (环办〔2011〕22号): among items worse than class Ⅲ, cyanide and heavy metals (Cu, Zn, Se, As, Hg, Cd,
    /// Cr⁶⁺, Pb) first; then the worst class; then the larger 超标倍数 (items without a multiple, pH and DO, after those with
    /// one); then Table 1 order. At most three.
    /// </summary>
    /// <param name="items">Per-item results of one sample.</param>
    /// <returns>Up to three items, in order.</returns>
    public static IReadOnlyList<WaterItem> MainPollutants(IEnumerable<WaterItemResult> items) =>
        items.Where(r => r.Class > WaterClass.III)
            .OrderByDescending(r => Gb3838Table1.Get(r.Item).PriorityPollutant)
            .ThenByDescending(r => r.Class)
            .ThenByDescending(r => r.ExceedingMultiple.HasValue)
            .ThenByDescending(r => r.ExceedingMultiple ?? 0m)
            .ThenBy(r => r.Item)
            .Take(3).Select(r => r.Item).ToArray();

    /// <summary>Target-class compliance (GB 3838-2002 §5.1): 达标 when the class is the target class or better.</summary>
    /// <param name="actual">Evaluated class.</param>
    /// <param name="target">Target (功能区) class.</param>
    public static bool MeetsTarget(WaterClass actual, WaterClass target) => actual <= target;
}
