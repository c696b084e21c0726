using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Construction;

/// <summary>One row of <c>construction-card-rules.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Key">Key, e.g. <c>yellow.dust_hours</c>.</param>
/// <param name="Value">The figure (a whole number).</param>
/// <param name="Unit">Unit as written (hour, complaint, finding, day, month).</param>
/// <param name="Confidence">S or SmartEnv (a platform default, no official figure).</param>
/// <param name="Source">Why the figure is what it is.</param>
public sealed record CardRule(string Key, int Value, string Unit, string Confidence, string Source);

/// <summary>
/// The 红黄绿牌 rule table (<c>Resources/construction-card-rules.tsv</c>, embedded as
/// <c>SmartEnv.Supervision.Resources.construction-card-rules.tsv</c>): this platform's default, after the pattern of
/// Mianyang, Baoji and Hanyin (supervision.md §9 [S]; Chongqing's own criteria [U]). A count triggers a colour when it is
/// at least the row's value; 0 disables that input. Format: UTF-8, tab-separated, header
/// <c>key value unit confidence source</c>; every key of <see cref="RequiredKeys"/> exactly once. Immutable; thread-safe.
/// </summary>
public sealed class CardRules
{
    /// <summary>The keys a rules file must hold.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "yellow.dust_hours", "red.dust_hours", "yellow.noise_hours", "red.noise_hours", "yellow.complaints", "red.complaints",
        "yellow.findings", "red.findings", "yellow.rectify_days", "blacklist.consecutive_red",
    ];

    private static readonly Lazy<CardRules> DefaultLazy = new(() => Load(RuleFiles.Open("construction-card-rules.tsv")));

    private readonly Dictionary<string, CardRule> _rows;

    private CardRules(Dictionary<string, CardRule> rows, string version)
    {
        _rows = rows;
        Version = version;
    }

    /// <summary>The embedded table.</summary>
    public static CardRules Default => DefaultLazy.Value;

    /// <summary><c>construction-card-rules@</c> + 8 hex digits of the SHA-256 of the file text; stored with every card.</summary>
    public string Version { get; }

    /// <summary>Every row in key order.</summary>
    public IReadOnlyList<CardRule> All => [.. _rows.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The figure of <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="RequiredKeys"/>.</param>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    public int this[string key] => _rows.TryGetValue(key, out var r) ? r.Value : throw new KeyNotFoundException($"card rules: no key '{key}'");

    /// <summary>Parses a rules file.</summary>
    /// <param name="reader">The file text.</param>
    /// <exception cref="FormatException">Malformed, missing, duplicate or unknown key (the message names it).</exception>
    public static CardRules Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        var rows = new Dictionary<string, CardRule>(StringComparer.Ordinal);
        var header = false;
        var n = 0;
        foreach (var raw in text.Split('\n'))
        {
            n++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var c = line.Split('\t');
            if (!header)
            {
                if (string.Join('\t', c) != "key\tvalue\tunit\tconfidence\tsource") throw new FormatException($"line {n}: unexpected header");
                header = true;
                continue;
            }
            if (c.Length != 5) throw new FormatException($"line {n}: 5 columns expected");
            if (!RequiredKeys.Contains(c[0])) throw new FormatException($"line {n}: unknown key '{c[0]}'");
            if (!int.TryParse(c[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > 10_000) throw new FormatException($"line {n}: value '{c[1]}'");
            if (c[3] is not ("S" or "U" or "SmartEnv")) throw new FormatException($"line {n}: confidence '{c[3]}'");
            if (!rows.TryAdd(c[0], new CardRule(c[0], v, c[2], c[3], c[4]))) throw new FormatException($"line {n}: key '{c[0]}' twice");
        }
        if (RequiredKeys.FirstOrDefault(k => !rows.ContainsKey(k)) is { } missing) throw new FormatException($"key '{missing}' missing");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new CardRules(rows, "construction-card-rules@" + hash);
    }
}
