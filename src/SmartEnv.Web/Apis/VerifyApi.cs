using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Ingestion.Files;
using SmartEnv.Verifications;
using SmartEnv.Verifications.Files;

namespace SmartEnv.Web.Apis;

/// <summary>
/// <c>POST /api/verify/{domain}</c> (monitoring/admin; issue 22, docs/verification.md): verification of published figures.
/// <c>domain</c> is <c>air</c>, <c>water</c> or <c>noise</c>. Multipart form: one or more <c>file</c> parts (plain or .gz,
/// UTF-8 or GBK), <c>format</c> (<c>china-sites</c>, <c>prsa</c>, <c>csv</c> for air; <c>cnemc-water</c>, <c>csv</c> for
/// water; <c>csv</c> for noise), optional <c>map</c> (csv: <c>field=header,…</c>), <c>regime</c> (air), <c>lang</c>
/// (<c>zh</c>/<c>en</c>, Excel headers); each field may also be a query parameter. 200 with the report as JSON (the same
/// document as <c>smartenv verify --json</c>: <c>domain, regime, rows, compared, matched, match_rate, skipped,
/// findings[{domain, cause, from, to, stations, rows, summary, summary_en}], mismatches[{station, time, figure, published,
/// ours, difference, cause, explaining, location}], message</c>), or the Excel workbook (概要/发现/不一致明细) with
/// <c>?output=xlsx</c> or <c>Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</c>. The import
/// limits apply (<see cref="ImportLimits"/>: decompressed size, rows, line length, cells); the body limit is Kestrel's, as
/// for imports (413). Errors are problems (400) with <c>errors.{field}</c>: unknown domain/format/regime, a bad map, no
/// file; an input error names <c>file</c>, <c>line</c> and <c>column</c>. Nothing is stored.
/// </summary>
public static class VerifyApi
{
    /// <summary>Media type of the Excel answer.</summary>
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Maps the endpoint.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/verify/{domain}", VerifyAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).DisableAntiforgery().WithTags("verify")
            .WithName("Verify")
            .WithSummary("Verify published figures (AQI, water class, noise verdict) of uploaded files: match rate, mismatches and findings with causes; JSON or ?output=xlsx.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<VerificationReport>(200).Produces(200, contentType: XlsxMediaType).ProducesProblem(400);
        return app;
    }

    private static async Task<IResult> VerifyAsync(string domain, HttpRequest request, string? format, string? map, string? regime, string? output,
        string? lang, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return Problem("file", "send multipart/form-data with 'file' part(s) and a 'format' field");
        var form = await request.ReadFormAsync(ct);
        var fmt = form["format"].FirstOrDefault() ?? format;
        if (string.IsNullOrWhiteSpace(fmt)) return Problem("format", "missing format (china-sites, cnemc-water, prsa, csv)");
        var files = form.Files.GetFiles("file") is { Count: > 0 } named ? named : form.Files;
        if (files.Count == 0) return Problem("file", "no file uploaded: send the file as multipart part 'file' (curl -F file=@PATH)");
        if (files.FirstOrDefault(f => f.Length == 0) is { } empty) return Problem("file", $"empty file: '{ImportApi.UploadName(empty.FileName)}' has 0 bytes");
        var english = (form["lang"].FirstOrDefault() ?? lang) switch
        {
            null or "" or "zh" or "zh-CN" => false,
            "en" => true,
            _ => (bool?)null,
        };
        if (english is null) return Problem("lang", "lang must be zh or en");
        var outputKind = form["output"].FirstOrDefault() ?? output;
        var xlsx = outputKind switch
        {
            "xlsx" => true,
            null or "" => request.Headers.Accept.Any(a => a?.Contains(XlsxMediaType, StringComparison.OrdinalIgnoreCase) == true),
            "json" => false,
            _ => (bool?)null,
        };
        if (xlsx is null) return Problem("output", "output must be json or xlsx");
        var req = new VerificationRequest(domain, fmt, [.. files.Select(f => new VerificationInput(ImportApi.UploadName(f.FileName), f.OpenReadStream))],
            form["regime"].FirstOrDefault() ?? regime, form["map"].FirstOrDefault() ?? map);
        VerificationReport report;
        try
        {
            report = VerificationService.Run(req);
        }
        catch (VerificationUsageException e)
        {
            var field = e.Message.Contains("domain", StringComparison.Ordinal) ? "domain"
                : e.Message.Contains("regime", StringComparison.Ordinal) ? "regime"
                : e.Message.Contains("--map", StringComparison.Ordinal) ? "map"
                : e.Message.Contains("format", StringComparison.Ordinal) ? "format" : "file";
            return Problem(field, e.Message.Replace("--", "", StringComparison.Ordinal));
        }
        catch (DataFileFormatException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400, title: e is DataFileLimitException l ? $"file refused: import limit {l.Limit}" : "input error",
                extensions: new Dictionary<string, object?>
                {
                    ["file"] = e.Source, ["line"] = e.Line, ["column"] = e.Column,
                    ["errors"] = new Dictionary<string, string[]> { ["file"] = [e.Message] },
                });
        }
        if (xlsx == true)
        {
            var ms = new MemoryStream();
            VerificationExcel.Write(ms, report, english.Value);
            return TypedResults.File(ms.ToArray(), XlsxMediaType, $"verify-{report.Domain}.xlsx");
        }
        return TypedResults.Ok(report);
    }

    private static ProblemHttpResult Problem(string field, string message) =>
        TypedResults.Problem(message, statusCode: 400, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
