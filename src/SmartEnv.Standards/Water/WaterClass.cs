using System.Diagnostics.CodeAnalysis;

namespace SmartEnv.Standards.Water;

/// <summary>
/// Surface-water environmental quality class of GB 3838-2002 (§3, Table 1): Ⅰ…Ⅴ, and 劣Ⅴ for a value failing class Ⅴ
/// (环办〔2011〕22号). The numeric order is the order of quality: a larger value is a worse class.
/// </summary>
public enum WaterClass
{
    /// <summary>Class Ⅰ (源头水、国家自然保护区).</summary>
    I = 1,
    /// <summary>Class Ⅱ.</summary>
    II = 2,
    /// <summary>Class Ⅲ.</summary>
    III = 3,
    /// <summary>Class Ⅳ.</summary>
    IV = 4,
    /// <summary>Class Ⅴ.</summary>
    V = 5,
    /// <summary>劣Ⅴ: worse than class Ⅴ.</summary>
    WorseThanV = 6,
}

/// <summary>Section qualitative category of 环办〔2011〕22号 (断面水质定性评价), also used for rivers and basins.</summary>
public enum WaterQuality
{
    /// <summary>优 (Ⅰ–Ⅱ; basin: Ⅰ–Ⅲ share ≥ 90%).</summary>
    Excellent = 1,
    /// <summary>良好 (Ⅲ; basin: 75% ≤ Ⅰ–Ⅲ share &lt; 90%).</summary>
    Good = 2,
    /// <summary>轻度污染 (Ⅳ).</summary>
    LightlyPolluted = 3,
    /// <summary>中度污染 (Ⅴ).</summary>
    ModeratelyPolluted = 4,
    /// <summary>重度污染 (劣Ⅴ).</summary>
    HeavilyPolluted = 5,
}

/// <summary>Display texts, parsing and qualitative words of <see cref="WaterClass"/> and <see cref="WaterQuality"/>.</summary>
public static class WaterClassText
{
    private static readonly string[] Roman = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ"];

    /// <summary>The class as published: Roman-numeral characters U+2160… ("Ⅰ" … "Ⅴ", "劣Ⅴ").</summary>
    /// <param name="c">Class.</param>
    public static string ToDisplay(this WaterClass c) => Roman[(int)c - 1];

    /// <summary>Plain ASCII form: "I" … "V", "worse-than-V".</summary>
    /// <param name="c">Class.</param>
    public static string ToAscii(this WaterClass c) => c == WaterClass.WorseThanV ? "worse-than-V" : c.ToString();

    /// <summary>
    /// Parses a class written with the Roman-numeral characters of the CNEMC files (Ⅰ Ⅱ Ⅲ Ⅳ Ⅴ 劣Ⅴ), optionally followed by 类,
    /// or ASCII (I, II, III, IV, V, 劣V, worse-than-V). Returns false for anything else (including "*", "-", "").
    /// </summary>
    /// <param name="text">Text to parse; surrounding whitespace is ignored.</param>
    /// <param name="value">The class when the result is true.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out WaterClass? value)
    {
        value = null;
        if (text is null) return false;
        var t = text.Trim();
        if (t.EndsWith('类')) t = t[..^1];
        WaterClass? v = t switch
        {
            "Ⅰ" or "I" => WaterClass.I,
            "Ⅱ" or "II" => WaterClass.II,
            "Ⅲ" or "III" => WaterClass.III,
            "Ⅳ" or "IV" => WaterClass.IV,
            "Ⅴ" or "V" => WaterClass.V,
            "劣Ⅴ" or "劣V" or "worse-than-V" => WaterClass.WorseThanV,
            _ => null,
        };
        value = v;
        return v is not null;
    }

    /// <summary>Wording of a section result (环办〔2011〕22号): "Ⅱ类" for Ⅰ…Ⅴ, "劣Ⅴ类" for 劣Ⅴ.</summary>
    /// <param name="c">Class.</param>
    public static string ToWording(this WaterClass c) => c.ToDisplay() + "类";

    /// <summary>Section qualitative category (环办〔2011〕22号 断面水质定性评价): Ⅰ–Ⅱ 优, Ⅲ 良好, Ⅳ 轻度污染, Ⅴ 中度污染, 劣Ⅴ 重度污染.</summary>
    /// <param name="c">Class.</param>
    public static WaterQuality ToQuality(this WaterClass c) => c switch
    {
        WaterClass.I or WaterClass.II => WaterQuality.Excellent,
        WaterClass.III => WaterQuality.Good,
        WaterClass.IV => WaterQuality.LightlyPolluted,
        WaterClass.V => WaterQuality.ModeratelyPolluted,
        _ => WaterQuality.HeavilyPolluted,
    };

    /// <summary>Chinese qualitative word: 优, 良好, 轻度污染, 中度污染, 重度污染.</summary>
    /// <param name="q">Category.</param>
    public static string ToChinese(this WaterQuality q) => q switch
    {
        WaterQuality.Excellent => "优",
        WaterQuality.Good => "良好",
        WaterQuality.LightlyPolluted => "轻度污染",
        WaterQuality.ModeratelyPolluted => "中度污染",
        _ => "重度污染",
    };

    /// <summary>English qualitative word: excellent, good, lightly polluted, moderately polluted, heavily polluted.</summary>
    /// <param name="q">Category.</param>
    public static string ToEnglish(this WaterQuality q) => q switch
    {
        WaterQuality.Excellent => "excellent",
        WaterQuality.Good => "good",
        WaterQuality.LightlyPolluted => "lightly polluted",
        WaterQuality.ModeratelyPolluted => "moderately polluted",
        _ => "heavily polluted",
    };

    /// <summary>
    /// Display colour (hex RGB) of a category: 优 blue #0000FF, 良好 green #00FF00, 轻度污染 yellow #FFFF00, 中度污染 orange
    /// #FF7E00, 重度污染 red #FF0000. Only the red is confirmed (secondary source); the others are a documented choice
    /// (docs/standards-water.md).
    /// </summary>
    /// <param name="q">Category.</param>
    public static string ToColour(this WaterQuality q) => q switch
    {
        WaterQuality.Excellent => "#0000FF",
        WaterQuality.Good => "#00FF00",
        WaterQuality.LightlyPolluted => "#FFFF00",
        WaterQuality.ModeratelyPolluted => "#FF7E00",
        _ => "#FF0000",
    };
}
