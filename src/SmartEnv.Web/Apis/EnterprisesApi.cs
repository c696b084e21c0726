using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The enterprise registry (<c>/api/enterprises</c>, issue 13): enterprises (排污单位) by 统一社会信用代码 and their
/// pollution-source monitoring sites. Reads need a signed-in principal (anonymous: 401) and see what the request's
/// <see cref="DataScope"/> lets through — staff every enterprise, an enterprise user its own; an id outside the scope is a
/// 404 (<see cref="EnterpriseScope"/>). Create and update are for staff of policy <see cref="SmartEnvPolicies.Enforcement"/>; the code is checked per GB 32100-2015 (<see cref="Uscc"/>) and
/// a bad one is a 400 naming the position of the bad character.
/// </summary>
public static class EnterprisesApi
{
    /// <summary>An enterprise as the API shows it.</summary>
    /// <param name="Uscc">统一社会信用代码 (18 characters, GB 32100-2015).</param>
    /// <param name="Name">Registered name.</param>
    /// <param name="Address">Address, optional.</param>
    /// <param name="Street">Street or town (街道/镇), optional.</param>
    /// <param name="CreatedAt">Registered in SmartEnv (UTC).</param>
    public sealed record EnterpriseDto(string Uscc, string Name, string? Address, string? Street, DateTimeOffset CreatedAt);

    /// <summary>Body of a create (<c>POST</c>, <see cref="Uscc"/> required) or update (<c>PUT /{uscc}</c>, code ignored).</summary>
    /// <param name="Uscc">统一社会信用代码, upper case as printed on the licence (create only).</param>
    /// <param name="Name">Registered name, 1–128 characters.</param>
    /// <param name="Address">Address, at most 256 characters.</param>
    /// <param name="Street">Street or town, at most 64 characters.</param>
    public sealed record EnterpriseWrite(string? Uscc, string? Name, string? Address, string? Street);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises").WithTags("enterprises");
        g.MapGet("/", ListAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListEnterprises")
            .WithSummary("Enterprises in the caller's scope: staff all, an enterprise user its own (signed in).");
        g.MapGet("/{uscc}", GetAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetEnterprise")
            .WithSummary("One enterprise by 统一社会信用代码; 404 outside the caller's scope (signed in).");
        g.MapGet("/{uscc}/sites", SitesAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseSites")
            .WithSummary("The enterprise's pollution-source monitoring sites (signed in).");
        g.MapPost("/", CreateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CreateEnterprise")
            .WithSummary("Register an enterprise; 400 naming the position of a bad character of the code (staff).");
        g.MapPut("/{uscc}", UpdateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("UpdateEnterprise")
            .WithSummary("Change an enterprise's name, address, street (staff).");
        return app;
    }

    private static async Task<Ok<List<EnterpriseDto>>> ListAsync(SmartEnvDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Enterprises.AsNoTracking().OrderBy(e => e.Uscc).ToListAsync(ct)).Select(ToDto).ToList());

    private static async Task<Results<Ok<EnterpriseDto>, ProblemHttpResult>> GetAsync(string uscc, SmartEnvDbContext db, CancellationToken ct) =>
        await db.Enterprises.AsNoTracking().SingleOrDefaultAsync(e => e.Uscc == uscc, ct) is { } e ? TypedResults.Ok(ToDto(e)) : NoEnterprise(uscc);

    private static async Task<Results<Ok<List<SitesApi.SiteDto>>, ProblemHttpResult>> SitesAsync(string uscc, SmartEnvDbContext db, CancellationToken ct)
    {
        if (!await db.Enterprises.AnyAsync(e => e.Uscc == uscc, ct)) return NoEnterprise(uscc);
        var sites = await db.Sites.AsNoTracking().Where(s => s.EnterpriseUscc == uscc).OrderBy(s => s.Code).ToListAsync(ct);
        return TypedResults.Ok(sites.Select(s => SitesApi.ToDto(s, null)).ToList());
    }

    private static async Task<Results<Created<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        EnterpriseWrite body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = Validate(body);
        if (Uscc.Check(body.Uscc) is { } fault) errors["uscc"] = [fault.Message];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var uscc = body.Uscc!;
        if (await db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.Uscc == uscc, ct))
            return ApiValidation.Conflict($"enterprise {uscc} exists; change it with PUT /api/enterprises/{uscc}");
        var e = new Enterprise { Uscc = uscc, Name = body.Name!.Trim(), CreatedAt = time.GetUtcNow() };
        Apply(e, body);
        await using (var tx = await AuditTrail.BeginAsync(db, ct))
        {
            db.Enterprises.Add(e);
            await db.SaveChangesAsync(ct);
            await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "enterprise.create", "enterprise", uscc, null, ToDto(e), null, time.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Created($"/api/enterprises/{uscc}", ToDto(e));
    }

    private static async Task<Results<Ok<EnterpriseDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string uscc, EnterpriseWrite body, SmartEnvDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var errors = Validate(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var e = await db.Enterprises.SingleOrDefaultAsync(x => x.Uscc == uscc, ct);
        if (e is null) return NoEnterprise(uscc);
        var before = ToDto(e);
        await using var tx = await AuditTrail.BeginAsync(db, ct);
        e.Name = body.Name!.Trim();
        Apply(e, body);
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "enterprise.update", "enterprise", uscc, before, ToDto(e), null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToDto(e));
    }

    private static ProblemHttpResult NoEnterprise(string uscc) => ApiValidation.NotFound($"no enterprise {uscc}");

    private static EnterpriseDto ToDto(Enterprise e) => new(e.Uscc, e.Name, e.Address, e.Street, e.CreatedAt);

    private static void Apply(Enterprise e, EnterpriseWrite b)
    {
        e.Address = string.IsNullOrWhiteSpace(b.Address) ? null : b.Address.Trim();
        e.Street = string.IsNullOrWhiteSpace(b.Street) ? null : b.Street.Trim();
    }

    private static Dictionary<string, string[]> Validate(EnterpriseWrite b)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Trim().Length > Enterprise.NameLength) e["name"] = [$"name must be 1–{Enterprise.NameLength} characters"];
        if (b.Address is { Length: > Enterprise.AddressLength }) e["address"] = [$"address must be at most {Enterprise.AddressLength} characters"];
        if (b.Street is { Length: > Enterprise.StreetLength }) e["street"] = [$"street must be at most {Enterprise.StreetLength} characters"];
        return e;
    }
}
