using System.Collections.Frozen;

namespace SmartEnv.Hj212.Codes;

/// <summary>
/// A bureau-maintained table mapping factor codes outside <see cref="Hj212CodeRegistry"/> (vendor codes of standard
/// shape such as <c>a34006</c>, <c>o31104</c>; see <see cref="Hj212Deviation.UnregisteredFactorCode"/>) to a registered
/// code, for every device or for one MN. Data, not code: read from tab-separated text (docs/hj212.md "Factor
/// aliases"), one alias per line <c>vendor_code TAB standard_code [TAB mn [TAB note]]</c>, <c>mn</c> empty or <c>*</c>
/// for every device, <c>#</c> starts a comment line. Later tables override earlier ones (<see cref="Then"/>), an MN row
/// wins over a <c>*</c> row. Immutable; thread-safe. No I/O: callers read the file.
/// </summary>
public sealed class Hj212FactorAliases
{
    private readonly FrozenDictionary<(string Mn, string Code), string> _map;

    private Hj212FactorAliases(FrozenDictionary<(string Mn, string Code), string> map) => _map = map;

    /// <summary>No aliases.</summary>
    public static Hj212FactorAliases Empty { get; } = new(FrozenDictionary<(string, string), string>.Empty);

    /// <summary>Number of aliases.</summary>
    public int Count => _map.Count;

    /// <summary>Reads an alias table from its text.</summary>
    /// <param name="text">Tab-separated lines as described on the type.</param>
    /// <param name="source">Name of the source for error messages (e.g. the file path).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="FormatException">A line has fewer than two columns, the standard code is not registered, the
    /// vendor code is itself registered (it needs no alias and would change what a standard code means), or a
    /// (vendor code, MN) pair is given twice; the message names the source and line.</exception>
    public static Hj212FactorAliases Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var map = new Dictionary<(string, string), string>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            var cols = line.Split('\t');
            string Where() => $"{source}:{i + 1}";
            if (cols.Length < 2) throw new FormatException($"{Where()}: expected vendor_code<TAB>standard_code[<TAB>mn[<TAB>note]]");
            var vendor = cols[0].Trim();
            var standard = cols[1].Trim();
            var mn = cols.Length > 2 && cols[2].Trim() is { Length: > 0 } m && m != "*" ? m : "*";
            if (vendor.Length == 0) throw new FormatException($"{Where()}: empty vendor code");
            if (Hj212CodeRegistry.Find(standard) is null) throw new FormatException($"{Where()}: '{standard}' is not a registered factor code");
            if (Hj212CodeRegistry.Find(vendor) is not null) throw new FormatException($"{Where()}: '{vendor}' is a registered factor code and cannot be an alias");
            if (!map.TryAdd((mn, vendor), standard)) throw new FormatException($"{Where()}: alias for '{vendor}' (MN {mn}) given twice");
        }
        return new Hj212FactorAliases(map.ToFrozenDictionary());
    }

    /// <summary>This table overridden and extended by <paramref name="later"/> (e.g. the shipped defaults, then the
    /// bureau's file).</summary>
    /// <param name="later">The table whose rows win.</param>
    /// <exception cref="ArgumentNullException"><paramref name="later"/> is null.</exception>
    public Hj212FactorAliases Then(Hj212FactorAliases later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var map = _map.ToDictionary();
        foreach (var kv in later._map) map[kv.Key] = kv.Value;
        return new Hj212FactorAliases(map.ToFrozenDictionary());
    }

    /// <summary>The registered code a device's factor code stands for: the alias for (<paramref name="mn"/>, code),
    /// else for every device, else <paramref name="code"/> itself.</summary>
    /// <param name="mn">The sending device's MN (null: only rows for every device apply).</param>
    /// <param name="code">The factor code as sent.</param>
    public string Resolve(string? mn, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_map.Count == 0) return code;
        if (mn is not null && _map.TryGetValue((mn, code), out var s)) return s;
        return _map.TryGetValue(("*", code), out s) ? s : code;
    }
}
