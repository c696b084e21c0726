using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Monitoring;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Compliance;

/// <summary>
/// The compliance job of one outlet day (issue 16 plan §2.3): reads the day's stored hour values of the outlet (CN 2061:
/// <c>code</c>, <c>code:zs</c>, <c>code:cou</c>, O₂ a19001, flows a00000/w00000; CN 2031 <c>code:cou</c>), the limits in
/// force (<see cref="SourceLimitsInForce"/>) and accepted explanations (<see cref="AcceptedExplanationsCovering"/>), and
/// writes in ONE transaction, each row with the rule version: <c>source_hours</c> (<see cref="HourJudge"/>),
/// <c>source_exceedances</c>, <c>source_day_totals</c> (<see cref="EmissionTotals"/>), <c>source_day_rates</c>
/// (<see cref="TransmissionRates"/>), <c>source_quantity_checks</c> (<see cref="RunRate"/>), and marks the day done in
/// <c>evaluation_days</c> unless it was marked again meanwhile (generation check, as the AQI job). A failure rolls back and
/// marks the day failed with its reason (retried with backoff). Thread-safe (a context per call).
/// </summary>
public sealed class SourceEvaluator
{
    /// <summary>O₂ code (HJ 212-2017 App. B: a19001 氧气含量, %).</summary>
    public const string O2Code = "a19001";

    /// <summary>Flue-gas flow code (a00000, m³/s).</summary>
    public const string AirFlowCode = "a00000";

    /// <summary>Waste-water flow code (w00000, L/s).</summary>
    public const string WaterFlowCode = "w00000";

    private readonly SmartEnvStore _store;
    private readonly SourceLimitsInForce _limits;
    private readonly AcceptedExplanationsCovering _explanations;
    private readonly TimeProvider _time;

    /// <summary>Creates the job.</summary>
    /// <param name="store">The store.</param>
    /// <param name="limits">Limits in force (the registry's).</param>
    /// <param name="rules">Rule file; <see cref="SourceRuleFile.Default"/> when null.</param>
    /// <param name="explanations">Accepted explanations; the stored ones (<see cref="SourceExplanationCover"/>, issue 16 P5) when null.</param>
    /// <param name="time">Clock (today's expected hours end at now); system clock when null.</param>
    public SourceEvaluator(SmartEnvStore store, SourceLimitsInForce limits, SourceRules? rules = null,
        AcceptedExplanationsCovering? explanations = null, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        Rules = rules ?? SourceRuleFile.Default;
        _explanations = explanations ?? Stored;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The accepted 异常说明 stored by P5 (<see cref="SourceExplanationCover.AcceptedCoveringAsync"/>).</summary>
    private static async Task<IReadOnlyList<AcceptedExplanation>> Stored(SmartEnvDbContext db, long siteId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await SourceExplanationCover.AcceptedCoveringAsync(db, siteId, from, to, ct)).Select(e => new AcceptedExplanation(e.Id, e.Reason, e.From, e.To)).ToList();

    /// <summary>The rule file in use.</summary>
    public SourceRules Rules { get; }

    /// <summary>Recomputes one outlet day (see the class remarks).</summary>
    /// <param name="siteId">Outlet site (kind <c>source</c>).</param>
    /// <param name="day">Beijing date.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Hours judged and exceedances written.</returns>
    public async Task<(int Hours, int Exceedances)> RecomputeAsync(long siteId, DateOnly day, CancellationToken ct = default)
    {
        await using var db = _store.CreateContext();
        var now = _time.GetUtcNow();
        var t0 = BeijingTime.DayStart(day);
        var t1 = BeijingTime.DayEnd(day);
        var startGeneration = await db.EvaluationDays.IgnoreQueryFilters().AsNoTracking().Where(e => e.SiteId == siteId && e.Day == day)
            .Select(e => (long?)e.Generation).FirstOrDefaultAsync(ct);
        try
        {
            var limits = await _limits(db, siteId, day, ct);
            var explained = await _explanations(db, siteId, t0, t1.AddHours(-1), ct);
            var values = await db.Observations.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.SiteId == siteId && o.DataTime >= t0 && o.DataTime < t1 && (o.Period == PeriodType.Hour || o.Period == PeriodType.Day))
                .Select(o => new StoredValue(o.ParameterCode, o.Period, o.DataTime, o.Value, o.Flag, o.Unit)).ToListAsync(ct);
            var hourly = values.Where(v => v.Period == PeriodType.Hour).ToLookup(v => v.ParameterCode, StringComparer.Ordinal);
            var daily = values.Where(v => v.Period == PeriodType.Day).ToLookup(v => v.ParameterCode, StringComparer.Ordinal);
            Dictionary<DateTimeOffset, StoredValue> Series(string code) =>
                hourly[code].GroupBy(v => v.DataTime.ToUniversalTime()).ToDictionary(g => g.Key, g => g.First());
            var o2 = Series(O2Code);
            AcceptedExplanation? ExplanationAt(DateTimeOffset h) => explained.Where(e => e.From <= h && h <= e.To).OrderByDescending(e => e.Id).FirstOrDefault(); // several: the highest id (docs/sources.md "Explanations")

            var hours = new List<SourceHour>();
            var exceedances = new List<SourceExceedance>();
            var totals = new List<SourceDayTotal>();
            var receivedHours = new Dictionary<DateTimeOffset, bool>(); // hour start → valid (all limited values valid)
            foreach (var limit in limits)
            {
                var measured = Series(limit.ParameterCode);
                var zs = Series(limit.ParameterCode + ":zs");
                foreach (var h in measured.Keys.Union(zs.Keys).Order())
                {
                    var m = measured.GetValueOrDefault(h);
                    var z = zs.GetValueOrDefault(h);
                    var flag = m?.Flag ?? z?.Flag;
                    var j = HourJudge.Judge(new SourceHourInput(z?.Value, m?.Value, o2.GetValueOrDefault(h)?.Value, flag),
                        new LimitInput(limit.Limit, limit.ReferenceO2), Rules);
                    var basis = j.Basis switch
                    {
                        HourBasis.ZsAvg => SourceHourBasis.ZsAvg,
                        HourBasis.ConvertedFromMeasured => SourceHourBasis.Converted,
                        _ => SourceHourBasis.Measured,
                    };
                    var explanation = ExplanationAt(h);
                    hours.Add(new SourceHour
                    {
                        SiteId = siteId, ParameterCode = limit.ParameterCode, HourStart = h, PermitVersionId = limit.PermitVersionId,
                        Basis = basis, Value = j.Value, O2 = o2.GetValueOrDefault(h)?.Value, LimitValue = limit.Limit, Judged = j.Judged,
                        NotJudgedFlag = j.NotJudgedFlag, Exceeds = j.Exceeds, Multiple = j.Multiple is { } mu ? Exceedance.Stored(mu) : null,
                        ExplanationId = explanation?.Id, RuleVersion = Rules.Version, ComputedAt = now,
                    });
                    if (j is { Exceeds: true, Value: { } v, Multiple: { } mult })
                        exceedances.Add(new SourceExceedance
                        {
                            SiteId = siteId, ParameterCode = limit.ParameterCode, HourStart = h, Value = v, Limit = limit.Limit,
                            Multiple = Exceedance.Stored(mult), Basis = basis, ExplanationId = explanation?.Id, RuleVersion = Rules.Version,
                        });
                    var valid = Rules.Flag(flag).Valid;
                    receivedHours[h] = receivedHours.TryGetValue(h, out var before) ? before && valid : valid;
                }
                if (Total(limit, Series, daily, siteId, day) is { } total) totals.Add(total);
            }

            var rate = Rate(siteId, day, limits, receivedHours, explained, t0, now);
            var checks = await QuantityChecksAsync(db, siteId, day, limits, totals, ct);

            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SourceHours.IgnoreQueryFilters().Where(x => x.SiteId == siteId && x.HourStart >= t0 && x.HourStart < t1).ExecuteDeleteAsync(ct);
            await db.SourceExceedances.IgnoreQueryFilters().Where(x => x.SiteId == siteId && x.HourStart >= t0 && x.HourStart < t1).ExecuteDeleteAsync(ct);
            await db.SourceDayTotals.IgnoreQueryFilters().Where(x => x.SiteId == siteId && x.Day == day).ExecuteDeleteAsync(ct);
            await db.SourceDayRates.IgnoreQueryFilters().Where(x => x.SiteId == siteId && x.Day == day).ExecuteDeleteAsync(ct);
            await db.SourceQuantityChecks.IgnoreQueryFilters().Where(x => x.SiteId == siteId && x.AsOf == day).ExecuteDeleteAsync(ct);
            db.SourceHours.AddRange(hours);
            db.SourceExceedances.AddRange(exceedances);
            db.SourceDayTotals.AddRange(totals);
            db.SourceDayRates.Add(rate);
            db.SourceQuantityChecks.AddRange(checks);
            await db.SaveChangesAsync(ct);
            // Done only for the data state computed: a day marked again meanwhile stays pending for the next round.
            await db.EvaluationDays.IgnoreQueryFilters()
                .Where(e => e.SiteId == siteId && e.Day == day && (startGeneration == null || e.Generation == startGeneration))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, EvaluationState.Done).SetProperty(e => e.Attempts, 0)
                    .SetProperty(e => e.LastError, (string?)null).SetProperty(e => e.NextAttemptAt, (DateTimeOffset?)null).SetProperty(e => e.UpdatedAt, now), ct);
            await tx.CommitAsync(ct);
            return (hours.Count, exceedances.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await MarkFailedAsync(siteId, day, ex, ct);
            throw;
        }
    }

    private sealed record StoredValue(string ParameterCode, PeriodType Period, DateTimeOffset DataTime, decimal? Value, string? Flag, string? Unit);

    /// <summary>The day's emission mass of one limited parameter (plan §3.2a), or null when no hour and no 2031 value has a
    /// mass. Hours whose flag counts invalid still add their mass (an emission happened) and are counted.</summary>
    private SourceDayTotal? Total(SourceLimit limit, Func<string, Dictionary<DateTimeOffset, StoredValue>> series,
        ILookup<string, StoredValue> daily, long siteId, DateOnly day)
    {
        var medium = limit.Unit == "mg/L" ? OutletMedium.Water : OutletMedium.Air;
        var cou = series(limit.ParameterCode + ":cou");
        var measured = series(limit.ParameterCode);
        var flow = series(medium == OutletMedium.Water ? WaterFlowCode : AirFlowCode);
        decimal kg = 0m;
        int byCou = 0, byFlow = 0, invalid = 0;
        foreach (var h in cou.Keys.Union(measured.Keys).Order())
        {
            var c = cou.GetValueOrDefault(h);
            var m = measured.GetValueOrDefault(h);
            if (EmissionTotals.Hour(c?.Value, flow.GetValueOrDefault(h)?.Value, m?.Value, c?.Unit ?? "kg", medium) is not { } x) continue;
            kg += x.Kg;
            if (x.Basis == EmissionBasis.Cou) byCou++; else byFlow++;
            if (!Rules.Flag(m?.Flag ?? c?.Flag).Valid) invalid++;
        }
        var dayCouUsed = false;
        if (byCou + byFlow == 0)
        {
            var d = daily[limit.ParameterCode + ":cou"].FirstOrDefault();
            if (d?.Value is not { } dv || EmissionTotals.KgPer(d.Unit ?? "kg") is not { } f) return null;
            kg = dv * f;
            dayCouUsed = true;
        }
        return new SourceDayTotal
        {
            SiteId = siteId, ParameterCode = limit.ParameterCode, Day = day, Kg = kg, HoursCou = byCou, HoursFlowConc = byFlow,
            HoursInvalidFlag = invalid, DayCouUsed = dayCouUsed, RuleVersion = Rules.Version,
        };
    }

    /// <summary>The day's rate row: hours due at the outlet's expected interval (a day not yet over: only the hours started
    /// before now), less hours excused by accepted 停产 explanations (rule <c>rate.excuse_accepted_shutdown</c>).</summary>
    private SourceDayRate Rate(long siteId, DateOnly day, IReadOnlyList<SourceLimit> limits, Dictionary<DateTimeOffset, bool> received,
        IReadOnlyList<AcceptedExplanation> explained, DateTimeOffset t0, DateTimeOffset now)
    {
        var interval = limits.Count > 0 ? limits.Min(l => l.ExpectedIntervalMinutes) : 60;
        var step = TimeSpan.FromMinutes(Math.Max(60, interval)); // hour values are counted: at most one per hour is due
        var slots = new List<DateTimeOffset>();
        for (var t = t0; t < t0.AddDays(1) && t < now; t += step) slots.Add(t);
        var excused = Rules.ExcuseAcceptedShutdown
            ? slots.Where(s => explained.Any(e => e.Reason == "shutdown" && e.From <= s && s <= e.To)).ToHashSet()
            : [];
        var counted = received.Where(r => !excused.Contains(r.Key)).ToList();
        // An hour may arrive before its slot ends on the day in progress: expected is never below received.
        var counts = new RateCounts(Math.Max(slots.Count - excused.Count, counted.Count), counted.Count, counted.Count(r => r.Value));
        var rates = TransmissionRates.Of(counts, Rules);
        return new SourceDayRate
        {
            SiteId = siteId, Day = day, Expected = counts.Expected, Received = counts.Received, Valid = counts.Valid, Excused = excused.Count,
            Transmission = rates.Transmission, Effectiveness = rates.Effectiveness, Effective = rates.Effective, RuleVersion = Rules.Version,
        };
    }

    /// <summary>Run-rate checks of the limits with an annual quantity, as of <paramref name="day"/> (stored day totals of the
    /// window and run-rate period, this day's new totals instead of its stored ones).</summary>
    private async Task<List<SourceQuantityCheck>> QuantityChecksAsync(SmartEnvDbContext db, long siteId, DateOnly day,
        IReadOnlyList<SourceLimit> limits, List<SourceDayTotal> today, CancellationToken ct)
    {
        var result = new List<SourceQuantityCheck>();
        foreach (var limit in limits.Where(l => l.AnnualQuantityT is > 0))
        {
            var from = new DateOnly(day.Year, day.Month, 1).AddMonths(-11);
            var rrFrom = day.AddDays(1 - Rules.RunRateDays);
            if (rrFrom < from) from = rrFrom;
            var stored = await db.SourceDayTotals.IgnoreQueryFilters().AsNoTracking()
                .Where(t => t.SiteId == siteId && t.ParameterCode == limit.ParameterCode && t.Day >= from && t.Day <= day && t.Day != day)
                .Select(t => new { t.Day, t.Kg }).ToListAsync(ct);
            var days = stored.Select(t => (t.Day, t.Kg))
                .Concat(today.Where(t => t.ParameterCode == limit.ParameterCode).Select(t => (t.Day, t.Kg))).ToList();
            var annualKg = limit.AnnualQuantityT!.Value * 1000m;
            var p = RunRate.Project(days, day, annualKg, Rules.RunRateDays, limit.ValidFrom);
            result.Add(new SourceQuantityCheck
            {
                SiteId = siteId, ParameterCode = limit.ParameterCode, AsOf = day, WindowStart = p.WindowStart, WindowEnd = p.WindowEnd,
                ActualKg = p.ActualKg, AnnualKg = annualKg, RunRate = p.RunRateKgPerDay, ProjectedKg = p.ProjectedKg,
                CrossingDate = p.CrossingDate, RuleVersion = Rules.Version,
            });
        }
        return result;
    }

    private async Task MarkFailedAsync(long siteId, DateOnly day, Exception error, CancellationToken ct)
    {
        try
        {
            await using var db = _store.CreateContext();
            var now = _time.GetUtcNow();
            var message = error.GetBaseException().Message;
            if (message.Length > 1024) message = message[..1024];
            var row = await db.EvaluationDays.IgnoreQueryFilters().FirstOrDefaultAsync(e => e.SiteId == siteId && e.Day == day, ct);
            if (row is null) db.EvaluationDays.Add(row = new EvaluationDay { SiteId = siteId, Day = day });
            row.State = EvaluationState.Failed;
            row.Attempts++;
            row.LastError = message;
            row.UpdatedAt = now;
            row.NextAttemptAt = now + RetryDelay(row.Attempts);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error.Data["evaluation_state_not_recorded"] = ex.Message;
        }
    }

    /// <summary>Wait before retry number <paramref name="attempts"/> + 1 of a failed outlet day: 30 s · 2^(attempts − 1), at
    /// most 1 h (the AQI job's backoff; no standard sets one).</summary>
    /// <param name="attempts">Failed attempts so far.</param>
    public static TimeSpan RetryDelay(int attempts) =>
        attempts <= 1 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(Math.Min(30d * Math.Pow(2, attempts - 1), 3600));
}
