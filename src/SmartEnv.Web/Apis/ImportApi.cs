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
/// poll. An optional <c>encoding</c> field or query parameter declares the text encoding (<c>auto</c> default, <c>utf-8</c>,
/// <c>gbk</c>). An optional <c>source</c> field or query parameter names the data source the file came from (issue 22; 400
/// when no such source is recorded): the import log records it, and when hours of the applied file lie in the range of an
/// active finding of the source the summary's <c>source_flags</c> carry one warning per finding and the log is marked
/// flagged (the import is not refused). A file past an import limit (<see cref="SmartEnv.Ingestion.Files.ImportLimits"/>: decompressed size, lines,
/// line length, cells per line) or not readable in its encoding is a 400 naming the limit with line and column (nothing
/// stored, upload deleted). 400 for a missing or empty file or an unknown format (problem naming <c>file</c>/<c>format</c>); 413 when the body is
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
        OperationRegistry ops, string? format, bool? async, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "all_sites")] bool? allSites,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "encoding")] string? encoding, bool? replace, string? source, SmartEnvDbContext db, CancellationToken ct)
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
        var enc = form["encoding"].FirstOrDefault() ?? encoding;
        if (!TryParseEncoding(enc, out var declared))
            return ApiProblem("encoding", $"encoding must be auto, utf-8 or gbk, not '{enc}'");
        var mayReplace = replace ?? false;
        if (form["replace"].FirstOrDefault() is { } rp)
        {
            if (!bool.TryParse(rp, out mayReplace)) return ApiProblem("replace", $"replace must be true or false, not '{rp}'");
        }
        var src = form["source"].FirstOrDefault() ?? source;
        if (string.IsNullOrWhiteSpace(src)) src = null;
        else if (!await db.DataSources.AnyAsync(x => x.Key == src.Trim(), ct))
            return ApiProblem("source", $"no data source '{src}' (record it first: POST /api/data-sources)");
        src = src?.Trim();
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
        var op = ops.StartImport(fmt, path, name, dir, all, AuditActors.FromHttp(request.HttpContext), declared, mayReplace, src);
        if (async == true) return TypedResults.Accepted($"/api/operations/{op.Id}", WithoutUploadPath(op));
        var done = WithoutUploadPath(await ops.WaitAsync(op.Id, ct));
        if (done.Import is null) throw new InvalidOperationException("import failed: " + done.Error);
        if (done.Import is { Limit: { } limit } refused) return LimitProblem(limit, refused);
        if (done.Import.State == "refused")
            return TypedResults.Problem($"{done.Import.ValuesChanged} stored values would change; nothing was applied. Send replace=true to replace them (the previous values are kept in the audit trail).",
                statusCode: 409, title: "import would change stored values",
                extensions: new Dictionary<string, object?>
                {
                    ["field"] = "replace", ["values_changed"] = done.Import.ValuesChanged, ["changed_values"] = done.Import.ChangedValues, ["import"] = done.Import,
                });
        return TypedResults.Ok(done.Import);
    }

    /// <summary>The 400 of a file refused by an import limit or its encoding (issue 14 items 6 and 8): <c>detail</c> is the
    /// reject (file:line:column: what and the limit's value), <c>limit</c> names it (<c>max_inflated_bytes</c>,
    /// <c>max_rows</c>, <c>max_line_bytes</c>, <c>max_columns</c>, <c>encoding</c>), <c>line</c> and <c>column</c> say where,
    /// <c>import_log_id</c> the logged import; <c>errors.file</c> (or <c>errors.encoding</c>) repeats the detail. Nothing
    /// of the file was stored and the upload is deleted.</summary>
    private static ProblemHttpResult LimitProblem(string limit, ImportSummary s)
    {
        var reject = s.Rejects.FirstOrDefault();
        var detail = reject?.Reason ?? $"the file was refused by the import limit {limit}";
        var field = limit == "encoding" ? "encoding" : "file";
        return TypedResults.Problem(detail, statusCode: 400, title: limit == "encoding" ? "file refused: text encoding" : $"file refused: import limit {limit}",
            extensions: new Dictionary<string, object?>
            {
                ["limit"] = limit, ["line"] = reject?.Row, ["column"] = reject?.Column, ["file"] = s.File, ["import_log_id"] = s.ImportLogId,
                ["errors"] = new Dictionary<string, string[]> { [field] = [detail] },
            });
    }

    /// <summary>Reads the <c>encoding</c> field: absent, empty or <c>auto</c> → detected; <c>utf-8</c>/<c>utf8</c>;
    /// <c>gbk</c>/<c>cp936</c>/<c>gb2312</c> (case-insensitive).</summary>
    /// <param name="text">The field.</param>
    /// <param name="encoding">The encoding.</param>
    public static bool TryParseEncoding(string? text, out SmartEnv.Ingestion.Files.DataFileEncoding encoding)
    {
        encoding = SmartEnv.Ingestion.Files.DataFileEncoding.Auto;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto": return true;
            case "utf-8" or "utf8": encoding = SmartEnv.Ingestion.Files.DataFileEncoding.Utf8; return true;
            case "gbk" or "cp936" or "gb2312": encoding = SmartEnv.Ingestion.Files.DataFileEncoding.Gbk; return true;
            default: return false;
        }
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

    /// <summary>The file name part of an uploaded name, or <c>upload</c> when it is empty or unusable (<c>.</c>, <c>..</c>, a
    /// character a file name cannot hold, a control character such as NUL).</summary>
    /// <param name="fileName">Name sent by the client.</param>
    public static string UploadName(string? fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        // "." and ".." name directories, not files (issue 14: an upload named ".." was a 500).
        return string.IsNullOrWhiteSpace(name) || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Any(char.IsControl)
            ? "upload" : name;
    }
}
