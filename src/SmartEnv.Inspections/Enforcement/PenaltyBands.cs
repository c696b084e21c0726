using System.Globalization;

namespace SmartEnv.Inspections.Enforcement;

/// <summary>One penalty band (guidance only). Immutable; thread-safe.</summary>
/// <param name="Article">The article, e.g. 《排污许可管理条例》第三十四条.</param>
/// <param name="MinYuan">Lowest fine, 元.</param>
/// <param name="MaxYuan">Highest fine, 元.</param>
/// <param name="PerOccasion">True when the band applies per occasion (按次).</param>
/// <param name="Subject">What the article punishes.</param>
/// <param name="Confidence">Confidence of the source (supervision.md key).</param>
/// <param name="Source">Where it comes from.</param>
public sealed record PenaltyBand(string Article, decimal MinYuan, decimal MaxYuan, bool PerOccasion, string Subject, string Confidence, string Source);

/// <summary>The penalty bands of supervision.md §2.2 (embedded <c>Resources/penalty-bands.tsv</c>), shown as guidance
/// beside enforcement cases and never enforced by <see cref="EnforcementCaseService"/>. Read once; thread-safe.</summary>
public static class PenaltyBands
{
    private static readonly Lazy<IReadOnlyList<PenaltyBand>> Table = new(Load);

    /// <summary>The bands in table order.</summary>
    public static IReadOnlyList<PenaltyBand> All => Table.Value;

    private static IReadOnlyList<PenaltyBand> Load()
    {
        using var s = typeof(PenaltyBands).Assembly.GetManifestResourceStream("SmartEnv.Inspections.Resources.penalty-bands.tsv")
            ?? throw new InvalidOperationException("penalty-bands.tsv is not embedded");
        using var r = new StreamReader(s);
        var list = new List<PenaltyBand>();
        var header = true;
        while (r.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (header) { header = false; continue; }
            var f = line.Split('\t');
            if (f.Length != 7) throw new FormatException($"penalty-bands.tsv: 7 columns expected: {line}");
            list.Add(new PenaltyBand(f[0], decimal.Parse(f[1], CultureInfo.InvariantCulture), decimal.Parse(f[2], CultureInfo.InvariantCulture), bool.Parse(f[3]), f[4], f[5], f[6]));
        }
        return list;
    }
}
