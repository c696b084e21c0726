using SmartEnv.Standards.Air;

namespace SmartEnv.Verifications.Air;

/// <summary>
/// Parsers of published air figures as releases write them (docs/verification.md §5): level, category and primary
/// pollutants (首要污染物). Pure; thread-safe.
/// </summary>
public static class AirFigureText
{
    private static readonly string[] Chinese = ["一", "二", "三", "四", "五", "六"];
    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI"];
    private static readonly string[] RomanUnicode = ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "Ⅵ"];

    private static readonly Dictionary<string, AqiIndicator> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PM2.5"] = AqiIndicator.Pm25_1h, ["PM25"] = AqiIndicator.Pm25_1h, ["细颗粒物"] = AqiIndicator.Pm25_1h,
        ["PM10"] = AqiIndicator.Pm10_1h, ["可吸入颗粒物"] = AqiIndicator.Pm10_1h,
        ["O3"] = AqiIndicator.O3_1h, ["臭氧"] = AqiIndicator.O3_1h, ["O3_1H"] = AqiIndicator.O3_1h, ["臭氧1小时"] = AqiIndicator.O3_1h,
        ["O3_8H"] = AqiIndicator.O3_8h, ["O3-8H"] = AqiIndicator.O3_8h, ["O38H"] = AqiIndicator.O3_8h, ["臭氧8小时"] = AqiIndicator.O3_8h,
        ["SO2"] = AqiIndicator.So2_1h, ["二氧化硫"] = AqiIndicator.So2_1h,
        ["NO2"] = AqiIndicator.No2_1h, ["二氧化氮"] = AqiIndicator.No2_1h,
        ["CO"] = AqiIndicator.Co_1h, ["一氧化碳"] = AqiIndicator.Co_1h,
    };

    /// <summary>Parses a published level: <c>1</c>…<c>6</c>, <c>一级</c>…<c>六级</c> (or without 级), Roman <c>I</c>…<c>VI</c>
    /// (any case) or <c>Ⅰ</c>…<c>Ⅵ</c>; surrounding spaces ignored.</summary>
    /// <param name="text">The cell.</param>
    /// <param name="level">1…6 when true.</param>
    /// <returns>False for anything else (0, 7, empty, "良").</returns>
    public static bool TryParseLevel(string? text, out int level)
    {
        level = 0;
        if (text is null) return false;
        var t = text.Trim();
        if (t.EndsWith('级')) t = t[..^1].Trim();
        for (var i = 0; i < 6; i++)
            if (t == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) || t == Chinese[i] || t == RomanUnicode[i]
                || t.Equals(Roman[i], StringComparison.OrdinalIgnoreCase))
            {
                level = i + 1;
                return true;
            }
        return false;
    }

    /// <summary>Parses a published category: the zh-CN names of HJ 633 Table 2 (优 良 轻度污染 中度污染 重度污染
    /// 严重污染) or the English names of <see cref="AqiCategory"/> (any case).</summary>
    /// <param name="text">The cell.</param>
    /// <param name="level">The category's level 1…6 when true.</param>
    /// <returns>False for anything else.</returns>
    public static bool TryParseCategory(string? text, out int level)
    {
        level = 0;
        if (text is null) return false;
        var t = text.Trim();
        foreach (var c in AqiCategory.Levels)
            if (t == c.Zh || t.Equals(c.En, StringComparison.OrdinalIgnoreCase))
            {
                level = c.Level;
                return true;
            }
        return false;
    }

    /// <summary>
    /// Parses a published primary-pollutant list: names PM2.5 PM10 O3 O3_8h SO2 NO2 CO (any case; subscripts ₂ ₃ and
    /// spaces ignored), indicator keys (<c>pm25_1h</c>) or Chinese names (细颗粒物 … 臭氧8小时), separated by
    /// <c>,</c> <c>，</c> <c>;</c> <c>；</c> <c>、</c> <c>+</c>. Null, empty, <c>-</c>, <c>—</c>, <c>--</c>, <c>无</c> = none (empty set).
    /// </summary>
    /// <param name="text">The cell.</param>
    /// <param name="primary">The set when true.</param>
    /// <param name="bad">The first part that is no pollutant name when false.</param>
    public static bool TryParsePrimary(string? text, out IReadOnlySet<AqiIndicator> primary, out string? bad)
    {
        var set = new HashSet<AqiIndicator>();
        primary = set;
        bad = null;
        var t = text?.Trim() ?? "";
        if (t is "" or "-" or "—" or "--" or "无") return true;
        foreach (var raw in t.Split([',', '，', ';', '；', '、', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var part = raw.Replace(" ", "", StringComparison.Ordinal).Replace('₂', '2').Replace('₃', '3').Replace('．', '.');
            if (Names.TryGetValue(part, out var ind) || AqiIndicators.TryParse(part.ToLowerInvariant(), out ind)) set.Add(ind);
            else
            {
                bad = raw;
                return false;
            }
        }
        return true;
    }
}
