using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Water;

namespace SmartEnv.Verifications.Files;

/// <summary>A usage error of a verification request (unknown domain or format, bad map, unknown regime): CLI exit 2, API 400.</summary>
/// <param name="message">What is wrong.</param>
public sealed class VerificationUsageException(string message) : Exception(message);

/// <summary>
/// The column mapping of a plain CSV (<c>--map aqi=AQI,pm25=PM2.5,time=时间,site=站点</c>): field → header text, fields
/// separated by <c>,</c>, each <c>field=header</c> (docs/verification.md §5 lists the fields per domain). Immutable.
/// </summary>
public sealed class VerificationMap
{
    private static readonly Dictionary<string, string> AirAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["so2"] = "so2_1h", ["no2"] = "no2_1h", ["co"] = "co_1h", ["o3"] = "o3_1h", ["pm10"] = "pm10_1h", ["pm25"] = "pm25_1h", ["pm2.5"] = "pm25_1h",
    };

    /// <summary>Air published-IAQI fields → indicator: <c>iaqi_so2 iaqi_no2 iaqi_co iaqi_o3 iaqi_pm10 iaqi_pm25</c> (the
    /// 1-h IAQIs of an hourly release) and <c>iaqi_o3_8h</c>.</summary>
    public static IReadOnlyDictionary<string, AqiIndicator> IaqiFields { get; } = new Dictionary<string, AqiIndicator>(StringComparer.Ordinal)
    {
        ["iaqi_so2"] = AqiIndicator.So2_1h, ["iaqi_no2"] = AqiIndicator.No2_1h, ["iaqi_co"] = AqiIndicator.Co_1h, ["iaqi_o3"] = AqiIndicator.O3_1h,
        ["iaqi_o3_8h"] = AqiIndicator.O3_8h, ["iaqi_pm10"] = AqiIndicator.Pm10_1h, ["iaqi_pm25"] = AqiIndicator.Pm25_1h,
    };

    private static readonly string[] AirFigures = ["aqi", "level", "category", "primary", .. IaqiFields.Keys];

    private VerificationMap(IReadOnlyDictionary<string, string> fields) => Fields = fields;

    /// <summary>Field (lower case, canonical: <c>pm25</c> → <c>pm25_1h</c>) → header text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Parses and checks a map for a domain.</summary>
    /// <param name="text">The map text.</param>
    /// <param name="domain"><c>air</c>, <c>water</c> or <c>noise</c>.</param>
    /// <exception cref="VerificationUsageException">Empty map, a pair without <c>=</c>, a field given twice, a field unknown
    /// for the domain, or a required field (<c>time</c> and a published figure — air: <c>aqi</c>, an <c>iaqi_*</c>,
    /// <c>level</c>, <c>category</c> or <c>primary</c>) missing.</exception>
    public static VerificationMap Parse(string? text, string domain)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new VerificationUsageException("--format csv needs --map field=header,… (docs/verification.md)");
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var i = pair.IndexOf('=', StringComparison.Ordinal);
            if (i <= 0 || i == pair.Length - 1) throw new VerificationUsageException($"--map: '{pair}' is not field=header");
            var field = Canonical(pair[..i].Trim(), domain)
                ?? throw new VerificationUsageException($"--map: unknown field '{pair[..i].Trim()}' for {domain} (docs/verification.md §5)");
            if (!d.TryAdd(field, pair[(i + 1)..].Trim())) throw new VerificationUsageException($"--map: field '{field}' given twice");
        }
        if (!d.ContainsKey("time")) throw new VerificationUsageException("--map: the field 'time' is required");
        var figure = domain switch { "air" => AirFigures, "water" => ["class"], _ => ["day", "night"] };
        if (!figure.Any(d.ContainsKey)) throw new VerificationUsageException($"--map: the published figure ({string.Join(" or ", figure)}) is required");
        return new VerificationMap(d);
    }

    private static string? Canonical(string field, string domain)
    {
        var f = field.ToLowerInvariant();
        if (f is "site" or "time") return f;
        switch (domain)
        {
            case "air":
                if (f is "aqi" or "level" or "category" or "primary" || IaqiFields.ContainsKey(f)) return f;
                if (AirAliases.TryGetValue(f, out var a)) return a;
                return AqiIndicators.TryParse(f, out var ind) ? ind.Key() : null;
            case "water":
                if (f is "class" or "main" or "waterbody") return f;
                return Gb3838Table1.Items.Any(i => i.Key == f) ? f : null;
            case "noise":
                return f is "zone" or "ld" or "ln" or "day" or "night" ? f : null;
            default:
                return null;
        }
    }

    /// <summary>Column index (0-based) of each mapped field in a header row.</summary>
    /// <param name="header">Header cells.</param>
    /// <param name="source">File name for messages.</param>
    /// <exception cref="DataFileFormatException">A mapped header is not in the file (line 1).</exception>
    public IReadOnlyDictionary<string, int> Resolve(IReadOnlyList<string> header, string source)
    {
        var r = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, name) in Fields)
        {
            var i = -1;
            for (var c = 0; c < header.Count; c++) if (header[c].Trim() == name) { i = c; break; }
            if (i < 0) throw new DataFileFormatException(source, 1, 0, $"column '{name}' (mapped to {field}) is not in the header");
            r[field] = i;
        }
        return r;
    }
}
