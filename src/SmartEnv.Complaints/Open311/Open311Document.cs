using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace SmartEnv.Complaints.Open311;

/// <summary>The two output formats of GeoReport v2: <c>xml</c> (the spec's required format) and <c>json</c>.</summary>
public enum Open311Format
{
    /// <summary><c>.json</c>, <c>application/json; charset=utf-8</c>.</summary>
    Json,

    /// <summary><c>.xml</c>, <c>text/xml; charset=utf-8</c>, with the XML declaration naming UTF-8.</summary>
    Xml,
}

/// <summary>An object of a GeoReport v2 answer: named fields in the order written. Values: <c>null</c>, <see cref="string"/>,
/// <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="DateTimeOffset"/>
/// (written in the W3C subset of ISO 8601 with its offset), or a nested <see cref="Open311Object"/> /
/// <see cref="Open311List"/>. Immutable after construction.</summary>
/// <param name="Fields">Field names (snake_case, as the spec names them) and values.</param>
public sealed record Open311Object(IReadOnlyList<KeyValuePair<string, object?>> Fields);

/// <summary>A list of a GeoReport v2 answer: a JSON array, or in XML one element per item named <paramref name="ItemName"/>
/// (e.g. <c>services</c> ⇊ <c>service</c>). Immutable after construction.</summary>
/// <param name="ItemName">XML element name of each item.</param>
/// <param name="Items">Items: <see cref="Open311Object"/> or scalars.</param>
public sealed record Open311List(string ItemName, IReadOnlyList<object?> Items);

/// <summary>
/// Writes GeoReport v2 answers in both formats from one tree, following the spec's "JSON is a programmatic mapping of
/// the XML (Spark convention)": a list is a JSON array and in XML a wrapper element holding one element per item; an
/// object is a JSON object and in XML an element with one child per field; <c>null</c> is JSON <c>null</c> and an empty
/// XML element (the spec's <c>&lt;account_id/&gt;</c>); booleans <c>true</c>/<c>false</c>; numbers in invariant culture;
/// datetimes <c>yyyy-MM-ddTHH:mm:ss±hh:mm</c> (W3C NOTE-datetime, offset kept, e.g. <c>2024-09-20T10:00:00+08:00</c>).
/// Both are UTF-8; XML starts with <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;</c>, has no namespace and no BOM.
/// Source: http://wiki.open311.org/GeoReport_v2 ("Format Support", "Date/time format"). Stateless; thread-safe.
/// </summary>
public static class Open311Document
{
    /// <summary>HTTP content type of a format (the spec's "Format Support" section).</summary>
    /// <param name="format">Format.</param>
    public static string ContentType(Open311Format format) =>
        format == Open311Format.Xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>Parses the <c>.{format}</c> suffix of a route: <c>json</c> or <c>xml</c> (ordinal, lower case as the spec
    /// writes them; upper case is accepted too).</summary>
    /// <param name="text">The suffix without the dot.</param>
    /// <param name="format">The format when true.</param>
    public static bool TryParseFormat(string? text, out Open311Format format)
    {
        format = Open311Format.Json;
        if (string.Equals(text, "json", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(text, "xml", StringComparison.OrdinalIgnoreCase)) { format = Open311Format.Xml; return true; }
        return false;
    }

    /// <summary>W3C datetime with the instant's own offset, seconds precision: <c>2024-09-20T10:00:00+08:00</c>.</summary>
    /// <param name="at">Instant (pass it already at the offset to show).</param>
    public static string W3c(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="root"/> in <paramref name="format"/>.</summary>
    /// <param name="root">An <see cref="Open311List"/> or <see cref="Open311Object"/>.</param>
    /// <param name="rootName">XML root element name (e.g. <c>services</c>, <c>service_requests</c>, <c>errors</c>,
    /// <c>service_definition</c>, <c>discovery</c>); unused in JSON.</param>
    /// <param name="format">Format.</param>
    /// <returns>UTF-8 bytes without BOM.</returns>
    public static byte[] Write(object root, string rootName, Open311Format format)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var ms = new MemoryStream();
        if (format == Open311Format.Json)
        {
            using var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            WriteJson(w, root);
        }
        else
        {
            using var w = XmlWriter.Create(ms, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = true });
            w.WriteRaw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            WriteXml(w, rootName, root);
        }
        return ms.ToArray();
    }

    private static void WriteJson(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case DateTimeOffset t: w.WriteStringValue(W3c(t)); break;
            case Open311List list:
                w.WriteStartArray();
                foreach (var item in list.Items) WriteJson(w, item);
                w.WriteEndArray();
                break;
            case Open311Object o:
                w.WriteStartObject();
                foreach (var (k, v) in o.Fields)
                {
                    w.WritePropertyName(k);
                    WriteJson(w, v);
                }
                w.WriteEndObject();
                break;
            default: throw new ArgumentException($"unsupported Open311 value {value.GetType().Name}", nameof(value));
        }
    }

    private static void WriteXml(XmlWriter w, string name, object? value)
    {
        w.WriteStartElement(name);
        switch (value)
        {
            case null: break;
            case Open311List list:
                foreach (var item in list.Items) WriteXml(w, list.ItemName, item);
                break;
            case Open311Object o:
                foreach (var (k, v) in o.Fields) WriteXml(w, k, v);
                break;
            default: w.WriteString(Scalar(value)); break;
        }
        w.WriteEndElement();
    }

    private static string Scalar(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset t => W3c(t),
        _ => throw new ArgumentException($"unsupported Open311 value {value.GetType().Name}", nameof(value)),
    };

    /// <summary>The spec's error answer: a list of <c>{code, description}</c> (XML <c>errors</c> ⇊ <c>error</c>).</summary>
    /// <param name="errors">Errors; code is usually the HTTP status.</param>
    public static Open311List Errors(IEnumerable<Open311Error> errors) =>
        new("error", errors.Select(e => (object?)new Open311Object([new("code", e.Code), new("description", e.Description)])).ToList());
}

/// <summary>One error of the spec's error array (http://wiki.open311.org/GeoReport_v2 "Errors"): the HTTP status that
/// carries it (400 invalid request, 403 missing or invalid <c>api_key</c>, 404 no such resource) and a human-readable
/// description naming the argument at fault (e.g. <c>lat: …</c>). Immutable.</summary>
/// <param name="Code">Error code (the HTTP status).</param>
/// <param name="Description">Description, starting with the argument name when one is at fault.</param>
public sealed record Open311Error(int Code, string Description);

/// <summary>A request the GeoReport v2 endpoints refuse: carries the HTTP status and the error (or errors) to answer with.
/// Thrown by <see cref="Open311Requests"/> and <see cref="Open311Service"/>, caught by the web API.</summary>
public sealed class Open311Exception : Exception
{
    /// <summary>Creates one.</summary>
    /// <param name="status">HTTP status: 400, 403 or 404.</param>
    /// <param name="description">Description, starting with the argument at fault.</param>
    public Open311Exception(int status, string description) : base(description) => Errors = [new Open311Error(status, description)];

    /// <summary>Unused; use the other constructor.</summary>
    public Open311Exception() : this(400, "invalid request") { }

    /// <summary>Unused; use the other constructor.</summary>
    /// <param name="message">Description.</param>
    public Open311Exception(string message) : this(400, message) { }

    /// <summary>Unused; use the other constructor.</summary>
    /// <param name="message">Description.</param>
    /// <param name="inner">Cause.</param>
    public Open311Exception(string message, Exception inner) : base(message, inner) => Errors = [new Open311Error(400, message)];

    /// <summary>HTTP status of the answer.</summary>
    public int Status => Errors[0].Code;

    /// <summary>The errors (one).</summary>
    public IReadOnlyList<Open311Error> Errors { get; }
}
