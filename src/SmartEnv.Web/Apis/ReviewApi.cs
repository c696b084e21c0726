using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Contracts;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Monitoring-data review (数据审核, docs/api.md "Data review"): mark an observation or a station-hour range invalid with a
/// reason code, restore a mark, list the records of a site. Writes need the admin token until the identity part lands
/// (then the <c>monitoring</c> policy); the list is staff-only too. A mark or restore queues the affected days for
/// recomputation (<see cref="ReviewBook"/>); the figures change when the evaluation queue has run (seconds in <c>serve</c>).
/// </summary>
public static class ReviewApi
{
    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/review").WithTags("review");
        g.MapPost("/marks", MarkAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("CreateReviewMark")
            .WithSummary("Marks an observation (observation_id) or a station-hour range (site, from, to = hour starts, inclusive; optional parameter) invalid with a reason code (instrument_fault, calibration_maintenance, shutdown, external_interference, other + text). The original values are kept; the affected days are recomputed from the reviewed series.");
        g.MapPost("/marks/{id:long}/restore", RestoreAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("RestoreReviewMark")
            .WithSummary("Restores a mark (a new record; the latest record covering a value decides).");
        g.MapGet("/marks", ListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ListReviewMarks")
            .WithSummary("Review records of a site overlapping [from, to) (ISO 8601 instants, both optional), oldest first, with whether each mark is still in force.");
        return app;
    }

    /// <summary>
    /// Who acts: the signed-in principal's name (<c>HttpContext.User.Identity.Name</c>; the legacy admin token signs in as
    /// <c>admin-token</c>). The one place the actor of a review record made through the API is decided.
    /// </summary>
    /// <param name="http">The request.</param>
    public static string Actor(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : throw new InvalidOperationException("review needs a signed-in principal");
    }

    /// <summary>The <c>series</c> query value: <c>reviewed</c> (default) or <c>realtime</c>; else a 400 naming <c>series</c>.</summary>
    /// <param name="value">Query value or null.</param>
    /// <param name="series">The series.</param>
    public static ValidationProblem? Series(string? value, out DataSeries series)
    {
        series = DataSeries.Reviewed;
        if (value is null || value.Equals("reviewed", StringComparison.OrdinalIgnoreCase)) return null;
        if (value.Equals("realtime", StringComparison.OrdinalIgnoreCase)) { series = DataSeries.Realtime; return null; }
        return ApiValidation.Invalid("series", $"series must be reviewed or realtime; got '{value}'");
    }

    private static async Task<Results<Created<ReviewMarkDto>, ProblemHttpResult, ValidationProblem>> MarkAsync(
        ReviewMarkRequestDto body, SmartEnvStore store, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (body.Reason is not { } reason) return ApiValidation.Invalid("reason", "reason is required: instrument_fault, calibration_maintenance, shutdown, external_interference or other");
        try
        {
            var mark = await new ReviewBook(store, time) { Auditor = AuditActors.FromHttp(http) }.MarkAsync(
                new ReviewMarkRequest(body.ObservationId, body.Site, body.Parameter, body.From, body.To, reason, body.Text), Actor(http), ct);
            var dto = await ToDtoAsync(store, mark, true, ct);
            return TypedResults.Created($"/api/review/marks?site={Uri.EscapeDataString(dto.Site)}", dto);
        }
        catch (ReviewException e) when (e.NotFound) { return ApiValidation.NotFound(e.Message); }
        catch (ReviewException e) { return ApiValidation.Invalid(e.Field, e.Message); }
    }

    private static async Task<Results<Created<ReviewMarkDto>, ProblemHttpResult, ValidationProblem>> RestoreAsync(
        long id, ReviewRestoreRequestDto? body, SmartEnvStore store, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var restore = await new ReviewBook(store, time) { Auditor = AuditActors.FromHttp(http) }.RestoreAsync(id, Actor(http), body?.Text, ct);
            var dto = await ToDtoAsync(store, restore, false, ct);
            return TypedResults.Created($"/api/review/marks?site={Uri.EscapeDataString(dto.Site)}", dto);
        }
        catch (ReviewException e) when (e.NotFound) { return ApiValidation.NotFound(e.Message); }
        catch (ReviewException e) { return ApiValidation.Invalid(e.Field, e.Message); }
    }

    private static async Task<Results<Ok<List<ReviewMarkDto>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        string? site, DateTimeOffset? from, DateTimeOffset? to, SmartEnvStore store, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(site)) return ApiValidation.Invalid("site", "site is required");
        if (ApiValidation.InstantRange(from, to) is { } invalid) return invalid;
        try
        {
            var list = await new ReviewBook(store).ListAsync(site, from, to, ct);
            return TypedResults.Ok(list.Select(x => ToDto(site, x.Record, x.Active)).ToList());
        }
        catch (ReviewException e) when (e.NotFound) { return ApiValidation.NotFound(e.Message); }
        catch (ReviewException e) { return ApiValidation.Invalid(e.Field, e.Message); }
    }

    private static async Task<ReviewMarkDto> ToDtoAsync(SmartEnvStore store, ReviewMark m, bool active, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        var code = await db.Sites.Where(s => s.Id == m.SiteId).Select(s => s.Code).SingleAsync(ct);
        return ToDto(code, m, active);
    }

    /// <summary>A record as the API shows it.</summary>
    /// <param name="site">Its site code.</param>
    /// <param name="m">The record.</param>
    /// <param name="active">Whether a mark is still in force.</param>
    public static ReviewMarkDto ToDto(string site, ReviewMark m, bool active)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(m.Id, m.Action, site, m.ObservationId, m.ParameterCode, m.FromHour, m.ToHour, BeijingTime.ToBeijing(m.FromHour), BeijingTime.ToBeijing(m.ToHour),
            m.Reason, ReviewReasons.Name(m.Reason), m.Text, m.RestoresId, m.Actor, m.CreatedAt, active);
    }
}
