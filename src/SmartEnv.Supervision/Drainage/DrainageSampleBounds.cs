using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Drainage;

/// <summary>One plausibility bound: a sample value of <see cref="Item"/> outside [<see cref="Min"/>, <see cref="Max"/>]
/// (both included) cannot be a real measurement.</summary>
/// <param name="Item">GB 3838-2002 table 1 item key (<c>ph</c>, <c>do</c>, <c>cod</c> …).</param>
/// <param name="Unit">The item's unit as written in the table (mg/L, ℃, 1, 个/L).</param>
/// <param name="Min">Lowest plausible value (included).</param>
/// <param name="Max">Highest plausible value (included).</param>
/// <param name="Confidence">S or U.</param>
/// <param name="Source">Where the figure comes from.</param>
public sealed record SampleBound(string Item, string Unit, decimal Min, decimal Max, string Confidence, string Source);

/// <summary>
/// Plausibility bounds of drainage-outlet sample values (issue 20 forms; docs/drainage.md "Sample plausibility"): rows of
/// the embedded <c>drainage-sample-bounds.tsv</c> (item, unit, min, max, confidence, source) — physically possible ranges
/// (pH 0–14, DO 0–20 mg/L, concentrations ≥ 0) and per item an upper bound no real sample reaches, marked U where it is a
/// SmartEnv choice. They are not standard limits. Immutable; thread-safe.
/// </summary>
public sealed class DrainageSampleBounds
{
    private static readonly Lazy<DrainageSampleBounds> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.drainage-sample-bounds.tsv";
        using var s = typeof(DrainageSampleBounds).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, SampleBound> _byItem;

    private DrainageSampleBounds(IReadOnlyList<SampleBound> rows, string version)
    {
        Rows = rows;
        Version = version;
        _byItem = rows.ToDictionary(b => b.Item, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The embedded table.</summary>
    public static DrainageSampleBounds Default => DefaultLazy.Value;

    /// <summary>Every row, in file order.</summary>
    public IReadOnlyList<SampleBound> Rows { get; }

    /// <summary><c>drainage-sample-bounds@</c> and the first 8 hex digits of the file's SHA-256.</summary>
    public string Version { get; }

    /// <summary>The bound of an item key (case-insensitive), or null when the table has none.</summary>
    /// <param name="item">Item key.</param>
    public SampleBound? Find(string item) => _byItem.GetValueOrDefault(item);

    /// <summary>Why a value is implausible — <c>"ph = 14.01 is outside the plausible range 0–14 (drainage-sample-bounds: …)"</c>
    /// — or null when it lies within the bound (both ends included) or the item has no row.</summary>
    /// <param name="item">Item key.</param>
    /// <param name="value">Value in the item's unit.</param>
    public string? Check(string item, decimal value)
    {
        if (Find(item) is not { } b || (value >= b.Min && value <= b.Max)) return null;
        var unit = b.Unit == "1" ? "" : " " + b.Unit;
        return string.Create(CultureInfo.InvariantCulture, $"{b.Item} = {value}{unit} is outside the plausible range {b.Min}–{b.Max}{unit} ({(value < b.Min ? "below the minimum" : "above the maximum")}, {b.Confidence}: {b.Source})");
    }

    /// <summary>Parses a bounds file (format of the embedded table).</summary>
    /// <param name="reader">The file.</param>
    /// <exception cref="FormatException">A bad row or header, a duplicate item, min &gt; max, an unknown confidence.</exception>
    public static DrainageSampleBounds Load(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var text = reader.ReadToEnd();
        var rows = new List<SampleBound>();
        var header = false;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var f = line.Split('\t');
            if (!header)
            {
                if (!f.SequenceEqual(["item", "unit", "min", "max", "confidence", "source"])) throw new FormatException($"drainage-sample-bounds line {lineNo}: header must be item, unit, min, max, confidence, source");
                header = true;
                continue;
            }
            if (f.Length != 6 || f.Any(string.IsNullOrWhiteSpace)) throw new FormatException($"drainage-sample-bounds line {lineNo}: 6 non-empty columns");
            if (!decimal.TryParse(f[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var min) || !decimal.TryParse(f[3], NumberStyles.Number, CultureInfo.InvariantCulture, out var max) || min > max)
                throw new FormatException($"drainage-sample-bounds line {lineNo}: min and max numbers, min ≤ max");
            if (f[4] is not ("P" or "S" or "U" or "SmartEnv")) throw new FormatException($"drainage-sample-bounds line {lineNo}: confidence P, S, U or SmartEnv");
            if (rows.Any(r => string.Equals(r.Item, f[0], StringComparison.OrdinalIgnoreCase))) throw new FormatException($"drainage-sample-bounds line {lineNo}: item {f[0]} twice");
            rows.Add(new SampleBound(f[0], f[1], min, max, f[4], f[5]));
        }
        if (!header) throw new FormatException("drainage-sample-bounds: no header");
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new DrainageSampleBounds(rows, "drainage-sample-bounds@" + sha);
    }
}
