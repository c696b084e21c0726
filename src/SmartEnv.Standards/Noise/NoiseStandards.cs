using SmartEnv.Standards.Common;

namespace SmartEnv.Standards.Noise;

/// <summary>Noise standard applied.</summary>
public enum NoiseStandard
{
    /// <summary>GB 3096-2008 声环境质量标准 (ambient, functional zones).</summary>
    Gb3096,
    /// <summary>GB 12523-2011 建筑施工场界环境噪声排放标准 (construction site boundary).</summary>
    Gb12523,
    /// <summary>GB 12348-2008 工业企业厂界环境噪声排放标准 (industrial boundary).</summary>
    Gb12348,
}

/// <summary>GB 3096-2008 acoustic environment functional zone (声环境功能区, §4).</summary>
public enum Gb3096Zone
{
    /// <summary>0 类: 康复疗养区.</summary>
    Zone0,
    /// <summary>1 类: 居住、医疗卫生、文化教育、科研设计、行政办公.</summary>
    Zone1,
    /// <summary>2 类: 商业金融、集市贸易, 混杂区.</summary>
    Zone2,
    /// <summary>3 类: 工业生产、仓储物流.</summary>
    Zone3,
    /// <summary>4a 类: 高速公路、一级二级公路、城市快速路/主干路/次干路、城市轨道交通地面段、内河航道两侧.</summary>
    Zone4a,
    /// <summary>4b 类: 铁路干线两侧.</summary>
    Zone4b,
}

/// <summary>Railway beside a 4b area (GB 3096-2008 §5.3 and Table 1 note).</summary>
public enum RailwayKind
{
    /// <summary>New railway trunk line: EIA approved on or after 2011-01-01; 4b limits 70/60.</summary>
    New,
    /// <summary>
    /// Existing railway trunk line crossing an urban area (in operation or EIA approved by 2010-12-31), or its rebuild or
    /// extension: background limit with no train passing 70/55.
    /// </summary>
    ExistingUrban,
}

/// <summary>Night maximum-level (L_max) rule to apply.</summary>
public enum NightMaxRule
{
    /// <summary>GB 3096-2008 §5.4 突发噪声 and GB 12523-2011 §4.2: L_max − night limit ≤ 15 dB(A).</summary>
    Burst15,
    /// <summary>GB 12348-2008 §4.1.2 频发噪声: L_max − night limit ≤ 10 dB(A).</summary>
    Frequent10,
    /// <summary>GB 12348-2008 §4.1.3 偶发噪声: L_max − night limit ≤ 15 dB(A).</summary>
    Occasional15,
}

/// <summary>Limits used for one evaluation, dB(A).</summary>
/// <param name="Standard">Standard.</param>
/// <param name="Day">Day Leq limit.</param>
/// <param name="Night">Night Leq limit.</param>
/// <param name="NightMax">Night L_max limit.</param>
/// <param name="Basis">Clause(s) the limits come from, e.g. "GB 3096-2008 Table 1, 2 类".</param>
public sealed record NoiseLimits(NoiseStandard Standard, decimal Day, decimal Night, decimal NightMax, string Basis);

/// <summary>
/// Compliance of measured levels with limits. A value equal to the limit complies (limits are maxima). Values are
/// compared as given, to the digit reported (GB/T 8170-2008 §4.3 全数值比较法): 60.0 complies with 60, 60.1 does not.
/// </summary>
/// <param name="Limits">Limits used.</param>
/// <param name="Ld">Day level compared, dB(A), or null.</param>
/// <param name="Ln">Night level compared, or null.</param>
/// <param name="LmaxNight">Night maximum compared, or null.</param>
/// <param name="DayCompliant">Ld ≤ day limit; null without Ld.</param>
/// <param name="NightCompliant">Ln ≤ night limit; null without Ln.</param>
/// <param name="NightLmaxCompliant">L_max ≤ night limit + margin; null without L_max.</param>
public sealed record NoiseCompliance(
    NoiseLimits Limits, decimal? Ld, decimal? Ln, decimal? LmaxNight,
    bool? DayCompliant, bool? NightCompliant, bool? NightLmaxCompliant)
{
    /// <summary>Day exceedance Ld − limit when positive (超标量), else null.</summary>
    public decimal? DayExceedance => Ld - Limits.Day is > 0 and var e ? e : null;

    /// <summary>Night exceedance Ln − limit when positive, else null.</summary>
    public decimal? NightExceedance => Ln - Limits.Night is > 0 and var e ? e : null;

    /// <summary>Builds the compliance of the given levels against <paramref name="limits"/>.</summary>
    /// <param name="limits">Limits.</param>
    /// <param name="ld">Day level or null.</param>
    /// <param name="ln">Night level or null.</param>
    /// <param name="lmaxNight">Night L_max or null.</param>
    public static NoiseCompliance Of(NoiseLimits limits, decimal? ld, decimal? ln, decimal? lmaxNight) =>
        new(limits, ld, ln, lmaxNight, ld is null ? null : ld <= limits.Day,
            ln is null ? null : ln <= limits.Night, lmaxNight is null ? null : lmaxNight <= limits.NightMax);
}

/// <summary>GB 3096-2008 声环境质量标准 (values [S], see ../shared/reference/standards.md §5.1).</summary>
public static class Gb3096
{
    /// <summary>Night burst margin (§5.4): L_max may exceed the night limit by at most 15 dB(A).</summary>
    public const decimal BurstMargin = 15m;

    /// <summary>The unit of every GB 3096-2008 limit and level (Table 1, §3 L_Aeq, L_d, L_n, L_max, L_N): dB(A).</summary>
    public static MeasurementUnit Unit => MeasurementUnit.DecibelA;

    /// <summary>Railway kind from the EIA approval date of the line: on or before 2010-12-31 existing, else new.</summary>
    /// <param name="eiaApproval">Date the railway's EIA was approved (or it entered operation).</param>
    public static RailwayKind RailwayKindFromEiaApproval(DateOnly eiaApproval) =>
        eiaApproval <= new DateOnly(2010, 12, 31) ? RailwayKind.ExistingUrban : RailwayKind.New;

    /// <summary>
    /// Table 1 limits (L_Aeq, dB(A)): 0 类 50/40, 1 类 55/45, 2 类 60/50, 3 类 65/55, 4a 70/55, 4b 70/60; for areas beside
    /// an existing railway trunk line crossing an urban area (<see cref="RailwayKind.ExistingUrban"/>) the no-train background
    /// limit is 70/55 (§5.3). Night L_max limit = night + 15 (§5.4).
    /// </summary>
    /// <param name="zone">Functional zone.</param>
    /// <param name="railway">For 4b: which railway; ignored for other zones.</param>
    public static NoiseLimits Limits(Gb3096Zone zone, RailwayKind railway = RailwayKind.New)
    {
        (decimal d, decimal n, string z) = zone switch
        {
            Gb3096Zone.Zone0 => (50m, 40m, "0"),
            Gb3096Zone.Zone1 => (55m, 45m, "1"),
            Gb3096Zone.Zone2 => (60m, 50m, "2"),
            Gb3096Zone.Zone3 => (65m, 55m, "3"),
            Gb3096Zone.Zone4a => (70m, 55m, "4a"),
            _ when railway == RailwayKind.ExistingUrban => (70m, 55m, "4b (既有铁路干线, §5.3)"),
            _ => (70m, 60m, "4b"),
        };
        return new NoiseLimits(NoiseStandard.Gb3096, d, n, n + BurstMargin, $"GB 3096-2008 Table 1, {z} 类; §5.4 L_max ≤ night + 15");
    }

    /// <summary>Compliance of Ld, Ln and the night L_max in a zone.</summary>
    /// <param name="zone">Functional zone.</param>
    /// <param name="ld">Day Leq, dB(A), or null.</param>
    /// <param name="ln">Night Leq or null.</param>
    /// <param name="lmaxNight">Night L_max (burst) or null.</param>
    /// <param name="railway">For 4b: which railway.</param>
    public static NoiseCompliance Assess(Gb3096Zone zone, decimal? ld, decimal? ln, decimal? lmaxNight, RailwayKind railway = RailwayKind.New) =>
        NoiseCompliance.Of(Limits(zone, railway), ld, ln, lmaxNight);

    /// <summary>The class as written in GB 3096-2008 §4 and Table 1: "0", "1", "2", "3", "4a", "4b".</summary>
    /// <param name="zone">Zone.</param>
    public static string ZoneText(Gb3096Zone zone) => zone switch
    {
        Gb3096Zone.Zone0 => "0",
        Gb3096Zone.Zone1 => "1",
        Gb3096Zone.Zone2 => "2",
        Gb3096Zone.Zone3 => "3",
        Gb3096Zone.Zone4a => "4a",
        _ => "4b",
    };

    /// <summary>Parses a zone: "0", "1", "2", "3", "4a", "4b" (case-insensitive).</summary>
    /// <param name="text">Zone text.</param>
    /// <param name="zone">The zone when the result is true.</param>
    public static bool TryParseZone(string text, out Gb3096Zone zone)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "0": zone = Gb3096Zone.Zone0; return true;
            case "1": zone = Gb3096Zone.Zone1; return true;
            case "2": zone = Gb3096Zone.Zone2; return true;
            case "3": zone = Gb3096Zone.Zone3; return true;
            case "4a": zone = Gb3096Zone.Zone4a; return true;
            case "4b": zone = Gb3096Zone.Zone4b; return true;
            default: zone = default; return false;
        }
    }
}

/// <summary>GB 12523-2011 建筑施工场界环境噪声排放标准 (effective 2012-07-01).</summary>
public static class Gb12523
{
    /// <summary>
    /// Limits (§4.1): day 70, night 55 dB(A); night L_max ≤ night limit + 15 (§4.2); measured indoors in a noise-sensitive
    /// building because the boundary is too close: each limit − 10 (§4.3).
    /// </summary>
    /// <param name="indoor">Measured indoors.</param>
    public static NoiseLimits Limits(bool indoor = false)
    {
        var off = indoor ? 10m : 0m;
        return new NoiseLimits(NoiseStandard.Gb12523, 70m - off, 55m - off, 55m - off + 15m,
            "GB 12523-2011 §4.1 (70/55), §4.2 L_max ≤ night + 15" + (indoor ? ", §4.3 indoor − 10" : ""));
    }

    /// <summary>Compliance of a construction boundary point.</summary>
    /// <param name="ld">Day Leq (20-min), dB(A), or null.</param>
    /// <param name="ln">Night Leq or null.</param>
    /// <param name="lmaxNight">Night L_max or null.</param>
    /// <param name="indoor">Measured indoors.</param>
    public static NoiseCompliance Assess(decimal? ld, decimal? ln, decimal? lmaxNight, bool indoor = false) =>
        NoiseCompliance.Of(Limits(indoor), ld, ln, lmaxNight);
}

/// <summary>GB 12348-2008 工业企业厂界环境噪声排放标准 (effective 2008-10-01).</summary>
public static class Gb12348
{
    /// <summary>
    /// Table 1 limits by the class of the area outside the boundary: 0 50/40, 1 55/45, 2 60/50, 3 65/55, 4 70/55 dB(A);
    /// night frequent noise L_max ≤ night + 10 (§4.1.2), occasional ≤ night + 15 (§4.1.3); boundary closer than 1 m to a
    /// sensitive building: measured indoors, limits − 10 (§4.1.5).
    /// </summary>
    /// <param name="areaClass">Class 0…4 of the area outside the boundary (GB 3096 zones; 4a and 4b both map to 4).</param>
    /// <param name="rule">Night L_max rule: <see cref="NightMaxRule.Frequent10"/> or <see cref="NightMaxRule.Occasional15"/>.</param>
    /// <param name="indoor">Measured indoors.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="areaClass"/> outside 0…4, or the burst rule of GB 3096.</exception>
    public static NoiseLimits Limits(int areaClass, NightMaxRule rule = NightMaxRule.Occasional15, bool indoor = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(areaClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(areaClass, 4);
        if (rule == NightMaxRule.Burst15) throw new ArgumentOutOfRangeException(nameof(rule), "GB 12348 has frequent (+10) and occasional (+15) night L_max rules");
        decimal[] day = [50m, 55m, 60m, 65m, 70m];
        decimal[] night = [40m, 45m, 50m, 55m, 55m];
        var off = indoor ? 10m : 0m;
        var n = night[areaClass] - off;
        var margin = rule == NightMaxRule.Frequent10 ? 10m : 15m;
        return new NoiseLimits(NoiseStandard.Gb12348, day[areaClass] - off, n, n + margin,
            $"GB 12348-2008 Table 1, {areaClass} 类; " + (rule == NightMaxRule.Frequent10 ? "§4.1.2 频发 L_max ≤ night + 10" : "§4.1.3 偶发 L_max ≤ night + 15")
            + (indoor ? "; §4.1.5 indoor − 10" : ""));
    }

    /// <summary>Compliance of an industrial boundary point.</summary>
    /// <param name="areaClass">Class 0…4 of the area outside the boundary.</param>
    /// <param name="ld">Day Leq, dB(A), or null.</param>
    /// <param name="ln">Night Leq or null.</param>
    /// <param name="lmaxNight">Night L_max or null.</param>
    /// <param name="rule">Frequent or occasional night noise.</param>
    /// <param name="indoor">Measured indoors.</param>
    public static NoiseCompliance Assess(int areaClass, decimal? ld, decimal? ln, decimal? lmaxNight,
        NightMaxRule rule = NightMaxRule.Occasional15, bool indoor = false) =>
        NoiseCompliance.Of(Limits(areaClass, rule, indoor), ld, ln, lmaxNight);
}

/// <summary>Outcome of a background correction.</summary>
public enum BackgroundCorrectionStatus
{
    /// <summary>Difference &gt; 10 dB: the measured value stands.</summary>
    NotNeeded,
    /// <summary>Difference 3…10 dB: corrected by −3, −2 or −1.</summary>
    Corrected,
    /// <summary>Difference &lt; 3 dB: cannot be corrected; reduce the background and measure again.</summary>
    NotCorrectable,
}

/// <summary>Result of a background correction.</summary>
/// <param name="Status">Outcome.</param>
/// <param name="Difference">Measured − background, rounded to an integer dB (GB/T 8170) for the table lookup.</param>
/// <param name="Correction">0, −1, −2 or −3 dB.</param>
/// <param name="Result">Corrected level, dB(A); null when not correctable.</param>
public sealed record BackgroundCorrection(BackgroundCorrectionStatus Status, decimal Difference, decimal Correction, decimal? Result);

/// <summary>
/// Background-noise correction of GB 12523-2011 §5.5 and GB 12348-2008 §5.10 (same table): difference &gt; 10 → none;
/// 6–10 → −1; 4–5 → −2; 3 → −3; &lt; 3 → not correctable. The table lists whole decibels; the difference is rounded to an
/// integer with GB/T 8170 before the lookup (HJ 706-2014 practice [U]; docs/standards-noise.md).
/// </summary>
public static class NoiseBackground
{
    /// <summary>Corrects a measured level for background noise.</summary>
    /// <param name="measured">Measured level, dB(A).</param>
    /// <param name="background">Background level, dB(A).</param>
    public static BackgroundCorrection Correct(decimal measured, decimal background)
    {
        var diff = Common.Gbt8170.Round(measured - background, 0);
        if (diff > 10m) return new(BackgroundCorrectionStatus.NotNeeded, diff, 0m, measured);
        if (diff < 3m) return new(BackgroundCorrectionStatus.NotCorrectable, diff, 0m, null);
        var c = diff >= 6m ? -1m : diff >= 4m ? -2m : -3m;
        return new(BackgroundCorrectionStatus.Corrected, diff, c, measured + c);
    }
}
