using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit.Abstractions;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>Uniformity (chi-square) and the rules of every draw (FsCheck properties over random plans).</summary>
public class DrawStatisticsTests(ITestOutputHelper output)
{
    /// <summary>
    /// 10,000 full draws of one stratum (20 key objects of grade 良好, m = ceil(20 × 0.25 × 1) = 5), the public value
    /// "trial t" for t = 0..9999 (deterministic seeds: the outcome is fixed, the test cannot flake). Each object's expected
    /// count is 10,000 × 5/20 = 2,500.
    /// <para>Statistic: Pearson X² = Σ (c − 2500)² / 2500, divided by (1 − p)·N/(N − 1) = 0.75 × 20/19 = 15/19 because each
    /// trial samples 5 of 20 without replacement (the per-trial indicators have variance p(1 − p) and covariance
    /// −p(1 − p)/(N − 1), so X² ≈ (15/19)·χ²(19)); the adjusted statistic is approximately χ² with 19 degrees of freedom.
    /// Bound: χ²(19, 0.999) = 43.82 (standard table). A truly uniform selection exceeds it with probability 0.001 (the
    /// false-failure probability of this fixed set of seeds before it was run); a drift of 1 % in one object's rate over
    /// 10,000 trials would not be detected, one of 5 % would (≈ 125 extra in one cell raises X²_adj by ≈ 8).</para>
    /// </summary>
    [Fact]
    public void Selection_is_uniform_within_one_stratum_chi_square_19_df()
    {
        var objects = Enumerable.Range(0, 20).Select(i => new DrawObject($"K{i:00}", $"k{i}", ObjectClass.Key, null, DrawGrade.Good, false, [])).ToList();
        var plan = DrawFixtures.Small() with { Objects = objects };
        Assert.Equal(5, Assert.Single(DrawEngine.Explain(plan)).M);
        var index = objects.Select((o, i) => (o.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var counts = new int[20];
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var t = 0; t < 10_000; t++)
        {
            var r = DrawEngine.Run(plan with { Commitment = plan.Commitment with { PublicValue = $"trial {t}" } });
            Assert.Equal(5, r.Tasks.Select(x => x.ObjectId).Distinct().Count());
            foreach (var task in r.Tasks) counts[index[task.ObjectId]]++;
        }
        Assert.Equal(50_000, counts.Sum());
        var pearson = counts.Sum(c => (c - 2500.0) * (c - 2500.0) / 2500.0);
        var adjusted = pearson / (0.75 * 20.0 / 19.0);
        Assert.True(adjusted < 43.82, $"X²_adj = {adjusted:F2} (Pearson {pearson:F2}); counts {string.Join(",", counts)}");
        output.WriteLine($"X²_adj = {adjusted:F2}, Pearson X² = {pearson:F2}, counts {string.Join(",", counts)}, {sw.Elapsed.TotalSeconds:F2} s");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }

    /// <summary>A random plan from a seed (System.Random with a seed is deterministic).</summary>
    private static DrawPlan RandomPlan(int seed)
    {
        var rnd = new Random(seed);
        var nInspectors = rnd.Next(2, 9);
        string[] departments = ["执法一队", "执法二队", "监测科"];
        var nDepartments = rnd.Next(1, 4);
        var nObjects = rnd.Next(0, 40);
        var objectIds = Enumerable.Range(0, nObjects).Select(i => $"9150010{seed % 1000:000}{i:00000000}").ToList();
        var inspectorIds = Enumerable.Range(0, nInspectors).Select(i => $"J-{i:00}").ToList();
        var objects = objectIds.Select(id => new DrawObject(id, "单位" + id[^3..], (ObjectClass)rnd.Next(3), null,
            (DrawGrade)rnd.Next(5), rnd.Next(4) == 0,
            rnd.Next(3) == 0 ? [inspectorIds[rnd.Next(nInspectors)]] : [])).ToList();
        var inspectors = inspectorIds.Select(id => new DrawInspector(id, "员" + id, departments[rnd.Next(nDepartments)],
            rnd.Next(4) == 0 && nObjects > 0 ? [objectIds[rnd.Next(nObjects)]] : [])).ToList();
        decimal[] multipliers = [0.5m, 1m, 1.5m, 2m, 0.25m, 3m];
        var rules = new DrawRuleSet("draw-rules@prop0000", new[] { 0.25m, 0.3m, 0.5m, 1m }[rnd.Next(4)],
            new[] { 0.15m, 0.5m, 1m }[rnd.Next(3)], new[] { 5m, 10m, 12m }[rnd.Next(3)],
            multipliers[rnd.Next(6)], multipliers[rnd.Next(6)], multipliers[rnd.Next(6)], multipliers[rnd.Next(6)], multipliers[rnd.Next(6)],
            rnd.Next(2, 4), rnd.Next(2) == 0, rnd.Next(2) == 0);
        var secret = new byte[32];
        rnd.NextBytes(secret);
        var hex = Convert.ToHexStringLower(secret);
        return new DrawPlan(DrawFixtures.Header, rules, objects, inspectors,
            new(DrawFixtures.HashOf(hex), $"public {rnd.Next()}", hex), null);
    }

    /// <summary>The property below is not vacuous: most random plans draw (not refused for too few inspectors) and have
    /// tasks in every class.</summary>
    [Fact]
    public void Random_plans_mostly_draw()
    {
        var drawn = 0;
        var classes = new HashSet<ObjectClass>();
        for (var seed = 0; seed < 200; seed++)
        {
            try
            {
                var p = RandomPlan(seed);
                var r = DrawEngine.Run(p);
                drawn++;
                foreach (var t in r.Tasks) classes.Add(p.Objects.Single(o => o.Id == t.ObjectId).Class);
            }
            catch (DrawException e) when (e.Reason == DrawFailure.TooFewInspectors) { }
        }
        output.WriteLine($"{drawn} of 200 random plans drew");
        Assert.True(drawn >= 100, $"{drawn} of 200");
        Assert.Equal(3, classes.Count);
    }

    private static List<int> Eligible(DrawPlan p, DrawObject o) => [.. Enumerable.Range(0, p.Inspectors.Count).Where(i =>
        !p.Inspectors[i].Conflicts.Contains(o.Id) && !(p.Rules.RecuseLastTime && o.LastInspectors.Contains(p.Inspectors[i].Id)))];

    /// <summary>
    /// Over random plans (fixed replay seed, so the run is deterministic): either the draw is refused because a drawn
    /// object truly has fewer eligible inspectors than required, or: each key/special stratum gets exactly
    /// min(N, ceil(N × ratio × multiplier)) (key: max(multiplier, 1)), so at least ceil(25 % of N) of each key stratum;
    /// the general total is min(N_general, ceil(I × units / 4)); every task has the required number of distinct
    /// inspectors, none conflicted, none last-time when recusal is on; with different departments asked, a task holds
    /// min(required, departments among its eligible inspectors) departments (so two differ when two are eligible); and
    /// the published result verifies.
    /// </summary>
    [Property(MaxTest = 300, Replay = "(20250106,3207)")]
    public Property Every_draw_keeps_ratios_recusal_and_departments()
    {
        return Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var p = RandomPlan(seed);
            DrawResult r;
            try { r = DrawEngine.Run(p); }
            catch (DrawException e) when (e.Reason == DrawFailure.TooFewInspectors)
            {
                var o = p.Objects.Single(x => x.Id == e.ObjectId);
                return Eligible(p, o).Count < p.Rules.InspectorsPerTask;
            }
            var byId = p.Objects.ToDictionary(o => o.Id);
            var drawn = r.Tasks.Select(t => byId[t.ObjectId]).ToList();
            if (drawn.Select(o => o.Id).Distinct().Count() != drawn.Count) return false;
            foreach (var cls in new[] { ObjectClass.Key, ObjectClass.Special })
                foreach (var g in Enum.GetValues<DrawGrade>())
                {
                    var n = p.Objects.Count(o => o.Class == cls && o.Grade == g);
                    var ratio = cls == ObjectClass.Key ? p.Rules.KeyRatio : p.Rules.SpecialRatio;
                    var mult = p.Rules.Multiplier(g);
                    if (cls == ObjectClass.Key && mult < 1) mult = 1;
                    var m = drawn.Count(o => o.Class == cls && o.Grade == g);
                    if (m != Math.Min(n, (int)Math.Ceiling(n * ratio * mult))) return false;
                    if (cls == ObjectClass.Key && m * 4 < n) return false; // ≥ 25 % of each key stratum
                }
            var nKey = p.Objects.Count(o => o.Class == ObjectClass.Key);
            if (drawn.Count(o => o.Class == ObjectClass.Key) * 4 < nKey) return false; // ≥ 25 % of 重点 overall
            var nGeneral = p.Objects.Count(o => o.Class == ObjectClass.General);
            var g0 = (int)Math.Min(nGeneral, Math.Ceiling(p.Inspectors.Count * p.Rules.GeneralUnitsPerInspectorYear / 4m));
            if (drawn.Count(o => o.Class == ObjectClass.General) != g0) return false;
            foreach (var t in r.Tasks)
            {
                var o = byId[t.ObjectId];
                if (t.InspectorIds.Count != p.Rules.InspectorsPerTask || t.InspectorIds.Distinct().Count() != t.InspectorIds.Count) return false;
                var on = t.InspectorIds.Select(id => p.Inspectors.Single(i => i.Id == id)).ToList();
                if (on.Any(i => i.Conflicts.Contains(o.Id))) return false;
                if (p.Rules.RecuseLastTime && on.Any(i => o.LastInspectors.Contains(i.Id))) return false;
                if (p.Rules.DifferentDepartments)
                {
                    var eligibleDepartments = Eligible(p, o).Select(i => p.Inspectors[i].Department).Distinct().Count();
                    if (on.Select(i => i.Department).Distinct().Count() != Math.Min(p.Rules.InspectorsPerTask, eligibleDepartments)) return false;
                }
            }
            return DrawEngine.Verify(p with { Result = r }).Ok;
        });
    }
}
