using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Supervision.Waste.Medical;
using SmartEnv.Waste.Medical;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of medical waste (issue 17 P6; docs/waste.md): a medical institution's handovers into its 暂存间, the
/// collections that take them and its annual generation report under <c>/api/enterprises/{uscc}/mw/…</c> (so the
/// enterprise scope check answers 404 for another institution's code before anything else), and the staff overview with
/// indicator #17 at <c>/api/mw/overview</c>. Reads: staff and the institution's own users
/// (<see cref="SmartEnvPolicies.EnterpriseOrStaff"/>); writes: the institution itself, enforcement and admin
/// (<see cref="WriterRoles"/>; other staff 403). Every write is audited (<c>mw.handover.record</c>,
/// <c>mw.collection.record</c>, <c>mw.report.submit</c>). Weights in kg; times are instants (ISO 8601 with offset).
/// </summary>
public static class MedicalWasteApi
{
    /// <summary>Roles that may record handovers and collections and submit reports: the institution itself and the staff of
    /// <see cref="SmartEnvPolicies.Enforcement"/>; other staff read only.</summary>
    public static IReadOnlyList<string> WriterRoles { get; } = [SmartEnvRoles.Enterprise, SmartEnvRoles.Admin, SmartEnvRoles.Enforcement];

    /// <summary>A handover as returned.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="FacilityId">暂存间 id.</param>
    /// <param name="At">Handover (storage start), UTC.</param>
    /// <param name="Category">Category key.</param>
    /// <param name="WasteCode">List code.</param>
    /// <param name="WeightKg">kg.</param>
    /// <param name="Packages">Packages.</param>
    /// <param name="Department">科室.</param>
    /// <param name="HandedBy">Handed over by.</param>
    /// <param name="ReceivedBy">Received by.</param>
    /// <param name="CollectionId">Collection that took it, or null while held.</param>
    /// <param name="StorageDeadline">At + 48 h (《医疗废物管理条例》 Art. 17).</param>
    /// <param name="Overdue">True when held past the deadline now, or collected after it.</param>
    public sealed record HandoverDto(long Id, long FacilityId, DateTimeOffset At, string Category, string WasteCode, decimal WeightKg, int Packages,
        string Department, string HandedBy, string ReceivedBy, long? CollectionId, DateTimeOffset StorageDeadline, bool Overdue);

    /// <summary>Body of <c>POST /{uscc}/mw/handovers</c>.</summary>
    /// <param name="Facility">暂存间 code.</param>
    /// <param name="At">Handover instant (default now).</param>
    /// <param name="Category"><c>infectious</c> | <c>sharps</c> | <c>pathological</c> | <c>pharmaceutical</c> | <c>chemical</c> (or the list code / Chinese name).</param>
    /// <param name="WeightKg">kg, &gt; 0, 3 decimals at most.</param>
    /// <param name="Packages">≥ 1 (default 1).</param>
    /// <param name="Department">科室.</param>
    /// <param name="HandedBy">Handed over by.</param>
    /// <param name="ReceivedBy">Received by.</param>
    public sealed record HandoverWrite(string? Facility, DateTimeOffset? At, string? Category, decimal? WeightKg, int? Packages,
        string? Department, string? HandedBy, string? ReceivedBy);

    /// <summary>Body of <c>POST /{uscc}/mw/collections</c>.</summary>
    /// <param name="Facility">暂存间 code.</param>
    /// <param name="CollectorUscc">Collector's 统一社会信用代码.</param>
    /// <param name="At">When the waste left (default now).</param>
    /// <param name="HandoverIds">Held handovers taken.</param>
    /// <param name="WeightKg">Weighed kg, or null for the handovers' sum.</param>
    /// <param name="ManifestNumber">Medical-waste manifest number (14 digits), optional.</param>
    public sealed record CollectionWrite(string? Facility, string? CollectorUscc, DateTimeOffset? At, List<long>? HandoverIds, decimal? WeightKg, string? ManifestNumber);

    /// <summary>Body of <c>POST /{uscc}/mw/reports/{year}</c>.</summary>
    /// <param name="Note">Optional note.</param>
    public sealed record ReportWrite(string? Note);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapMedicalWasteApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises").WithTags("hw");
        g.MapGet("/{uscc}/mw/handovers", HandoversAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListMedicalWasteHandovers")
            .WithSummary("The institution's medical-waste handovers, newest first; from, to (instants), held=true for those not collected, limit ≤ 1000 (signed in).");
        g.MapPost("/{uscc}/mw/handovers", RecordHandoverAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("RecordMedicalWasteHandover")
            .WithSummary("Record a medical-waste handover into the institution's temporary store (the institution, enforcement staff).");
        g.MapGet("/{uscc}/mw/collections", CollectionsAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListMedicalWasteCollections")
            .WithSummary("The institution's medical-waste collections, newest first; from, to, limit ≤ 1000 (signed in).");
        g.MapPost("/{uscc}/mw/collections", RecordCollectionAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("RecordMedicalWasteCollection")
            .WithSummary("Record a collection that takes held handovers from the temporary store (the institution, enforcement staff).");
        g.MapGet("/{uscc}/mw/reports/{year}", ReportAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetMedicalWasteReport")
            .WithSummary("The institution's annual medical-waste report: figures from its handovers and the submission, if any (signed in).");
        g.MapPost("/{uscc}/mw/reports/{year}", SubmitReportAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("SubmitMedicalWasteReport")
            .WithSummary("Submit the institution's annual medical-waste report for an ended year (the institution, enforcement staff).");
        app.MapGet("/api/mw/overview", OverviewAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithTags("hw").WithName("MedicalWasteOverview")
            .WithSummary("Medical waste per institution for a year (default this year) with indicator #17, the central disposal rate, and its rule (staff).");
        return app;
    }

    /// <summary>The response form of a handover at <paramref name="now"/>.</summary>
    /// <param name="h">Handover.</param>
    /// <param name="collectedAt">When its collection took it, or null.</param>
    /// <param name="now">Now.</param>
    public static HandoverDto Dto(MedicalWasteHandover h, DateTimeOffset? collectedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(h);
        var max = MedicalStorageRules.DefaultMax;
        return new(h.Id, h.FacilityId, h.At, h.Category, h.WasteCode, h.WeightKg, h.Packages, h.Department, h.HandedBy, h.ReceivedBy, h.CollectionId,
            h.At + max, MedicalStorageRules.HeldTooLong(h.At, collectedAt, now, max));
    }

    private static bool MayWrite(HttpContext http) => WriterRoles.Any(http.User.IsInRole);

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("recording medical waste needs role enterprise, enforcement or admin", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<List<HandoverDto>>, ValidationProblem, ProblemHttpResult>> HandoversAsync(string uscc, DateTimeOffset? from, DateTimeOffset? to,
        bool? held, int? limit, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiValidation.Limit(limit, 200, 1000, out var take) is { } bad) return bad;
        if (from is { } f && to is { } t && t <= f) return ApiValidation.Invalid("to", "to must be after from; the range is [from, to)");
        if (!await EnterpriseExistsAsync(db, uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var list = await new MedicalWasteService(db, time).HandoversAsync(uscc, from, to, held ?? false, take, ct);
        var ids = list.Where(h => h.CollectionId is not null).Select(h => h.CollectionId!.Value).Distinct().ToList();
        var collected = await db.MedicalWasteCollections.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.At, ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(list.Select(h => Dto(h, h.CollectionId is { } c && collected.TryGetValue(c, out var x) ? x : null, now)).ToList());
    }

    private static async Task<Results<Created<HandoverDto>, ValidationProblem, ProblemHttpResult>> RecordHandoverAsync(string uscc, HandoverWrite body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!MayWrite(http)) return Forbidden();
        try
        {
            var input = new HandoverInput(body.Facility ?? "", body.At ?? time.GetUtcNow(), body.Category ?? "", body.WeightKg ?? 0m, body.Packages ?? 1,
                body.Department ?? "", body.HandedBy ?? "", body.ReceivedBy ?? "");
            var h = await new MedicalWasteService(db, time).RecordHandoverAsync(uscc, input, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/mw/handovers?from={Uri.EscapeDataString(h.At.ToString("O", CultureInfo.InvariantCulture))}",
                Dto(h, null, time.GetUtcNow()));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (MedicalWasteException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (MedicalWasteException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static async Task<Results<Ok<List<MedicalWasteCollection>>, ValidationProblem, ProblemHttpResult>> CollectionsAsync(string uscc, DateTimeOffset? from,
        DateTimeOffset? to, int? limit, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiValidation.Limit(limit, 200, 1000, out var take) is { } bad) return bad;
        if (from is { } f && to is { } t && t <= f) return ApiValidation.Invalid("to", "to must be after from; the range is [from, to)");
        if (!await EnterpriseExistsAsync(db, uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        return TypedResults.Ok(await new MedicalWasteService(db, time).CollectionsAsync(uscc, from, to, take, ct));
    }

    private static async Task<Results<Created<MedicalWasteCollection>, ValidationProblem, ProblemHttpResult>> RecordCollectionAsync(string uscc, CollectionWrite body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!MayWrite(http)) return Forbidden();
        try
        {
            var input = new CollectionInput(body.Facility ?? "", body.CollectorUscc ?? "", body.At ?? time.GetUtcNow(), body.HandoverIds ?? [], body.WeightKg,
                string.IsNullOrWhiteSpace(body.ManifestNumber) ? null : body.ManifestNumber.Trim());
            var c = await new MedicalWasteService(db, time).RecordCollectionAsync(uscc, input, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/mw/collections", c);
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (MedicalWasteException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (MedicalWasteException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static bool TryYear(string year, out int y) =>
        int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) && y is >= 2000 and <= 2100;

    private static async Task<Results<Ok<MedicalAnnualReport>, ProblemHttpResult>> ReportAsync(string uscc, string year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!TryYear(year, out var y)) return ApiValidation.NotFound($"no report year {year} (2000–2100)");
        try { return TypedResults.Ok(await new MedicalWasteService(db, time).ReportAsync(uscc, y, ct)); }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
    }

    private static async Task<Results<Ok<MedicalAnnualReport>, ValidationProblem, ProblemHttpResult>> SubmitReportAsync(string uscc, string year, ReportWrite? body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!MayWrite(http)) return Forbidden();
        if (!TryYear(year, out var y)) return ApiValidation.NotFound($"no report year {year} (2000–2100)");
        try { return TypedResults.Ok(await new MedicalWasteService(db, time).SubmitReportAsync(uscc, y, body?.Note, AuditActors.FromHttp(http), ct)); }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (MedicalWasteException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (MedicalWasteException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    /// <summary>The overview with #17's rule spelled out.</summary>
    /// <param name="Overview">Figures.</param>
    /// <param name="Percent">#17 as recorded for the plan (0.01 %, GB/T 8170), or null without handovers.</param>
    /// <param name="RuleZh">The rule (Chinese).</param>
    /// <param name="RuleEn">The rule (English).</param>
    public sealed record OverviewDto(MedicalOverview Overview, decimal? Percent, string RuleZh, string RuleEn);

    private static async Task<Results<Ok<OverviewDto>, ProblemHttpResult>> OverviewAsync(int? year, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var y = year ?? BeijingTime.Today(time).Year;
        if (y is < 2000 or > 2100) return TypedResults.Problem("year must be 2000–2100", statusCode: StatusCodes.Status400BadRequest);
        var o = await new MedicalWasteService(db, time).OverviewAsync(y, MedicalStorageRules.DefaultMax, ct);
        return TypedResults.Ok(new OverviewDto(o, o.Rate.Value, CentralDisposalRate.RuleZh, CentralDisposalRate.RuleEn));
    }

    private static Task<bool> EnterpriseExistsAsync(SmartEnvDbContext db, string uscc, CancellationToken ct) =>
        db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct);
}
