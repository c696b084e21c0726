namespace SmartEnv.Verifications;

/// <summary>
/// One finding of a verification (the contract shared with the data-source registry, issue 22): a group of mismatches
/// that share one cause and a contiguous time range. JSON (output contract, snake_case): <c>domain, cause, from, to,
/// stations, rows, summary, summary_en</c>. Immutable, thread-safe.
/// </summary>
/// <param name="Domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
/// <param name="Cause">A key of <see cref="VerificationCauses"/> (e.g. <c>rounding-nearest</c>, <c>regime:HJ633-2012</c>).</param>
/// <param name="From">First mismatch of the group (Beijing time, offset +08:00).</param>
/// <param name="To">Last mismatch of the group (Beijing time, offset +08:00).</param>
/// <param name="Stations">Distinct stations (series) with a mismatch in the group.</param>
/// <param name="Rows">Mismatching rows (station-hours, samples or measurements) in the group.</param>
/// <param name="Summary">zh-CN sentence: "2019-01-01 01:00 至 … ，3 个站点 12 个站点小时，与四舍五入取整一致".</param>
/// <param name="SummaryEn">The same in English.</param>
/// <param name="Figure">The compared figure of the group (<c>aqi</c>, <c>iaqi:pm25_1h</c>, <c>level</c>, <c>category</c>,
/// <c>primary</c>, <c>water_class</c>, <c>noise_verdict</c>); part of the grouping key. JSON <c>figure</c>.</param>
public sealed record VerificationFinding(string Domain, string Cause, DateTimeOffset From, DateTimeOffset To, int Stations, int Rows,
    string Summary, string SummaryEn, string Figure = "aqi");

/// <summary>
/// The cause keys of <see cref="VerificationFinding.Cause"/> with their zh-CN and English names (docs/verification.md).
/// Air keys are fixed by the contract; water and noise keys carry the prefixes <c>water-</c> / <c>noise-</c>. Thread-safe.
/// </summary>
public static class VerificationCauses
{
    /// <summary>IAQI rounded to nearest (half up) instead of up (HJ 633 "进位取整").</summary>
    public const string RoundingNearest = "rounding-nearest";
    /// <summary>IAQI truncated (rounded down) instead of up.</summary>
    public const string RoundingFloor = "rounding-floor";
    /// <summary>Prefix of "another AQI regime was applied": <c>regime:HJ633-2012</c>, <c>regime:CNEMC-2014</c>, <c>regime:HJ633-2026</c>.</summary>
    public const string RegimePrefix = "regime:";
    /// <summary>SO2 1-h value given an IAQI from the 24-h breakpoints (instead of the 1-h column, or of the 24-h mean above 800).</summary>
    public const string So2DailyBreakpointsOnHourly = "so2-24h-breakpoints-on-1h";
    /// <summary>O3 8-h IAQI included in an hourly AQI whose regime leaves it out.</summary>
    public const string O3EightHourIncluded = "o3-8h-included";
    /// <summary>O3 8-h IAQI left out of an hourly AQI whose regime includes it.</summary>
    public const string O3EightHourExcluded = "o3-8h-excluded";
    /// <summary>One pollutant ignored (treated as missing) although the file carries its concentration.</summary>
    public const string MissingPollutantIgnored = "missing-pollutant-ignored";
    /// <summary>A unit scale error: a concentration ×1000 or ÷1000 (μg/m³ vs mg/m³).</summary>
    public const string UnitScale = "unit-scale";
    /// <summary>Concentrations rounded (GB/T 8170, integers; CO 1 decimal) before the IAQI where the regime does not.</summary>
    public const string InputRounding = "input-rounding";
    /// <summary>Primary pollutant (首要污染物) published although the AQI is ≤ 50: HJ 633-2012 §3.3 names one only when
    /// AQI &gt; 50; the publisher listed the indicators at the maximum anyway. Tested on the <c>primary</c> figure only.</summary>
    public const string PrimaryBelow51 = "primary-below-51";
    /// <summary>No hypothesis reproduces the published figure exactly.</summary>
    public const string Unexplained = "unexplained";
    /// <summary>Water: concentrations rounded (GB/T 8170 to the limit's decimals) before the class.</summary>
    public const string WaterInputRounding = "water-input-rounding";
    /// <summary>Water: one concentration ×1000 or ÷1000 (mg/L vs μg/L).</summary>
    public const string WaterUnitScale = "water-unit-scale";
    /// <summary>Water: classed with the other waterbody's limits (lake/reservoir TP limits for a river, or the reverse).</summary>
    public const string WaterOtherWaterbody = "water-other-waterbody";
    /// <summary>Noise: Ld/Ln rounded to an integer dB(A) before the comparison with the limit.</summary>
    public const string NoiseInputRounding = "noise-input-rounding";
    /// <summary>Noise: day and night limits swapped.</summary>
    public const string NoiseDayNightSwapped = "noise-day-night-swapped";

    /// <summary>All fixed keys (without the regime keys, which are <see cref="RegimePrefix"/> + a regime id) in precedence order.</summary>
    public static IReadOnlyList<string> Fixed { get; } =
    [
        RoundingNearest, RoundingFloor, So2DailyBreakpointsOnHourly, O3EightHourIncluded, O3EightHourExcluded, PrimaryBelow51, InputRounding,
        WaterInputRounding, NoiseInputRounding, WaterOtherWaterbody, UnitScale, WaterUnitScale, NoiseDayNightSwapped, MissingPollutantIgnored,
        Unexplained,
    ];

    private static readonly Dictionary<string, (string Zh, string En)> Names = new(StringComparer.Ordinal)
    {
        [RoundingNearest] = ("分指数四舍五入取整（标准为进位取整）", "IAQI rounded to nearest (the standard rounds up)"),
        [RoundingFloor] = ("分指数舍去小数（标准为进位取整）", "IAQI truncated (the standard rounds up)"),
        [So2DailyBreakpointsOnHourly] = ("二氧化硫1小时浓度套用24小时分段", "SO2 1-h value on the 24-h breakpoints"),
        [O3EightHourIncluded] = ("小时指数计入了臭氧8小时", "O3 8-h included in the hourly AQI"),
        [O3EightHourExcluded] = ("小时指数未计入臭氧8小时", "O3 8-h left out of the hourly AQI"),
        [MissingPollutantIgnored] = ("漏算一项污染物", "one pollutant ignored"),
        [UnitScale] = ("浓度单位换算错误（千倍）", "unit scale error (×1000)"),
        [InputRounding] = ("浓度先修约后计算", "concentrations rounded before the IAQI"),
        [PrimaryBelow51] = ("指数不大于50时仍发布首要污染物", "primary pollutant named although the AQI is 50 or less"),
        [Unexplained] = ("无法解释", "unexplained"),
        [WaterInputRounding] = ("浓度先修约后评价", "concentrations rounded before the class"),
        [WaterUnitScale] = ("浓度单位换算错误（千倍）", "unit scale error (×1000)"),
        [WaterOtherWaterbody] = ("按另一类水体（河流/湖库）限值评价", "classed with the other waterbody's limits (river/lake)"),
        [NoiseInputRounding] = ("声级先取整后判定", "levels rounded before the verdict"),
        [NoiseDayNightSwapped] = ("昼夜限值颠倒", "day and night limits swapped"),
    };

    /// <summary>True for a fixed key or <see cref="RegimePrefix"/> followed by a non-empty regime id.</summary>
    /// <param name="key">The key.</param>
    public static bool IsKnown(string? key) =>
        key is not null && (Names.ContainsKey(key) || (key.StartsWith(RegimePrefix, StringComparison.Ordinal) && key.Length > RegimePrefix.Length));

    /// <summary>The regime key, e.g. <c>regime:HJ633-2012</c>.</summary>
    /// <param name="regimeId">The regime id.</param>
    public static string Regime(string regimeId) => RegimePrefix + regimeId;

    /// <summary>zh-CN name of a cause (a regime key reads "采用了其他标准：HJ633-2012").</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">Unknown key.</exception>
    public static string Zh(string key) => Name(key).Zh;

    /// <summary>English name of a cause.</summary>
    /// <param name="key">The key.</param>
    /// <exception cref="ArgumentException">Unknown key.</exception>
    public static string En(string key) => Name(key).En;

    private static (string Zh, string En) Name(string key)
    {
        if (key is not null && Names.TryGetValue(key, out var n)) return n;
        if (IsKnown(key)) return ($"采用了其他规则：{key![RegimePrefix.Length..]}", $"another regime: {key![RegimePrefix.Length..]}");
        throw new ArgumentException($"unknown verification cause '{key}'", nameof(key));
    }

    /// <summary>
    /// Precedence among causes that all survive for one group (the first wins; docs/verification.md "One cause per
    /// finding"): the fixed keys in <see cref="Fixed"/> order, then regime keys by id.
    /// </summary>
    /// <param name="key">The key.</param>
    public static int Precedence(string key)
    {
        for (var i = 0; i < Fixed.Count; i++) if (Fixed[i] == key) return i;
        return Fixed.Count;
    }
}
