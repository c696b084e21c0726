using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SmartEnv.Web.Apis;

/// <summary>
/// Turns the <see cref="BadHttpRequestException"/> that minimal-API binding throws (with
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c> on) and that Kestrel throws for an oversized body into an RFC 9457 problem
/// (<c>application/problem+json</c>) instead of a bare "Bad Request" or a 500:
/// <list type="bullet">
/// <item>a query/route value that does not parse (<c>?limit=abc</c>, <c>?from=2019-13-01</c>) or a missing required one →
/// 400 with <c>errors</c> keyed by the parameter (snake_case) and the expected form (integer, date <c>yyyy-MM-dd</c>, ISO 8601 instant …);</item>
/// <item>a JSON body that does not bind (<c>"kind":"soil"</c>, <c>"noise_zone":4</c>, <c>"longitude":"NaN"</c>, malformed JSON) →
/// 400 keyed by the JSON field (the path of <see cref="JsonException.Path"/>, <c>body</c> when the whole body is wrong) with the
/// expected form (for enums the allowed values);</item>
/// <item>a body over the server's request limit → 413 giving the limit in bytes;</item>
/// <item>any other bad request (e.g. 415 for a non-JSON content type) → its status with the framework's message as <c>detail</c>.</item>
/// </list>
/// </summary>
public sealed partial class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    [GeneratedRegex("^(?:Failed to bind parameter|Required parameter|Failed to read parameter) \"(?<type>[^\"]+) (?<name>[^\" ]+)\"(?: from \"(?<value>.*)\")?")]
    private static partial Regex ParameterMessage();

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad) return false;
        var (status, errors, detail) = Describe(httpContext, bad);
        httpContext.Response.StatusCode = status;
        var problem = errors is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, Dictionary<string, string[]>? Errors, string Detail) Describe(HttpContext http, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 30_000_000;
            return (413, null, string.Create(CultureInfo.InvariantCulture,
                $"request body larger than the server's limit of {limit:N0} bytes ({limit / 1_000_000m:0.#} MB); compress the file (.gz is accepted) or split it"));
        }
        if (bad.StatusCode != StatusCodes.Status400BadRequest) return (bad.StatusCode, null, bad.Message);

        // The exception handler middleware clears the endpoint before handlers run; the feature keeps the one that threw.
        var metadata = (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata;
        if (bad.InnerException is JsonException json)
        {
            // A value of the wrong type names its field; broken JSON (syntax, truncation) is about the whole body.
            if (json.Message.Contains(NulGuard.Message, StringComparison.Ordinal))
            {
                var at = (json.Path ?? "$").TrimStart('$').TrimStart('.');
                var f = at.Length == 0 ? "body" : at;
                return (400, new() { [f] = [$"{f} {NulGuard.Message}"] }, $"{f} {NulGuard.Message}");
            }
            var converting = json.Message.Contains("could not be converted", StringComparison.Ordinal);
            var path = converting ? (json.Path ?? "$").TrimStart('$').TrimStart('.') : "";
            var field = path.Length == 0 ? "body" : path;
            var type = path.Length == 0 ? null : ResolveJsonPath(metadata?.GetMetadata<IAcceptsMetadata>()?.RequestType, path);
            var expected = type is null ? "valid JSON of the documented shape" : Expected(type);
            var message = path.Length == 0
                ? $"the JSON body could not be read: {FirstSentence(json.Message)}"
                : $"{field} must be {expected}";
            return (400, new() { [field] = [message] }, message);
        }
        var m = ParameterMessage().Match(bad.Message);
        if (m.Success)
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(m.Groups["name"].Value);
            var type = metadata?.GetOrderedMetadata<IParameterBindingMetadata>().FirstOrDefault(p => p.Name == m.Groups["name"].Value)?.ParameterInfo.ParameterType;
            var expected = type is null ? m.Groups["type"].Value : Expected(type);
            var message = bad.Message.StartsWith("Required", StringComparison.Ordinal)
                ? $"{name} is required: {expected}"
                : m.Groups["value"].Success ? $"{name} must be {expected}; got '{m.Groups["value"].Value}'" : $"{name} must be {expected}";
            if (bad.Message.StartsWith("Failed to read", StringComparison.Ordinal)) name = "body";
            return (400, new() { [name] = [message] }, message);
        }
        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal))
            return (400, new() { ["body"] = ["a JSON body is required (Content-Type: application/json)"] }, "a JSON body is required (Content-Type: application/json)");
        return (400, null, bad.Message);
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }

    /// <summary>The CLR type at a JSON path such as <c>scores[0].score</c> in the endpoint's body type.</summary>
    private static Type? ResolveJsonPath(Type? body, string path)
    {
        var current = body;
        foreach (var raw in path.Split('.'))
        {
            if (current is null) return null;
            var seg = raw;
            var indexed = seg.IndexOf('[', StringComparison.Ordinal);
            if (indexed >= 0) seg = seg[..indexed];
            current = current.GetProperties().FirstOrDefault(pr => JsonNamingPolicy.SnakeCaseLower.ConvertName(pr.Name) == seg)?.PropertyType;
            if (current is not null && indexed >= 0) current = ElementType(current);
        }
        return current;
    }

    private static Type? ElementType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.GetInterfaces().Append(t).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>The expected form of a value of <paramref name="type"/>, in words, e.g. <c>a date yyyy-MM-dd (e.g. 2019-01-31)</c>.</summary>
    /// <param name="type">Parameter or property type (nullable allowed).</param>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "an integer";
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return "a finite decimal number (e.g. 106.55)";
        if (t == typeof(DateOnly)) return "a date yyyy-MM-dd (e.g. 2019-01-31)";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "an ISO 8601 instant (e.g. 2019-01-01T00:00:00+08:00 or 2019-01-01T00:00:00Z)";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(string)) return "a string";
        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t)) return "an array";
        return "a JSON object";
    }
}
