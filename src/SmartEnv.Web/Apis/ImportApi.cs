using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Imports;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>POST /api/import</c> (admin): multipart form with a <c>file</c> part (plain or .gz) and a <c>format</c> field
/// (<c>cnemc-sites</c>, <c>prsa</c>, <c>cnemc-water</c>, <c>hj212-log</c>; also accepted as query parameter) and an optional
/// <c>all_sites</c> field or query parameter (<c>true</c>: also import the stations/sections of a national file outside the
/// district, as non-public sites outside the district's views; default only the district's own) and an optional <c>replace</c>
/// field or query parameter (<c>true</c>: the import may change stored values; the previous values are kept in the audit trail,
/// <c>import.values.replace</c>). Without it, an import that would change any stored value is refused whole: 409 with a
/// problem naming <c>replace</c>, the count (<c>values_changed</c>), examples (<c>changed_values</c>: site, parameter, period,
/// time, old → new) and the <c>import</c> summary (state <c>refused</c>); nothing is applied. Runs the same
/// import as <c>smartenv import</c> (<see cref="FileImport"/>) through the <see cref="OperationRegistry"/> and answers 200
/// with the same summary (rows read/skipped, values accepted/inserted/changed, sites created/matched, rejects with line and
/// column); with <c>?async=true</c> it answers 202 at once with the operation (<c>Location: /api/operations/{id}</c>) to
/// poll. 400 for a missing or empty file or an unknown format (problem naming <c>file</c>/<c>format</c>); 413 when the body is
/// over Kestrel's request limit (30,000,000 bytes by default; <see cref="BadRequestProblemHandler"/>). Imports and recomputations
/// run one at a time. File names and reject reasons name the uploaded file, never the server's temporary path. The admin token travels in a header, not a cookie, so the form
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
        app.MapPost("/api/import", ImportAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).DisableAntiforgery().WithTags("import").WithName("Import")
            .WithSummary("Import a published file or an HJ 212 log into the store (admin); same summary as `smartenv import`; `?async=true` answers 202 with an operation.")
            .Accepts<IFormFile>("multipart/form-data");
        app.MapGet("/api/operations", (OperationRegistry ops) => TypedResults.Ok(ops.List().Select(WithoutUploadPath).ToList()))
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("import").WithName("Operations").WithSummary("Long operations (imports, AQI recomputations), newest first, with progress (admin).");
        app.MapGet("/api/operations/{id}", Results<Ok<OperationSnapshot>, NotFound> (string id, OperationRegistry ops) =>
                ops.Get(id) is { } s ? TypedResults.Ok(WithoutUploadPath(s)) : TypedResults.NotFound())
            .RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("import").WithName("Operation").WithSummary("One long operation with its progress and result (admin).");
        app.MapPost("/api/sites/{code}/aqi/recompute", RecomputeAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithTags("import").WithName("RecomputeAqi")
            .WithSummary("Recompute a site's stored hourly and daily AQI over natural days from…to in the background (admin); 202 with the operation.");
        return app;
    }

    private static async Task<Results<Accepted<OperationSnapshot>, ProblemHttpResult, NotFound>> RecomputeAsync(string code, DateOnly from, DateOnly to,
        SmartEnvDbContext db, OperationRegistry ops, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var check = OperationRegistry.CheckRecomputeRange(from, to, time.GetUtcNow());
        if (check.Error is not null)
            return TypedResults.Problem(check.Error, statusCode: 400, title: $"invalid '{check.Field}'",
                extensions: new Dictionary<string, object?> { ["field"] = check.Field });
        to = check.To;
        var site = await db.Sites.AsNoTracking().Where(s => s.Code == code).Select(s => new { s.Id, s.Kind }).FirstOrDefaultAsync(ct);
        if (site is null) return TypedResults.NotFound();
        if (site.Kind != SiteKind.Air) return TypedResults.Problem($"site {code} is not an air site", statusCode: 400);
        var op = ops.StartRecompute(site.Id, code, from, to, AuditActors.FromHttp(http));
        return TypedResults.Accepted($"/api/operations/{op.Id}", op);
    }

    private static async Task<Results<Ok<ImportSummary>, Accepted<OperationSnapshot>, ProblemHttpResult>> ImportAsync(HttpRequest request,
        OperationRegistry ops, string? format, bool? async, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "all_sites")] bool? allSites, bool? replace, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return ApiProblem("file", "send multipart/form-data with a 'file' part and a 'format' field");
        var form = await request.ReadFormAsync(ct);
        var fmt = form["format"].FirstOrDefault() ?? format;
        if (fmt is null || !FileImport.Formats.Contains(fmt))
            return ApiProblem("format", $"unknown or missing format '{fmt}' (supported: {string.Join(", ", FileImport.Formats)})");
        var all = allSites ?? false;
        if (form["all_sites"].FirstOrDefault() is { } a)
        {
            if (!bool.TryParse(a, out all)) return ApiProblem("all_sites", $"all_sites must be true or false, not '{a}'");
        }
        var mayReplace = replace ?? false;
        if (form["replace"].FirstOrDefault() is { } rp)
        {
            if (!bool.TryParse(rp, out mayReplace)) return ApiProblem("replace", $"replace must be true or false, not '{rp}'");
        }
        var file = form.Files["file"] ?? form.Files.FirstOrDefault();
        if (file is null)
            return ApiProblem("file", "no file uploaded: send the file as multipart part 'file' (curl -F file=@PATH)");
        var name = UploadName(file.FileName);
        if (file.Length == 0)
            return ApiProblem("file", $"empty file: '{name}' has 0 bytes, nothing to import");
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
        var op = ops.StartImport(fmt, path, name, dir, all, AuditActors.FromHttp(request.HttpContext), mayReplace);
        if (async == true) return TypedResults.Accepted($"/api/operations/{op.Id}", WithoutUploadPath(op));
        var done = WithoutUploadPath(await ops.WaitAsync(op.Id, ct));
        if (done.Import is null) throw new InvalidOperationException("import failed: " + done.Error);
        if (done.Import.State == "refused")
            return TypedResults.Problem($"{done.Import.ValuesChanged} stored values would change; nothing was applied. Send replace=true to replace them (the previous values are kept in the audit trail).",
                statusCode: 409, title: "import would change stored values",
                extensions: new Dictionary<string, object?>
                {
                    ["field"] = "replace", ["values_changed"] = done.Import.ValuesChanged, ["changed_values"] = done.Import.ChangedValues, ["import"] = done.Import,
                });
        return TypedResults.Ok(done.Import);
    }

    private static ProblemHttpResult ApiProblem(string field, string message) =>
        TypedResults.Problem(message, statusCode: 400, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static readonly System.Text.RegularExpressions.Regex UploadDirectory = new(
        System.Text.RegularExpressions.Regex.Escape(Path.GetTempPath()) + @"smartenv-upload-[0-9a-f]{32}[/\\]",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Removes the server's temporary upload directory (<c>/tmp/smartenv-upload-…/</c>) from an uploaded file's name,
    /// reject reasons and error, so answers name the file as the client sent it and do not reveal server paths.</summary>
    /// <param name="s">Snapshot as the registry holds it.</param>
    public static OperationSnapshot WithoutUploadPath(OperationSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        string Strip(string text) => UploadDirectory.Replace(text, "");
        return s with
        {
            Error = s.Error is null ? null : Strip(s.Error),
            Import = s.Import is null ? null : s.Import with
            {
                File = Strip(s.Import.File),
                Rejects = s.Import.Rejects.Select(r => r with { Reason = Strip(r.Reason) }).ToList(),
            },
        };
    }

    /// <summary>The file name part of an uploaded name, or <c>upload</c> when it is empty or unusable.</summary>
    /// <param name="fileName">Name sent by the client.</param>
    public static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 ? "upload" : name;
    }
}
