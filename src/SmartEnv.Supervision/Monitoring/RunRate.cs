namespace SmartEnv.Supervision.Monitoring;

/// <summary>A run-rate projection of an annual permitted quantity.</summary>
/// <param name="WindowStart">First day of the 12-month window.</param>
/// <param name="WindowEnd">Last day of the window.</param>
/// <param name="ActualKg">Emissions of the window up to and including the as-of day.</param>
/// <param name="RunRateKgPerDay">Mean daily emission of the last <c>runrate.days</c> days ending with the as-of day (days
/// without data count 0).</param>
/// <param name="ProjectedKg">Projected emissions of the whole window: actual + run rate × days left.</param>
/// <param name="CrossingDate">First day whose projected cumulative total exceeds the quantity (strictly); the day the
/// actual total first exceeded it when that already happened; null when the window ends below it.</param>
public sealed record Projection(DateOnly WindowStart, DateOnly WindowEnd, decimal ActualKg, decimal RunRateKgPerDay, decimal ProjectedKg, DateOnly? CrossingDate);

/// <summary>
/// Run-rate projection of the annual permitted quantity (issue 16 plan §2.1; the quantity holds for any 12 consecutive
/// calendar months, supervision.md §2.4). Window W = the 12 months starting with the later of (the month 11 months before
/// the as-of month, the month of the permit version's validity start); r = Σ kg of the last <c>runRateDays</c> days ending
/// with the as-of day / <c>runRateDays</c> (a silent outlet is not assumed clean: its gaps count 0 and show in its rates);
/// projected(x) = actual(W up to as-of) + r·(x − as-of) for as-of &lt; x ≤ end(W); crossing = the first x with projected(x)
/// &gt; Q. Exact decimal arithmetic. Pure; thread-safe.
/// </summary>
public static class RunRate
{
    /// <summary>Projects the window containing <paramref name="asOf"/>.</summary>
    /// <param name="days">Daily totals (Beijing days, kg); days outside the window are ignored except for the run rate; a day
    /// given twice is summed.</param>
    /// <param name="asOf">The as-of day (Beijing).</param>
    /// <param name="annualKg">Annual permitted quantity Q in kg (t/a × 1000).</param>
    /// <param name="runRateDays">Days of the run-rate mean (rule file <c>runrate.days</c>, 30).</param>
    /// <param name="validFrom">Validity start of the permit version; null = no lower bound (window = the 12 months ending
    /// with the as-of month).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runRateDays"/> &lt; 1 or a negative quantity.</exception>
    public static Projection Project(IReadOnlyList<(DateOnly Day, decimal Kg)> days, DateOnly asOf, decimal annualKg, int runRateDays = 30,
        DateOnly? validFrom = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(runRateDays, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(annualKg);
        var start = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-11);
        if (validFrom is { } vf && new DateOnly(vf.Year, vf.Month, 1) > start) start = new DateOnly(vf.Year, vf.Month, 1);
        var end = start.AddMonths(12).AddDays(-1);
        var byDay = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Kg));
        decimal actual = 0m;
        DateOnly? crossed = null;
        for (var d = start; d <= asOf && d <= end; d = d.AddDays(1))
        {
            actual += byDay.GetValueOrDefault(d);
            if (crossed is null && actual > annualKg) crossed = d;
        }
        decimal recent = 0m;
        for (var d = asOf.AddDays(1 - runRateDays); d <= asOf; d = d.AddDays(1)) recent += byDay.GetValueOrDefault(d);
        var rate = recent / runRateDays;
        var left = asOf < end ? end.DayNumber - Math.Max(asOf.DayNumber, start.DayNumber - 1) : 0;
        var projected = actual + rate * left;
        if (crossed is null && rate > 0 && projected > annualKg)
        {
            // First n ≥ 1 with actual + r·n > Q: n = ⌊(Q − actual)/r⌋ + 1.
            var n = (int)decimal.Floor((annualKg - actual) / rate) + 1;
            crossed = DateOnly.FromDayNumber(Math.Max(asOf.DayNumber, start.DayNumber - 1) + Math.Max(n, 1));
        }
        return new Projection(start, end, actual, rate, projected, crossed);
    }
}
