using System.Globalization;
using System.Text.Json;

namespace SmartEnv.Planning.Indicators;

/// <summary>What the platform computes an indicator from.</summary>
/// <param name="IndicatorNumber">专栏2 序号.</param>
/// <param name="Engine">The engine and standard (e.g. <c>HJ 663-2013 (smartenv air assess)</c>).</param>
/// <param name="Statistic">The statistic taken (e.g. <c>good_day_ratio_percent</c>).</param>
/// <param name="Sites">Default monitoring sites (configurable per deployment).</param>
public sealed record ComputedIndicatorDefinition(int IndicatorNumber, string Engine, string Statistic, IReadOnlyList<string> Sites);

/// <summary>
/// The 专栏2 indicators the platform computes from monitoring rather than takes as reported: #9 空气质量优良天数比率 and
/// #13 PM2.5 年平均浓度 from the district's air stations by the HJ 663-2013 assessment (default 1420A 唐家沱, the only
/// Jiangbei national station in the published 2019 data); #7 (control sections at or better than Ⅲ, GB 3838-2002) and #14
/// (drinking-water source compliance) once the water engine assesses sections; #17 城镇医疗废物集中无害化处置率 from the
/// medical-waste handovers (issue 17: centrally disposed weight ÷ generated weight of the year × 100, rule
/// <c>mw-central-disposal@1</c>, docs/waste.md). All others are reported.
/// </summary>
public static class ComputedIndicators
{
    /// <summary>Default definitions.</summary>
    public static readonly IReadOnlyList<ComputedIndicatorDefinition> Defaults =
    [
        new(7, "GB 3838-2002 (smartenv water)", "share of sections at or better than class Ⅲ", ["长江寸滩（国控）", "栋梁河跃进桥（市控）"]),
        new(9, "HJ 663-2013 (smartenv air assess)", "good_day_ratio_percent", ["1420A"]),
        new(13, "HJ 663-2013 (smartenv air assess)", "statistics.pm25_24h.mean", ["1420A"]),
        new(14, "GB 3838-2002 (smartenv water)", "share of drinking-water sources meeting their class", []),
        new(17, "SmartEnv medical waste (mw-central-disposal@1)", "weight of the year's handovers collected by a central disposal unit ÷ weight of all the year's handovers × 100", []),
    ];

    /// <summary>True when the platform computes the indicator.</summary>
    /// <param name="number">专栏2 序号.</param>
    public static bool IsComputed(int number) => Defaults.Any(d => d.IndicatorNumber == number);
}

/// <summary>Values taken from an air assessment summary, or why not.</summary>
/// <param name="Values">#9 and #13 values (as many as the summary holds).</param>
/// <param name="Error">Why the summary cannot be used, null when it can.</param>
public sealed record AirSummaryValues(IReadOnlyList<IndicatorValue> Values, string? Error);

/// <summary>
/// Turns the period summary that <c>smartenv air assess</c> prints (JSON: <c>subject.stations</c>, <c>from</c>, <c>to</c>,
/// <c>good_day_ratio_percent</c>, <c>valid_aqi_days</c>, <c>statistics.pm25_24h.mean</c> and <c>annual_valid</c>) into
/// computed values of #9 (good-day ratio, %) and #13 (PM2.5 annual mean, μg/m³). The period must be one whole calendar
/// year; the values are taken as the engine rounded them (HJ 663-2013).
/// </summary>
public static class AirSummaryAdapter
{
    /// <summary>Reads the summary.</summary>
    /// <param name="json">The summary JSON document.</param>
    /// <param name="at">When the values are recorded.</param>
    /// <param name="source">Name of the summary (file) for the evidence.</param>
    public static AirSummaryValues Read(string json, DateTimeOffset at, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (!DateOnly.TryParseExact(Str(root, "from"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !DateOnly.TryParseExact(Str(root, "to"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
                return new AirSummaryValues([], $"{source}: 'from'/'to' missing or not YYYY-MM-DD");
            if (from != new DateOnly(from.Year, 1, 1) || to != new DateOnly(from.Year, 12, 31))
                return new AirSummaryValues([], $"{source}: period {from:yyyy-MM-dd}..{to:yyyy-MM-dd} is not one calendar year");
            var stations = root.TryGetProperty("subject", out var subj) && subj.TryGetProperty("stations", out var st) && st.ValueKind == JsonValueKind.Array
                ? string.Join(",", st.EnumerateArray().Select(e => e.GetString())) : "";
            var kind = root.TryGetProperty("subject", out var s2) ? Str(s2, "kind") : null;
            var evidence = $"{source}: HJ 663-2013 {(kind == "city" ? "city mean of" : "station")} {stations}, {from:yyyy-MM-dd}..{to:yyyy-MM-dd}";
            var values = new List<IndicatorValue>();
            if (root.TryGetProperty("good_day_ratio_percent", out var g) && g.ValueKind != JsonValueKind.Null)
            {
                if (g.ValueKind != JsonValueKind.Number || !g.TryGetDecimal(out var ratio) || ratio is < 0 or > 100)
                    return new AirSummaryValues([], $"{source}: good_day_ratio_percent {g.GetRawText()} is not a percentage 0–100");
                var days = root.TryGetProperty("valid_aqi_days", out var vd) && vd.ValueKind == JsonValueKind.Number ? vd.GetInt32() : 0;
                var good = root.TryGetProperty("good_days", out var gd) && gd.ValueKind == JsonValueKind.Number ? gd.GetInt32() : 0;
                values.Add(new IndicatorValue(9, from.Year, g.GetDecimal(), ValueSource.Computed, "smartenv air assess", at, evidence,
                    $"{good}/{days} valid AQI days"));
            }
            if (root.TryGetProperty("statistics", out var st0) && st0.ValueKind != JsonValueKind.Object)
                return new AirSummaryValues([], $"{source}: statistics {st0.GetRawText()} is not an object");
            if (root.TryGetProperty("statistics", out var stats) && stats.TryGetProperty("pm25_24h", out var pm)
                && pm.ValueKind == JsonValueKind.Object && pm.TryGetProperty("mean", out var mean) && mean.ValueKind != JsonValueKind.Null)
            {
                if (mean.ValueKind != JsonValueKind.Number || !mean.TryGetDecimal(out var m) || m < 0)
                    return new AirSummaryValues([], $"{source}: statistics.pm25_24h.mean {mean.GetRawText()} is not a concentration ≥ 0");
                var valid = pm.TryGetProperty("annual_valid", out var av) && av.ValueKind == JsonValueKind.True;
                values.Add(new IndicatorValue(13, from.Year, mean.GetDecimal(), ValueSource.Computed, "smartenv air assess", at, evidence,
                    valid ? null : "annual statistic not valid under HJ 663 (too few valid days)", valid));
            }
            return new AirSummaryValues(values, values.Count == 0 ? $"{source}: neither good_day_ratio_percent nor statistics.pm25_24h.mean present" : null);
        }
        catch (JsonException e)
        {
            return new AirSummaryValues([], $"{source}: not JSON ({e.Message})");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A member of the wrong JSON type (e.g. valid_aqi_days 1.5, subject.stations of numbers).
            return new AirSummaryValues([], $"{source}: not a summary of `smartenv air assess` ({e.Message})");
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
