using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Sources.Excel;
using SmartEnv.Supervision.District;
using SmartEnv.Sources.Registry;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Entities.Sources;

namespace SmartEnv.Web.Apis;

/// <summary>
/// The enterprise registry (<c>/api/enterprises</c>, issue 13): enterprises (排污单位) by 统一社会信用代码 and their
/// pollution-source monitoring sites. Reads need a signed-in principal (anonymous: 401) and see what the request's
/// <see cref="DataScope"/> lets through — staff every enterprise, an enterprise user its own; an id outside the scope is a
/// 404 (<see cref="EnterpriseScope"/>). Create and update are for staff of policy <see cref="SmartEnvPolicies.Enforcement"/>; the code is checked per GB 32100-2015 (<see cref="Uscc"/>) and
/// a bad one is a 400 naming the position of the bad character. Issue 16 adds the profile (industry GB/T 4754, management
/// category, 重点排污单位, coordinates, street code of the 12 of the district, contacts) and list filters
/// (<c>?q=&amp;street=&amp;industry=&amp;category=&amp;key_discharger=&amp;renewal=</c>; <c>renewal=overdue</c> lists the enterprises with a
/// permit whose renewal is overdue today, Beijing date, <see cref="PermitRenewals"/>).
/// </summary>
public static class EnterprisesApi
{
    /// <summary>An enterprise as the API shows it.</summary>
    /// <param name="Uscc">统一社会信用代码 (18 characters, GB 32100-2015).</param>
    /// <param name="Name">Registered name.</param>
    /// <param name="Address">Address, optional.</param>
    /// <param name="Street">Street or town (街道/镇) name, optional.</param>
    /// <param name="CreatedAt">Registered in SmartEnv (UTC).</param>
    /// <param name="StreetCode">12-digit code of the street (one of the 12 of the district), or null.</param>
    /// <param name="IndustryCode">GB/T 4754-2017 class code (4 digits), or null.</param>
    /// <param name="ManagementCategory"><c>key</c> | <c>simplified</c> | <c>registration</c>, or null.</param>
    /// <param name="IsKeyDischarger">On the 重点排污单位名录.</param>
    /// <param name="Longitude">Degrees (6 decimals), or null.</param>
    /// <param name="Latitude">Degrees (6 decimals), or null.</param>
    /// <param name="ContactName">环保联系人, or null.</param>
    /// <param name="ContactPhone">Contact telephone, or null.</param>
    /// <param name="UpdatedAt">Last profile change (UTC), or null.</param>
    public sealed record EnterpriseDto(string Uscc, string Name, string? Address, string? Street, DateTimeOffset CreatedAt,
        string? StreetCode = null, string? IndustryCode = null, string? ManagementCategory = null, bool IsKeyDischarger = false,
        decimal? Longitude = null, decimal? Latitude = null, string? ContactName = null, string? ContactPhone = null, DateTimeOffset? UpdatedAt = null)
    {
        /// <summary>The view of a stored enterprise.</summary>
        /// <param name="e">The row.</param>
        public static EnterpriseDto Of(Enterprise e) => new(e.Uscc, e.Name, e.Address, e.Street, e.CreatedAt, e.StreetCode, e.IndustryCode,
            e.ManagementCategory is { } c ? PermitVersionView.Key(c) : null, e.IsKeyDischarger, e.Longitude, e.Latitude, e.ContactName, e.ContactPhone, e.UpdatedAt);
    }

    /// <summary>Body of a create (<c>POST</c>, <see cref="Uscc"/> required) or update (<c>PUT /{uscc}</c>, code ignored; the
    /// whole profile is replaced, as before).</summary>
    /// <param name="Uscc">统一社会信用代码, upper case as printed on the licence (create only).</param>
    /// <param name="Name">Registered name, 1–128 characters.</param>
    /// <param name="Address">Address, at most 256 characters.</param>
    /// <param name="Street">Street or town, at most 64 characters; a name of one of the district's 12 also sets <see cref="StreetCode"/>.</param>
    /// <param name="StreetCode">12-digit code of one of the district's 12 streets/towns (jiangbei-streets.tsv); sets
    /// <see cref="Street"/> to its name when that is empty; must agree with it otherwise.</param>
    /// <param name="IndustryCode">GB/T 4754-2017 class code, 4 digits.</param>
    /// <param name="ManagementCategory"><c>key</c> | <c>simplified</c> | <c>registration</c>.</param>
    /// <param name="IsKeyDischarger">On the 重点排污单位名录 (default false).</param>
    /// <param name="Longitude">Degrees, −180…180, at most 6 decimals kept.</param>
    /// <param name="Latitude">Degrees, −90…90.</param>
    /// <param name="ContactName">At most 64 characters.</param>
    /// <param name="ContactPhone">At most 32 characters.</param>
    public sealed record EnterpriseWrite(string? Uscc, string? Name, string? Address, string? Street, string? StreetCode = null,
        string? IndustryCode = null, PermitCategory? ManagementCategory = null, bool? IsKeyDischarger = null, decimal? Longitude = null,
        decimal? Latitude = null, string? ContactName = null, string? ContactPhone = null);

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapEnterprisesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/enterprises").WithTags("enterprises");
        g.MapGet("/", ListAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("ListEnterprises")
            .WithSummary("Enterprises in the caller's scope, filtered by q (name or code), street, industry, category, key_discharger and renewal (ok|due_soon|overdue|expired) (signed in).");
        g.MapGet("/{uscc}", GetAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("GetEnterprise")
            .WithSummary("One enterprise by 统一社会信用代码; 404 outside the caller's scope (signed in).");
        g.MapGet("/{uscc}/sites", SitesAsync).RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("EnterpriseSites")
            .WithSummary("The enterprise's pollution-source monitoring sites (signed in).");
        g.MapPost("/", CreateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("CreateEnterprise")
            .WithSummary("Register an enterprise; 400 naming the position of a bad character of the code (staff).");
        g.MapPut("/{uscc}", UpdateAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).WithName("UpdateEnterprise")
            .WithSummary("Change an enterprise's profile: name, address, street, industry, category, coordinates, contacts (staff).");
        return app;
    }

    private static async Task<Results<Ok<List<EnterpriseDto>>, ValidationProblem>> ListAsync(SmartEnvDbContext db, TimeProvider time,
        string? q, string? street, string? industry, string? category, bool? key_discharger, string? renewal, CancellationToken ct)
    {
        var query = db.Enterprises.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var t = q.Trim();
            var upper = t.ToUpperInvariant();
            query = query.Where(e => e.Name.Contains(t) || e.Uscc.StartsWith(upper));
        }
        if (!string.IsNullOrWhiteSpace(street))
        {
            var t = street.Trim();
            query = query.Where(e => e.Street == t || e.StreetCode == t);
        }
        if (!string.IsNullOrWhiteSpace(industry))
        {
            var t = industry.Trim();
            query = query.Where(e => e.IndustryCode != null && e.IndustryCode.StartsWith(t));
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            if (!Enum.TryParse<PermitCategory>(category.Trim(), true, out var c) || !Enum.IsDefined(c) || int.TryParse(category, out _))
                return ApiValidation.Invalid("category", "category is key | simplified | registration");
            query = query.Where(e => e.ManagementCategory == c);
        }
        if (key_discharger is { } k) query = query.Where(e => e.IsKeyDischarger == k);
        var list = await query.OrderBy(e => e.Uscc).ToListAsync(ct);
        if (!string.IsNullOrWhiteSpace(renewal))
        {
            var wanted = renewal.Trim();
            if (!PermitRenewals.Statuses.Contains(wanted))
                return ApiValidation.Invalid("renewal", "renewal is " + string.Join(" | ", PermitRenewals.Statuses));
            var today = BeijingTime.Today(time);
            var hits = (await new RegistryService(db, time).CurrentVersionsAsync(null, ct))
                .Where(x => PermitRenewals.Of(x.Permit.Kind, x.Current, today).Status == wanted).Select(x => x.Permit.Uscc).ToHashSet(StringComparer.Ordinal);
            list = list.Where(e => hits.Contains(e.Uscc)).ToList();
        }
        return TypedResults.Ok(list.Select(ToDto).ToList());
    }

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
        e.UpdatedAt = null;
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
        e.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await AuditTrail.AppendAsync(db, AuditActors.FromHttp(http), "enterprise.update", "enterprise", uscc, before, ToDto(e), null, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(ToDto(e));
    }

    private static ProblemHttpResult NoEnterprise(string uscc) => ApiValidation.NotFound($"no enterprise {uscc}");

    private static EnterpriseDto ToDto(Enterprise e) => EnterpriseDto.Of(e);

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Copies a validated body onto the row (street: name and code kept consistent, <see cref="DistrictStreets"/>).</summary>
    private static void Apply(Enterprise e, EnterpriseWrite b)
    {
        e.Address = Text(b.Address);
        e.Street = Text(b.Street);
        var st = DistrictStreets.Find(b.StreetCode) ?? DistrictStreets.Find(e.Street);
        e.StreetCode = st?.Code;
        e.Street ??= st?.Name;
        e.IndustryCode = Text(b.IndustryCode);
        e.ManagementCategory = b.ManagementCategory;
        e.IsKeyDischarger = b.IsKeyDischarger ?? false;
        e.Longitude = b.Longitude is { } lon ? Math.Round(lon, 6, MidpointRounding.ToEven) : null;
        e.Latitude = b.Latitude is { } lat ? Math.Round(lat, 6, MidpointRounding.ToEven) : null;
        e.ContactName = Text(b.ContactName);
        e.ContactPhone = Text(b.ContactPhone);
    }

    private static Dictionary<string, string[]> Validate(EnterpriseWrite b)
    {
        var e = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Trim().Length > Enterprise.NameLength) e["name"] = [$"name must be 1–{Enterprise.NameLength} characters"];
        if (b.Address is { Length: > Enterprise.AddressLength }) e["address"] = [$"address must be at most {Enterprise.AddressLength} characters"];
        if (b.Street is { Length: > Enterprise.StreetLength }) e["street"] = [$"street must be at most {Enterprise.StreetLength} characters"];
        if (Text(b.StreetCode) is { } sc)
        {
            if (DistrictStreets.Find(sc) is not { } st || st.Code != sc)
                e["street_code"] = ["street_code is the 12-digit code of one of the district's streets/towns: " + string.Join(", ", DistrictStreets.All.Select(x => x.Code + " " + x.Name))];
            else if (Text(b.Street) is { } name && name != st.Name)
                e["street"] = [$"street {name} does not match street_code {sc} ({st.Name})"];
        }
        if (Text(b.IndustryCode) is { } ic && (ic.Length != Enterprise.IndustryCodeLength || !ic.All(char.IsAsciiDigit)))
            e["industry_code"] = ["industry_code is a GB/T 4754-2017 class code of 4 digits, e.g. 4411"];
        if (b.ManagementCategory is { } mc && !Enum.IsDefined(mc)) e["management_category"] = ["management_category is key | simplified | registration"];
        if (b.Longitude is < -180m or > 180m) e["longitude"] = ["longitude must be −180…180"];
        if (b.Latitude is < -90m or > 90m) e["latitude"] = ["latitude must be −90…90"];
        if (b.ContactName is { Length: > Enterprise.ContactNameLength }) e["contact_name"] = [$"contact_name must be at most {Enterprise.ContactNameLength} characters"];
        if (b.ContactPhone is { Length: > Enterprise.ContactPhoneLength }) e["contact_phone"] = [$"contact_phone must be at most {Enterprise.ContactPhoneLength} characters"];
        return e;
    }
}
