using System.Collections.Frozen;

namespace SmartEnv.Supervision.Waste.Medical;

/// <summary>
/// The five medical-waste categories of 《医疗废物分类目录（2021年版）》 (国卫医函〔2021〕238号) [S], each one code of category
/// HW01 (industry 841 卫生) of 《国家危险废物名录（2021年版）》 [P] (supervision.md §4). Stored as snake_case
/// (<c>infectious</c> …); the numbers are stable and not the code's sequence (药物性 is 841-005-01, 化学性 841-004-01).
/// </summary>
public enum MedicalWasteCategory
{
    /// <summary>感染性废物, 841-001-01, hazard In.</summary>
    Infectious = 1,

    /// <summary>损伤性废物, 841-002-01, hazard In.</summary>
    Sharps = 2,

    /// <summary>病理性废物, 841-003-01, hazard In.</summary>
    Pathological = 3,

    /// <summary>药物性废物, 841-005-01, hazard T.</summary>
    Pharmaceutical = 4,

    /// <summary>化学性废物, 841-004-01, hazard T/C/I/R ("/": one or more of them, 名录 table note 1).</summary>
    Chemical = 5,
}

/// <summary>One medical-waste category with its list code and hazard characteristics.</summary>
/// <param name="Category">The category.</param>
/// <param name="Key">snake_case key as stored and in the API (<c>infectious</c>, <c>sharps</c>, <c>pathological</c>,
/// <c>pharmaceutical</c>, <c>chemical</c>).</param>
/// <param name="NameZh">Name in the 目录 (感染性废物 …).</param>
/// <param name="NameEn">English name.</param>
/// <param name="WasteCode">Code of the 2021 national list, <c>xxx-xxx-xx</c>.</param>
/// <param name="Hazard">Hazard characteristics as printed in the list (<c>In</c>, <c>T</c>, <c>T/C/I/R</c>).</param>
public sealed record MedicalWasteCategoryInfo(MedicalWasteCategory Category, string Key, string NameZh, string NameEn, string WasteCode, string Hazard)
{
    /// <summary>Category of the list code: always <c>HW01</c> 医疗废物.</summary>
    public string HwCategory => "HW01";
}

/// <summary>
/// The table of <see cref="MedicalWasteCategory"/>: names, list codes and hazards per supervision.md §4 (codes and hazards
/// from <c>hw-codes.tsv</c>, the 2021 list [P]; names from the 2021 目录 [S]). Immutable; thread-safe.
/// </summary>
public static class MedicalWasteCategories
{
    /// <summary>The five categories in the 目录's order.</summary>
    public static IReadOnlyList<MedicalWasteCategoryInfo> All { get; } =
    [
        new(MedicalWasteCategory.Infectious, "infectious", "感染性废物", "infectious waste", "841-001-01", "In"),
        new(MedicalWasteCategory.Sharps, "sharps", "损伤性废物", "sharps", "841-002-01", "In"),
        new(MedicalWasteCategory.Pathological, "pathological", "病理性废物", "pathological waste", "841-003-01", "In"),
        new(MedicalWasteCategory.Pharmaceutical, "pharmaceutical", "药物性废物", "pharmaceutical waste", "841-005-01", "T"),
        new(MedicalWasteCategory.Chemical, "chemical", "化学性废物", "chemical waste", "841-004-01", "T/C/I/R"),
    ];

    private static readonly FrozenDictionary<string, MedicalWasteCategoryInfo> ByText = All
        .SelectMany(i => new[] { i.Key, i.WasteCode, i.NameZh, i.Category.ToString() }.Distinct(StringComparer.OrdinalIgnoreCase).Select(t => (t, i)))
        .ToFrozenDictionary(x => x.Item1, x => x.Item2, StringComparer.OrdinalIgnoreCase);

    /// <summary>The entry of a category.</summary>
    /// <param name="category">A defined category.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined category.</exception>
    public static MedicalWasteCategoryInfo Of(MedicalWasteCategory category) =>
        All.FirstOrDefault(i => i.Category == category) ?? throw new ArgumentOutOfRangeException(nameof(category), category, "not a medical-waste category");

    /// <summary>Reads a category from its key (<c>sharps</c>), enum name (<c>Sharps</c>), list code (<c>841-002-01</c>) or
    /// Chinese name (<c>损伤性废物</c>); case-insensitive, surrounding blanks ignored.</summary>
    /// <param name="text">The text.</param>
    /// <param name="info">The entry when found.</param>
    /// <returns>True when found.</returns>
    public static bool TryParse(string? text, out MedicalWasteCategoryInfo? info)
    {
        info = null;
        return text is not null && ByText.TryGetValue(text.Trim(), out info);
    }
}
