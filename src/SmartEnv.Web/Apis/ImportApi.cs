using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Pipeline;
using SmartEnv.Storage;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>POST /api/import</c> (admin): multipart form with a <c>file</c> part (plain or .gz) and a <c>format</c> field
/// (<c>cnemc-sites</c>, <c>prsa</c>, <c>cnemc-water</c>, <c>hj212-log</c>; also accepted as query parameter). Runs the same
/// import as <c>smartenv import</c> (<see cref="FileImport"/>) and answers 200 with the same summary (rows read/skipped,
/// values accepted/inserted/changed, sites created/matched, rejects with line and column). 400 for a missing file or an
/// unknown format. Imports run one at a time; the upload size is bounded by Kestrel's request limit (30 MB by default).
/// The admin token travels in a header, not a cookie, so the form endpoint has no antiforgery check.
/// </summary>
public static class ImportApi
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/import", ImportAsync).RequireAdmin().DisableAntiforgery().WithTags("import").WithName("Import")
            .WithSummary("Import a published file or an HJ 212 log into the store (admin); same summary as `smartenv import`.")
            .Accepts<IFormFile>("multipart/form-data");
        return app;
    }

    private static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> ImportAsync(HttpRequest request, SmartEnvStore store, string? format, CancellationToken ct)
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
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) name = "upload";
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-upload-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await OneAtATime.WaitAsync(ct);
        try
        {
            var path = Path.Combine(dir, name);
            await using (var target = File.Create(path)) await file.CopyToAsync(target, ct);
            return TypedResults.Ok(await FileImport.ImportAsync(store, fmt, path, ct: ct));
        }
        finally
        {
            OneAtATime.Release();
            Directory.Delete(dir, true);
        }
    }
}
