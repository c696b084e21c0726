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
using SmartEnv.Supervision.Waste.Ledger;
using SmartEnv.Waste.Ledger;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 17 P2 (docs/waste.md "P2"): an enterprise's waste party profile, facilities, containers (一物一码),
/// its HJ 1259-2022 ledger and stock, under <c>/api/enterprises/{uscc}/hw/…</c>, so the enterprise scope check answers 404
/// for another enterprise's code before anything else (<see cref="EnterpriseScope"/>); a container identifier of another
/// enterprise under one's own code is a 404 by the query. Reads: staff and the enterprise's own users
/// (<see cref="SmartEnvPolicies.EnterpriseOrStaff"/>). The party profile is written by staff (<see cref="SmartEnvPolicies.Enforcement"/>);
/// facilities, containers and ledger stages by the enterprise itself or enforcement staff (<see cref="WriterRoles"/>).
/// Every change is audited by <see cref="LedgerService"/>. Instants are ISO 8601 with offset; dates Beijing calendar dates;
/// quantities tonnes.
/// </summary>
public static class WasteLedgerApi
{
    /// <summary>Roles that may write an enterprise's facilities, containers and ledger: the enterprise itself and the staff
    /// of <see cref="SmartEnvPolicies.Enforcement"/>; other staff read only.</summary>
    public static IReadOnlyList<string> WriterRoles { get; } = [SmartEnvRoles.Enterprise, SmartEnvRoles.Admin, SmartEnvRoles.Enforcement];

    /// <summary>Body of <c>PUT /{uscc}/hw/party</c>.</summary>
    /// <param name="Roles">Role names: generator, carrier, receiver, medical_institution, medical_disposal.</param>
    /// <param name="HwLicenceNumber">危险废物经营许可证 (receivers, medical disposal).</param>
    /// <param name="TransportLicence">道路运输经营许可证 (carriers).</param>
    /// <param name="DivisionCode">GB/T 2260 six digits (default 500105).</param>
    /// <param name="IsBusinessUnit">经营单位 (固废法 Art. 81).</param>
    public sealed record PartyWrite(List<string>? Roles, string? HwLicenceNumber, string? TransportLicence, string? DivisionCode, bool? IsBusinessUnit);

    /// <summary>Body of <c>POST /{uscc}/hw/facilities</c>.</summary>
    /// <param name="Code">设施编码, e.g. <c>TS001</c>.</param>
    /// <param name="Kind"><c>storage</c> | <c>production</c> | <c>utilisation</c> | <c>disposal</c> | <c>medical_temporary</c>.</param>
    /// <param name="Name">Name.</param>
    /// <param name="CapacityT">t.</param>
    public sealed record FacilityWrite(string? Code, WasteFacilityKind? Kind, string? Name, decimal? CapacityT);

    /// <summary>Body of <c>POST /{uscc}/hw/containers</c> (产生); see <see cref="GenerateInput"/> for each field.</summary>
    /// <param name="WasteCode">废物代码.</param>
    /// <param name="Name">废物名称.</param>
    /// <param name="Quantity">产生量.</param>
    /// <param name="Unit">t, kg, g, m3, L.</param>
    /// <param name="GeneratedAt">产生时间 (default now).</param>
    /// <param name="DensityTPerM3">t/m³ for a volume.</param>
    /// <param name="Form">形态.</param>
    /// <param name="Hazard">危险特性 (default as listed).</param>
    /// <param name="MainComponents">主要成分.</param>
    /// <param name="HarmfulComponents">有害成分.</param>
    /// <param name="Precautions">注意事项.</param>
    /// <param name="ContainerType">容器类型.</param>
    /// <param name="VolumeL">L.</param>
    /// <param name="GenerationBatch">产生批次编码.</param>
    /// <param name="GeneratingFacilityCode">产生设施编码.</param>
    /// <param name="Handler">经办人.</param>
    /// <param name="Destination">去向.</param>
    /// <param name="ListVersion">名录 version (default in force).</param>
    public sealed record ContainerWrite(string? WasteCode, string? Name, decimal? Quantity, string? Unit, DateTimeOffset? GeneratedAt,
        decimal? DensityTPerM3, string? Form, string? Hazard, string? MainComponents, string? HarmfulComponents, string? Precautions,
        string? ContainerType, decimal? VolumeL, string? GenerationBatch, string? GeneratingFacilityCode, string? Handler, string? Destination,
        string? ListVersion);

    /// <summary>Body of <c>POST /{uscc}/hw/containers/{identifier}/{stage}</c>; see <see cref="StageInput"/>.</summary>
    /// <param name="At">When (default now).</param>
    /// <param name="BatchCode">批次编码.</param>
    /// <param name="FacilityCode">设施编码.</param>
    /// <param name="Handler">经办人.</param>
    /// <param name="HandlerTo">运送部门经办人.</param>
    /// <param name="LinkedBatch">前一环节批次编码.</param>
    /// <param name="Destination">去向.</param>
    /// <param name="Method">利用/处置方式.</param>
    /// <param name="CompletedAt">完毕时间.</param>
    /// <param name="ReceiverUscc">接收单位代码.</param>
    /// <param name="ReceiverName">接收单位名称.</param>
    /// <param name="ReceiverLicence">许可证编码.</param>
    /// <param name="ReceiverType">接收单位类型.</param>
    /// <param name="ManifestNumber">联单编号.</param>
    /// <param name="Reason">Remark.</param>
    public sealed record StageWrite(DateTimeOffset? At, string? BatchCode, string? FacilityCode, string? Handler, string? HandlerTo, string? LinkedBatch,
        string? Destination, string? Method, DateTimeOffset? CompletedAt, string? ReceiverUscc, string? ReceiverName, string? ReceiverLicence,
        string? ReceiverType, string? ManifestNumber, string? Reason);

    /// <summary>A container with its ledger entries.</summary>
    /// <param name="Container">The container.</param>
    /// <param name="Entries">Its entries in writing order.</param>
    public sealed record ContainerDetail(ContainerView Container, IReadOnlyList<EntryView> Entries);

    /// <summary>Stock at a date.</summary>
    /// <param name="Date">Beijing date (end of day).</param>
    /// <param name="Facilities">Per storage facility.</param>
    public sealed record StockDto(DateOnly Date, IReadOnlyList<StockLine> Facilities);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteLedgerApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises/{uscc}/hw").WithTags("hw");
        g.MapGet("/party", GetPartyAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetWasteParty")
            .WithSummary("The enterprise's hazardous-waste roles, licences and division code (signed in).");
        g.MapPut("/party", PutPartyAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("PutWasteParty")
            .WithSummary("Set the enterprise's hazardous-waste roles, licences, division code and business-unit flag (staff).");
        g.MapGet("/facilities", FacilitiesAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListWasteFacilities")
            .WithSummary("The enterprise's waste facilities (storage, production, utilisation, disposal, medical temporary store) (signed in).");
        g.MapPost("/facilities", AddFacilityAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("AddWasteFacility")
            .WithSummary("Register a waste facility; it gets its own site for alerts (the enterprise, enforcement staff).");
        g.MapGet("/containers", ContainersAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListWasteContainers")
            .WithSummary("The enterprise's hazardous-waste containers, newest first; filter by q, code, state, facility (signed in).");
        g.MapPost("/containers", GenerateAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GenerateWasteContainer")
            .WithSummary("Record generated hazardous waste in one container: identifier assigned, code checked, quantity in tonnes (the enterprise, enforcement staff).");
        g.MapGet("/containers/{identifier}", ContainerAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetWasteContainer")
            .WithSummary("One container with its ledger entries (signed in).");
        g.MapPost("/containers/{identifier}/{stage}", RecordAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("RecordWasteStage")
            .WithSummary("Record a ledger stage of a container: stored, removed, self-used or transferred (the enterprise, enforcement staff).");
        g.MapGet("/ledger", LedgerAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("WasteLedger")
            .WithSummary("The enterprise's hazardous-waste ledger entries in order, optionally from/to Beijing dates (signed in).");
        g.MapGet("/stock", StockAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("WasteStock")
            .WithSummary("Stock per storage facility at the end of a Beijing date (default today), replayed from the ledger (signed in).");
        return app;
    }

    private static LedgerService Ledger(SmartEnvDbContext db, TimeProvider time) => new(db, time);

    private static ProblemHttpResult Forbidden() =>
        TypedResults.Problem("writing the waste ledger needs role enterprise, enforcement or admin", statusCode: StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<PartyView>, ProblemHttpResult>> GetPartyAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var p = await Ledger(db, time).GetPartyAsync(uscc, ct);
        return p is null ? ApiValidation.NotFound($"enterprise {uscc} has no waste profile") : TypedResults.Ok(PartyView.Of(p));
    }

    private static async Task<Results<Ok<PartyView>, ValidationProblem, ProblemHttpResult>> PutPartyAsync(string uscc, PartyWrite body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!PartyView.TryParseRoles(body.Roles, out var roles))
            return ApiValidation.Invalid("roles", "role names are generator, carrier, receiver, medical_institution, medical_disposal");
        try
        {
            var p = await Ledger(db, time).UpsertPartyAsync(uscc, new PartyInput(roles, body.HwLicenceNumber, body.TransportLicence, body.DivisionCode,
                body.IsBusinessUnit ?? false), AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(PartyView.Of(p));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (LedgerException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static async Task<Results<Ok<List<FacilityView>>, ProblemHttpResult>> FacilitiesAsync(string uscc, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        return TypedResults.Ok((await Ledger(db, time).FacilitiesAsync(uscc, ct)).Select(FacilityView.Of).ToList());
    }

    private static async Task<Results<Created<FacilityView>, Ok<FacilityView>, ValidationProblem, ProblemHttpResult>> AddFacilityAsync(string uscc,
        FacilityWrite body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!WriterRoles.Any(http.User.IsInRole)) return Forbidden();
        if (body.Kind is null) return ApiValidation.Invalid("kind", "storage | production | utilisation | disposal | medical_temporary");
        try
        {
            var existed = await db.WasteFacilities.AnyAsync(f => f.Uscc == uscc && f.Code == (body.Code ?? "").Trim(), ct);
            var f = await Ledger(db, time).EnsureFacilityAsync(uscc, new FacilityInput(body.Code ?? "", body.Kind.Value, body.Name ?? "", body.CapacityT),
                AuditActors.FromHttp(http), ct);
            return existed ? TypedResults.Ok(FacilityView.Of(f)) : TypedResults.Created($"/api/enterprises/{uscc}/hw/facilities", FacilityView.Of(f));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (LedgerException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (LedgerException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static async Task<Results<Ok<List<ContainerView>>, ValidationProblem, ProblemHttpResult>> ContainersAsync(string uscc, string? q, string? code,
        string? state, string? facility, int? limit, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        WasteLedgerStage? st = null;
        if (!string.IsNullOrWhiteSpace(state))
        {
            if (!Enum.TryParse<WasteLedgerStage>(state.Replace("_", "", StringComparison.Ordinal), true, out var s) || !Enum.IsDefined(s))
                return ApiValidation.Invalid("state", "generated | stored | removed | self_used | transferred");
            st = s;
        }
        var list = await Ledger(db, time).ContainersAsync(uscc, new ContainerQuery(q, code, st, facility, limit ?? 200), ct);
        return TypedResults.Ok(list.Select(ContainerView.Of).ToList());
    }

    private static async Task<Results<Created<ContainerView>, ValidationProblem, ProblemHttpResult>> GenerateAsync(string uscc, ContainerWrite body,
        SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!WriterRoles.Any(http.User.IsInRole)) return Forbidden();
        if (body.Quantity is null) return ApiValidation.Invalid("quantity", "产生量 is required");
        var input = new GenerateInput(body.WasteCode ?? "", body.Name ?? "", body.Quantity.Value, body.Unit ?? "", body.GeneratedAt ?? time.GetUtcNow(),
            body.DensityTPerM3, body.Form, body.Hazard, body.MainComponents, body.HarmfulComponents, body.Precautions, body.ContainerType, body.VolumeL,
            body.GenerationBatch, body.GeneratingFacilityCode, body.Handler, body.Destination, body.ListVersion);
        try
        {
            var c = await Ledger(db, time).GenerateAsync(uscc, input, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/hw/containers/{c.Identifier}", ContainerView.Of(c));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (LedgerException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (LedgerException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static async Task<Results<Ok<ContainerDetail>, ProblemHttpResult>> ContainerAsync(string uscc, string identifier, SmartEnvDbContext db,
        TimeProvider time, CancellationToken ct)
    {
        var ledger = Ledger(db, time);
        var c = await ledger.FindContainerAsync(identifier, ct);
        if (c is null || c.Uscc != uscc) return ApiValidation.NotFound($"no container {identifier} of {uscc}");
        return TypedResults.Ok(new ContainerDetail(ContainerView.Of(c), (await ledger.LedgerAsync(uscc, c.Id, ct: ct)).Select(EntryView.Of).ToList()));
    }

    private static async Task<Results<Created<EntryView>, ValidationProblem, ProblemHttpResult>> RecordAsync(string uscc, string identifier, string stage,
        StageWrite? body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!WriterRoles.Any(http.User.IsInRole)) return Forbidden();
        if (!LedgerStages.TryParseSegment(stage, out var s)) return ApiValidation.NotFound($"no ledger stage '{stage}' (stored, removed, self-used, transferred)");
        var b = body ?? new StageWrite(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        var input = new StageInput(b.At ?? time.GetUtcNow(), b.BatchCode, b.FacilityCode, b.Handler, b.HandlerTo, b.LinkedBatch, b.Destination, b.Method,
            b.CompletedAt, b.ReceiverUscc, b.ReceiverName, b.ReceiverLicence, b.ReceiverType, b.ManifestNumber, b.Reason);
        try
        {
            var e = await Ledger(db, time).RecordAsync(uscc, identifier, s, input, AuditActors.FromHttp(http), ct);
            return TypedResults.Created($"/api/enterprises/{uscc}/hw/containers/{identifier}", EntryView.Of(e));
        }
        catch (KeyNotFoundException ex) { return ApiValidation.NotFound(ex.Message); }
        catch (LedgerException ex) when (ex.Conflict) { return ApiValidation.Conflict(ex.Message); }
        catch (LedgerException ex) { return TypedResults.ValidationProblem(ex.Errors); }
    }

    private static async Task<Results<Ok<List<EntryView>>, ValidationProblem, ProblemHttpResult>> LedgerAsync(string uscc, DateOnly? from, DateOnly? to,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        if (from is { } f && to is { } t && t < f) return ApiValidation.Invalid("to", "to is before from");
        return TypedResults.Ok((await Ledger(db, time).LedgerAsync(uscc, null, from, to, ct)).Select(EntryView.Of).ToList());
    }

    private static async Task<Results<Ok<StockDto>, ProblemHttpResult>> StockAsync(string uscc, DateOnly? date, SmartEnvDbContext db, TimeProvider time,
        CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return ApiValidation.NotFound($"no enterprise {uscc}");
        var day = date ?? BeijingTime.Today(time);
        return TypedResults.Ok(new StockDto(day, await Ledger(db, time).StockAsync(uscc, day, ct)));
    }
}
