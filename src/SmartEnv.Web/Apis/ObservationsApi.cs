using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Apis;

/// <summary><c>GET /api/sites/{code}/observations</c>: a site's measurements (one per parameter, averaging period and
/// time) by parameter, period and time range, with unit and provenance (admin).</summary>
public static class ObservationsApi
{
    /// <summary>Largest page size.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>One stored measurement.</summary>
    /// <param name="Parameter">Factor code (HJ 212-2017 appendix B).</param>
    /// <param name="Name">Common name (PM2.5 …) when known.</param>
    /// <param name="Unit">Unit the value is expressed in (stored with it: μg/m³, mg/m³ for CO, mg/L …), else the
    /// parameter's usual unit when known.</param>
    /// <param name="Period">rtd, min, hour, day, moving24h, moving8h, max1h_of24h, max8h_of24h.</param>
    /// <param name="DataTime">Period start or sampling moment, UTC.</param>
    /// <param name="DataTimeLocal">The same instant in Beijing time (UTC+8), as HJ 212 DataTime reads.</param>
    /// <param name="Value">Exact value.</param>
    /// <param name="ValueText">Value as received.</param>
    /// <param name="Min">Period minimum.</param>
    /// <param name="Max">Period maximum.</param>
    /// <param name="Flag">HJ 212 data flag.</param>
    /// <param name="Mn">Provenance: device MN, null for file imports.</param>
    /// <param name="RawPacketId">Provenance: raw packet id, null for file imports.</param>
    /// <param name="ImportLogId">Provenance: import run (<c>GET /api/imports</c> id), null for values from the wire.</param>
    /// <param name="SourceRow">Provenance: 1-based line of the imported file, null for values from the wire.</param>
    /// <param name="Id">Observation id (to mark this one value: <c>POST /api/review/marks</c> with <c>observation_id</c>).</param>
    /// <param name="Review">数据审核: the mark that excludes the value from the reviewed series (reason, text, who, when), null
    /// when the value is valid. The value itself is always returned as stored.</param>
    public sealed record ObservationDto(
        string Parameter, string? Name, string? Unit, PeriodType Period, DateTimeOffset DataTime, DateTimeOffset DataTimeLocal,
        decimal? Value, string? ValueText, decimal? Min, decimal? Max, string? Flag, string? Mn, long? RawPacketId, long? ImportLogId, int? SourceRow,
        long Id = 0, Contracts.ReviewNoteDto? Review = null);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapObservationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sites/{code}/observations", QueryAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("observations")
            .WithName("QueryObservations")
            .WithSummary("Measurements of a site, filtered by parameter code, period (rtd/min/hour/day/moving24h/moving8h/max1h_of24h/max8h_of24h) and [from, to) (ISO 8601 instants), oldest first, with unit and provenance (admin).");
        return app;
    }

    private static async Task<Results<Ok<List<ObservationDto>>, ProblemHttpResult, ValidationProblem>> QueryAsync(
        string code, SmartEnvDbContext db, HttpContext http, string? parameter, string? period,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, CancellationToken ct)
    {
        if ((ApiValidation.Limit(limit, 1000, MaxLimit, out var take) ?? ApiValidation.InstantRange(from, to)) is { } invalid) return invalid;
        var site = await SitesApi.FindVisibleAsync(db, http, code, ct);
        if (site is null) return SitesApi.NoSite(code);
        var q = db.Observations.AsNoTracking().Where(o => o.SiteId == site.Id);
        if (parameter is not null) q = q.Where(o => o.ParameterCode == parameter);
        if (period is not null)
        {
            if (!Enum.TryParse<PeriodType>(period.Replace("_", "", StringComparison.Ordinal), true, out var p) || int.TryParse(period, out _))
                return ApiValidation.Invalid("period", "period must be rtd, min, hour, day, moving24h, moving8h, max1h_of24h or max8h_of24h");
            q = q.Where(o => o.Period == p);
        }
        if (from is { } f) q = q.Where(o => o.DataTime >= f);
        if (to is { } t) q = q.Where(o => o.DataTime < t);
        var rows = await q.OrderBy(o => o.DataTime).ThenBy(o => o.ParameterCode).Take(take).ToListAsync(ct);
        var review = rows.Count == 0 ? Evaluation.ReviewState.Empty
            : await Evaluation.ReviewState.LoadAsync(db, [site.Id], rows[0].DataTime, rows[^1].DataTime.AddTicks(1), ct);
        return TypedResults.Ok(rows.Select(o =>
        {
            var u = ParameterUnits.For(o.ParameterCode);
            var mark = review.IsEmpty ? null : review.ExcludedBy(o.SiteId, o.Id, o.ParameterCode, o.DataTime);
            return new ObservationDto(o.ParameterCode, u?.Name, o.Unit ?? u?.Unit, o.Period, o.DataTime, BeijingTime.ToBeijing(o.DataTime),
                o.Value, o.ValueText, o.Min, o.Max, o.Flag, o.Mn, o.RawPacketId, o.ImportLogId, o.SourceRow, o.Id,
                mark is null ? null : Contracts.ReviewNoteDto.From(mark));
        }).ToList());
    }
}
