using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Pipeline;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>POST /api/import</c> (admin): multipart form with a <c>file</c> part (plain or .gz) and a <c>format</c> field
/// (<c>cnemc-sites</c>, <c>prsa</c>, <c>cnemc-water</c>, <c>hj212-log</c>; also accepted as query parameter). Runs the same
/// import as <c>smartenv import</c> (<see cref="FileImport"/>) through the <see cref="OperationRegistry"/> and answers 200
/// with the same summary (rows read/skipped, values accepted/inserted/changed, sites created/matched, rejects with line and
/// column); with <c>?async=true</c> it answers 202 at once with the operation (<c>Location: /api/operations/{id}</c>) to
/// poll. 400 for a missing file or an unknown format. Imports and recomputations run one at a time; the upload size is
/// bounded by Kestrel's request limit (30 MB by default). The admin token travels in a header, not a cookie, so the form
/// endpoint has no antiforgery check.
/// <para><c>GET /api/operations</c>, <c>GET /api/operations/{id}</c> (admin): the registry's operations with progress and
/// result; <c>POST /api/sites/{code}/aqi/recompute?from=&amp;to=</c> (admin): recomputes a site's hourly and daily AQI over
/// natural days from…to (at most 10 years) in the background, 202 with the operation.</para>
/// </summary>
public static class ImportApi
{
    /// <summary>Longest recomputation range accepted: 3,660 days.</summary>
    public const int MaxRecomputeDays = 3660;

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/import", ImportAsync).RequireAdmin().DisableAntiforgery().WithTags("import").WithName("Import")
            .WithSummary("Import a published file or an HJ 212 log into the store (admin); same summary as `smartenv import`; `?async=true` answers 202 with an operation.")
            .Accepts<IFormFile>("multipart/form-data");
        app.MapGet("/api/operations", (OperationRegistry ops) => TypedResults.Ok(ops.List()))
            .RequireAdmin().WithTags("import").WithName("Operations").WithSummary("Long operations (imports, AQI recomputations), newest first, with progress (admin).");
        app.MapGet("/api/operations/{id}", Results<Ok<OperationSnapshot>, NotFound> (string id, OperationRegistry ops) =>
                ops.Get(id) is { } s ? TypedResults.Ok(s) : TypedResults.NotFound())
            .RequireAdmin().WithTags("import").WithName("Operation").WithSummary("One long operation with its progress and result (admin).");
        app.MapPost("/api/sites/{code}/aqi/recompute", RecomputeAsync).RequireAdmin().WithTags("import").WithName("RecomputeAqi")
            .WithSummary("Recompute a site's stored hourly and daily AQI over natural days from…to in the background (admin); 202 with the operation.");
        return app;
    }

    private static async Task<Results<Accepted<OperationSnapshot>, ProblemHttpResult, NotFound>> RecomputeAsync(string code, DateOnly from, DateOnly to,
        SmartEnvDbContext db, OperationRegistry ops, TimeProvider time, CancellationToken ct)
    {
        var check = OperationRegistry.CheckRecomputeRange(from, to, time.GetUtcNow());
        if (check.Error is not null)
            return TypedResults.Problem(check.Error, statusCode: 400, title: $"invalid '{check.Field}'",
                extensions: new Dictionary<string, object?> { ["field"] = check.Field });
        to = check.To;
        var site = await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => new { s.Id, s.Kind }).FirstOrDefaultAsync(ct);
        if (site is null) return TypedResults.NotFound();
        if (site.Kind != SiteKind.Air) return TypedResults.Problem($"site {code} is not an air site", statusCode: 400);
        var op = ops.StartRecompute(site.Id, code, from, to);
        return TypedResults.Accepted($"/api/operations/{op.Id}", op);
    }

    private static async Task<Results<Ok<ImportSummary>, Accepted<OperationSnapshot>, ProblemHttpResult>> ImportAsync(HttpRequest request,
        OperationRegistry ops, string? format, bool? async, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return TypedResults.Problem("send multipart/form-data with a 'file' part and a 'format' field", statusCode: 400);
        var form = await request.ReadFormAsync(ct);
        var fmt = form["format"].FirstOrDefault() ?? format;
        if (fmt is null || !FileImport.Formats.Contains(fmt))
            return TypedResults.Problem($"unknown or missing format '{fmt}' (supported: {string.Join(", ", FileImport.Formats)})", statusCode: 400);
        var file = form.Files["file"] ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
            return TypedResults.Problem("no file uploaded (multipart part 'file')", statusCode: 400);
        var name = UploadName(file.FileName);
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        try
        {
            await using (var target = File.Create(path)) await file.CopyToAsync(target, ct);
        }
        catch
        {
            Directory.Delete(dir, true);
            throw;
        }
        var op = ops.StartImport(fmt, path, name, dir);
        if (async == true) return TypedResults.Accepted($"/api/operations/{op.Id}", op);
        var done = await ops.WaitAsync(op.Id, ct);
        if (done.Import is null) throw new InvalidOperationException("import failed: " + done.Error);
        return TypedResults.Ok(done.Import);
    }

    /// <summary>The file name part of an uploaded name, or <c>upload</c> when it is empty or unusable.</summary>
    /// <param name="fileName">Name sent by the client.</param>
    public static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "upload" : name;
    }
}
