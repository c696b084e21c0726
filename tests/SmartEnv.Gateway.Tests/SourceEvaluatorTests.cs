using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Compliance;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// The compliance job over stored outlet values (issue 16 plan §4, values worked by hand), on both engines, with the limits
/// of the registry given by a local fake (DA001: a21026 35 mg/m³ at 9 % O₂, expected interval 60 min):
/// <list type="bullet">
/// <item>Loopback day 2027-01-05: ZsAvg 30 N, 40 N, 50 D at 10/11/12 h → 3 hour rows, one exceedance (0.1429 stored,
/// 0.14 shown), the D hour not judged; day rate 24/3/2 → 12.50 %, 66.67 %, 8.33 %; alert rule 6 opened (minor).</item>
/// <item>Totals: 2027-01-01 22 × Cou 0.5 kg + Cou 1.25 kg + (10 m³/s × 3600 × 40 mg/m³ = 1.44 kg) = 13.69 kg, 23 Cou hours,
/// 1 flow × concentration hour; January of another outlet with 24 × 0.5 kg every day → 12 kg/day, Σ 372 kg.</item>
/// <item>Run rate: Q 10 t/a valid from 2027-01-01, Jan–Feb 20 kg/day, Mar 40 kg/day → as of 2027-03-31 crossing 2027-10-07,
/// projected 13,420 kg; alert rule 7 opened.</item>
/// </list>
/// </summary>
public abstract class SourceEvaluatorTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset Bj(int y, int m, int d, int h = 0) => BeijingTime.At(new DateOnly(y, m, d), new TimeOnly(h, 0));

    private static SourceLimitsInForce Limits(decimal? annualT = null) => (_, _, _, _) =>
        Task.FromResult<IReadOnlyList<SourceLimit>>([new SourceLimit(1, "a21026", 35m, "mg/m³", 9m, annualT, 60, new DateOnly(2027, 1, 1))]);

    private async Task<(SmartEnvStore Store, long Site)> OutletAsync(string outlet)
    {
        var (store, _) = await db.MigratedAsync();
        await using var ctx = store.CreateContext();
        if (!await ctx.Enterprises.AnyAsync(e => e.Uscc == "91500105MA5U0A1661"))
            ctx.Enterprises.Add(new Enterprise { Uscc = "91500105MA5U0A1661", Name = "企业A", CreatedAt = DateTimeOffset.UtcNow });
        var s = new Site { Code = "91500105MA5U0A1661001P-" + outlet, NameZh = outlet, Kind = SiteKind.Source, IsPublic = false, EnterpriseUscc = "91500105MA5U0A1661" };
        ctx.Sites.Add(s);
        await ctx.SaveChangesAsync();
        return (store, s.Id);
    }

    private static Observation Hour(long site, string code, DateTimeOffset start, decimal value, string? flag = "N", string? unit = null) => new()
    {
        SiteId = site, ParameterCode = code, Period = PeriodType.Hour, DataTime = start.ToUniversalTime(), Value = value,
        ValueText = value.ToString(System.Globalization.CultureInfo.InvariantCulture), Flag = flag, Unit = unit, StoredAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task The_loopback_day_gives_one_exceedance_the_rates_and_an_alert()
    {
        var (store, site) = await OutletAsync("DA001");
        await using (var ctx = store.CreateContext())
        {
            ctx.Observations.AddRange(
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 10), 30m, "N"),
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 11), 40m, "N"),
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 12), 50m, "D"));
            await ctx.SaveChangesAsync();
        }
        var job = new SourceEvaluator(store, Limits(), null, null, new Clock(Bj(2027, 1, 6, 9)));
        Assert.Equal((3, 1), await job.RecomputeAsync(site, new DateOnly(2027, 1, 5)));
        Assert.Equal((3, 1), await job.RecomputeAsync(site, new DateOnly(2027, 1, 5))); // a recomputation replaces, never adds

        await using (var ctx = store.CreateContext())
        {
            var hours = await ctx.SourceHours.AsNoTracking().Where(h => h.SiteId == site).OrderBy(h => h.HourStart).ToListAsync();
            Assert.Equal(
                [(SourceHourBasis.ZsAvg, 30m, true, null, false, null), (SourceHourBasis.ZsAvg, 40m, true, null, true, 0.1429m), (SourceHourBasis.ZsAvg, 50m, false, "D", false, null)],
                hours.Select(h => (h.Basis, h.Value!.Value, h.Judged, h.NotJudgedFlag, h.Exceeds, h.Multiple)).ToList<(SourceHourBasis, decimal, bool, string?, bool, decimal?)>());
            Assert.All(hours, h => Assert.Equal(SourceRuleFile.Default.Version, h.RuleVersion));
            var e = await ctx.SourceExceedances.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((Bj(2027, 1, 5, 11).ToUniversalTime(), 40m, 35m, 0.1429m), (e.HourStart, e.Value, e.Limit, e.Multiple));
            Assert.Equal(0.14m, Exceedance.Display(e.Multiple));
            var r = await ctx.SourceDayRates.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((24, 3, 2, 0), (r.Expected, r.Received, r.Valid, r.Excused));
            Assert.Equal((12.50m, 66.67m, 8.33m), (TransmissionRates.Percent(r.Transmission!.Value), TransmissionRates.Percent(r.Effectiveness!.Value), TransmissionRates.Percent(r.Effective!.Value)));
        }

        var scanner = new AlertScanner(store, new AlertOptions(), new Clock(Bj(2027, 1, 5, 13)));
        await scanner.ScanAsync();
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.Alerts.AsNoTracking().SingleAsync(x => x.SiteId == site && x.Rule == AlertRule.SourceLimitExceeded);
            Assert.Equal((AlertStatus.Open, AlertSeverity.Minor, "a21026", 0.1429m, Bj(2027, 1, 5, 11).ToUniversalTime()), (a.Status, a.Severity, a.Detail, a.PeakValue, a.OpenedAt));
            Assert.Contains("0.14", a.MessageZh);
        }
    }

    [Fact]
    public async Task Accepted_explanations_mark_hours_without_deleting_them_and_shutdown_excuses_hours()
    {
        // Plan §4 "Explanations": 故障 11:00–12:00 → explanation id on hours 11 and 12, still 3 rows and 1 exceedance, rates
        // unchanged (故障 is not excused: 2/24); 停产 13:00–23:00 → 11 hours excused → expected 13: 3/13 = 23.08 %, 2/13 = 15.38 %.
        var (store, site) = await OutletAsync("DA006");
        await using (var ctx = store.CreateContext())
        {
            ctx.Observations.AddRange(
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 10), 30m, "N"),
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 11), 40m, "N"),
                Hour(site, "a21026:zs", Bj(2027, 1, 5, 12), 50m, "D"));
            await ctx.SaveChangesAsync();
        }
        var explanations = new List<AcceptedExplanation> { new(7, "fault", Bj(2027, 1, 5, 11).ToUniversalTime(), Bj(2027, 1, 5, 12).ToUniversalTime()) };
        AcceptedExplanationsCovering covering = (_, _, from, to, _) =>
            Task.FromResult<IReadOnlyList<AcceptedExplanation>>(explanations.Where(e => e.From <= to && e.To >= from).ToList());
        var job = new SourceEvaluator(store, Limits(), null, covering, new Clock(Bj(2027, 1, 6, 9)));
        await job.RecomputeAsync(site, new DateOnly(2027, 1, 5));
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal([null, 7L, 7L], await ctx.SourceHours.AsNoTracking().Where(h => h.SiteId == site).OrderBy(h => h.HourStart).Select(h => h.ExplanationId).ToListAsync());
            Assert.Equal(7L, (await ctx.SourceExceedances.AsNoTracking().SingleAsync(x => x.SiteId == site)).ExplanationId);
            var r = await ctx.SourceDayRates.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((24, 3, 2, 0, 8.33m), (r.Expected, r.Received, r.Valid, r.Excused, TransmissionRates.Percent(r.Effective!.Value)));
        }
        explanations.Add(new(8, "shutdown", Bj(2027, 1, 5, 13).ToUniversalTime(), Bj(2027, 1, 5, 23).ToUniversalTime()));
        await job.RecomputeAsync(site, new DateOnly(2027, 1, 5));
        await using (var ctx = store.CreateContext())
        {
            var r = await ctx.SourceDayRates.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((13, 3, 2, 11), (r.Expected, r.Received, r.Valid, r.Excused));
            Assert.Equal((23.08m, 66.67m, 15.38m), (TransmissionRates.Percent(r.Transmission!.Value), TransmissionRates.Percent(r.Effectiveness!.Value), TransmissionRates.Percent(r.Effective!.Value)));
            Assert.Equal(3, await ctx.SourceHours.CountAsync(h => h.SiteId == site));
        }
        explanations.RemoveAt(1); // rejecting/withdrawing it restores 24
        await job.RecomputeAsync(site, new DateOnly(2027, 1, 5));
        await using (var ctx = store.CreateContext())
            Assert.Equal(24, (await ctx.SourceDayRates.AsNoTracking().SingleAsync(x => x.SiteId == site)).Expected);
    }

    [Fact]
    public async Task Daily_and_monthly_totals_equal_the_hand_sums()
    {
        var (store, site) = await OutletAsync("DA002");
        await using (var ctx = store.CreateContext())
        {
            for (var h = 0; h < 24; h++)
            {
                var t = Bj(2027, 1, 1, h);
                if (h == 11)
                {
                    ctx.Observations.Add(Hour(site, "a21026", t, 40m, "N", "mg/m³"));
                    ctx.Observations.Add(Hour(site, "a00000", t, 10m, "N", "m³/s"));
                }
                else ctx.Observations.Add(Hour(site, "a21026:cou", t, h == 10 ? 1.25m : 0.5m, "N", "kg"));
            }
            await ctx.SaveChangesAsync();
        }
        var job = new SourceEvaluator(store, Limits(), null, null, new Clock(Bj(2027, 2, 2)));
        await job.RecomputeAsync(site, new DateOnly(2027, 1, 1));
        await using (var ctx = store.CreateContext())
        {
            var t = await ctx.SourceDayTotals.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((13.69m, 23, 1, false), (t.Kg, t.HoursCou, t.HoursFlowConc, t.DayCouUsed));
        }

        var (_, month) = await OutletAsync("DA003");
        await using (var ctx = store.CreateContext())
        {
            for (var d = 1; d <= 31; d++)
                for (var h = 0; h < 24; h++) ctx.Observations.Add(Hour(month, "a21026:cou", Bj(2027, 1, d, h), 0.5m, "N", "kg"));
            await ctx.SaveChangesAsync();
        }
        for (var d = 1; d <= 31; d++) await job.RecomputeAsync(month, new DateOnly(2027, 1, d));
        await using (var ctx = store.CreateContext())
        {
            var days = await ctx.SourceDayTotals.AsNoTracking().Where(x => x.SiteId == month).Select(x => x.Kg).ToListAsync();
            Assert.Equal(31, days.Count);
            Assert.All(days, kg => Assert.Equal(12m, kg));
            Assert.Equal(372m, days.Sum());
        }
    }

    [Fact]
    public async Task The_run_rate_crosses_ten_tonnes_on_7_October_and_raises_rule_7()
    {
        var (store, site) = await OutletAsync("DA004");
        await using (var ctx = store.CreateContext())
        {
            for (var d = new DateOnly(2027, 1, 1); d < new DateOnly(2027, 3, 31); d = d.AddDays(1))
                ctx.SourceDayTotals.Add(new SourceDayTotal { SiteId = site, ParameterCode = "a21026", Day = d, Kg = d.Month < 3 ? 20m : 40m, HoursCou = 24, RuleVersion = "test" });
            ctx.Observations.Add(Hour(site, "a21026:cou", Bj(2027, 3, 31, 0), 40m, "N", "kg")); // 03-31 from its stored hour
            await ctx.SaveChangesAsync();
        }
        var job = new SourceEvaluator(store, Limits(annualT: 10m), null, null, new Clock(Bj(2027, 4, 1, 9)));
        await job.RecomputeAsync(site, new DateOnly(2027, 3, 31));
        await using (var ctx = store.CreateContext())
        {
            var c = await ctx.SourceQuantityChecks.AsNoTracking().SingleAsync(x => x.SiteId == site);
            Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31), 2_420m, 10_000m, 40m, 13_420m, (DateOnly?)new DateOnly(2027, 10, 7)),
                (c.WindowStart, c.WindowEnd, c.ActualKg, c.AnnualKg, c.RunRate, c.ProjectedKg, c.CrossingDate));
        }
        await new AlertScanner(store, new AlertOptions(), new Clock(Bj(2027, 3, 31, 10))).ScanAsync();
        await using (var ctx = store.CreateContext())
        {
            var a = await ctx.Alerts.AsNoTracking().SingleAsync(x => x.SiteId == site && x.Rule == AlertRule.EmissionQuantityProjected);
            Assert.Equal((AlertStatus.Open, "a21026:2027-10-07"), (a.Status, a.Detail));
        }
    }

    [Fact]
    public async Task An_outlet_day_is_dispatched_to_the_compliance_job_and_marked_done()
    {
        var (store, site) = await OutletAsync("DA005");
        await using (var ctx = store.CreateContext())
        {
            ctx.Observations.Add(Hour(site, "a21026:zs", Bj(2027, 1, 5, 11), 40m, "N"));
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await ctx.SaveChangesAsync();
            await EvaluationDayMarks.MarkPendingAsync(ctx, [(site, new DateOnly(2027, 1, 5))], DateTimeOffset.UtcNow);
            await tx.CommitAsync();
        }
        var job = new SourceEvaluator(store, Limits(), null, null, new Clock(Bj(2027, 1, 6)));
        await using (var queue = new EvaluationQueue(store, TimeSpan.FromHours(1), sourceDays: (s, d, ct) => job.RecomputeAsync(s, d, ct)))
            await queue.FlushAsync();
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(EvaluationState.Done, (await ctx.EvaluationDays.AsNoTracking().SingleAsync(x => x.SiteId == site)).State);
            Assert.Equal(1, await ctx.SourceExceedances.CountAsync(x => x.SiteId == site));
            Assert.Equal(0, await ctx.HourlyAqi.IgnoreQueryFilters().CountAsync(x => x.SiteId == site));
        }
    }
}

public sealed class SqliteSourceEvaluatorTests(SqliteTestDatabase db) : SourceEvaluatorTests<SqliteTestDatabase>(db);

public sealed class PostgresSourceEvaluatorTests(PostgresTestDatabase db) : SourceEvaluatorTests<PostgresTestDatabase>(db);
