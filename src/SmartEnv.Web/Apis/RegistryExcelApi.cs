using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Sources.Excel;
using SmartEnv.Storage;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of Excel templates, import and export of the source registry, under <c>/api/registry</c>, staff only (issue 16,
/// plan §2.4). <c>{table}</c> is <c>enterprises|permits|outlets|limits</c> (<see cref="RegistryTables"/>); any other is a 404.
/// <list type="bullet">
/// <item><c>GET /api/registry/templates/{table}.xlsx</c> (staff): the empty template (header row + 填写说明 sheet).</item>
/// <item><c>GET /api/registry/export/{table}.xlsx</c> (staff): the stored registry in the template's layout (permits, outlets
/// and limits of each permit's current version), so an exported file can be edited and imported again.</item>
/// <item><c>POST /api/registry/import/{table}</c> (policy <see cref="SmartEnvPolicies.Enforcement"/>): multipart form with the
/// workbook as part <c>file</c> (at most <see cref="MaxUploadBytes"/>) and optional <c>dry_run</c> (field or query,
/// <c>true</c>: check only). 200 with <see cref="RegistryImportResult"/> when every row is valid (stored unless dry run);
/// 400 problem with <c>row_errors</c> (every fault: Excel row — header = row 1 —, the column's Chinese header, message)
/// and the <c>import</c> result when any row fails — then <b>nothing</b> is stored (<see cref="RegistryImporter"/>).</item>
/// </list>
/// The token travels in a header, not a cookie, so the form endpoint has no antiforgery check (as <c>/api/import</c>).
/// </summary>
public static class RegistryExcelApi
{
    /// <summary>Largest workbook accepted by the import, bytes (10 MiB; a registry template of 10,000 rows is well under 2 MiB). SmartEnv rule.</summary>
    public const long MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>Maps the endpoints.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapRegistryExcelApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/registry").WithTags("enterprises");
        g.MapGet("/templates/{table}.xlsx", Template).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("RegistryTemplate")
            .WithSummary("Empty Excel template of a registry table: enterprises, permits, outlets or limits (staff).");
        g.MapGet("/export/{table}.xlsx", ExportAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("RegistryExport")
            .WithSummary("The stored registry table as an Excel file in the template's layout (staff).");
        g.MapPost("/import/{table}", ImportAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).DisableAntiforgery().WithName("RegistryImport")
            .WithSummary("Import a filled Excel template; every row is checked and nothing is stored when any row fails; dry_run=true checks only (staff).")
            .Accepts<IFormFile>("multipart/form-data");
        return app;
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> Template(string table)
    {
        if (!RegistryTables.TryParse(table, out var t)) return NoTable(table);
        using var ms = new MemoryStream();
        RegistryWorkbook.WriteTemplate(ms, t);
        return TypedResults.File(ms.ToArray(), PlanApi.XlsxType, $"registry-{table}-template.xlsx");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(string table, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!RegistryTables.TryParse(table, out var t)) return NoTable(table);
        using var ms = new MemoryStream();
        await new RegistryImporter(db, time).ExportAsync(ms, t, ct);
        return TypedResults.File(ms.ToArray(), PlanApi.XlsxType, $"registry-{table}.xlsx");
    }

    private static async Task<Results<Ok<RegistryImportResult>, ProblemHttpResult>> ImportAsync(string table, HttpRequest request,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "dry_run")] bool? dryRun, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!RegistryTables.TryParse(table, out var t)) return NoTable(table);
        if (!request.HasFormContentType) return Problem("file", "send multipart/form-data with the workbook as part 'file'");
        var form = await request.ReadFormAsync(ct);
        var dry = dryRun ?? false;
        if (form["dry_run"].FirstOrDefault() is { } d && !bool.TryParse(d, out dry))
            return Problem("dry_run", $"dry_run must be true or false, not '{d}'");
        var file = form.Files["file"] ?? form.Files.FirstOrDefault();
        if (file is null) return Problem("file", "no file uploaded: send the workbook as multipart part 'file' (curl -F file=@PATH)");
        if (file.Length == 0) return Problem("file", "empty file");
        if (file.Length > MaxUploadBytes) return Problem("file", $"the workbook has {file.Length} bytes; at most {MaxUploadBytes} are accepted");
        var name = ImportApi.UploadName(file.FileName);
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        ms.Position = 0;
        var result = await new RegistryImporter(db, time).ImportAsync(ms, t, name, AuditActors.FromHttp(request.HttpContext), dry, ct);
        if (result.Errors.Count == 0) return TypedResults.Ok(result);
        return TypedResults.Problem($"{result.Errors.Count} fault(s) in {name}; nothing was stored (first: row {result.Errors[0].Row}, {result.Errors[0].Column}: {result.Errors[0].Message})",
            statusCode: StatusCodes.Status400BadRequest, title: "registry import refused",
            extensions: new Dictionary<string, object?> { ["field"] = "file", ["row_errors"] = result.Errors, ["import"] = result });
    }

    private static ProblemHttpResult NoTable(string table) =>
        ApiValidation.NotFound($"no registry table '{table}' (enterprises, permits, outlets, limits)");

    private static ProblemHttpResult Problem(string field, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: $"invalid '{field}'",
            extensions: new Dictionary<string, object?> { ["field"] = field });
}
