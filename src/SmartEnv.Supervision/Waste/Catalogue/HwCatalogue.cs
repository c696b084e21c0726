using System.Globalization;
using System.Text;

namespace SmartEnv.Supervision.Waste.Catalogue;

/// <summary>One row of the list's schedule (附表): a waste code with its category, industry, description and hazard
/// characteristics, as printed. Immutable; thread-safe.</summary>
/// <param name="Code">The code.</param>
/// <param name="CategoryNameZh">The category's name, e.g. 其他废物 for HW49.</param>
/// <param name="IndustryCode">The industry code column as printed (<c>900</c> for 非特定行业; equals the code's first 3
/// digits).</param>
/// <param name="Industry">The industry name as printed (two printed variants kept, supervision.md §3.1).</param>
/// <param name="DescriptionZh">The waste description (危险废物) as printed.</param>
/// <param name="Hazard">The hazard characteristics.</param>
public sealed record HwCatalogueEntry(WasteCode Code, string CategoryNameZh, string IndustryCode, string Industry,
    string DescriptionZh, HazardCharacteristics Hazard);

/// <summary>A category (HWnn) of one list edition. Immutable; thread-safe.</summary>
/// <param name="Category">E.g. <c>HW49</c>.</param>
/// <param name="NameZh">The list's name, e.g. 其他废物.</param>
/// <param name="NameEn">An English name (unofficial translation, <c>hw-categories.tsv</c>); null when not loaded.</param>
/// <param name="CodeCount">Number of listed codes in the category in this edition.</param>
public sealed record HwCategory(string Category, string NameZh, string? NameEn, int CodeCount);

/// <summary>
/// One edition of the 《国家危险废物名录》 schedule as data (supervision.md §3.1 [P]). <see cref="Edition2021"/> is the
/// 2021 edition (生态环境部令第15号, in force 2021-01-01): 467 codes in 46 categories, HW01–HW40 and HW45–HW50 (HW41–HW44
/// do not exist), embedded from <c>hw-codes-2021.tsv</c> and <c>hw-categories.tsv</c> (copies of shared/reference
/// <c>hw-codes.tsv</c>, <c>hw-categories.tsv</c>). A later edition (the 2025 list, in force 2025-01-01, 470 codes
/// [S], code-level diff not obtained [U], hw-2025-list.md) is loaded with <see cref="Load(TextReader, string, DateOnly)"/>
/// from a file in the same columns and placed beside it with <see cref="HwCatalogues.With"/>; every record keeps the
/// version it was coded under.
/// <para>File format: UTF-8, tab-separated, header <c>code category category_name_zh industry_code industry
/// description_zh hazard</c> (+ optional further columns such as <c>source</c>); <c>#</c> lines and blank lines ignored.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class HwCatalogue
{
    /// <summary>The columns a schedule file starts with, in order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["code", "category", "category_name_zh", "industry_code", "industry", "description_zh", "hazard"];

    private static readonly Lazy<HwCatalogue> Edition2021Lazy = new(() =>
    {
        using var codes = Resource("hw-codes-2021.tsv");
        using var cats = Resource("hw-categories.tsv");
        return Load(codes, cats, "2021", new DateOnly(2021, 1, 1));
    });

    private readonly Dictionary<string, HwCatalogueEntry> _byCode;
    private readonly Dictionary<string, HwCategory> _byCategory;

    private HwCatalogue(string version, DateOnly inForce, List<HwCatalogueEntry> entries, List<HwCategory> categories)
    {
        Version = version;
        InForce = inForce;
        Entries = entries;
        Categories = categories;
        _byCode = entries.ToDictionary(e => e.Code.Value, StringComparer.Ordinal);
        _byCategory = categories.ToDictionary(c => c.Category, StringComparer.Ordinal);
    }

    /// <summary>The 2021 edition (embedded).</summary>
    public static HwCatalogue Edition2021 => Edition2021Lazy.Value;

    /// <summary>The edition's version label, e.g. <c>2021</c>; stored with every coded record (<c>list_version</c>).</summary>
    public string Version { get; }

    /// <summary>The day the edition came into force (2021-01-01 for 2021).</summary>
    public DateOnly InForce { get; }

    /// <summary>Every listed code, in file order.</summary>
    public IReadOnlyList<HwCatalogueEntry> Entries { get; }

    /// <summary>The categories of the edition in HWnn order, derived from the entries (names from the entries; English
    /// names and count check from a category file when one was loaded).</summary>
    public IReadOnlyList<HwCategory> Categories { get; }

    /// <summary>The entry of a listed code, or null (also null for malformed text and for 900-000-XX, which is not a row).</summary>
    /// <param name="code">The code, <c>ddd-ddd-dd</c>.</param>
    public HwCatalogueEntry? Find(string code) => code is not null && _byCode.TryGetValue(code, out var e) ? e : null;

    /// <summary>The category <c>HWnn</c>, or null when the edition has no such category (HW41–HW44 in 2021).</summary>
    /// <param name="category">E.g. <c>HW49</c>.</param>
    public HwCategory? Category(string category) => category is not null && _byCategory.TryGetValue(category, out var c) ? c : null;

    /// <summary>Entries whose code, category, category name, industry or description contains <paramref name="query"/>
    /// (ordinal, case-insensitive for the ASCII parts), in file order.</summary>
    /// <param name="query">Text to look for; null or empty returns every entry.</param>
    public IEnumerable<HwCatalogueEntry> Search(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return Entries;
        var q = query.Trim();
        return Entries.Where(e => e.Code.Value.Contains(q, StringComparison.OrdinalIgnoreCase)
            || e.Code.Category.Contains(q, StringComparison.OrdinalIgnoreCase)
            || e.CategoryNameZh.Contains(q, StringComparison.Ordinal)
            || e.Industry.Contains(q, StringComparison.Ordinal)
            || e.DescriptionZh.Contains(q, StringComparison.Ordinal));
    }

    /// <summary>Loads an edition from a schedule file (columns of <see cref="Columns"/>).</summary>
    /// <param name="tsv">The schedule file.</param>
    /// <param name="version">The version label, e.g. <c>2025</c>.</param>
    /// <param name="inForce">The day it comes into force.</param>
    /// <exception cref="FormatException">The message starts with <c>line N:</c> and names the fault: wrong header, too few
    /// columns, a malformed code (the reason of <see cref="WasteCode.TryParse"/>), a code listed twice, a category column
    /// that is not HW + the code's last two digits, an industry column that is not the code's first three digits, an
    /// empty name or description, a category named two ways, a hazard text refused by
    /// <see cref="HazardCharacteristics.TryParse"/>; or an empty file.</exception>
    public static HwCatalogue Load(TextReader tsv, string version, DateOnly inForce) => Load(tsv, null, version, inForce);

    /// <summary>Loads an edition from a schedule file and a category file (columns <c>category name_zh name_en
    /// name_en_status codes_in_…</c> as <c>hw-categories.tsv</c>): the categories must be exactly those of the schedule,
    /// with the same Chinese names and code counts.</summary>
    /// <param name="tsv">The schedule file.</param>
    /// <param name="categoriesTsv">The category file, or null.</param>
    /// <param name="version">The version label.</param>
    /// <param name="inForce">The day it comes into force.</param>
    /// <exception cref="FormatException">As <see cref="Load(TextReader, string, DateOnly)"/>, and when the category file
    /// disagrees with the schedule (the message names the category).</exception>
    public static HwCatalogue Load(TextReader tsv, TextReader? categoriesTsv, string version, DateOnly inForce)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var entries = new List<HwCatalogueEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNo = 0;
        var header = true;
        while (tsv.ReadLine() is { } raw)
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (header)
            {
                if (f.Length < Columns.Count || !Columns.SequenceEqual(f.Take(Columns.Count)))
                    throw new FormatException($"line {lineNo}: the header must start with {string.Join(" ", Columns)} (tab-separated)");
                header = false;
                continue;
            }
            if (f.Length < Columns.Count) throw new FormatException($"line {lineNo}: {f.Length} columns, at least {Columns.Count} expected");
            if (!WasteCode.TryParse(f[0], out var code, out var reason)) throw new FormatException($"line {lineNo}: code '{f[0]}': {reason}");
            if (code.IsUnlisted) throw new FormatException($"line {lineNo}: {f[0]} is the unlisted code 900-000-XX (名录 Art. 6), not a schedule row");
            if (!seen.Add(code.Value)) throw new FormatException($"line {lineNo}: code {code.Value} listed twice");
            if (f[1] != code.Category) throw new FormatException($"line {lineNo}: category '{f[1]}' but {code.Value} ends in {code.CategoryDigits} ({code.Category})");
            if (f[3] != code.Industry) throw new FormatException($"line {lineNo}: industry_code '{f[3]}' but {code.Value} starts with {code.Industry}");
            if (f[2].Length == 0 || f[4].Length == 0 || f[5].Length == 0) throw new FormatException($"line {lineNo}: empty category name, industry or description");
            if (names.TryGetValue(f[1], out var known) && known != f[2])
                throw new FormatException($"line {lineNo}: category {f[1]} named '{f[2]}' here and '{known}' before");
            if (!HazardCharacteristics.TryParse(f[6], out var hazard, out var hreason)) throw new FormatException($"line {lineNo}: hazard '{f[6]}': {hreason}");
            names[f[1]] = f[2];
            counts[f[1]] = counts.GetValueOrDefault(f[1]) + 1;
            entries.Add(new HwCatalogueEntry(code, f[2], f[3], f[4], f[5], hazard!));
        }
        if (header || entries.Count == 0) throw new FormatException($"line {lineNo}: no header or no code row");
        var english = categoriesTsv is null ? null : ReadCategories(categoriesTsv, names, counts);
        var categories = names.Select(kv => new HwCategory(kv.Key, kv.Value, english?.GetValueOrDefault(kv.Key), counts[kv.Key])).ToList();
        return new HwCatalogue(version, inForce, entries, categories);
    }

    private static Dictionary<string, string> ReadCategories(TextReader tsv, SortedDictionary<string, string> names, Dictionary<string, int> counts)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        while (tsv.ReadLine() is { } raw)
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (header)
            {
                if (f.Length < 5 || f[0] != "category" || f[1] != "name_zh" || f[2] != "name_en")
                    throw new FormatException($"categories line {lineNo}: the header must start with category name_zh name_en name_en_status codes_in_list");
                header = false;
                continue;
            }
            if (f.Length < 5) throw new FormatException($"categories line {lineNo}: {f.Length} columns, at least 5 expected");
            if (!names.TryGetValue(f[0], out var zh)) throw new FormatException($"categories line {lineNo}: {f[0]} has no code in the schedule");
            if (zh != f[1]) throw new FormatException($"categories line {lineNo}: {f[0]} is '{f[1]}' here but '{zh}' in the schedule");
            if (!int.TryParse(f[4], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n != counts[f[0]])
                throw new FormatException($"categories line {lineNo}: {f[0]} count '{f[4]}' but the schedule lists {counts[f[0]]}");
            if (!result.TryAdd(f[0], f[2])) throw new FormatException($"categories line {lineNo}: {f[0]} listed twice");
        }
        foreach (var c in names.Keys)
            if (!result.ContainsKey(c)) throw new FormatException($"categories: {c} is in the schedule but not in the category file");
        return result;
    }

    private static StreamReader Resource(string file)
    {
        var name = "SmartEnv.Supervision.Resources." + file;
        var s = typeof(HwCatalogue).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded resource {name} missing");
        return new StreamReader(s, Encoding.UTF8);
    }
}

/// <summary>The result of checking a code against an edition (<see cref="HwCatalogues.Check"/>). Immutable; thread-safe.</summary>
/// <param name="Valid">True when the code may be recorded under that edition.</param>
/// <param name="Reason">Why not (English); null when valid.</param>
/// <param name="Entry">The listed entry; null when invalid or for the unlisted code 900-000-XX.</param>
public sealed record CodeCheck(bool Valid, string? Reason, HwCatalogueEntry? Entry);

/// <summary>
/// The editions of the list loaded side by side. <see cref="Default"/> holds the 2021 edition only; a later edition is
/// added with <see cref="With"/> (a new instance; this one is unchanged). Records keep the version they were coded under
/// and are checked against that version, not against the newest. Immutable; thread-safe.
/// </summary>
public sealed class HwCatalogues
{
    private static readonly Lazy<HwCatalogues> DefaultLazy = new(() => new HwCatalogues([HwCatalogue.Edition2021]));

    private readonly List<HwCatalogue> _editions;

    private HwCatalogues(List<HwCatalogue> editions) => _editions = editions;

    /// <summary>The 2021 edition only.</summary>
    public static HwCatalogues Default => DefaultLazy.Value;

    /// <summary>The editions, oldest in force first.</summary>
    public IReadOnlyList<HwCatalogue> Editions => _editions;

    /// <summary>A new set with <paramref name="edition"/> added.</summary>
    /// <param name="edition">The edition.</param>
    /// <exception cref="ArgumentException">An edition with the same version or the same in-force day is already loaded.</exception>
    public HwCatalogues With(HwCatalogue edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (_editions.Any(e => e.Version == edition.Version || e.InForce == edition.InForce))
            throw new ArgumentException($"list edition {edition.Version} (in force {edition.InForce:yyyy-MM-dd}) clashes with one already loaded", nameof(edition));
        return new HwCatalogues([.. _editions.Append(edition).OrderBy(e => e.InForce)]);
    }

    /// <summary>The edition in force on <paramref name="day"/>: the latest whose in-force day is on or before it.</summary>
    /// <param name="day">The day (e.g. the generation date of a container, Beijing).</param>
    /// <exception cref="ArgumentOutOfRangeException">No loaded edition is in force yet on that day (before 2021-01-01 with
    /// the default set; the 2016 list is not loaded).</exception>
    public HwCatalogue InForceOn(DateOnly day) =>
        _editions.LastOrDefault(e => e.InForce <= day)
        ?? throw new ArgumentOutOfRangeException(nameof(day), day, $"no list edition loaded is in force on {day:yyyy-MM-dd} (earliest: {_editions[0].Version}, in force {_editions[0].InForce:yyyy-MM-dd})");

    /// <summary>The edition with that version label, or null.</summary>
    /// <param name="version">E.g. <c>2021</c>.</param>
    public HwCatalogue? Version(string version) => _editions.FirstOrDefault(e => e.Version == version);

    /// <summary>Checks whether <paramref name="code"/> may be recorded under list <paramref name="version"/>: it must
    /// have the shape (<see cref="WasteCode.TryParse"/>) and be listed in that edition, except <c>900-000-XX</c>
    /// (名录 Art. 6, identified but not listed), which is valid for any category XX that the edition has.</summary>
    /// <param name="code">The code as given.</param>
    /// <param name="version">The edition's version label.</param>
    public CodeCheck Check(string code, string version)
    {
        if (!WasteCode.TryParse(code, out var c, out var reason)) return new CodeCheck(false, reason, null);
        if (Version(version) is not { } edition)
            return new CodeCheck(false, $"list version '{version}' is not loaded (loaded: {string.Join(", ", _editions.Select(e => e.Version))})", null);
        if (c.IsUnlisted)
            return edition.Category(c.Category) is null
                ? new CodeCheck(false, $"{c.Value}: category {c.Category} does not exist in the {edition.Version} list", null)
                : new CodeCheck(true, null, null);
        if (edition.Find(c.Value) is { } entry) return new CodeCheck(true, null, entry);
        return new CodeCheck(false, edition.Category(c.Category) is null
            ? $"{c.Value}: category {c.Category} does not exist in the {edition.Version} list"
            : $"{c.Value} is not listed in the {edition.Version} list (category {c.Category} exists; a waste identified as hazardous but not listed is {WasteCode.UnlistedIndustry}-{WasteCode.UnlistedSequence}-{c.CategoryDigits})", null);
    }
}
