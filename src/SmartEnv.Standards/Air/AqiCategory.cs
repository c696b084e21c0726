namespace SmartEnv.Standards.Air;

/// <summary>
/// An AQI level with its category and colour: HJ 633-2012 Table 2 and Appendix A Table A.1 (unchanged in HJ 633-2026
/// Table 1 and Table A.1). Level bands are closed integer ranges because AQI is an integer: 0–50, 51–100, 101–150,
/// 151–200, 201–300, &gt;300. The one place these band limits are written: <see cref="ForAqi"/> and the UI's colour
/// scales read <see cref="Min"/> and <see cref="Max"/>.
/// </summary>
/// <param name="Level">Level 1…6 (一级…六级).</param>
/// <param name="Min">Lowest AQI of the band (0, 51, 101, 151, 201, 301).</param>
/// <param name="Max">Highest AQI of the band (50, 100, 150, 200, 300); for level 6, 500 — the top of the AQI scale
/// (<see cref="AqiCalculator"/> caps an IAQI at 500; HJ 633-2026 states the AQI range 1–500).</param>
/// <param name="LevelZh">Level text, e.g. "二级".</param>
/// <param name="Zh">Category, e.g. "良".</param>
/// <param name="En">English category, e.g. "Good".</param>
/// <param name="ColorZh">Colour name, e.g. "黄色".</param>
/// <param name="Color">RGB colour as "#RRGGBB" (Appendix A).</param>
public sealed record AqiCategory(int Level, int Min, int Max, string LevelZh, string Zh, string En, string ColorZh, string Color)
{
    /// <summary>The six levels, level 1 first.</summary>
    public static IReadOnlyList<AqiCategory> Levels { get; } =
    [
        new(1, 0, 50, "一级", "优", "Excellent", "绿色", "#00E400"),
        new(2, 51, 100, "二级", "良", "Good", "黄色", "#FFFF00"),
        new(3, 101, 150, "三级", "轻度污染", "Lightly polluted", "橙色", "#FF7E00"),
        new(4, 151, 200, "四级", "中度污染", "Moderately polluted", "红色", "#FF0000"),
        new(5, 201, 300, "五级", "重度污染", "Heavily polluted", "紫色", "#99004C"),
        new(6, 301, 500, "六级", "严重污染", "Severely polluted", "褐红色", "#7E0023"),
    ];

    /// <summary>The category of an AQI value (HJ 633-2012 Table 2): the first level whose <see cref="Max"/> it does not exceed.</summary>
    /// <param name="aqi">AQI, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="aqi"/> is negative.</exception>
    public static AqiCategory ForAqi(int aqi)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(aqi);
        foreach (var level in Levels)
            if (aqi <= level.Max) return level;
        return Levels[^1]; // above the scale's 500: still 严重污染
    }
}
