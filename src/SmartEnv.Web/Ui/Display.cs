using System.Globalization;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Formatting for the UI: instants in Beijing time (UTC+8, the time base of GB 3095 / HJ 633 / HJ 212 DataTime), numbers
/// with their units, in the current culture. Pure; thread-safe.
/// </summary>
public static class Display
{
    /// <summary>An instant as Beijing time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    /// <param name="instant">Any instant.</param>
    public static string Beijing(DateTimeOffset instant) =>
        SmartEnv.Standards.Common.BeijingTime.Local(instant).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="date">Date.</param>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value with its unit, e.g. <c>35 μg/m³</c>, <c>83.4 %</c>; "—" when null.</summary>
    /// <param name="value">Value (shown with its own scale).</param>
    /// <param name="unit">Unit text; a space separates it (SI style).</param>
    public static string Qty(decimal? value, string unit) =>
        value is { } v ? v.ToString(CultureInfo.CurrentCulture) + " " + unit : "—";

    /// <summary>An age in the current UI language: <c>3 小时 5 分钟</c> / <c>2 天 4 小时</c> (zh-CN), <c>3 h 5 min</c> /
    /// <c>2 d 4 h</c> (other cultures, SI/ISO abbreviations).</summary>
    /// <param name="age">Duration; negative counts as zero.</param>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        var zh = SmartEnvUi.IsChinese;
        string Part(int n, string zhUnit, string enUnit) => zh ? $"{n} {zhUnit}" : $"{n} {enUnit}";
        if (age.TotalDays >= 1) return Part((int)age.TotalDays, "天", "d") + " " + Part(age.Hours, "小时", "h");
        if (age.TotalHours >= 1) return Part((int)age.TotalHours, "小时", "h") + " " + Part(age.Minutes, "分钟", "min");
        return Part((int)age.TotalMinutes, "分钟", "min");
    }

    /// <summary>Standard name of the pollutant of an AQI indicator as HJ 633-2012 Table 1 writes it, with subscripts:
    /// <c>SO₂</c>, <c>NO₂</c>, <c>CO</c>, <c>O₃</c>, <c>PM₁₀</c>, <c>PM₂.₅</c> (the same in every language).</summary>
    /// <param name="i">Indicator.</param>
    public static string Pollutant(AqiIndicator i) => i switch
    {
        AqiIndicator.So2_1h or AqiIndicator.So2_24h => "SO₂",
        AqiIndicator.No2_1h or AqiIndicator.No2_24h => "NO₂",
        AqiIndicator.Co_1h or AqiIndicator.Co_24h => "CO",
        AqiIndicator.O3_1h or AqiIndicator.O3_8h => "O₃",
        AqiIndicator.Pm10_1h or AqiIndicator.Pm10_24h => "PM₁₀",
        _ => "PM₂.₅",
    };

    /// <summary>Pollutant and averaging time of an indicator (HJ 633-2012 Table 1 rows) in the current UI language, e.g.
    /// <c>PM₂.₅ 24小时平均</c> / <c>PM₂.₅ 24-h mean</c>, <c>O₃ 8小时滑动平均</c> / <c>O₃ 8-h moving mean</c>.</summary>
    /// <param name="i">Indicator.</param>
    public static string Indicator(AqiIndicator i)
    {
        var zh = SmartEnvUi.IsChinese;
        var averaging = i switch
        {
            AqiIndicator.O3_8h => zh ? "8小时滑动平均" : "8-h moving mean",
            AqiIndicator.So2_1h or AqiIndicator.No2_1h or AqiIndicator.Co_1h or AqiIndicator.O3_1h or AqiIndicator.Pm10_1h or AqiIndicator.Pm25_1h
                => zh ? "1小时平均" : "1-h mean",
            _ => zh ? "24小时平均" : "24-h mean",
        };
        return Pollutant(i) + " " + averaging;
    }

    /// <summary>Primary pollutants joined by <c>、</c> (zh) or <c>, </c>, each once by its standard name; "—" when none
    /// (AQI ≤ 50 has none, HJ 633-2012 §3.3).</summary>
    /// <param name="r">AQI result, or null.</param>
    public static string Primary(AqiResult? r) =>
        r is null || r.PrimaryPollutants.Count == 0 ? "—"
            : string.Join(SmartEnvUi.IsChinese ? "、" : ", ", r.PrimaryPollutants.Select(Pollutant).Distinct());

    /// <summary>Why a day has no valid AQI, in the current UI language (texts <c>ExclNoData</c>, <c>ExclTooFewHours</c>,
    /// <c>ExclTooFew8h</c>): the indicator and the valid count against the HJ 663 / GB 3095 §8 minimum.</summary>
    /// <param name="e">Exclusion of one indicator of a day.</param>
    public static string Exclusion(DayExclusion e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Reason switch
        {
            DayExclusionReason.NoData => Texts.Common.ExclNoData(Indicator(e.Indicator)),
            DayExclusionReason.TooFewHours => Texts.Common.ExclTooFewHours(Indicator(e.Indicator), e.Count, e.Required),
            _ => Texts.Common.ExclTooFew8h(Indicator(e.Indicator), e.Count, e.Required),
        };
    }

    /// <summary>超标倍数 as reported (<see cref="SmartEnv.Standards.Water.WaterClassifier.ReportedExceedingMultiple"/>:
    /// 2 decimals, never 0 for an exceedance), invariant: <c>0.50</c>, <c>0.002</c>.</summary>
    /// <param name="multiple">Unrounded multiple.</param>
    public static string ExceedingMultiple(decimal multiple) =>
        SmartEnv.Standards.Water.WaterClassifier.ReportedExceedingMultiple(multiple).ToString(CultureInfo.InvariantCulture);

    /// <summary>A GB 3838-2002 class as stored in the registry (<c>III</c>, <c>Ⅲ</c>, <c>3</c>…) written as the standard
    /// writes it (<c>Ⅲ</c>); the stored text when it is not a class; null for null.</summary>
    /// <param name="stored">Registry text, e.g. a section's target class.</param>
    public static string? WaterClass(string? stored) =>
        stored is null ? null : SmartEnv.Standards.Water.WaterClassText.TryParse(stored, out var c) ? SmartEnv.Standards.Water.WaterClassText.ToDisplay(c.Value) : stored;

    /// <summary>Name of a GB 3838-2002 Table 1 item in the current UI language (as the table prints it: <c>化学需氧量</c> /
    /// chemical oxygen demand).</summary>
    /// <param name="item">The item.</param>
    public static string WaterItemName(SmartEnv.Standards.Water.WaterItem item) =>
        SmartEnvUi.IsChinese ? SmartEnv.Standards.Water.Gb3838Table1.Get(item).NameZh : SmartEnv.Standards.Water.Gb3838Table1.Get(item).NameEn;

    /// <summary>Inline style of a GB 3838 class badge: the background is the colour of the class's water-quality category
    /// (<see cref="SmartEnv.Standards.Water.WaterClassText.ToQuality"/>, 环办〔2011〕22号 断面水质定性评价: Ⅰ–Ⅱ 优,
    /// Ⅲ 良好, Ⅳ 轻度污染, Ⅴ 中度污染, 劣Ⅴ 重度污染), white text on the two darkest.</summary>
    /// <param name="c">The class.</param>
    public static string WaterClassStyle(SmartEnv.Standards.Water.WaterClass c)
    {
        var q = c.ToQuality();
        var fg = q is SmartEnv.Standards.Water.WaterQuality.Excellent or SmartEnv.Standards.Water.WaterQuality.HeavilyPolluted ? "#fff" : "#000";
        return $"background:{q.ToColour()};color:{fg};padding:2px 8px;border-radius:4px;font-weight:600";
    }
}
