namespace SmartEnv.Standards.Water;

/// <summary>Evaluation period of 环办〔2011〕22号 (周、旬、月、季、年); <see cref="Day"/> is added for daily reports.</summary>
public enum WaterPeriodKind
{
    /// <summary>Calendar day.</summary>
    Day,
    /// <summary>ISO week, Monday to Sunday.</summary>
    Week,
    /// <summary>Calendar month.</summary>
    Month,
    /// <summary>Calendar quarter (Jan–Mar, …).</summary>
    Season,
    /// <summary>Calendar year.</summary>
    Year,
}

/// <summary>Period means (环办〔2011〕22号: with several samples in a period, the arithmetic mean of each item).</summary>
public static class WaterPeriod
{
    /// <summary>
    /// Arithmetic mean of each item over the samples that have it (exact decimal division). An item with no value in any
    /// sample is absent from the result.
    /// </summary>
    /// <param name="samples">Samples, each a map of item values (units of GB 3838-2002 Table 1).</param>
    public static IReadOnlyDictionary<WaterItem, decimal> Mean(IEnumerable<IReadOnlyDictionary<WaterItem, decimal>> samples)
    {
        var sum = new Dictionary<WaterItem, decimal>();
        var n = new Dictionary<WaterItem, int>();
        foreach (var s in samples)
        {
            foreach (var (k, v) in s)
            {
                sum[k] = sum.GetValueOrDefault(k) + v;
                n[k] = n.GetValueOrDefault(k) + 1;
            }
        }
        return sum.ToDictionary(kv => kv.Key, kv => kv.Value / n[kv.Key]);
    }

    /// <summary>First day of the period containing <paramref name="date"/>.</summary>
    /// <param name="date">Date (local time of the monitoring network, Beijing time for CNEMC).</param>
    /// <param name="kind">Period kind.</param>
    public static DateOnly PeriodStart(DateOnly date, WaterPeriodKind kind) => kind switch
    {
        WaterPeriodKind.Day => date,
        WaterPeriodKind.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        WaterPeriodKind.Month => new DateOnly(date.Year, date.Month, 1),
        WaterPeriodKind.Season => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(date.Year, 1, 1),
    };
}

/// <summary>One section's input to a river or basin evaluation.</summary>
/// <param name="Name">Section name.</param>
/// <param name="Values">Period mean values of the section.</param>
/// <param name="Waterbody">River or lake/reservoir.</param>
public sealed record WaterSectionInput(string Name, IReadOnlyDictionary<WaterItem, decimal> Values, WaterbodyType Waterbody);

/// <summary>Method used for a river or basin (环办〔2011〕22号).</summary>
public enum WaterBasinMethod
{
    /// <summary>Fewer than 5 sections: mean of each item over the sections, then single-factor class.</summary>
    MeanThenSingleFactor,
    /// <summary>5 sections or more: section-class-ratio method (断面水质类别比例法).</summary>
    SectionRatio,
}

/// <summary>Result of a river, basin or water-system evaluation.</summary>
/// <param name="Method">Method used.</param>
/// <param name="SectionCount">Number of sections.</param>
/// <param name="Class">Class of the mean (mean-then-single-factor only), else null.</param>
/// <param name="Quality">Qualitative category (优, 良好, 轻度/中度/重度污染); null when no section could be classed.</param>
/// <param name="ShareIToIII">Share of sections Ⅰ–Ⅲ, 0…1 (unrounded); null for mean-then-single-factor.</param>
/// <param name="ShareWorseThanV">Share of 劣Ⅴ sections, 0…1 (unrounded); null for mean-then-single-factor.</param>
/// <param name="Sections">Each section's own single-factor evaluation.</param>
public sealed record WaterBasinResult(
    WaterBasinMethod Method, int SectionCount, WaterClass? Class, WaterQuality? Quality,
    decimal? ShareIToIII, decimal? ShareWorseThanV, IReadOnlyList<(string Name, WaterAssessment Assessment)> Sections);

/// <summary>River, basin and water-system evaluation and plan-indicator ratios (环办〔2011〕22号).</summary>
public static class WaterBasinEvaluation
{
    /// <summary>
    /// Evaluates a river, basin or water system. With fewer than 5 sections: each item is averaged over the sections and
    /// the mean is classed by the single-factor method (the waterbody type of the first section is used for TP). With 5
    /// or more (the threshold "5个（含）以上" is taken as inclusive): the share of Ⅰ–Ⅲ and of 劣Ⅴ sections gives 优 (Ⅰ–Ⅲ ≥ 90%),
    /// 良好 (75% ≤ Ⅰ–Ⅲ &lt; 90%), and below 75%: 轻度污染 (劣Ⅴ &lt; 20%), 中度污染 (20% ≤ 劣Ⅴ &lt; 40%), 重度污染 (劣Ⅴ ≥ 40%).
    /// Sections with no value are not counted.
    /// </summary>
    /// <param name="sections">Sections with their period means.</param>
    /// <param name="itemSet">Items evaluated.</param>
    /// <exception cref="ArgumentException">No sections.</exception>
    public static WaterBasinResult Evaluate(IReadOnlyList<WaterSectionInput> sections, IEnumerable<WaterItem> itemSet)
    {
        if (sections.Count == 0) throw new ArgumentException("no sections", nameof(sections));
        var set = itemSet.ToArray();
        var each = sections.Select(s => (s.Name, WaterClassifier.Classify(s.Values, set, s.Waterbody))).ToArray();
        if (sections.Count < 5)
        {
            var mean = WaterPeriod.Mean(sections.Select(s => s.Values));
            var a = WaterClassifier.Classify(mean, set, sections[0].Waterbody);
            return new WaterBasinResult(WaterBasinMethod.MeanThenSingleFactor, sections.Count, a.Class, a.Quality, null, null, each);
        }
        var classes = each.Where(e => e.Item2.Class is not null).Select(e => e.Item2.Class!.Value).ToArray();
        var good = WaterRatios.ShareIToIII(classes);
        var bad = WaterRatios.ShareWorseThanV(classes);
        return new WaterBasinResult(WaterBasinMethod.SectionRatio, sections.Count, null,
            good is null || bad is null ? null : CategoryFromShares(good.Value, bad.Value), good, bad, each);
    }

    /// <summary>Category from shares (section-ratio method of 环办〔2011〕22号); bounds as in <see cref="Evaluate"/>.</summary>
    /// <param name="shareIToIII">Share of Ⅰ–Ⅲ sections, 0…1.</param>
    /// <param name="shareWorseThanV">Share of 劣Ⅴ sections, 0…1.</param>
    public static WaterQuality CategoryFromShares(decimal shareIToIII, decimal shareWorseThanV)
    {
        if (shareIToIII >= 0.9m) return WaterQuality.Excellent;
        if (shareIToIII >= 0.75m) return WaterQuality.Good;
        if (shareWorseThanV < 0.2m) return WaterQuality.LightlyPolluted;
        if (shareWorseThanV < 0.4m) return WaterQuality.ModeratelyPolluted;
        return WaterQuality.HeavilyPolluted;
    }
}

/// <summary>Ratios used as plan indicators (优良比例, 劣Ⅴ比例, 达标率).</summary>
public static class WaterRatios
{
    /// <summary>
    /// Share of sections of class Ⅰ–Ⅲ (水质优良（达到或好于Ⅲ类）比例), 0…1 unrounded; null for an empty list. Report as
    /// percent with <c>Gbt8170.Round(share * 100, 1)</c>.
    /// </summary>
    /// <param name="classes">One class per section (period class).</param>
    public static decimal? ShareIToIII(IEnumerable<WaterClass> classes) => Share(classes, c => c <= WaterClass.III);

    /// <summary>Share of 劣Ⅴ sections, 0…1 unrounded; null for an empty list.</summary>
    /// <param name="classes">One class per section.</param>
    public static decimal? ShareWorseThanV(IEnumerable<WaterClass> classes) => Share(classes, c => c == WaterClass.WorseThanV);

    /// <summary>
    /// Compliance rate (达标率), 0…1 unrounded, e.g. drinking-water sources (集中式饮用水水源地) meeting their target class:
    /// count of pairs with actual ≤ target over all pairs; null for an empty list. Target classes for drinking-water
    /// surface sources are Ⅱ (一级保护区) or Ⅲ (二级保护区) per GB 3838-2002 §3; the caller supplies them.
    /// </summary>
    /// <param name="pairs">(evaluated class, target class) per source or per sample.</param>
    public static decimal? ComplianceRate(IEnumerable<(WaterClass Actual, WaterClass Target)> pairs)
    {
        int n = 0, ok = 0;
        foreach (var (a, t) in pairs) { n++; if (WaterClassifier.MeetsTarget(a, t)) ok++; }
        return n == 0 ? null : (decimal)ok / n;
    }

    private static decimal? Share(IEnumerable<WaterClass> classes, Func<WaterClass, bool> pred)
    {
        int n = 0, k = 0;
        foreach (var c in classes) { n++; if (pred(c)) k++; }
        return n == 0 ? null : (decimal)k / n;
    }
}
