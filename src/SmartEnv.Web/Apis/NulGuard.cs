using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmartEnv.Web.Apis;

/// <summary>
/// A NUL character (U+0000) in user input is a 400, never a 500 (issue 14 item 13). PostgreSQL's <c>text</c> cannot hold
/// NUL (error 22021), so a NUL in a route value, a query value or a JSON string reached the store as a 500 on that engine
/// and as a stored NUL on SQLite. Source: PostgreSQL 16 documentation §8.3 "The character with code zero (sometimes called
/// NUL) cannot be stored"; the rule is applied at the edge, once, for every endpoint and page:
/// <list type="bullet">
/// <item><see cref="UseNulGuard"/> (middleware, before routing): a NUL in the decoded path or in any query name or value →
/// 400 problem naming the parameter (<c>errors.{name}</c>; <c>path</c> for the path);</item>
/// <item><see cref="StringConverter"/> (the HTTP JSON options): a NUL in any JSON string of a request body → 400 naming
/// the field (<see cref="BadRequestProblemHandler"/>).</item>
/// </list>
/// Other control characters are left to each endpoint's own validation (both engines store them). Thread-safe.
/// </summary>
public static class NulGuard
{
    /// <summary>Text of the refusal; <see cref="BadRequestProblemHandler"/> recognises a JSON error by it.</summary>
    public const string Message = "must not contain NUL (U+0000): the store's text cannot hold it";

    /// <summary>Adds the middleware. Call after the exception handler, before routing and the endpoints.</summary>
    /// <param name="app">The application.</param>
    public static IApplicationBuilder UseNulGuard(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var field = http.Request.Path.Value?.Contains('\0') == true ? "path"
            : http.Request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key is { } k
                ? k.Replace("\0", "\\0", StringComparison.Ordinal) : null;
        if (field is null)
        {
            await next(http);
            return;
        }
        var message = $"{field} {Message}";
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            { Status = 400, Detail = message },
        });
    });

    /// <summary>The JSON string converter of request bodies: refuses a string holding NUL (<see cref="JsonException"/> whose
    /// message contains <see cref="Message"/>), writes strings as the default converter does. Thread-safe.</summary>
    public sealed class StringConverter : JsonConverter<string>
    {
        /// <inheritdoc />
        public override bool HandleNull => false;

        /// <inheritdoc />
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException(); // the framework's "could not be converted"
            var s = reader.GetString();
            return s is not null && s.Contains('\0') ? throw new JsonException(Message) : s;
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value);
        }
    }
}
