using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SmartEnv.Accounts;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Per-address limits of the anonymous complaint routes (SmartEnv rules of complaint-rules.tsv:
/// <c>public.submissions_per_address_per_hour</c> 5 and <c>query.attempts_per_address_per_hour</c> 30). A fixed window per
/// client address (IPv4 address; IPv6 /64 prefix, which one subscriber usually holds whole), for every caller of those
/// routes, signed in or not; staff enter cases through <c>POST /api/complaints</c>, which is not limited. Register another
/// instance (e.g. through <see cref="SmartEnvWeb.Build"/>'s <c>configure</c>) to change them; the last registration wins.
/// Immutable; thread-safe.
/// </summary>
public sealed record ComplaintIntakeLimits
{
    /// <summary>Public submissions per address per <see cref="Window"/>.</summary>
    public int SubmissionsPerWindow { get; init; } = ComplaintRules.Default.PublicSubmissionsPerAddressPerHour;

    /// <summary>Query-code lookups per address per <see cref="Window"/>.</summary>
    public int QueriesPerWindow { get; init; } = ComplaintRules.Default.QueryAttemptsPerAddressPerHour;

    /// <summary>The window (fixed, from the address's first request). Default one hour.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>
/// HTTP API of issue 18 P2 intake (docs/complaints.md "Intake"):
/// <list type="bullet">
/// <item><c>POST /api/complaints/public</c> — anonymous public form (网上举报): multipart/form-data (or JSON without photos)
/// with <c>content</c>, <c>types</c> (repeated or comma-separated), optional <c>address</c>, <c>street</c>, <c>latitude</c>,
/// <c>longitude</c>, <c>occurred_at</c>, <c>reported_name</c>, <c>reported_uscc</c>, <c>reporter_name</c>,
/// <c>reporter_phone</c>, <c>reporter_email</c>, <c>anonymous</c>, <c>urgency</c> and up to <c>PhotosMax</c> image files.
/// Channel <c>online</c>. 201 with the number, the query code (shown once) and the acceptance due date; 400 naming the
/// refused field (nothing stored); 413 over the body limit; 429 with <c>Retry-After</c> beyond
/// <see cref="ComplaintIntakeLimits.SubmissionsPerWindow"/> per address.</item>
/// <item><c>POST /api/complaints/public/query</c> — anonymous: JSON <c>{number, code}</c> (the code is never in a URL, so
/// never in an access log) → the <see cref="PublicComplaintView"/> (no contact, no photos, no content); 404 for an unknown
/// number and a wrong code alike; 429 beyond <see cref="ComplaintIntakeLimits.QueriesPerWindow"/>.</item>
/// <item><c>POST /api/complaints</c> — staff entry (Enforcement: admin, enforcement) of phone, visit, letter, 转办 … cases:
/// the same fields plus <c>channel</c> and <c>source_ref</c>, JSON or multipart; 201 as above.</item>
/// <item><c>GET /api/complaints/{number}/photos/{seq}</c> — staff: the stored JPEG as an attachment with
/// <c>X-Content-Type-Options: nosniff</c>.</item>
/// </list>
/// The public routes run the intake service on an unscoped context (complaint tables are invisible to the public scope);
/// they return only what the service returns.
/// </summary>
public static class ComplaintIntakeApi
{
    /// <summary>Rate-limiter policy name of the public form.</summary>
    public const string SubmitPolicy = "complaint-public-submit";

    /// <summary>Rate-limiter policy name of the query-code lookup.</summary>
    public const string QueryPolicy = "complaint-public-query";

    /// <summary>Request bytes beyond the photos a submission may carry (the fields; 1 MiB).</summary>
    public const long FieldBytes = 1 << 20;

    /// <summary>What a registration returns (201).</summary>
    /// <param name="Number">Case number.</param>
    /// <param name="QueryCode">Query code as shown (<c>XXXXX-XXXXX</c>); only in this answer.</param>
    /// <param name="AcceptanceDue">Last day of the acceptance answer.</param>
    public sealed record ComplaintReceiptDto(string Number, string QueryCode, DateOnly AcceptanceDue);

    /// <summary>Body of the query-code lookup.</summary>
    /// <param name="Number">Case number.</param>
    /// <param name="Code">Query code (any case; spaces and dashes ignored).</param>
    public sealed record QueryBody(string? Number, string? Code);

    /// <summary>Fields of a submission (JSON body; a form uses the same names).</summary>
    /// <param name="Channel">Staff entry: <c>phone|we_chat|online|letter|visit|transferred|other</c> (ignored on the public route: <c>online</c>).</param>
    /// <param name="Content">What is reported.</param>
    /// <param name="Address">Where.</param>
    /// <param name="Street">Street/town code or name.</param>
    /// <param name="Latitude">WGS-84 latitude.</param>
    /// <param name="Longitude">WGS-84 longitude.</param>
    /// <param name="OccurredAt">When it happened: ISO 8601 with offset, or Beijing local <c>yyyy-MM-dd HH:mm</c>.</param>
    /// <param name="Types">Pollution type codes.</param>
    /// <param name="ReportedName">Reported unit's name.</param>
    /// <param name="ReportedUscc">Reported unit's USCC.</param>
    /// <param name="ReporterName">Reporter's name.</param>
    /// <param name="ReporterPhone">Reporter's telephone.</param>
    /// <param name="ReporterEmail">Reporter's e-mail.</param>
    /// <param name="Anonymous">Anonymous report.</param>
    /// <param name="Urgency"><c>none|environmental_emergency|mass_incident</c>.</param>
    /// <param name="SourceRef">Staff entry: the channel's reference (ignored on the public route).</param>
    public sealed record ComplaintEntryBody(string? Channel, string? Content, string? Address, string? Street, double? Latitude, double? Longitude,
        string? OccurredAt, List<string>? Types, string? ReportedName, string? ReportedUscc, string? ReporterName, string? ReporterPhone,
        string? ReporterEmail, bool? Anonymous, string? Urgency, string? SourceRef);

    /// <summary>Registers the two per-address rate-limiter policies (<see cref="SubmitPolicy"/>, <see cref="QueryPolicy"/>)
    /// and the default <see cref="ComplaintIntakeLimits"/>.</summary>
    /// <param name="services">Services.</param>
    public static IServiceCollection AddComplaintIntakeLimits(this IServiceCollection services)
    {
        services.TryAddSingleton(new ComplaintIntakeLimits());
        return services.AddRateLimiter(o =>
        {
            o.AddPolicy(SubmitPolicy, new PerAddressPolicy("submit", l => l.SubmissionsPerWindow, "complaint submissions"));
            o.AddPolicy(QueryPolicy, new PerAddressPolicy("query", l => l.QueriesPerWindow, "query-code lookups"));
        });
    }

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintIntakeApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/complaints").WithTags("complaints");
        g.MapPost("/public", SubmitPublicAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(SubmitPolicy).WithName("SubmitPublicComplaint")
            .WithSummary("Submit a complaint from the public form (multipart: content, types, address, street, latitude, longitude, occurred_at, reported unit, optional contact, up to 4 photos); 201 with the number and the query code, shown once (anonymous; rate-limited per address).");
        g.MapPost("/public/query", QueryAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(QueryPolicy).WithName("QueryPublicComplaint")
            .WithSummary("Look a complaint up with its number and query code (JSON {number, code}): state, dates and the reply, never contact data or photos; 404 for an unknown number and a wrong code alike (anonymous; rate-limited per address).");
        g.MapPost("/", RegisterAsync).RequireAuthorization(SmartEnvPolicies.Enforcement).DisableAntiforgery().WithName("RegisterComplaint")
            .WithSummary("Register a complaint received by telephone, visit, letter or transfer: the public form's fields plus channel, source_ref and the reporter (JSON or multipart) (enforcement).");
        g.MapGet("/{number}/photos/{seq}", PhotoAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintPhoto")
            .WithSummary("One photo of a complaint as a JPEG download (re-encoded, no metadata) (staff).");
        return app;
    }

    private static async Task<Results<Created<ComplaintReceiptDto>, ValidationProblem>> SubmitPublicAsync(HttpRequest request, SmartEnvStore store,
        TimeProvider time, CancellationToken ct)
    {
        await using var db = store.CreateContext(); // unscoped: the public scope sees no complaint table
        return await SubmitAsync(request, db, time, publicForm: true, ct);
    }

    private static Task<Results<Created<ComplaintReceiptDto>, ValidationProblem>> RegisterAsync(HttpRequest request, SmartEnvDbContext db,
        TimeProvider time, CancellationToken ct) => SubmitAsync(request, db, time, publicForm: false, ct);

    private static async Task<Results<Created<ComplaintReceiptDto>, ValidationProblem>> SubmitAsync(HttpRequest request, SmartEnvDbContext db,
        TimeProvider time, bool publicForm, CancellationToken ct)
    {
        var rules = ComplaintRules.Default;
        var limit = rules.PhotosMax * rules.PhotoMaxBytes + FieldBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        var files = new List<IFormFile>();
        ComplaintEntryBody? body;
        if (request.HasFormContentType)
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = limit, ValueCountLimit = 64, ValueLengthLimit = (int)FieldBytes, KeyLengthLimit = 64,
            }));
            var form = await request.ReadFormAsync(ct);
            files.AddRange(form.Files);
            var error = FromForm(form, out body);
            if (error is not null) return error;
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                var json = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                body = await JsonSerializer.DeserializeAsync<ComplaintEntryBody>(request.Body, json, ct);
            }
            catch (JsonException e)
            {
                return ApiValidation.Invalid(e.Path is { Length: > 2 } p ? p.TrimStart('$', '.') : "body", "the JSON body does not have the documented shape: " + e.Message.Split('.')[0]);
            }
        }
        else return ApiValidation.Invalid("form", "send multipart/form-data (or JSON without photos) with content, types and the other fields");
        if (body is null) return ApiValidation.Invalid("body", "send the complaint's fields");

        var channel = ComplaintChannel.Online;
        if (!publicForm && !ComplaintEnumMap.TryParseKey(body.Channel, out channel))
            return ApiValidation.Invalid("channel", "channel must be one of " + string.Join('|', Enum.GetValues<ComplaintChannel>().Select(ComplaintEnumMap.Key)));
        var urgency = ComplaintUrgency.None;
        if (!string.IsNullOrWhiteSpace(body.Urgency) && !ComplaintEnumMap.TryParseKey(body.Urgency, out urgency))
            return ApiValidation.Invalid("urgency", "urgency must be one of " + string.Join('|', Enum.GetValues<ComplaintUrgency>().Select(ComplaintEnumMap.Key)));
        DateTimeOffset? occurred = null;
        if (!string.IsNullOrWhiteSpace(body.OccurredAt))
        {
            if (DateTimeOffset.TryParse(body.OccurredAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o) && body.OccurredAt.Contains('T') && HasOffset(body.OccurredAt)) occurred = o;
            else if (BeijingTime.TryParseLocal(body.OccurredAt, out var local)) occurred = local;
            else return ApiValidation.Invalid("occurred_at", "occurred_at must be a time: ISO 8601 with offset, or Beijing local yyyy-MM-dd HH:mm");
        }
        var types = (body.Types ?? []).SelectMany(t => (t ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var submission = new ComplaintSubmission(channel, body.Content ?? "", body.Address, body.Street, body.Latitude, body.Longitude, occurred, types,
            body.ReportedName, body.ReportedUscc, body.ReporterName, body.ReporterPhone, body.ReporterEmail, body.Anonymous ?? false, urgency,
            publicForm ? null : body.SourceRef);

        var streams = new List<Stream>();
        try
        {
            var uploads = new List<PhotoUpload>();
            if (files.Count <= rules.PhotosMax) // more: the service refuses by count without reading any
                foreach (var f in files)
                {
                    if (f.Length > rules.PhotoMaxBytes)
                        return ApiValidation.Invalid("photos", string.Create(CultureInfo.InvariantCulture, $"photo {uploads.Count + 1}: larger than {rules.PhotoMaxBytes / 1048576m:0.#} MiB"));
                    var s = f.OpenReadStream();
                    streams.Add(s);
                    uploads.Add(new PhotoUpload(f.FileName, s));
                }
            else uploads.AddRange(files.Select(f => new PhotoUpload(f.FileName, Stream.Null)));
            var receipt = await new ComplaintIntakeService(db, time, rules).SubmitAsync(submission, uploads, AuditActors.FromHttp(request.HttpContext), ct);
            return TypedResults.Created((string?)null, new ComplaintReceiptDto(receipt.Number, QueryCode.Display(receipt.QueryCode), receipt.AcceptanceDue));
        }
        catch (ComplaintInputException e)
        {
            return ApiValidation.Invalid(e.Field, e.Reason);
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
    }

    /// <summary>Reads the form's fields into a body; null when they parse, else the 400.</summary>
    private static ValidationProblem? FromForm(IFormCollection form, out ComplaintEntryBody? body)
    {
        body = null;
        string? F(string name) => form[name].FirstOrDefault();
        double? lat = null, lon = null;
        foreach (var (field, set) in new (string, Action<double>)[] { ("latitude", v => lat = v), ("longitude", v => lon = v) })
        {
            var text = F(field);
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
                return ApiValidation.Invalid(field, $"{field} must be a decimal number of degrees (WGS-84)");
            set(d);
        }
        bool? anonymous = null;
        if (F("anonymous") is { Length: > 0 } a)
        {
            if (a is "true" or "on" or "1" or "yes") anonymous = true;
            else if (a is "false" or "off" or "0" or "no") anonymous = false;
            else return ApiValidation.Invalid("anonymous", "anonymous must be true or false");
        }
        body = new ComplaintEntryBody(F("channel"), F("content"), F("address"), F("street") ?? F("street_code"), lat, lon, F("occurred_at"),
            [.. form["types"].Where(t => t is not null).Select(t => t!)], F("reported_name"), F("reported_uscc"), F("reporter_name"), F("reporter_phone"),
            F("reporter_email"), anonymous, F("urgency"), F("source_ref"));
        return null;
    }

    private static async Task<Results<Ok<PublicComplaintView>, ValidationProblem, ProblemHttpResult>> QueryAsync(QueryBody body, SmartEnvStore store,
        TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Number)) return ApiValidation.Invalid("number", "give the case number, e.g. TS202409200001");
        if (string.IsNullOrWhiteSpace(body.Code)) return ApiValidation.Invalid("code", "give the query code you received with the number");
        await using var db = store.CreateContext(); // unscoped: the public scope sees no complaint table
        var view = await new ComplaintIntakeService(db, time).QueryAsync(body.Number, body.Code, ct);
        return view is null
            ? TypedResults.Problem("no complaint with this number and query code", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> PhotoAsync(string number, int seq, HttpContext http, SmartEnvDbContext db, CancellationToken ct)
    {
        var photo = await db.ComplaintPhotos.AsNoTracking()
            .Where(p => p.Seq == seq && db.Complaints.Where(c => c.Number == number).Select(c => c.Id).Contains(p.ComplaintId))
            .Select(p => p.Content).FirstOrDefaultAsync(ct);
        if (photo is null) return ApiValidation.NotFound($"no photo {seq} of complaint {number}");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(photo, "image/jpeg", $"{number}-{seq}.jpg");
    }

    /// <summary>A fixed window per client address (IPv6: per /64) and route kind; refusals are 429 problems with
    /// <c>Retry-After</c> in seconds.</summary>
    private sealed class PerAddressPolicy(string kind, Func<ComplaintIntakeLimits, int> permits, string what) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (ctx, ct) =>
        {
            var http = ctx.HttpContext;
            var limits = http.RequestServices.GetService<ComplaintIntakeLimits>() ?? new ComplaintIntakeLimits();
            var seconds = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : (int)limits.Window.TotalSeconds;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var detail = string.Create(CultureInfo.InvariantCulture, $"too many {what} from your address: at most {permits(limits)} per {limits.Window.TotalMinutes:0} min; retry after {seconds} s");
            await Results.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "too many requests / 请求过于频繁").ExecuteAsync(http);
        };

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            var limits = httpContext.RequestServices.GetService<ComplaintIntakeLimits>() ?? new ComplaintIntakeLimits();
            return RateLimitPartition.GetFixedWindowLimiter(kind + ":" + AddressKey(httpContext.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits(limits)), Window = limits.Window, QueueLimit = 0, AutoReplenishment = true,
            });
        }
    }

    /// <summary>The partition of an address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64 prefix.</summary>
    /// <param name="address">Remote address, or null.</param>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null) return "-";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var b = address.GetAddressBytes();
        Array.Clear(b, 8, 8);
        return new IPAddress(b) + "/64";
    }
}
