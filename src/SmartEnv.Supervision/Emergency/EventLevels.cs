namespace SmartEnv.Supervision.Emergency;

/// <summary>The facts of an event that Annex 1 of 国办函〔2014〕119号 levels it by (supervision.md §8.2). A null field is a
/// criterion not (yet) known; it decides nothing.</summary>
/// <param name="Deaths">Persons killed by the pollution, ≥ 0.</param>
/// <param name="Injured">Persons poisoned or seriously injured (中毒或重伤), ≥ 0.</param>
/// <param name="Evacuated">Persons evacuated or moved (疏散、转移), ≥ 0.</param>
/// <param name="LossYuan">Direct economic loss in yuan (元, not 万元), ≥ 0.</param>
/// <param name="WaterIntake">Drinking-water intake stopped (取水中断): <c>city</c> (设区的市级以上城市), <c>county_town</c>,
/// <c>township</c>, or null for none.</param>
/// <param name="CrossBoundary">Cross-boundary impact: <c>national</c> (跨国境), <c>provincial</c>, <c>city</c>, <c>county</c>,
/// or null for none.</param>
public sealed record EventCriteria(
    int? Deaths = null, int? Injured = null, int? Evacuated = null, decimal? LossYuan = null,
    string? WaterIntake = null, string? CrossBoundary = null);

/// <summary>The level one criterion gives.</summary>
/// <param name="Criterion">The criterion code (deaths, injured, evacuated, loss_yuan, water_intake, cross_boundary).</param>
/// <param name="Level">The level it gives.</param>
/// <param name="Rule">The row code that gave it (e.g. <c>deaths.major</c>; <c>deaths.below</c> when under every threshold).</param>
public sealed record CriterionLevel(string Criterion, EventLevel Level, string Rule);

/// <summary>An event's level by Annex 1: the highest level any criterion gives; <see cref="Decisive"/> names the criterion
/// that decided it (the first in annex order among those giving that level), shown to staff.</summary>
/// <param name="Level">The level, or null when no criterion is known (level unclear).</param>
/// <param name="Decisive">The deciding criterion, or null with <see cref="Level"/>.</param>
/// <param name="ByCriterion">Every known criterion with its level, in annex order.</param>
/// <param name="RulesVersion">The <see cref="EmergencyRules.Version"/> used.</param>
public sealed record EventClassification(EventLevel? Level, CriterionLevel? Decisive, IReadOnlyList<CriterionLevel> ByCriterion, string RulesVersion);

/// <summary>
/// Levels an environmental emergency by Annex 1 of the national plan (国办函〔2014〕119号, supervision.md §8.2). Numeric
/// criteria: the highest level whose lower bound the figure reaches (the bound itself included when the
/// <c>bound.lower</c> row says "inclusive": 以上 includes, 以下 excludes [U]); below the 较大 bound a known figure gives 一般.
/// Categorical criteria give the level of their row. Pure; thread-safe.
/// </summary>
public static class EventLevels
{
    /// <summary>Classifies <paramref name="c"/>.</summary>
    /// <param name="c">The known facts.</param>
    /// <param name="rules">The rules (default: <see cref="EmergencyRules.Default"/>).</param>
    /// <returns>The classification; <see cref="EventClassification.Level"/> null when nothing is known.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative figure, or a category the rules do not list.</exception>
    public static EventClassification Classify(EventCriteria c, EmergencyRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        rules ??= EmergencyRules.Default;
        var list = new List<CriterionLevel>();
        void Numeric(string crit, decimal? v)
        {
            if (v is null) return;
            if (v < 0) throw new ArgumentOutOfRangeException(crit, v, $"{crit} must not be negative");
            foreach (var (level, lower) in rules.Thresholds(crit))
                if (rules.LowerBoundInclusive ? v >= lower : v > lower)
                {
                    list.Add(new CriterionLevel(crit, level, $"{crit}.{EmergencyLevels.Code(level)}"));
                    return;
                }
            list.Add(new CriterionLevel(crit, EventLevel.General, $"{crit}.below"));
        }
        void Category(string crit, string? v)
        {
            if (string.IsNullOrEmpty(v)) return;
            var level = rules.CategoryLevel(crit, v) ?? throw new ArgumentOutOfRangeException(crit, v, $"unknown {crit} category '{v}'");
            list.Add(new CriterionLevel(crit, level, $"{crit}.{v}"));
        }
        Numeric("deaths", c.Deaths);
        Numeric("injured", c.Injured);
        Numeric("evacuated", c.Evacuated);
        Numeric("loss_yuan", c.LossYuan);
        Category("water_intake", c.WaterIntake);
        Category("cross_boundary", c.CrossBoundary);
        if (list.Count == 0) return new EventClassification(null, null, list, rules.Version);
        var max = list.Max(l => l.Level);
        return new EventClassification(max, list.First(l => l.Level == max), list, rules.Version);
    }
}
