namespace SmartEnv.Supervision.Monitoring;

/// <summary>Which value an outlet hour was judged on ("say which", issue 16).</summary>
public enum HourBasis
{
    /// <summary>The converted concentration sent by the CEMS (<c>-ZsAvg</c>), used where the limit is on a reference O₂.</summary>
    ZsAvg,

    /// <summary>The measured concentration converted here with the hour's O₂ (<see cref="OxygenReference"/>).</summary>
    ConvertedFromMeasured,

    /// <summary>The measured concentration as sent (water, or a limit without reference O₂).</summary>
    Measured,
}

/// <summary>One outlet hour of one parameter, as stored (values in the unit of the limit).</summary>
/// <param name="ZsAvg">Converted concentration <c>code:zs</c>, or null.</param>
/// <param name="Measured">Measured concentration <c>code</c>, or null.</param>
/// <param name="O2">The hour's measured O₂ (a19001, %), or null.</param>
/// <param name="Flag">The hour's HJ 212 data flag, or null when none was sent.</param>
public sealed record SourceHourInput(decimal? ZsAvg, decimal? Measured, decimal? O2, string? Flag);

/// <summary>The permit limit in force for the hour.</summary>
/// <param name="Limit">Permitted concentration (&gt; 0, mg/m³ or mg/L).</param>
/// <param name="ReferenceO2">Reference O₂ (%) the limit is on, or null (water; flue gas judged as measured).</param>
public sealed record LimitInput(decimal Limit, decimal? ReferenceO2);

/// <summary>The judgement of one outlet hour.</summary>
/// <param name="Basis">Which value was used.</param>
/// <param name="Value">That value (exact), or null when none could be formed.</param>
/// <param name="Judged">Whether the hour was compared with the limit.</param>
/// <param name="NotJudgedFlag">Why not: the data flag (e.g. <c>D</c>), or <see cref="HourJudge.NoValue"/>,
/// <see cref="HourJudge.NoO2"/>, <see cref="HourJudge.O2OutOfRange"/>; null when judged.</param>
/// <param name="Exceeds">True when judged and the value is above the limit.</param>
/// <param name="Multiple">Exact 超标倍数 when it exceeds (<see cref="Exceedance.Multiple"/>), else null.</param>
public sealed record HourJudgement(HourBasis Basis, decimal? Value, bool Judged, string? NotJudgedFlag, bool Exceeds, decimal? Multiple);

/// <summary>
/// Judges one outlet hour against its permit limit (issue 16 plan §2.3; averaging <c>hour</c> per the rule file,
/// online-monitoring-rates.md §5.2 UNCONFIRMED, HJ 76-2017 App. B alarms on the 1-h converted mean):
/// <list type="number">
/// <item>Value: where the limit has a reference O₂ — <c>-ZsAvg</c> if sent (basis <see cref="HourBasis.ZsAvg"/>), else the
/// measured value converted with the hour's O₂ (<see cref="HourBasis.ConvertedFromMeasured"/>; not judged when no O₂ was
/// sent — <see cref="NoO2"/> — or O₂ ≥ the rule file's <c>o2.max_measured</c> — <see cref="O2OutOfRange"/>); without a
/// reference O₂ the measured value (<see cref="HourBasis.Measured"/>).</item>
/// <item>Flag: an hour whose flag the rule file does not judge (F/M/D/C/B/S, unknown) is not judged and names its flag.</item>
/// <item>Exceeds when the value is strictly above the limit; 超标倍数 = (C − L)/L.</item>
/// </list>
/// Pure; thread-safe.
/// </summary>
public static class HourJudge
{
    /// <summary>Not judged: neither a converted nor a measured value was sent.</summary>
    public const string NoValue = "no_value";

    /// <summary>Not judged: the limit is on a reference O₂, only the measured value came and no O₂ with it.</summary>
    public const string NoO2 = "no_o2";

    /// <summary>Not judged: measured O₂ at or above <see cref="SourceRules.MaxMeasuredO2"/>, no conversion made.</summary>
    public const string O2OutOfRange = "o2_out_of_range";

    /// <summary>Judges the hour.</summary>
    /// <param name="h">The hour's values.</param>
    /// <param name="limit">The limit in force.</param>
    /// <param name="rules">The rule file.</param>
    public static HourJudgement Judge(SourceHourInput h, LimitInput limit, SourceRules rules)
    {
        ArgumentNullException.ThrowIfNull(h);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(rules);
        HourBasis basis;
        decimal? value;
        string? notJudged = null;
        if (limit.ReferenceO2 is { } o2Ref)
        {
            if (h.ZsAvg is { } zs) (basis, value) = (HourBasis.ZsAvg, zs);
            else if (h.Measured is not { } m) (basis, value, notJudged) = (HourBasis.Measured, null, NoValue);
            else if (h.O2 is not { } o2) (basis, value, notJudged) = (HourBasis.Measured, m, NoO2);
            else if (OxygenReference.Convert(m, o2, o2Ref, rules.MaxMeasuredO2) is { } converted) (basis, value) = (HourBasis.ConvertedFromMeasured, converted);
            else (basis, value, notJudged) = (HourBasis.Measured, m, O2OutOfRange);
        }
        else
        {
            (basis, value) = (HourBasis.Measured, h.Measured);
            if (value is null) notJudged = NoValue;
        }
        if (notJudged is null && !rules.Flag(h.Flag).Judged)
            notJudged = string.IsNullOrWhiteSpace(h.Flag) ? rules.MissingFlag : h.Flag.Trim();
        if (notJudged is not null || value is not { } v) return new HourJudgement(basis, value, false, notJudged, false, null);
        var multiple = Exceedance.Multiple(v, limit.Limit);
        return new HourJudgement(basis, v, true, null, multiple is not null, multiple);
    }
}
