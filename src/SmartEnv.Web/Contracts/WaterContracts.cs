using SmartEnv.Standards.Water;

namespace SmartEnv.Web.Contracts;

/// <summary>One item of a water assessment (GB 3838-2002 Table 1 single-factor class).</summary>
/// <param name="Item">Item key (<c>nh3n</c>, <c>tp</c>, …; <see cref="Gb3838Table1"/>).</param>
/// <param name="Name">Chinese item name.</param>
/// <param name="Unit">Unit of <paramref name="Value"/> (mg/L unless the table says otherwise).</param>
/// <param name="Value">Value as given.</param>
/// <param name="Class">Class Ⅰ…Ⅴ or 劣Ⅴ, null when not classed.</param>
/// <param name="ExceedingMultiple">超标倍数 against class Ⅲ as reported (环办〔2011〕22号), null when not exceeding.</param>
public sealed record WaterItemDto(string Item, string Name, string Unit, decimal Value, string? Class, decimal? ExceedingMultiple);

/// <summary>
/// A surface-water assessment (GB 3838-2002 single-factor class, 环办〔2011〕22号 quality words, colours and main
/// pollutants), as <c>smartenv water classify|assess</c> write it. Lists are arrays of item keys.
/// </summary>
/// <param name="Class">Class Ⅰ…Ⅴ or 劣Ⅴ (Chinese numerals), null without any classed item.</param>
/// <param name="ClassAscii">The same as ASCII: I…V, V+ (劣Ⅴ).</param>
/// <param name="Quality">Quality word (优, 良好, 轻度污染, …).</param>
/// <param name="QualityEn">English quality word.</param>
/// <param name="Color">Quality colour "#RRGGBB" (环办〔2011〕22号 Table 1).</param>
/// <param name="Waterbody"><c>river</c> or <c>lake</c>.</param>
/// <param name="Items">Per-item classes.</param>
/// <param name="MainPollutants">主要污染指标: item keys.</param>
/// <param name="MainPollutantsZh">The same, Chinese names.</param>
/// <param name="MissingItems">Item keys of the set that were not given.</param>
public sealed record WaterAssessmentDto(string? Class, string? ClassAscii, string? Quality, string? QualityEn, string? Color, string Waterbody,
    IReadOnlyList<WaterItemDto> Items, IReadOnlyList<string> MainPollutants, IReadOnlyList<string> MainPollutantsZh, IReadOnlyList<string> MissingItems)
{
    /// <summary>The contract shape of an assessment.</summary>
    /// <param name="a">Assessment.</param>
    public static WaterAssessmentDto From(WaterAssessment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Class?.ToDisplay(), a.Class?.ToAscii(), a.Quality?.ToChinese(), a.Quality?.ToEnglish(), a.Quality?.ToColour(),
            a.Waterbody == WaterbodyType.Lake ? "lake" : "river",
            [.. a.Items.Select(i => new WaterItemDto(Gb3838Table1.Get(i.Item).Key, Gb3838Table1.Get(i.Item).NameZh, Gb3838Table1.Get(i.Item).Unit, i.Value,
                i.Class?.ToDisplay(), i.ExceedingMultiple is { } m ? WaterClassifier.ReportedExceedingMultiple(m) : null))],
            [.. a.MainPollutants.Select(i => Gb3838Table1.Get(i).Key)], [.. a.MainPollutants.Select(i => Gb3838Table1.Get(i).NameZh)],
            [.. a.MissingItems.Select(i => Gb3838Table1.Get(i).Key)]);
    }
}
