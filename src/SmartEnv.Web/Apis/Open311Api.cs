using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Complaints.Open311;
using SmartEnv.Storage;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P5: Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2, frozen spec) under
/// <c>/open311/v2</c>, so third-party apps can file and follow environmental complaints with an established standard;
/// docs/complaints.md "Open311 GeoReport v2 (P5)".
/// <list type="bullet">
/// <item><c>GET /open311/v2/discovery.{format}</c> — the service discovery document (http://wiki.open311.org/Service_Discovery).</item>
/// <item><c>GET /open311/v2/services.{format}</c> — the service list: one service per pollution type (<see cref="Open311Catalogue"/>).</item>
/// <item><c>GET /open311/v2/services/{service_code}.{format}</c> — a service definition (three optional attributes); 404 unknown code.</item>
/// <item><c>POST /open311/v2/requests.{format}</c> — file a request: <c>application/x-www-form-urlencoded</c> (UTF-8; at most
/// 64 KiB), <c>api_key</c> required (403 without a valid one); the intake's validation (400 naming the argument) and the
/// public form's per-address rate limit; answers the case number.</item>
/// <item><c>GET /open311/v2/requests.{format}</c> — requests filed through Open311: <c>service_request_id</c> (comma list,
/// overrides the rest), <c>service_code</c>, <c>start_date</c>/<c>end_date</c> (default and maximum span 90 days),
/// <c>status</c> (open, closed); newest first, at most 1000.</item>
/// <item><c>GET /open311/v2/requests/{service_request_id}.{format}</c> — one request (a list of one); 404 for no such
/// Open311 request.</item>
/// </list>
/// <c>{format}</c> is <c>json</c> or <c>xml</c>; any other is a 400 naming both. Every route is anonymous (the spec: only
/// POST requires a key, and that key is the Open311 client's, not a SmartEnv account). Errors are the spec's array of
/// <c>{code, description}</c> in the asked format (JSON when the format itself is wrong). Answers never carry the
/// complaint text, the reporter's name or contact, photos or the reported unit; the address is the street/town name and
/// lat/long are rounded to 3 decimals (<see cref="Open311Requests.Request"/>). <c>locale=en</c> or
/// <c>Accept-Language: en</c> switches names and notices to English (default zh-CN). <c>jurisdiction_id</c> is accepted
/// and ignored (one jurisdiction; the spec allows it).
/// </summary>
public static class Open311Api
{
    /// <summary>Largest POST body read (bytes): the spec's fields with a 2000-character text fit many times over.</summary>
    public const int MaxPostBytes = 64 * 1024;

    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/open311/v2").WithTags("open311").AllowAnonymous();
        g.MapGet("/discovery.{format}", Discovery).WithName("Open311Discovery")
            .WithSummary("Open311 service discovery: the GeoReport v2 endpoint, its formats (xml, json) and how to get an api_key (public).");
        g.MapGet("/services.{format}", Services).WithName("Open311Services")
            .WithSummary("Open311 GeoReport v2 service list: one service per pollution type, service_code = the type code (public).");
        g.MapGet("/services/{service_code}.{format}", Definition).WithName("Open311ServiceDefinition")
            .WithSummary("Open311 GeoReport v2 service definition: the optional attributes occurred_at, reported_name, reported_uscc (public).");
        g.MapPost("/requests.{format}", PostAsync).WithName("Open311PostRequest")
            .DisableAntiforgery().RequireRateLimiting(ComplaintIntakeApi.SubmitPolicy)
            .WithSummary("Open311 GeoReport v2: file a complaint (form-urlencoded, api_key required; the public form's validation and per-address rate limit); answers the case number.");
        g.MapGet("/requests.{format}", ListAsync).WithName("Open311Requests")
            .WithSummary("Open311 GeoReport v2: requests filed through Open311, by service_request_id, service_code, start_date/end_date (≤ 90 days), status; no text or contact data (public).");
        g.MapGet("/requests/{service_request_id}.{format}", GetAsync).WithName("Open311Request")
            .WithSummary("Open311 GeoReport v2: one request filed through Open311, its status, reply and dates; no text or contact data (public).");
        return app;
    }

    private static IResult Answer(object root, string rootName, Open311Format format, int status = StatusCodes.Status200OK) =>
        new Document(Open311Document.Write(root, rootName, format), Open311Document.ContentType(format), status);

    /// <summary>An answer in the spec's format with its status (errors too: not ProblemDetails).</summary>
    private sealed class Document(byte[] body, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = body.Length;
            return httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    private static IResult Error(Open311Exception e, Open311Format format) =>
        Answer(Open311Document.Errors(e.Errors), "errors", format, e.Status);

    private static bool TryFormat(string format, out Open311Format f, out IResult? error)
    {
        error = null;
        if (Open311Document.TryParseFormat(format, out f)) return true;
        error = Error(new Open311Exception(400, $"format: json or xml (e.g. services.json, services.xml), not \"{(format.Length <= 20 ? format : format[..20])}\""), Open311Format.Json);
        return false;
    }

    private static Open311Language Language(HttpContext http, string? locale) =>
        Open311Catalogue.LanguageOf(locale, http.Request.Headers.AcceptLanguage.ToString());

    private static Dictionary<string, string?[]> Arguments(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source) =>
        source.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    private static IResult Discovery(string format, HttpContext http)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        var r = http.Request;
        var url = $"{r.Scheme}://{r.Host}{r.PathBase}/open311/v2";
        return Answer(Open311Catalogue.Discovery(url, Language(http, r.Query["locale"])), "discovery", f);
    }

    private static IResult Services(string format, HttpContext http)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        return Answer(Open311Catalogue.Services(Language(http, http.Request.Query["locale"])), "services", f);
    }

    private static IResult Definition(string service_code, string format, HttpContext http)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        var def = Open311Catalogue.Definition(service_code, Language(http, http.Request.Query["locale"]));
        return def is null
            ? Error(new Open311Exception(404, $"service_code: no service {service_code} (GET services.{format} lists the codes)"), f)
            : Answer(def, "service_definition", f);
    }

    private static async Task<IResult> PostAsync(string format, HttpContext http, SmartEnvStore store, TimeProvider time, CancellationToken ct)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        var request = http.Request;
        if (!request.HasFormContentType)
            return Error(new Open311Exception(400, "body: send the arguments as application/x-www-form-urlencoded (UTF-8)"), f);
        if (request.ContentLength > MaxPostBytes)
            return Error(new Open311Exception(400, $"body: at most {MaxPostBytes} bytes"), f);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxPostBytes;
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Error(new Open311Exception(400, $"body: not a readable UTF-8 form of at most {MaxPostBytes} bytes without NUL characters ({e.Message})"), f);
        }
        if (form.Files.Count > 0)
            return Error(new Open311Exception(400, "media: files are not accepted; name a public media_url (recorded, never fetched)"), f);
        var args = Arguments(form);
        try
        {
            await using var db = store.CreateContext();
            var created = await new Open311Service(db, time).SubmitAsync(args, Language(http, form["locale"]), http.Connection.RemoteIpAddress?.ToString(), ct);
            return Answer(created, "service_requests", f);
        }
        catch (Open311Exception e)
        {
            return Error(e, f);
        }
    }

    private static async Task<IResult> ListAsync(string format, HttpContext http, SmartEnvStore store, TimeProvider time, CancellationToken ct)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        var lang = Language(http, http.Request.Query["locale"]);
        try
        {
            var query = Open311Requests.ParseQuery(Arguments(http.Request.Query), time.GetUtcNow());
            await using var db = store.CreateContext();
            var cases = await new Open311Service(db, time).FindAsync(query, ct);
            return Answer(new Open311List("request", cases.Select(c => (object?)Open311Requests.Request(c, lang)).ToList()), "service_requests", f);
        }
        catch (Open311Exception e)
        {
            return Error(e, f);
        }
    }

    private static async Task<IResult> GetAsync(string service_request_id, string format, HttpContext http, SmartEnvStore store, TimeProvider time, CancellationToken ct)
    {
        if (!TryFormat(format, out var f, out var error)) return error!;
        await using var db = store.CreateContext();
        var c = await new Open311Service(db, time).GetAsync(service_request_id, ct);
        if (c is null)
            return Error(new Open311Exception(404, $"service_request_id: no Open311 request {(service_request_id.Length <= 20 ? service_request_id : service_request_id[..20])}"), f);
        return Answer(new Open311List("request", [Open311Requests.Request(c, Language(http, http.Request.Query["locale"]))]), "service_requests", f);
    }
}
