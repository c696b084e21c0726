using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartEnv.Web.Contracts;

/// <summary>
/// The one output contract of SmartEnv (docs/api.md "Output contract"): the JSON options the HTTP API, the CLI and the UI
/// exports share, and the one joiner of list cells in CSV/xlsx exports.
/// <list type="bullet">
/// <item>Property names and dictionary keys of typed records are snake_case (<c>PrimaryPollutants</c> → <c>primary_pollutants</c>).</item>
/// <item>Enum values are snake_case strings (<c>IndicatorStatus.AtRisk</c> → <c>"at_risk"</c>), reading as well as writing.</item>
/// <item>Chinese text is written unescaped; <c>DateTimeOffset</c> is ISO 8601 with its offset; <c>DateOnly</c> is <c>yyyy-MM-dd</c>.</item>
/// <item>Lists are JSON arrays (never a joined string); in CSV/xlsx a list cell is joined by <see cref="ListSeparator"/>.</item>
/// </list>
/// Pure and thread-safe: the options are frozen on first use by System.Text.Json and must not be mutated.
/// This folder depends on System.Text.Json and the domain libraries only (no ASP.NET Core type), so the CLI may use it.
/// </summary>
public static class ContractJson
{
    /// <summary>
    /// The joiner of a list in one CSV/xlsx cell (primary pollutants, items, exclusions): <c>;</c> (U+003B, no space).
    /// Chosen because it needs no CSV quoting (unlike <c>,</c>), is ASCII for scripts, and never occurs in a pollutant key,
    /// a GB 3838 item key or a Chinese name. Split a cell with <see cref="SplitList"/>.
    /// </summary>
    public const string ListSeparator = ";";

    /// <summary>Options for one-line JSON (the API's bodies, the CLI's JSON Lines).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions());

    /// <summary>Same as <see cref="Options"/>, indented (human-readable documents such as the CLI's period summaries).</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>Applies the contract to an options object (used for ASP.NET Core's <c>ConfigureHttpJsonOptions</c>).</summary>
    /// <param name="o">Options to change.</param>
    /// <returns><paramref name="o"/>.</returns>
    public static JsonSerializerOptions Configure(JsonSerializerOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        o.DictionaryKeyPolicy = null; // keys are data (pollutant keys, codes, 分类 names), written as given
        o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return o;
    }

    /// <summary>The snake_case spelling of an enum value, as the contract writes it (<c>AtRisk</c> → <c>at_risk</c>).</summary>
    /// <typeparam name="TEnum">Enum type.</typeparam>
    /// <param name="value">Value.</param>
    public static string EnumValue<TEnum>(TEnum value) where TEnum : struct, System.Enum =>
        JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Joins a list into one CSV/xlsx cell with <see cref="ListSeparator"/>.</summary>
    /// <param name="items">Items (none may contain the separator).</param>
    public static string JoinList(IEnumerable<string> items) => string.Join(ListSeparator, items);

    /// <summary>Splits a cell or a stored list written with <see cref="ListSeparator"/>; null or empty → an empty list.</summary>
    /// <param name="joined">Joined text.</param>
    public static IReadOnlyList<string> SplitList(string? joined) =>
        string.IsNullOrEmpty(joined) ? [] : joined.Split(ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
