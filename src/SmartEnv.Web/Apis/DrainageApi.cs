using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Drainage;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Drainage;
using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of the 入河排水口 registry (issue 20 part A; docs/drainage.md), over <see cref="DrainageService"/>:
/// <list type="bullet">
/// <item><c>GET /api/drainage/outlets?river=&amp;type=&amp;status=&amp;street=</c> — outlets of the filters with the 整治
/// progress (staff).</item>
/// <item><c>GET /api/drainage/outlets/{outletCode}</c> — one outlet with its status history and samples (staff); a sample of an
/// outlet without a target class says <c>gb3838: not_applicable</c>, never a class.</item>
/// <item><c>POST /api/drainage/outlets</c>, <c>POST …/{outletCode}/status</c>, <c>POST …/{outletCode}/samples</c> — register, move
/// the 整治 status, record a sample (Monitoring; each audited). Refusals keep the service's status (400, 404, 409).</item>
/// </list>
/// </summary>
public static class DrainageApi
{
    /// <summary>Body of a status change.</summary>
    /// <param name="Status">Status key or Chinese name.</param>
    /// <param name="EffectiveOn">Day it took effect (Beijing), default today.</param>
    /// <param name="Note">Note (required when the status goes back).</param>
    public sealed record StatusWrite(string? Status, DateOnly? EffectiveOn, string? Note);

    /// <summary>Body of a sample.</summary>
    /// <param name="SampledAt">When sampled (with offset).</param>
    /// <param name="Values">GB 3838 item key → value.</param>
    /// <param name="Note">Note.</param>
    public sealed record SampleWrite(DateTimeOffset? SampledAt, Dictionary<string, decimal>? Values, string? Note);

    /// <summary>An outlet.</summary>
    /// <param name="Code">Code.</param>
    /// <param name="Name">Name.</param>
    /// <param name="River">River key.</param>
    /// <param name="RiverName">River name.</param>
    /// <param name="Bank">left/right or null.</param>
    /// <param name="Longitude">Degrees east (GCJ-02).</param>
    /// <param name="Latitude">Degrees north (GCJ-02).</param>
    /// <param name="StreetCode">Street code.</param>
    /// <param name="Type">Type key.</param>
    /// <param name="TypeName">Type name.</param>
    /// <param name="ResponsibleUnit">Responsible unit.</param>
    /// <param name="ResponsibleUscc">Its USCC.</param>
    /// <param name="Status">Status key.</param>
    /// <param name="StatusName">Status name.</param>
    /// <param name="TargetClass">GB 3838 target class (ASCII) or null: samples not classed.</param>
    /// <param name="CameraId">Camera id.</param>
    /// <param name="LevelSensorId">Level sensor id.</param>
    /// <param name="FlowSensorId">Flow sensor id.</param>
    public sealed record OutletView(string Code, string Name, string River, string? RiverName, string? Bank, decimal? Longitude, decimal? Latitude, string? StreetCode,
        string Type, string? TypeName, string? ResponsibleUnit, string? ResponsibleUscc, string Status, string? StatusName, string? TargetClass,
        string? CameraId, string? LevelSensorId, string? FlowSensorId);

    /// <summary>The list answer.</summary>
    /// <param name="Outlets">Outlets.</param>
    /// <param name="Progress">整治 progress of these outlets.</param>
    /// <param name="TargetYear">Plan year for all 整治 and 规范化.</param>
    public sealed record OutletListView(IReadOnlyList<OutletView> Outlets, DrainageProgress Progress, int TargetYear);

    /// <summary>A history row.</summary>
    /// <param name="From">Status before.</param>
    /// <param name="To">Status after.</param>
    /// <param name="EffectiveOn">Day.</param>
    /// <param name="Note">Note.</param>
    /// <param name="RecordedBy">Who.</param>
    public sealed record HistoryView(string? From, string To, DateOnly EffectiveOn, string? Note, string RecordedBy);

    /// <summary>A sample.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="SampledAt">When.</param>
    /// <param name="Values">Item → value.</param>
    /// <param name="Gb3838">The stored class (ASCII), <c>not_applicable</c> without a target class, or null when no item was classed.</param>
    /// <param name="MeetsTarget">At or better than the target, or null.</param>
    /// <param name="Note">Note.</param>
    public sealed record SampleView(long Id, DateTimeOffset SampledAt, IReadOnlyDictionary<string, decimal> Values, string? Gb3838, bool? MeetsTarget, string? Note);

    /// <summary>One outlet's page.</summary>
    /// <param name="Outlet">Outlet.</param>
    /// <param name="History">Status history, oldest first.</param>
    /// <param name="Samples">Samples, newest first.</param>
    public sealed record OutletDetailView(OutletView Outlet, IReadOnlyList<HistoryView> History, IReadOnlyList<SampleView> Samples);

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapDrainageApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/drainage/outlets").WithTags("drainage");
        g.MapGet("", ListAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("DrainageOutlets")
            .WithSummary("Drainage outlets filtered by ?river=&type=&status=&street= with the rectification progress (staff).");
        g.MapGet("/{outletCode}", GetAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("DrainageOutlet")
            .WithSummary("One drainage outlet with its status history and samples; a sample without a target class is not classed by GB 3838 (staff).");
        g.MapPost("", CreateAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("CreateDrainageOutlet")
            .WithSummary("Register a drainage outlet; the code must match the format and be new (monitoring, audited).");
        g.MapPost("/{outletCode}/status", StatusAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("DrainageOutletStatus")
            .WithSummary("Change a drainage outlet's rectification status with the day it took effect; a step back needs a note (monitoring, audited).");
        g.MapPost("/{outletCode}/samples", SampleAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).WithName("DrainageOutletSample")
            .WithSummary("Record a water-quality sample at a drainage outlet, classed by GB 3838 only when the outlet has a target class (monitoring, audited).");
        app.MapPost("/api/drainage/import", ImportAsync).RequireAuthorization(SmartEnvPolicies.Monitoring).DisableAntiforgery().WithTags("drainage").WithName("ImportDrainageOutlets")
            .WithSummary("Import a registry file of drainage outlets (multipart part 'file', .csv UTF-8 or .xlsx): all rows stored or none; a bad row is a 400 naming row and column (admin, monitoring).");
        return app;
    }

    /// <summary>One refused cell of an import.</summary>
    /// <param name="Row">Row number in the file (1 = header).</param>
    /// <param name="Column">Column as header and key, e.g. <c>河流 (river)</c>, or null.</param>
    /// <param name="Reason">Why.</param>
    public sealed record ImportErrorView(int Row, string? Column, string Reason);

    /// <summary>An accepted import.</summary>
    /// <param name="Stored">Outlets stored.</param>
    public sealed record ImportView(int Stored);

    /// <summary>The errors of a refused import as a 400 problem: detail names the first rows and columns; <c>errors</c> lists
    /// every refused cell.</summary>
    internal static IResult ImportProblem(IReadOnlyList<DrainageImportError> errors)
    {
        var cells = errors.SelectMany(DrainageService.Cells).Select(c => new ImportErrorView(c.Row, c.Column, c.Reason)).ToList();
        var detail = string.Join("\n", cells.Take(10).Select(c => c.Column is null ? $"row {c.Row}: {c.Reason}" : $"row {c.Row}, column {c.Column}: {c.Reason}"))
            + (cells.Count > 10 ? $"\n… {cells.Count - 10} more" : "");
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "import refused: nothing stored",
            extensions: new Dictionary<string, object?> { ["errors"] = cells });
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!request.HasFormContentType) return ApiValidation.Invalid("file", "send multipart/form-data with a 'file' part (.csv or .xlsx)");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files["file"] ?? form.Files.FirstOrDefault();
        if (file is null) return ApiValidation.Invalid("file", "no file uploaded: send the file as multipart part 'file' (curl -F file=@PATH)");
        var ext = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (ext is not (".csv" or ".xlsx")) return ApiValidation.Invalid("file", "a .csv (UTF-8) or .xlsx file");
        if (file.Length == 0 || file.Length > DrainageService.MaxImportBytes) return ApiValidation.Invalid("file", "1 byte to 10 MiB");
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, ct);
        stream.Position = 0;
        var r = await new DrainageService(db, time).ImportAsync(stream, ext == ".xlsx", Path.GetFileName(file.FileName), AuditActors.FromHttp(http), ct);
        return r.Errors.Count > 0 ? ImportProblem(r.Errors) : TypedResults.Ok(new ImportView(r.Stored));
    }

    /// <summary>The API view of an outlet.</summary>
    /// <param name="o">Outlet.</param>
    public static OutletView View(DrainageOutlet o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var r = DrainageRules.Default;
        return new(o.Code, o.Name, o.River, r.FindRiver(o.River)?.NameZh, o.Bank, o.Longitude, o.Latitude, o.StreetCode, o.Type, r.FindType(o.Type)?.NameZh,
            o.ResponsibleUnit, o.ResponsibleUscc, o.Status, r.FindStatus(o.Status)?.NameZh, o.TargetClass, o.CameraId, o.LevelSensorId, o.FlowSensorId);
    }

    private static IResult Problem(DrainageException e) =>
        e.Status == 400 ? ApiValidation.Invalid(e.Message.Split(':')[0], e.Message) : TypedResults.Problem(e.Message, statusCode: e.Status);

    private static async Task<IResult> ListAsync(string? river, string? type, string? status, string? street, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new DrainageService(db, time);
        var list = await s.ListAsync(river, type, status, street, ct);
        return TypedResults.Ok(new OutletListView([.. list.Select(View)], s.Progress(list), s.Rules.TargetYear));
    }

    private static async Task<IResult> GetAsync(string outletCode, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await new DrainageService(db, time).GetAsync(outletCode, ct) is not { } d) return ApiValidation.NotFound($"no outlet {outletCode}");
        return TypedResults.Ok(new OutletDetailView(View(d.Outlet),
            [.. d.History.Select(h => new HistoryView(h.FromStatus, h.ToStatus, h.EffectiveOn, h.Note, h.RecordedBy))],
            [.. d.Samples.Select(x => new SampleView(x.Sample.Id, x.Sample.SampledAt, x.Values, x.Sample.Gb3838Applies ? x.Sample.Gb3838Class : "not_applicable",
                x.Sample.MeetsTarget, x.Sample.Note))]));
    }

    private static async Task<IResult> CreateAsync(DrainageOutletInput? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body is null) return ApiValidation.Invalid("body", "an outlet");
        try
        {
            var o = await new DrainageService(db, time).CreateAsync(body, AuditActors.FromHttp(http), ct);
            return TypedResults.Created("/api/drainage/outlets/" + Uri.EscapeDataString(o.Code), View(o));
        }
        catch (DrainageException e) { return Problem(e); }
    }

    private static async Task<IResult> StatusAsync(string outletCode, StatusWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var c = await new DrainageService(db, time).SetStatusAsync(outletCode, body?.Status, body?.EffectiveOn, body?.Note, AuditActors.FromHttp(http), ct);
            return TypedResults.Ok(new HistoryView(c.FromStatus, c.ToStatus, c.EffectiveOn, c.Note, c.RecordedBy));
        }
        catch (DrainageException e) { return Problem(e); }
    }

    private static async Task<IResult> SampleAsync(string outletCode, SampleWrite? body, HttpContext http, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body?.SampledAt is not { } at) return ApiValidation.Invalid("sampled_at", "date and time with offset");
        try
        {
            var s = await new DrainageService(db, time).RecordSampleAsync(outletCode, at, body.Values ?? [], body.Note, AuditActors.FromHttp(http), ct);
            return TypedResults.Created("/api/drainage/outlets/" + Uri.EscapeDataString(outletCode),
                new SampleView(s.Id, s.SampledAt, s.Values.ToDictionary(v => v.Item, v => v.Value), s.Gb3838Applies ? s.Gb3838Class : "not_applicable", s.MeetsTarget, s.Note));
        }
        catch (DrainageException e) { return Problem(e); }
    }
}
