using System.Text.Json;

namespace SmartEnv.Imports.DataSources;

/// <summary>
/// Reads findings pasted or uploaded from a verification report (the <c>/data/sources</c> page): one finding object, an
/// array of them, or a report object with a <c>findings</c> array. Field names are matched in either spelling
/// (<c>summaryEn</c> / <c>summary_en</c>); numbers may be JSON numbers or numeric strings. Validation of the values is
/// <see cref="DataSourceService.Validate"/>'s. Pure; thread-safe.
/// </summary>
public static class FindingJson
{
    /// <summary>Parses the text.</summary>
    /// <param name="json">The JSON.</param>
    /// <param name="note">Note given to every finding, or null.</param>
    /// <returns>The findings (at least one).</returns>
    /// <exception cref="DataSourceException">400 (field <c>finding</c>): not JSON, or no finding object in it.</exception>
    public static IReadOnlyList<FindingInput> Parse(string? json, string? note = null)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json ?? "", new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }); }
        catch (JsonException e) { throw new DataSourceException(400, "finding", "the finding is not JSON: " + e.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("findings", out var fs)) root = fs;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => [],
            };
            if (items.Count == 0 || items.Any(i => i.ValueKind != JsonValueKind.Object))
                throw new DataSourceException(400, "finding", "no finding object found (expected a finding, an array of findings or a report with 'findings')");
            return items.Select(i => new FindingInput
            {
                Domain = Text(i, "domain"), Cause = Text(i, "cause"), Figure = Text(i, "figure"), From = Text(i, "from"), To = Text(i, "to"),
                Stations = Int(i, "stations"), Rows = Int(i, "rows"), Summary = Text(i, "summary"),
                SummaryEn = Text(i, "summaryEn") ?? Text(i, "summary_en"), Note = note,
            }).ToList();
        }
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Null => null, _ => v.GetRawText() } : null;

    private static int? Int(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && int.TryParse(v.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n)) return n;
        return v.ValueKind == JsonValueKind.Null ? null : -1; // not a whole number: Validate names the field
    }
}
