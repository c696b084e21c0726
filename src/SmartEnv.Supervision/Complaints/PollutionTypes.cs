using System.Text;

namespace SmartEnv.Supervision.Complaints;

/// <summary>One pollution type of <c>complaint-categories.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Code">Lower-case ASCII code: a top-level type (<c>noise</c>) or a sub-type <c>parent.child</c>
/// (<c>noise.construction</c>).</param>
/// <param name="Parent">The top-level code of a sub-type; null for a top-level type.</param>
/// <param name="NameZh">Chinese name as in the MEE bulletins (e.g. <c>建设施工噪声</c>).</param>
/// <param name="NameEn">English name.</param>
/// <param name="Confidence">P, P†, S or U (supervision.md legend).</param>
/// <param name="Source">Where the category comes from.</param>
public sealed record PollutionType(string Code, string? Parent, string NameZh, string NameEn, string Confidence, string Source);

/// <summary>
/// The pollution types a complaint is classified under: the categories of MEE's monthly 12369 bulletins (supervision.md
/// §5.3 [S]) — 大气 <c>air</c>, 噪声 <c>noise</c>, 水 <c>water</c>, 固废 <c>solid_waste</c>, 生态破坏 <c>ecology</c>, 辐射
/// <c>radiation</c>, with 土壤 <c>soil</c> and 其他 <c>other</c> of local bulletins — and their sub-types (air: <c>air.odour</c>
/// 恶臭/异味, <c>air.dust</c> 烟粉尘, <c>air.industrial</c> 工业废气, <c>air.cooking</c> 油烟; noise: <c>noise.construction</c>,
/// <c>noise.industrial</c>, and the [U] rows <c>noise.social</c>, <c>noise.traffic</c>; water: <c>water.industrial</c> and
/// the [U] row <c>water.domestic</c>). Data: <c>Resources/complaint-categories.tsv</c> (embedded as
/// <c>SmartEnv.Supervision.Resources.complaint-categories.tsv</c>; columns <c>code parent name_zh name_en confidence
/// source</c>). A case may carry several types; a sub-type implies its parent (<see cref="TryNormalize"/>).
/// Immutable; thread-safe.
/// </summary>
public static class PollutionTypes
{
    private static readonly Lazy<IReadOnlyList<PollutionType>> AllLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.complaint-categories.tsv";
        using var s = typeof(PollutionTypes).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private static readonly Lazy<Dictionary<string, PollutionType>> ByCode =
        new(() => All.ToDictionary(t => t.Code, StringComparer.Ordinal));

    /// <summary>Every type in file order (each top-level type followed by its sub-types).</summary>
    public static IReadOnlyList<PollutionType> All => AllLazy.Value;

    /// <summary>The top-level types in file order: air, noise, water, solid_waste, soil, ecology, radiation, other.</summary>
    public static IReadOnlyList<PollutionType> TopLevel => [.. All.Where(t => t.Parent is null)];

    /// <summary>The type with code <paramref name="code"/> (exact, ordinal), or null.</summary>
    /// <param name="code">A code such as <c>air.odour</c>.</param>
    public static PollutionType? Find(string code) => code is not null && ByCode.Value.TryGetValue(code, out var t) ? t : null;

    /// <summary>The top-level code of <paramref name="code"/>: itself for a top-level type, the parent for a sub-type.</summary>
    /// <param name="code">A known code.</param>
    /// <exception cref="ArgumentException">Not a code of <see cref="All"/>.</exception>
    public static string TopOf(string code) =>
        Find(code) is { } t ? t.Parent ?? t.Code : throw new ArgumentException($"'{code}' is not a pollution type code", nameof(code));

    /// <summary>Checks and completes the types given for a complaint: each code trimmed and lower-cased, duplicates
    /// dropped, the parent of every sub-type added, the result in <see cref="All"/> order.</summary>
    /// <param name="codes">Codes as submitted.</param>
    /// <param name="normalized">The complete list (empty when false).</param>
    /// <param name="reason">Why the list is refused (no type at all, or the first unknown code); null when true.</param>
    /// <returns>False for no code or an unknown code.</returns>
    public static bool TryNormalize(IEnumerable<string> codes, out IReadOnlyList<string> normalized, out string? reason)
    {
        normalized = [];
        if (codes is null) { reason = "at least one pollution type is required"; return false; }
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in codes)
        {
            var c = raw?.Trim().ToLowerInvariant() ?? "";
            if (c.Length == 0) continue;
            if (Find(c) is not { } t)
            {
                reason = $"'{raw}' is not a pollution type (one of {string.Join(", ", All.Select(x => x.Code))})";
                return false;
            }
            set.Add(t.Code);
            if (t.Parent is not null) set.Add(t.Parent);
        }
        if (set.Count == 0) { reason = "at least one pollution type is required"; return false; }
        normalized = [.. All.Where(t => set.Contains(t.Code)).Select(t => t.Code)];
        reason = null;
        return true;
    }

    /// <summary>Reads a categories file (the columns of <c>complaint-categories.tsv</c>).</summary>
    /// <param name="tsv">The file's text.</param>
    /// <returns>The types in file order.</returns>
    /// <exception cref="FormatException">The message names the line: a wrong header, a row without 6 columns, a code that
    /// is not lower-case ASCII <c>[a-z_]+</c> or <c>parent.child</c>, a code listed twice, a sub-type whose parent is
    /// not listed before it or does not match its code's prefix, a top-level code with a parent, an empty name or
    /// source, or a confidence other than P, P†, S, U.</exception>
    public static IReadOnlyList<PollutionType> Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var list = new List<PollutionType>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        string? line;
        while ((line = tsv.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 6) throw new FormatException($"complaint-categories line {lineNo}: {f.Length} columns, 6 expected (code parent name_zh name_en confidence source)");
            if (header)
            {
                if (!f.SequenceEqual(["code", "parent", "name_zh", "name_en", "confidence", "source"]))
                    throw new FormatException($"complaint-categories line {lineNo}: the header must be code parent name_zh name_en confidence source");
                header = false;
                continue;
            }
            var code = f[0];
            var parts = code.Split('.');
            if (parts.Length > 2 || parts.Any(p => p.Length == 0 || !p.All(ch => ch is (>= 'a' and <= 'z') or '_')))
                throw new FormatException($"complaint-categories line {lineNo}: code '{code}' is not lower-case a-z/_ (top level) or parent.child");
            string? parent = f[1].Length == 0 ? null : f[1];
            if (parts.Length == 1 && parent is not null)
                throw new FormatException($"complaint-categories line {lineNo}: top-level code '{code}' has a parent");
            if (parts.Length == 2 && (parent != parts[0] || !seen.Contains(parts[0]) || parts[0].Contains('.')))
                throw new FormatException($"complaint-categories line {lineNo}: sub-type '{code}' needs parent '{parts[0]}' listed before it");
            if (f[2].Length == 0 || f[3].Length == 0 || f[5].Length == 0)
                throw new FormatException($"complaint-categories line {lineNo}: '{code}' has an empty name or source");
            if (f[4] is not ("P" or "P†" or "S" or "U"))
                throw new FormatException($"complaint-categories line {lineNo}: confidence '{f[4]}' is not P, P†, S or U");
            if (!seen.Add(code)) throw new FormatException($"complaint-categories line {lineNo}: code '{code}' listed twice");
            list.Add(new PollutionType(code, parent, f[2], f[3], f[4], f[5]));
        }
        if (header) throw new FormatException("complaint-categories: no header row (code parent name_zh name_en confidence source)");
        return list;
    }
}
