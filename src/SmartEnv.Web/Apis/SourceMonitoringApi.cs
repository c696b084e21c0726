using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Supervision.Monitoring;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of an enterprise's outlets' judged hours, exceedances, emission totals, 有效传输率 and quantity projections, under
/// <c>/api/enterprises/{uscc}/outlets/{code}</c> (issue 16 plan §2.4; <c>{code}</c> = the outlet's site code
/// <c>{permit number}-{outlet code}</c>). Reads only, for a signed-in principal (policy
/// <see cref="SmartEnvPolicies.EnterpriseOrStaff"/>); another enterprise's <c>{uscc}</c> or <c>{code}</c> is a 404 before
/// authorization (<see cref="EnterpriseScope"/>), and a site not owned by <c>{uscc}</c> is a 404 here. Figures are the
/// stored rows of the compliance job (docs/sources.md); month/year totals are Σ day rows and month rates Σ day counts put
/// through <see cref="TransmissionRates.Of"/> (never a mean of ratios). Dates are Beijing dates <c>yyyy-MM-dd</c>; the
/// default period is the last 7 days (hours, exceedances) or the last 31 days (totals, rates) up to today.
/// </summary>
public static class SourceMonitoringApi
{
    /// <summary>A judged outlet hour.</summary>
    /// <param name="HourStart">Hour start (UTC).</param>
    /// <param name="Parameter">Parameter code.</param>
    /// <param name="Basis"><c>zs_avg</c> | <c>converted</c> | <c>measured</c>.</param>
    /// <param name="Value">Judged value (unit of the limit), or null.</param>
    /// <param name="O2">Measured O₂ (%), or null.</param>
    /// <param name="Limit">Limit applied.</param>
    /// <param name="Judged">Compared with the limit.</param>
    /// <param name="NotJudgedFlag">Why not (flag or reason), or null.</param>
    /// <param name="Exceeds">Above the limit.</param>
    /// <param name="Multiple">超标倍数 stored (4 places), or null.</param>
    /// <param name="MultipleShown">超标倍数 shown (2 places, GB/T 8170), or null.</param>
    /// <param name="ExplanationId">Accepted 异常说明 covering the hour, or null.</param>
    /// <param name="RuleVersion">Rule version.</param>
    public sealed record SourceHourDto(DateTimeOffset HourStart, string Parameter, string Basis, decimal? Value, decimal? O2, decimal Limit,
        bool Judged, string? NotJudgedFlag, bool Exceeds, decimal? Multiple, decimal? MultipleShown, long? ExplanationId, string RuleVersion);

    /// <summary>An exceeding hour.</summary>
    /// <param name="Id">Row id.</param>
    /// <param name="HourStart">Hour start (UTC).</param>
    /// <param name="Parameter">Parameter code.</param>
    /// <param name="Value">Judged value.</param>
    /// <param name="Limit">Limit.</param>
    /// <param name="Multiple">超标倍数 (4 places).</param>
    /// <param name="MultipleShown">超标倍数 shown (2 places).</param>
    /// <param name="Basis">Which value was judged.</param>
    /// <param name="ExplanationId">Accepted 异常说明, or null (shown "已说明" when set).</param>
    /// <param name="RuleVersion">Rule version.</param>
    public sealed record ExceedanceDto(long Id, DateTimeOffset HourStart, string Parameter, decimal Value, decimal Limit, decimal Multiple,
        decimal MultipleShown, string Basis, long? ExplanationId, string RuleVersion);

    /// <summary>Emission mass of a parameter over one period.</summary>
    /// <param name="Period">Period key: <c>yyyy-MM-dd</c>, <c>yyyy-MM</c> or <c>yyyy</c>.</param>
    /// <param name="Parameter">Parameter code.</param>
    /// <param name="Kg">Σ day masses (kg, exact).</param>
    /// <param name="Days">Days with a stored total.</param>
    /// <param name="HoursCou">Hours from <c>-Cou</c>.</param>
    /// <param name="HoursFlowConc">Hours from flow × concentration.</param>
    /// <param name="DaysDayCou">Days from the 2031 Cou.</param>
    /// <param name="RuleVersions">Rule versions of the rows.</param>
    public sealed record TotalDto(string Period, string Parameter, decimal Kg, int Days, int HoursCou, int HoursFlowConc, int DaysDayCou, IReadOnlyList<string> RuleVersions);

    /// <summary>Rates of one period.</summary>
    /// <param name="Period">Period key: <c>yyyy-MM-dd</c> or <c>yyyy-MM</c>.</param>
    /// <param name="Expected">Hours expected (after excused).</param>
    /// <param name="Received">Hours received.</param>
    /// <param name="Valid">Valid hours.</param>
    /// <param name="Excused">Excused hours (accepted 停产).</param>
    /// <param name="Transmission">传输率 (fraction), or null.</param>
    /// <param name="Effectiveness">有效率 (fraction), or null.</param>
    /// <param name="Effective">有效传输率 (fraction), or null.</param>
    /// <param name="EffectivePercent">有效传输率 in % to 2 places (GB/T 8170), or null.</param>
    /// <param name="RuleVersions">Rule versions of the day rows.</param>
    public sealed record RateDto(string Period, int Expected, int Received, int Valid, int Excused, decimal? Transmission, decimal? Effectiveness,
        decimal? Effective, decimal? EffectivePercent, IReadOnlyList<string> RuleVersions);

    /// <summary>The latest quantity check of a parameter.</summary>
    /// <param name="Parameter">Parameter code.</param>
    /// <param name="AsOf">As-of day.</param>
    /// <param name="WindowStart">Window start.</param>
    /// <param name="WindowEnd">Window end.</param>
    /// <param name="ActualKg">Actual kg so far.</param>
    /// <param name="AnnualKg">Permitted kg.</param>
    /// <param name="RunRateKgPerDay">Run rate.</param>
    /// <param name="ProjectedKg">Projected kg of the window.</param>
    /// <param name="CrossingDate">Projected crossing, or null.</param>
    /// <param name="RuleVersion">Rule version.</param>
    public sealed record QuantityDto(string Parameter, DateOnly AsOf, DateOnly WindowStart, DateOnly WindowEnd, decimal ActualKg, decimal AnnualKg,
        decimal RunRateKgPerDay, decimal ProjectedKg, DateOnly? CrossingDate, string RuleVersion);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapSourceMonitoringApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises/{uscc}/outlets/{code}").WithTags("enterprises").RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff);
        g.MapGet("/hours", HoursAsync).WithName("OutletHours")
            .WithSummary("An outlet's hours judged against its permit limit, from/to Beijing dates, optional parameter (signed in).");
        g.MapGet("/exceedances", ExceedancesAsync).WithName("OutletExceedances")
            .WithSummary("An outlet's exceeding hours with 超标倍数, from/to Beijing dates (signed in).");
        g.MapGet("/totals", TotalsAsync).WithName("OutletTotals")
            .WithSummary("An outlet's emission totals in kg per day, month or year (period=day|month|year), from/to Beijing dates (signed in).");
        g.MapGet("/rates", RatesAsync).WithName("OutletRates")
            .WithSummary("An outlet's 传输率, 有效率 and 有效传输率 per day or month (period=day|month), from/to Beijing dates (signed in).");
        g.MapGet("/quantity", QuantityAsync).WithName("OutletQuantity")
            .WithSummary("An outlet's latest run-rate projection of each annual permitted quantity (signed in).");
        return app;
    }

    private static async Task<long?> OutletAsync(SmartEnvDbContext db, string uscc, string code, CancellationToken ct) =>
        await db.Sites.AsNoTracking().Where(s => s.Code == code && s.EnterpriseUscc == uscc).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);

    private static ProblemHttpResult NoOutlet(string uscc, string code) => ApiValidation.NotFound($"no outlet {code} of enterprise {uscc}");

    private static bool Range(string? from, string? to, TimeProvider time, int days, out DateOnly f, out DateOnly t, out ValidationProblem? problem)
    {
        problem = null;
        var today = BeijingTime.Today(time);
        t = today;
        f = today.AddDays(1 - days);
        if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", out t)) { problem = ApiValidation.Invalid("to", "expected a date yyyy-MM-dd"); return false; }
        if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", out f)) { problem = ApiValidation.Invalid("from", "expected a date yyyy-MM-dd"); return false; }
        else if (from is null) f = t.AddDays(1 - days);
        if (f > t) { problem = ApiValidation.Invalid("from", "from is after to"); return false; }
        if (t.DayNumber - f.DayNumber > 3660) { problem = ApiValidation.Invalid("from", "at most 10 years at once"); return false; }
        return true;
    }

    private static string Key(SourceHourBasis b) => SnakeCaseEnumConverter<SourceHourBasis>.ToSnake(b.ToString());

    private static async Task<Results<Ok<List<SourceHourDto>>, ValidationProblem, ProblemHttpResult>> HoursAsync(string uscc, string code,
        string? from, string? to, string? parameter, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!Range(from, to, time, 7, out var f, out var t, out var bad)) return bad!;
        if (await OutletAsync(db, uscc, code, ct) is not { } site) return NoOutlet(uscc, code);
        var (t0, t1) = (BeijingTime.DayStart(f), BeijingTime.DayEnd(t));
        var rows = await db.SourceHours.AsNoTracking().Where(h => h.SiteId == site && h.HourStart >= t0 && h.HourStart < t1 && (parameter == null || h.ParameterCode == parameter))
            .OrderBy(h => h.HourStart).ThenBy(h => h.ParameterCode).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(h => new SourceHourDto(h.HourStart, h.ParameterCode, Key(h.Basis), h.Value, h.O2, h.LimitValue, h.Judged,
            h.NotJudgedFlag, h.Exceeds, h.Multiple, h.Multiple is { } m ? Exceedance.Display(m) : null, h.ExplanationId, h.RuleVersion)).ToList());
    }

    private static async Task<Results<Ok<List<ExceedanceDto>>, ValidationProblem, ProblemHttpResult>> ExceedancesAsync(string uscc, string code,
        string? from, string? to, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!Range(from, to, time, 7, out var f, out var t, out var bad)) return bad!;
        if (await OutletAsync(db, uscc, code, ct) is not { } site) return NoOutlet(uscc, code);
        var (t0, t1) = (BeijingTime.DayStart(f), BeijingTime.DayEnd(t));
        var rows = await db.SourceExceedances.AsNoTracking().Where(e => e.SiteId == site && e.HourStart >= t0 && e.HourStart < t1)
            .OrderBy(e => e.HourStart).ThenBy(e => e.ParameterCode).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(e => new ExceedanceDto(e.Id, e.HourStart, e.ParameterCode, e.Value, e.Limit, e.Multiple,
            Exceedance.Display(e.Multiple), Key(e.Basis), e.ExplanationId, e.RuleVersion)).ToList());
    }

    private static async Task<Results<Ok<List<TotalDto>>, ValidationProblem, ProblemHttpResult>> TotalsAsync(string uscc, string code,
        string? period, string? from, string? to, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var format = (period ?? "day") switch { "day" => "yyyy-MM-dd", "month" => "yyyy-MM", "year" => "yyyy", _ => null };
        if (format is null) return ApiValidation.Invalid("period", "expected day | month | year");
        if (!Range(from, to, time, 31, out var f, out var t, out var bad)) return bad!;
        if (await OutletAsync(db, uscc, code, ct) is not { } site) return NoOutlet(uscc, code);
        var rows = await db.SourceDayTotals.AsNoTracking().Where(x => x.SiteId == site && x.Day >= f && x.Day <= t).ToListAsync(ct);
        return TypedResults.Ok(rows.GroupBy(x => (Period: x.Day.ToString(format, System.Globalization.CultureInfo.InvariantCulture), x.ParameterCode))
            .OrderBy(g => g.Key.Period, StringComparer.Ordinal).ThenBy(g => g.Key.ParameterCode, StringComparer.Ordinal)
            .Select(g => new TotalDto(g.Key.Period, g.Key.ParameterCode, g.Sum(x => x.Kg), g.Count(), g.Sum(x => x.HoursCou), g.Sum(x => x.HoursFlowConc),
                g.Count(x => x.DayCouUsed), g.Select(x => x.RuleVersion).Distinct().Order(StringComparer.Ordinal).ToList())).ToList());
    }

    private static async Task<Results<Ok<List<RateDto>>, ValidationProblem, ProblemHttpResult>> RatesAsync(string uscc, string code,
        string? period, string? from, string? to, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var format = (period ?? "day") switch { "day" => "yyyy-MM-dd", "month" => "yyyy-MM", _ => null };
        if (format is null) return ApiValidation.Invalid("period", "expected day | month");
        if (!Range(from, to, time, 31, out var f, out var t, out var bad)) return bad!;
        if (await OutletAsync(db, uscc, code, ct) is not { } site) return NoOutlet(uscc, code);
        var rows = await db.SourceDayRates.AsNoTracking().Where(x => x.SiteId == site && x.Day >= f && x.Day <= t).ToListAsync(ct);
        var rules = SourceRuleFile.Default;
        return TypedResults.Ok(rows.GroupBy(x => x.Day.ToString(format, System.Globalization.CultureInfo.InvariantCulture)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var counts = new RateCounts(g.Sum(x => x.Expected), g.Sum(x => x.Received), g.Sum(x => x.Valid));
                var r = TransmissionRates.Of(counts, rules); // month = Σ day counts (docs/sources.md)
                return new RateDto(g.Key, counts.Expected, counts.Received, counts.Valid, g.Sum(x => x.Excused), r.Transmission, r.Effectiveness, r.Effective,
                    r.Effective is { } e ? TransmissionRates.Percent(e) : null, g.Select(x => x.RuleVersion).Distinct().Order(StringComparer.Ordinal).ToList());
            }).ToList());
    }

    private static async Task<Results<Ok<List<QuantityDto>>, ProblemHttpResult>> QuantityAsync(string uscc, string code, SmartEnvDbContext db, CancellationToken ct)
    {
        if (await OutletAsync(db, uscc, code, ct) is not { } site) return NoOutlet(uscc, code);
        var rows = await db.SourceQuantityChecks.AsNoTracking().Where(x => x.SiteId == site).ToListAsync(ct);
        return TypedResults.Ok(rows.GroupBy(x => x.ParameterCode).Select(g => g.MaxBy(x => x.AsOf)!).OrderBy(x => x.ParameterCode, StringComparer.Ordinal)
            .Select(x => new QuantityDto(x.ParameterCode, x.AsOf, x.WindowStart, x.WindowEnd, x.ActualKg, x.AnnualKg, x.RunRate, x.ProjectedKg, x.CrossingDate, x.RuleVersion)).ToList());
    }
}
