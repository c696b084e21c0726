using SmartEnv.Standards.Water;

namespace SmartEnv.Ingestion.Files;

/// <summary>Options of <see cref="CnemcWaterAssessment.Assess"/>.</summary>
public sealed record CnemcWaterAssessmentOptions
{
    /// <summary>Items evaluated; default <see cref="WaterItemSets.Auto5"/> (what the automatic stations publish).</summary>
    public IReadOnlyList<WaterItem> ItemSet { get; init; } = WaterItemSets.Auto5;

    /// <summary>
    /// Sections (省份, 断面名称) to evaluate as lakes or reservoirs (TP limits of lakes). The files carry no waterbody flag
    /// and the section name does not tell it (docs/standards-water.md); every other section is a river.
    /// </summary>
    public IReadOnlySet<(string Province, string Section)> LakeSections { get; init; } = new HashSet<(string, string)>();

    /// <summary>Sections to keep: a 断面名称, or "省份/断面名称"; empty keeps all.</summary>
    public IReadOnlyList<string> Sections { get; init; } = [];

    /// <summary>First sample time kept (inclusive, Beijing time); null for no lower bound.</summary>
    public DateTime? From { get; init; }

    /// <summary>End of the period (exclusive, Beijing time); null for no upper bound.</summary>
    public DateTime? To { get; init; }

    /// <summary>Period of the per-section results; null for one result over the whole selection.</summary>
    public WaterPeriodKind? Period { get; init; }
}

/// <summary>A row with its computed class.</summary>
/// <param name="Row">The row as read.</param>
/// <param name="Waterbody">Waterbody type used.</param>
/// <param name="Computed">Single-factor evaluation of the row's values over the item set (null class when no value).</param>
public sealed record CnemcWaterRowResult(CnemcWaterRow Row, WaterbodyType Waterbody, WaterAssessment Computed)
{
    /// <summary>True/false when both a published and a computed class exist; null otherwise.</summary>
    public bool? Matches => Row.PublishedClass is { } p && Computed.Class is { } c ? p == c : null;
}

/// <summary>One section's result over one period.</summary>
/// <param name="Province">省份.</param>
/// <param name="Section">断面名称.</param>
/// <param name="Basin">流域.</param>
/// <param name="Waterbody">Waterbody type used.</param>
/// <param name="PeriodStart">First day of the period (Beijing time).</param>
/// <param name="Samples">Distinct sample times used (站点情况 正常, duplicate times dropped).</param>
/// <param name="Mean">Arithmetic mean of each item over those samples (unrounded).</param>
/// <param name="Assessment">Single-factor evaluation of the mean.</param>
/// <param name="PublishedRows">Rows of the period with a published class (duplicates included).</param>
/// <param name="MatchingRows">Of those, rows whose computed class equals the published one.</param>
public sealed record CnemcWaterSectionResult(
    string Province, string Section, string Basin, WaterbodyType Waterbody, DateOnly? PeriodStart, int Samples,
    IReadOnlyDictionary<WaterItem, decimal> Mean, WaterAssessment Assessment, int PublishedRows, int MatchingRows);

/// <summary>Result of <see cref="CnemcWaterAssessment.Assess"/>.</summary>
/// <param name="Rows">Selected rows with computed classes, in file order.</param>
/// <param name="Sections">Per-section period results, ordered by province, section, period.</param>
public sealed record CnemcWaterAssessmentResult(IReadOnlyList<CnemcWaterRowResult> Rows, IReadOnlyList<CnemcWaterSectionResult> Sections);

/// <summary>
/// Evaluates CNEMC surface-water automatic-station rows with GB 3838-2002 / 环办〔2011〕22号: the class of every row (from
/// the values as the file gives them, never rounded further) beside the published class, and per section and period the
/// single-factor class of the period means. Period means use rows whose 站点情况 is 正常 and drop rows repeating a
/// (section, time) already seen (the files repeat the 00:00 row).
/// </summary>
public static class CnemcWaterAssessment
{
    /// <summary>Runs the assessment.</summary>
    /// <param name="rows">Rows as read by <see cref="CnemcWaterFile"/>.</param>
    /// <param name="options">Item set, lake sections, filters, period.</param>
    public static CnemcWaterAssessmentResult Assess(IEnumerable<CnemcWaterRow> rows, CnemcWaterAssessmentOptions options)
    {
        var selected = new List<CnemcWaterRowResult>();
        foreach (var r in rows)
        {
            if (!Keep(r, options)) continue;
            var wb = options.LakeSections.Contains(r.SectionKey) ? WaterbodyType.Lake : WaterbodyType.River;
            selected.Add(new CnemcWaterRowResult(r, wb, WaterClassifier.Classify(r.Gb3838Values(), options.ItemSet, wb)));
        }
        var sections = new List<CnemcWaterSectionResult>();
        foreach (var g in selected.GroupBy(x => (x.Row.Province, x.Row.Section, Period: PeriodOf(x.Row, options.Period)))
                     .OrderBy(g => g.Key.Province, StringComparer.Ordinal).ThenBy(g => g.Key.Section, StringComparer.Ordinal)
                     .ThenBy(g => g.Key.Period))
        {
            var seen = new HashSet<DateTime>();
            var samples = new List<IReadOnlyDictionary<WaterItem, decimal>>();
            foreach (var x in g)
            {
                if (!x.Row.IsNormal || x.Row.Time is not { } t || !seen.Add(t)) continue;
                samples.Add(x.Row.Gb3838Values());
            }
            var first = g.First();
            var mean = WaterPeriod.Mean(samples);
            sections.Add(new CnemcWaterSectionResult(g.Key.Province, g.Key.Section, first.Row.Basin, first.Waterbody, g.Key.Period,
                samples.Count, mean, WaterClassifier.Classify(mean, options.ItemSet, first.Waterbody),
                g.Count(x => x.Row.PublishedClass is not null), g.Count(x => x.Matches == true)));
        }
        return new CnemcWaterAssessmentResult(selected, sections);
    }

    private static DateOnly? PeriodOf(CnemcWaterRow r, WaterPeriodKind? kind) =>
        kind is { } k && r.Time is { } t ? WaterPeriod.PeriodStart(DateOnly.FromDateTime(t), k) : null;

    private static bool Keep(CnemcWaterRow r, CnemcWaterAssessmentOptions o)
    {
        if (o.Sections.Count > 0 && !o.Sections.Any(s => s == r.Section || s == r.Province + "/" + r.Section)) return false;
        if (o.From is null && o.To is null) return true;
        if (r.Time is not { } t) return false;
        return (o.From is null || t >= o.From) && (o.To is null || t < o.To);
    }

    /// <summary>
    /// Parses a lake/reservoir section list: one section per line as <c>省份,断面名称</c> (or a tab instead of the comma);
    /// blank lines and lines starting with <c>#</c> are skipped.
    /// </summary>
    /// <param name="text">List text.</param>
    /// <returns>The set of (省份, 断面名称).</returns>
    /// <exception cref="FormatException">A line has no separator; the message gives the line number.</exception>
    public static IReadOnlySet<(string Province, string Section)> ParseSectionList(TextReader text)
    {
        var set = new HashSet<(string, string)>();
        var n = 0;
        while (text.ReadLine() is { } line)
        {
            n++;
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            var i = t.IndexOfAny([',', '\t']);
            if (i <= 0 || i == t.Length - 1) throw new FormatException($"line {n}: expected '省份,断面名称', got '{t}'");
            set.Add((t[..i].Trim(), t[(i + 1)..].Trim()));
        }
        return set;
    }
}
