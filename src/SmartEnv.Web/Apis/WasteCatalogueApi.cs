using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Waste.Catalogue;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 17 P1: the national list of hazardous wastes (《国家危险废物名录》, supervision.md §3.1) as data, for
/// any signed-in account (<see cref="SmartEnvPolicies.SignedIn"/>; the list is public law, but the API serves the
/// platform's users). <c>GET /api/hw/codes?q=&amp;version=</c> lists the entries of one edition (all, or those whose code,
/// category, industry or description contains <c>q</c>); <c>GET /api/hw/codes/{wasteCode}?version=</c> gives one
/// (<see cref="HwCodeView"/>; <c>900-000-XX</c> of an existing category gives the unlisted view). Without
/// <c>version</c> the edition in force today (Beijing) is used. The editions are the <see cref="HwCatalogues"/> registered
/// in DI, else <see cref="HwCatalogues.Default"/> (2021 only). The route parameter is <c>wasteCode</c>, not <c>code</c>:
/// <c>{code}</c> names a site for the enterprise scope check (<see cref="EnterpriseScope.OwnedRouteParameters"/>).
/// Errors: a malformed code → 400 with the reason (field <c>code</c>); an unknown version → 400 (field <c>version</c>);
/// a well-formed code not listed in that edition (or a 900-000-XX of a category the edition lacks) → 404 with the reason.
/// docs/waste.md "Catalogue and working days".
/// </summary>
public static class WasteCatalogueApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteCatalogueApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/hw/codes").WithTags("hw");
        g.MapGet("", ListAsync).RequireAuthorization(SmartEnvPolicies.SignedIn).WithName("ListHazardousWasteCodes")
            .WithSummary("Codes of the national hazardous-waste list (one edition; default: in force today), filtered by q on code, category, industry or description (signed in).");
        g.MapGet("/{wasteCode}", GetAsync).RequireAuthorization(SmartEnvPolicies.SignedIn).WithName("GetHazardousWasteCode")
            .WithSummary("One code of the national hazardous-waste list with category, industry, description and hazard characteristics; 900-000-XX gives the unlisted view (signed in).");
        return app;
    }

    private static HwCatalogues Catalogues(HttpContext http) => http.RequestServices.GetService<HwCatalogues>() ?? HwCatalogues.Default;

    private static HwCatalogue? Edition(HwCatalogues set, string? version, TimeProvider time, out ValidationProblem? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(version))
        {
            var today = BeijingTime.Today(time);
            if (set.Editions.LastOrDefault(e => e.InForce <= today) is { } current) return current;
            problem = ApiValidation.Invalid("version", $"no list edition loaded is in force on {today:yyyy-MM-dd}; give version");
            return null;
        }
        if (set.Version(version) is { } e) return e;
        problem = ApiValidation.Invalid("version", $"list version '{version}' is not loaded (loaded: {string.Join(", ", set.Editions.Select(x => x.Version))})");
        return null;
    }

    private static Task<Results<Ok<List<HwCodeView>>, ValidationProblem>> ListAsync(string? q, string? version, HttpContext http, TimeProvider time)
    {
        var edition = Edition(Catalogues(http), version, time, out var problem);
        Results<Ok<List<HwCodeView>>, ValidationProblem> result = edition is null ? problem!
            : TypedResults.Ok(edition.Search(q).Select(e => HwCodeView.Of(e, edition)).ToList());
        return Task.FromResult(result);
    }

    private static Task<Results<Ok<HwCodeView>, ValidationProblem, ProblemHttpResult>> GetAsync(string wasteCode, string? version, HttpContext http, TimeProvider time)
    {
        var set = Catalogues(http);
        var edition = Edition(set, version, time, out var problem);
        Results<Ok<HwCodeView>, ValidationProblem, ProblemHttpResult> result;
        if (edition is null) result = problem!;
        else if (HwCodeView.TryLookUp(set, wasteCode, edition.Version, out var view, out var reason, out var malformed)) result = TypedResults.Ok(view!);
        else result = malformed ? ApiValidation.Invalid("code", reason!) : ApiValidation.NotFound(reason!);
        return Task.FromResult(result);
    }
}
