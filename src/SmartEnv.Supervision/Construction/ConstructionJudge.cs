using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;

namespace SmartEnv.Supervision.Construction;

/// <summary>Card colour (红黄绿牌). Stored snake-case. Thread-safe (an enum).</summary>
public enum CardColour
{
    /// <summary>绿牌: compliant, normal work.</summary>
    Green,
    /// <summary>黄牌: warning, rectify within <see cref="CardDecision.RectifyDays"/> days.</summary>
    Yellow,
    /// <summary>红牌: stop work and rectify.</summary>
    Red,
}

/// <summary>A site's configured dust threshold (μg/m³). Immutable; thread-safe.</summary>
/// <param name="Parameter">The parameter.</param>
/// <param name="LimitUgM3">The maximum hourly mean, μg/m³; a value equal to it complies.</param>
public sealed record DustThreshold(DustParameter Parameter, decimal LimitUgM3);

/// <summary>One stored hour of a construction monitor (already converted: particulates μg/m³, noise dB(A)). Immutable.</summary>
/// <param name="HourStart">Start of the hour (the HJ 212 CN 2061 DataTime, an instant).</param>
/// <param name="Pm10">PM10 hourly mean μg/m³ or null.</param>
/// <param name="Tsp">TSP hourly mean μg/m³ or null.</param>
/// <param name="Pm25">PM2.5 hourly mean μg/m³ or null.</param>
/// <param name="Leq">Noise Leq of the hour dB(A) or null.</param>
/// <param name="Lmax">Noise L_max of the hour dB(A) or null.</param>
public sealed record MonitorHour(DateTimeOffset HourStart, decimal? Pm10, decimal? Tsp, decimal? Pm25, decimal? Leq, decimal? Lmax);

/// <summary>Evidence of one exceedance hour: which hour, what, value and the limit it exceeded. Immutable; thread-safe.</summary>
/// <param name="HourStart">Start of the hour (instant).</param>
/// <param name="What">Parameter: <c>pm10</c>, <c>tsp</c>, <c>pm25</c>, <c>leq_day</c>, <c>leq_night</c>, <c>lmax_night</c>.</param>
/// <param name="Value">The value (μg/m³ or dB(A)).</param>
/// <param name="Limit">The limit exceeded (same unit).</param>
/// <param name="Basis">Where the limit comes from: <c>site threshold</c> or the GB 12523-2011 clause.</param>
public sealed record ExceedanceEvidence(DateTimeOffset HourStart, string What, decimal Value, decimal Limit, string Basis);

/// <summary>A month's inputs of the card rule. Immutable; thread-safe.</summary>
/// <param name="DustHours">Dust exceedance evidence (one entry per parameter and hour; an hour counts once).</param>
/// <param name="NoiseHours">Noise exceedance evidence (an hour counts once).</param>
/// <param name="Complaints">Complaints about the site registered in the month.</param>
/// <param name="Findings">Inspection findings in the month.</param>
/// <param name="PreviousRedMonths">Consecutive red months immediately before this month.</param>
public sealed record CardInputs(IReadOnlyList<ExceedanceEvidence> DustHours, IReadOnlyList<ExceedanceEvidence> NoiseHours, int Complaints,
    int Findings, int PreviousRedMonths);

/// <summary>The card of a month. Immutable; thread-safe.</summary>
/// <param name="Colour">Colour.</param>
/// <param name="DustHourCount">Distinct dust exceedance hours.</param>
/// <param name="NoiseHourCount">Distinct noise exceedance hours.</param>
/// <param name="Reasons">Rule keys that fired with their counts, e.g. <c>yellow.dust_hours: 3 ≥ 3</c>.</param>
/// <param name="RectifyDays">Days to rectify for yellow; null otherwise.</param>
/// <param name="Blacklist">True when the serious-case rule fires (recommend 建筑市场黑名单).</param>
/// <param name="RuleVersion">The <see cref="CardRules.Version"/> used.</param>
public sealed record CardDecision(CardColour Colour, int DustHourCount, int NoiseHourCount, IReadOnlyList<string> Reasons, int? RectifyDays,
    bool Blacklist, string RuleVersion);

/// <summary>
/// The construction-site rules of issue 20: dust hours against the site's configured thresholds (a value above the
/// threshold is an exceedance, equal complies), noise hours against GB 12523-2011 (<see cref="Gb12523.Limits"/>: day 70,
/// night 55, night L_max ≤ 70 dB(A); night 22:00–06:00 Beijing per <see cref="NoisePeriods.Default"/>, judged by the
/// hour's start: the hour 22:00–23:00 is night, 06:00–07:00 day), and the monthly card (<see cref="CardRules"/>).
/// Pure; thread-safe.
/// </summary>
public static class ConstructionJudge
{
    /// <summary>Dust exceedances of <paramref name="hours"/> against <paramref name="thresholds"/>; a parameter without a
    /// threshold is not judged (a site without thresholds yields none: "未配置阈值").</summary>
    /// <param name="hours">Stored hours (μg/m³).</param>
    /// <param name="thresholds">The site's thresholds.</param>
    public static IReadOnlyList<ExceedanceEvidence> DustExceedances(IEnumerable<MonitorHour> hours, IReadOnlyCollection<DustThreshold> thresholds)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(thresholds);
        var list = new List<ExceedanceEvidence>();
        foreach (var h in hours.OrderBy(h => h.HourStart))
            foreach (var t in thresholds)
            {
                var v = t.Parameter switch { DustParameter.Pm10 => h.Pm10, DustParameter.Tsp => h.Tsp, _ => h.Pm25 };
                if (v > t.LimitUgM3) list.Add(new(h.HourStart, t.Parameter.ToString().ToLowerInvariant(), v.Value, t.LimitUgM3, "site threshold"));
            }
        return list;
    }

    /// <summary>True when the hour starting at <paramref name="hourStart"/> is a night hour of GB 12523-2011 (22:00–06:00
    /// Beijing time, <see cref="NoisePeriods.Default"/>).</summary>
    /// <param name="hourStart">Hour start (any offset).</param>
    public static bool IsNightHour(DateTimeOffset hourStart) => NoisePeriods.Default.IsNight(TimeOnly.FromDateTime(BeijingTime.Local(hourStart)));

    /// <summary>GB 12523-2011 exceedances of <paramref name="hours"/>: day Leq &gt; 70, night Leq &gt; 55, night L_max &gt; 70
    /// dB(A) (<see cref="Gb12523.Limits"/>, outdoor); equal complies.</summary>
    /// <param name="hours">Stored hours.</param>
    public static IReadOnlyList<ExceedanceEvidence> NoiseExceedances(IEnumerable<MonitorHour> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var lim = Gb12523.Limits();
        var list = new List<ExceedanceEvidence>();
        foreach (var h in hours.OrderBy(h => h.HourStart))
        {
            if (IsNightHour(h.HourStart))
            {
                if (h.Leq > lim.Night) list.Add(new(h.HourStart, "leq_night", h.Leq.Value, lim.Night, "GB 12523-2011 §4.1 night"));
                if (h.Lmax > lim.NightMax) list.Add(new(h.HourStart, "lmax_night", h.Lmax.Value, lim.NightMax, "GB 12523-2011 §4.2 night Lmax"));
            }
            else if (h.Leq > lim.Day) list.Add(new(h.HourStart, "leq_day", h.Leq.Value, lim.Day, "GB 12523-2011 §4.1 day"));
        }
        return list;
    }

    /// <summary>The month's card: red when any red row fires, else yellow when any yellow row fires, else green; the
    /// black-list recommendation when this month is red and the <c>blacklist.consecutive_red</c>−1 months before were too.</summary>
    /// <param name="inputs">The month's inputs.</param>
    /// <param name="rules">The rule table (null: <see cref="CardRules.Default"/>).</param>
    public static CardDecision Card(CardInputs inputs, CardRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        rules ??= CardRules.Default;
        var dust = inputs.DustHours.Select(e => e.HourStart).Distinct().Count();
        var noise = inputs.NoiseHours.Select(e => e.HourStart).Distinct().Count();
        var counts = new (string Input, int Count)[] { ("dust_hours", dust), ("noise_hours", noise), ("complaints", inputs.Complaints), ("findings", inputs.Findings) };
        var red = Fired("red");
        var yellow = Fired("yellow");
        var colour = red.Count > 0 ? CardColour.Red : yellow.Count > 0 ? CardColour.Yellow : CardColour.Green;
        var consecutive = rules["blacklist.consecutive_red"];
        var blacklist = colour == CardColour.Red && consecutive > 0 && inputs.PreviousRedMonths + 1 >= consecutive;
        var reasons = colour == CardColour.Red ? red : yellow;
        if (blacklist) reasons = [.. reasons, $"blacklist.consecutive_red: {inputs.PreviousRedMonths + 1} ≥ {consecutive}"];
        return new CardDecision(colour, dust, noise, reasons, colour == CardColour.Yellow ? rules["yellow.rectify_days"] : null, blacklist, rules.Version);

        List<string> Fired(string level) => [.. counts.Where(c => rules[level + "." + c.Input] is var v && v > 0 && c.Count >= v)
            .Select(c => $"{level}.{c.Input}: {c.Count} ≥ {rules[level + "." + c.Input]}")];
    }
}
