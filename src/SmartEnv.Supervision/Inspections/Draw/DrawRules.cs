using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Inspections.Draw;

/// <summary>One row of <c>draw-rules.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Key">The key, e.g. <c>key.ratio</c>.</param>
/// <param name="Value">The figure (decimal; a flag is 1 or 0).</param>
/// <param name="Unit">Its unit as written.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv (supervision.md legend; SmartEnv = a SmartEnv rule).</param>
/// <param name="Source">The regulation and article, or the reason for a SmartEnv rule.</param>
public sealed record DrawRuleRow(string Key, decimal Value, string Unit, string Confidence, string Source);

/// <summary>
/// The default figures of the 双随机 draw (issue 19, supervision.md §6 and §7) as data: <c>Resources/draw-rules.tsv</c>
/// (embedded as <c>SmartEnv.Supervision.Resources.draw-rules.tsv</c>), each row with unit, confidence and source: key
/// ratio 0.25/quarter [S], general 10 units per inspector per year [S], special 1.0 [U], grade multipliers 诚信 0.5 /
/// 良好 1 / 警示 1.5 / 不良 2 [U] (SmartEnv local policy), at least 2 inspectors per task, publication within 20 working
/// days [U]. <see cref="ToRuleSet"/> copies them into a plan, which may override them; the plan's copy is what is used.
/// <para>File format: UTF-8, tab-separated, header <c>key value unit confidence source</c>; <c>#</c> lines and blank lines
/// ignored. Every key of <see cref="RequiredKeys"/> exactly once; unknown keys refused.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class DrawRules
{
    /// <summary>The keys a rules file must hold.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "key.ratio", "special.ratio", "general.units_per_inspector_year", "multiplier.honest", "multiplier.good",
        "multiplier.warning", "multiplier.bad", "multiplier.none", "inspectors.per_task",
        "inspectors.different_departments", "inspectors.recuse_last_time", "publication.workdays",
    ];

    /// <summary>The confidence labels a row may carry.</summary>
    public static readonly IReadOnlyList<string> Confidences = ["P", "P†", "S", "U", "SmartEnv"];

    private static readonly Lazy<DrawRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.draw-rules.tsv";
        using var s = typeof(DrawRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, DrawRuleRow> _rows;

    private DrawRules(Dictionary<string, DrawRuleRow> rows, string version)
    {
        _rows = rows;
        Version = version;
        PublicationWorkdays = (int)rows["publication.workdays"].Value;
        var set = ToRuleSet();
        if (DrawEngine.RuleProblem(set) is { } problem) throw new FormatException($"draw-rules: {problem}");
        if (PublicationWorkdays != rows["publication.workdays"].Value || PublicationWorkdays < 1)
            throw new FormatException("draw-rules: 'publication.workdays' must be a whole number ≥ 1");
    }

    /// <summary>The embedded <c>draw-rules.tsv</c>.</summary>
    public static DrawRules Default => DefaultLazy.Value;

    /// <summary><c>draw-rules@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text.</summary>
    public string Version { get; }

    /// <summary>20 working days: results public within this of the inspection's end ([U], a row; used by later parts).</summary>
    public int PublicationWorkdays { get; }

    /// <summary>Every row, in key order.</summary>
    public IReadOnlyList<DrawRuleRow> All => [.. _rows.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The row of <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="RequiredKeys"/>.</param>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    public DrawRuleRow this[string key] => _rows.TryGetValue(key, out var r) ? r : throw new KeyNotFoundException($"draw rules: no key '{key}'");

    /// <summary>The figures as a plan's rules, with <see cref="Version"/>. Override a figure with <c>with</c>.</summary>
    /// <returns>A new rule set.</returns>
    public DrawRuleSet ToRuleSet() => new(
        Version,
        _rows["key.ratio"].Value,
        _rows["special.ratio"].Value,
        _rows["general.units_per_inspector_year"].Value,
        _rows["multiplier.honest"].Value,
        _rows["multiplier.good"].Value,
        _rows["multiplier.warning"].Value,
        _rows["multiplier.bad"].Value,
        _rows["multiplier.none"].Value,
        decimal.Truncate(_rows["inspectors.per_task"].Value) == _rows["inspectors.per_task"].Value
            ? (int)Math.Min(_rows["inspectors.per_task"].Value, int.MaxValue) : 0,
        Flag("inspectors.different_departments"),
        Flag("inspectors.recuse_last_time"));

    private bool Flag(string key) => _rows[key].Value switch
    {
        0m => false,
        1m => true,
        _ => throw new FormatException($"draw-rules: '{key}' is a flag (0 or 1)"),
    };

    /// <summary>Reads a rules file.</summary>
    /// <param name="tsv">The file's text.</param>
    /// <exception cref="FormatException">The message names the line or key: a wrong header, a row without 5 columns, a
    /// value that is not a decimal (invariant, '.' separator), an unknown confidence, an empty unit or source, a duplicate
    /// or unknown key, a missing key, a flag other than 0/1, or a figure the draw refuses (see
    /// <see cref="DrawEngine.RuleProblem"/>).</exception>
    public static DrawRules Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var text = tsv.ReadToEnd();
        var rows = new Dictionary<string, DrawRuleRow>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 5) throw new FormatException($"draw-rules line {lineNo}: {f.Length} columns, 5 expected (key value unit confidence source)");
            if (header)
            {
                if (!f.SequenceEqual(["key", "value", "unit", "confidence", "source"]))
                    throw new FormatException($"draw-rules line {lineNo}: the header must be key value unit confidence source");
                header = false;
                continue;
            }
            if (!RequiredKeys.Contains(f[0])) throw new FormatException($"draw-rules line {lineNo}: unknown key '{f[0]}'");
            if (!decimal.TryParse(f[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"draw-rules line {lineNo}: '{f[0]}' = '{f[1]}' is not a decimal number");
            if (!Confidences.Contains(f[3]))
                throw new FormatException($"draw-rules line {lineNo}: confidence '{f[3]}' is not one of {string.Join(", ", Confidences)}");
            if (f[2].Length == 0 || f[4].Length == 0)
                throw new FormatException($"draw-rules line {lineNo}: '{f[0]}' has an empty unit or source");
            if (!rows.TryAdd(f[0], new DrawRuleRow(f[0], value, f[2], f[3], f[4])))
                throw new FormatException($"draw-rules line {lineNo}: key '{f[0]}' appears twice");
        }
        foreach (var k in RequiredKeys)
            if (!rows.ContainsKey(k)) throw new FormatException($"draw-rules: required key '{k}' missing");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new DrawRules(rows, $"draw-rules@{hash}");
    }
}
