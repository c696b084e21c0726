using System.Globalization;
using System.Text.Json;
using SmartEnv.Standards.Common;

namespace SmartEnv.Cli;

/// <summary>Reading JSON Lines from stdin the same way in every command.</summary>
internal static class CliInput
{
    /// <summary>The lines of <paramref name="reader"/> with their 1-based numbers; a UTF-8 byte-order mark before line 1 is dropped.</summary>
    public static IEnumerable<(int Number, string Text)> Lines(TextReader reader)
    {
        var n = 0;
        while (reader.ReadLine() is { } line)
        {
            n++;
            yield return (n, n == 1 ? line.TrimStart('\uFEFF') : line);
        }
    }

    /// <summary>Throws <see cref="FormatException"/> when an object of the document names a key twice (JSON leaves it open; we refuse to guess).</summary>
    public static void RejectDuplicateKeys(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in e.EnumerateObject())
            {
                if (!seen.Add(p.Name)) throw new FormatException($"key '{p.Name}' appears twice");
                RejectDuplicateKeys(p.Value);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var x in e.EnumerateArray()) RejectDuplicateKeys(x);
    }

    /// <summary>A JSON number as decimal, or <see cref="FormatException"/> naming the key (e.g. 1e400 is out of decimal range).</summary>
    public static decimal Decimal(JsonElement v, string key) =>
        v.ValueKind != JsonValueKind.Number ? throw new FormatException($"'{key}' must be a number")
        : v.TryGetDecimal(out var d) ? d
        : throw new FormatException($"'{key}': {v.GetRawText()} is out of range");

    /// <summary>A JSON string, or <see cref="FormatException"/> naming the key.</summary>
    public static string String(JsonElement v, string key) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"'{key}' must be a string, not {v.GetRawText()}");

    /// <summary>
    /// A Beijing-time clock time from ISO 8601 text: without an offset the clock time is taken as written; with one
    /// (<c>Z</c>, <c>+08:00</c>, …) the instant is converted to UTC+8, whatever the machine's time zone.
    /// </summary>
    public static bool TryBeijingTime(string text, out DateTime time)
    {
        time = default;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)) return false;
        if (t.Kind == DateTimeKind.Unspecified) { time = t; return true; }
        try
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var o)) return false;
            time = BeijingTime.Local(o);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // e.g. 9999-12-31T23:00Z is past the last representable Beijing time
        }
    }
}
