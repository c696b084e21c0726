using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Storage;
using SmartEnv.Waste.Labels;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 17 P3 (docs/waste.md "Labels and the public container view"): the HJ 1276 label of a container as a
/// PDF (<c>GET /api/enterprises/{uscc}/hw/containers/{identifier}/label.pdf</c>, the generator's users and staff; another
/// enterprise's code is the scope's 404, another enterprise's identifier under one's own code a 404 by the query) and the
/// public view a scanned QR code reads (<c>GET /api/hw/c/{identifier}</c>, anyone: name, category, code, hazard,
/// generator name and generation date only; the page <c>/hw/c/{identifier}</c> shows the same). The QR address is
/// <c>{public base}/hw/c/{identifier}</c>, the base being <see cref="SmartEnvWebOptions.Labels"/>'s
/// <see cref="LabelOptions.PublicBaseUrl"/> or the request's scheme, host and path base. No usable CJK font → 503 whose
/// detail names the package fonts-wqy-microhei; an unusable configured public address → 503 naming <c>--public-url</c>. Reads only; nothing is audited.
/// </summary>
public static class WasteLabelsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapWasteLabelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/enterprises/{uscc}/hw/containers/{identifier}/label.pdf", LabelAsync).WithTags("hw")
            .RequireAuthorization(SmartEnvPolicies.EnterpriseOrStaff).WithName("HwContainerLabel")
            .WithSummary("The container's HJ 1276 label as PDF (size by container volume; QR opens /hw/c/{identifier}) (the enterprise, staff).");
        app.MapGet("/api/hw/c/{identifier}", PublicAsync).WithTags("hw").AllowAnonymous().WithName("HwContainerPublic")
            .WithSummary("What a scanned label shows: waste name, category, code, hazard, generator name and generation date (public).");
        return app;
    }

    /// <summary>The public base of QR addresses for this request: <c>scheme://host/pathbase</c>.</summary>
    /// <param name="http">The request.</param>
    public static string RequestBase(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> LabelAsync(string uscc, string identifier, SmartEnvDbContext db,
        SmartEnvWebOptions options, HttpContext http, CancellationToken ct)
    {
        try
        {
            var doc = await new LabelService(db, options.Labels).PrintAsync(uscc, identifier, RequestBase(http), ct);
            if (doc is null) return ApiValidation.NotFound($"no container {identifier} of {uscc}");
            return TypedResults.File(doc.Pdf, "application/pdf", $"hw-label-{identifier}.pdf");
        }
        catch (LabelFontMissingException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "label font missing");
        }
        catch (ArgumentException ex) when (ex.ParamName == "publicBase")
        {
            return TypedResults.Problem("the configured public address (smartenv serve --public-url) is not usable: " + ex.Message,
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "public address misconfigured");
        }
    }

    private static async Task<Results<Ok<ContainerPublicView>, ProblemHttpResult>> PublicAsync(string identifier, SmartEnvDbContext db,
        SmartEnvWebOptions options, CancellationToken ct)
    {
        var view = await new LabelService(db, options.Labels).PublicViewAsync(identifier, ct);
        return view is null ? ApiValidation.NotFound($"no container {identifier}") : TypedResults.Ok(view);
    }
}
