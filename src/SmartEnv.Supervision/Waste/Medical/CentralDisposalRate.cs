using System.Globalization;
using SmartEnv.Standards.Common;

namespace SmartEnv.Supervision.Waste.Medical;

/// <summary>One handover as indicator #17 sees it.</summary>
/// <param name="GeneratedOn">Beijing calendar date of the handover into the 暂存间 (the generation date).</param>
/// <param name="WeightKg">Weight in kg (&gt; 0).</param>
/// <param name="CentrallyDisposed">True when a collection by a 医疗废物集中处置单位 (party role MedicalDisposal) took it.</param>
public readonly record struct MedicalHandoverFact(DateOnly GeneratedOn, decimal WeightKg, bool CentrallyDisposed);

/// <summary>Indicator #17 for one year.</summary>
/// <param name="Year">Calendar year (Beijing).</param>
/// <param name="GeneratedKg">Weight of all handovers generated in the year.</param>
/// <param name="DisposedKg">Weight of those handovers collected by a central disposal unit.</param>
/// <param name="Handovers">Handovers counted.</param>
/// <param name="Percent">DisposedKg ÷ GeneratedKg × 100, exact decimal; null when nothing was generated.</param>
/// <param name="Value">The value recorded for the plan: <see cref="Percent"/> rounded to 0.01 % (GB/T 8170), null with it.</param>
public sealed record CentralDisposalYear(int Year, decimal GeneratedKg, decimal DisposedKg, int Handovers, decimal? Percent, decimal? Value)
{
    /// <summary>The rule and the figures (kg to 6 places, trailing zeros dropped), for the evidence of the recorded value (zh-CN / English).</summary>
    public string Evidence => string.Create(CultureInfo.InvariantCulture,
        $"{CentralDisposalRate.RuleZh} / {CentralDisposalRate.RuleEn}; {Year}: {DisposedKg:0.######} kg / {GeneratedKg:0.######} kg ({Handovers} handovers)");
}

/// <summary>
/// Plan indicator #17 城镇医疗废物集中无害化处置率 (专栏2, %, binding, target 100): the ONE place it is computed. SmartEnv rule
/// (the plan gives no formula): weight of the medical-waste handovers generated in year Y (Beijing date of the handover into
/// the 暂存间) that a collection by a 医疗废物集中处置单位 took (party role MedicalDisposal; 《医疗废物管理条例》 Art. 25 [P†]:
/// central disposal) ÷ weight of all handovers generated in Y × 100. Every medical institution in the registry counts (the
/// registry holds no urban/rural flag; Jiangbei's institutions are taken as 城镇). A handover collected in January of Y+1
/// counts for Y once the collection is recorded (recomputing records a new version). Pure; thread-safe.
/// </summary>
public static class CentralDisposalRate
{
    /// <summary>Rule version written with the value.</summary>
    public const string RuleVersion = "mw-central-disposal@1";

    /// <summary>The rule in Chinese.</summary>
    public const string RuleZh = "城镇医疗废物集中无害化处置率 = 当年产生（交接入暂存间）的医疗废物中由医疗废物集中处置单位收运的重量 ÷ 当年产生的医疗废物总重量 × 100（SmartEnv规则，" + RuleVersion + "）";

    /// <summary>The rule in English.</summary>
    public const string RuleEn = "central disposal rate = weight of the year's handovers collected by a central medical-waste disposal unit ÷ weight of all the year's handovers × 100 (SmartEnv rule, " + RuleVersion + ")";

    /// <summary>disposed ÷ generated × 100, exact; null when <paramref name="generatedKg"/> is 0 (no waste, no rate).</summary>
    /// <param name="disposedKg">Weight centrally disposed (0 ≤ disposed ≤ generated).</param>
    /// <param name="generatedKg">Weight generated (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative weight, or disposed above generated.</exception>
    public static decimal? Percent(decimal disposedKg, decimal generatedKg)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generatedKg);
        ArgumentOutOfRangeException.ThrowIfNegative(disposedKg);
        if (disposedKg > generatedKg) throw new ArgumentOutOfRangeException(nameof(disposedKg), disposedKg, "disposed weight above the generated weight");
        return generatedKg == 0 ? null : disposedKg * 100m / generatedKg;
    }

    /// <summary>#17 of <paramref name="year"/> from the handovers (those of other years are ignored).</summary>
    /// <param name="year">Calendar year.</param>
    /// <param name="handovers">Handovers (any years).</param>
    /// <exception cref="ArgumentOutOfRangeException">A weight not positive.</exception>
    public static CentralDisposalYear Compute(int year, IEnumerable<MedicalHandoverFact> handovers)
    {
        ArgumentNullException.ThrowIfNull(handovers);
        decimal generated = 0, disposed = 0;
        var n = 0;
        foreach (var h in handovers)
        {
            if (h.WeightKg <= 0) throw new ArgumentOutOfRangeException(nameof(handovers), h.WeightKg, "a handover weight must be positive");
            if (h.GeneratedOn.Year != year) continue;
            n++;
            generated += h.WeightKg;
            if (h.CentrallyDisposed) disposed += h.WeightKg;
        }
        var pct = Percent(disposed, generated);
        return new CentralDisposalYear(year, generated, disposed, n, pct, pct is { } p ? Gbt8170.Round(p, 2) : null);
    }
}
