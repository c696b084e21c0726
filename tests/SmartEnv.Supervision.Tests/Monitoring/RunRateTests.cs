using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>Plan §4, worked by hand: Q = 10 t/a = 10,000 kg, permit valid from 2027-01-01; Jan–Feb 20 kg/day (59 d = 1,180 kg),
/// Mar 40 kg/day (1,240 kg). As of 2027-03-31: actual 2,420 kg; r = mean(Mar 2…31) = 40 kg/d; need &gt; 7,580 kg →
/// n &gt; 189.5 → n = 190 → crossing 2027-10-07 (10-06: 2,420 + 40 × 189 = 9,980 ≤ Q; 10-07: 10,020 &gt; Q); projected year
/// 2,420 + 40 × 275 = 13,420 kg. Control: r = 20 → 2,420 + 20 × 275 = 7,920 &lt; Q → no crossing.</summary>
public class RunRateTests
{
    private static List<(DateOnly, decimal)> Days(decimal march)
    {
        var list = new List<(DateOnly, decimal)>();
        for (var d = new DateOnly(2027, 1, 1); d <= new DateOnly(2027, 3, 31); d = d.AddDays(1)) list.Add((d, d.Month < 3 ? 20m : march));
        return list;
    }

    [Fact]
    public void Forty_kg_a_day_crosses_ten_tonnes_on_7_October()
    {
        var p = RunRate.Project(Days(40m), new DateOnly(2027, 3, 31), 10_000m, 30, new DateOnly(2027, 1, 1));
        Assert.Equal(new Projection(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), 2_420m, 40m, 13_420m, new DateOnly(2027, 10, 7)), p);
    }

    [Fact]
    public void Twenty_kg_a_day_does_not_cross()
    {
        // Same actual 2,420 kg (Jan–Feb 1,180 + 03-01 640 + 03-02…03-31 30 × 20 = 600), run rate 600/30 = 20 kg/d.
        var days = Days(20m).Select(d => d.Item1 == new DateOnly(2027, 3, 1) ? (d.Item1, 640m) : d).ToList();
        var p = RunRate.Project(days, new DateOnly(2027, 3, 31), 10_000m, 30, new DateOnly(2027, 1, 1));
        Assert.Equal((2_420m, 20m, 7_920m, (DateOnly?)null), (p.ActualKg, p.RunRateKgPerDay, p.ProjectedKg, p.CrossingDate));
    }

    [Fact]
    public void Without_a_validity_start_the_window_is_the_twelve_months_ending_with_the_as_of_month()
    {
        var p = RunRate.Project(Days(40m), new DateOnly(2027, 3, 31), 10_000m);
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), 2_420m, 2_420m, (DateOnly?)null), (p.WindowStart, p.WindowEnd, p.ActualKg, p.ProjectedKg, p.CrossingDate));
    }

    [Fact]
    public void A_quantity_already_exceeded_gives_the_day_it_was_exceeded()
    {
        // 2,420 kg by 03-31 against Q = 2,000: Jan–Feb 1,180, then 40/day: 1,180 + 40 × 21 = 2,020 > 2,000 on 03-21 (1,980 on 03-20).
        var p = RunRate.Project(Days(40m), new DateOnly(2027, 3, 31), 2_000m, 30, new DateOnly(2027, 1, 1));
        Assert.Equal(new DateOnly(2027, 3, 21), p.CrossingDate);
    }

    [Fact]
    public void Silent_days_count_zero_in_the_run_rate()
    {
        var days = Days(40m).Where(d => d.Item1 < new DateOnly(2027, 3, 17)).ToList(); // 03-17…03-31 silent: 15 of 30 days
        var p = RunRate.Project(days, new DateOnly(2027, 3, 31), 10_000m, 30, new DateOnly(2027, 1, 1));
        Assert.Equal(20m, p.RunRateKgPerDay); // 15 × 40 / 30
    }
}
