using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Waste.Catalogue;

/// <summary>
/// One waste code of the 《国家危险废物名录》 as the API (<c>GET /api/hw/codes…</c>) and the CLI (<c>smartenv hw code</c>)
/// write it — one shape for both (snake_case by the output contract). Built only by <see cref="Of(HwCatalogueEntry, HwCatalogue)"/>
/// and <see cref="ForUnlisted"/>. Immutable; thread-safe.
/// </summary>
/// <param name="Code">The code, <c>ddd-ddd-dd</c>.</param>
/// <param name="Category"><c>HWnn</c>.</param>
/// <param name="CategoryNameZh">The category's name in the list.</param>
/// <param name="CategoryNameEn">Unofficial English name of the category (hw-categories.tsv), or null.</param>
/// <param name="IndustryCode">Industry code as printed (<c>900</c> 非特定行业); null for 900-000-XX.</param>
/// <param name="Industry">Industry name as printed; null for 900-000-XX.</param>
/// <param name="DescriptionZh">The listed description (危险废物); null for 900-000-XX.</param>
/// <param name="Hazard">Hazard text as printed (<c>T，I</c>, <c>T/C/I/R</c>); null for 900-000-XX (the 鉴别 decides).</param>
/// <param name="HazardJoin"><c>single</c> | <c>first_certain</c> ("，": has the first, may have the others) | <c>any_of</c>
/// ("/": one or more of them); null for 900-000-XX.</param>
/// <param name="HazardItems">The characteristics in the order written: <c>T</c>, <c>C</c>, <c>I</c>, <c>R</c>, <c>In</c>.</param>
/// <param name="HazardItemsZh">Their Chinese names (毒性, 腐蚀性, 易燃性, 反应性, 感染性).</param>
/// <param name="HazardCertain">The characteristics the waste certainly has (the single one or the first of a "，" list;
/// none for "/").</param>
/// <param name="Unlisted">True for 900-000-XX (名录 Art. 6: identified as hazardous, not listed).</param>
/// <param name="ListVersion">The list edition, e.g. <c>2021</c>.</param>
/// <param name="ListInForce">The day that edition came into force.</param>
public sealed record HwCodeView(string Code, string Category, string CategoryNameZh, string? CategoryNameEn, string? IndustryCode,
    string? Industry, string? DescriptionZh, string? Hazard, string? HazardJoin, IReadOnlyList<string> HazardItems,
    IReadOnlyList<string> HazardItemsZh, IReadOnlyList<string> HazardCertain, bool Unlisted, string ListVersion, DateOnly ListInForce)
{
    /// <summary>The view of a listed entry.</summary>
    /// <param name="e">The entry.</param>
    /// <param name="edition">The edition it belongs to.</param>
    public static HwCodeView Of(HwCatalogueEntry e, HwCatalogue edition)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(edition);
        var cat = edition.Category(e.Code.Category);
        return new HwCodeView(e.Code.Value, e.Code.Category, e.CategoryNameZh, cat?.NameEn, e.IndustryCode, e.Industry, e.DescriptionZh,
            e.Hazard.Text, Join(e.Hazard.Join), [.. e.Hazard.Items.Select(i => i.ToString())],
            [.. e.Hazard.Items.Select(HazardCharacteristics.NameZh)], [.. e.Hazard.Certain.Select(i => i.ToString())],
            false, edition.Version, edition.InForce);
    }

    /// <summary>The view of <c>900-000-XX</c> under an edition that has category XX.</summary>
    /// <param name="code">An unlisted code (<see cref="WasteCode.IsUnlisted"/>).</param>
    /// <param name="edition">The edition.</param>
    /// <exception cref="ArgumentException">The code is not 900-000-XX or the edition has no category XX.</exception>
    public static HwCodeView ForUnlisted(WasteCode code, HwCatalogue edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (!code.IsUnlisted) throw new ArgumentException($"{code.Value} is not 900-000-XX", nameof(code));
        var cat = edition.Category(code.Category) ?? throw new ArgumentException($"category {code.Category} does not exist in the {edition.Version} list", nameof(code));
        return new HwCodeView(code.Value, code.Category, cat.NameZh, cat.NameEn, null, null, null, null, null, [], [], [], true, edition.Version, edition.InForce);
    }

    /// <summary>The contract spelling of a join: <c>single</c>, <c>first_certain</c>, <c>any_of</c>.</summary>
    /// <param name="join">The join.</param>
    public static string Join(HazardJoin join) => join switch
    {
        Supervision.Waste.Catalogue.HazardJoin.Single => "single",
        Supervision.Waste.Catalogue.HazardJoin.FirstCertain => "first_certain",
        Supervision.Waste.Catalogue.HazardJoin.AnyOf => "any_of",
        _ => throw new ArgumentOutOfRangeException(nameof(join)),
    };

    /// <summary>Looks <paramref name="code"/> up under an edition: a listed entry's view, the 900-000-XX view, or the
    /// reason it is refused (<see cref="HwCatalogues.Check"/>).</summary>
    /// <param name="catalogues">The loaded editions.</param>
    /// <param name="code">The code as given.</param>
    /// <param name="version">The edition's version.</param>
    /// <param name="view">The view when valid.</param>
    /// <param name="reason">Why not, when invalid.</param>
    /// <param name="malformed">True when refused for its shape (400), false when well-formed but not listed or the
    /// version is unknown (404).</param>
    /// <returns>True when valid.</returns>
    public static bool TryLookUp(HwCatalogues catalogues, string code, string version, out HwCodeView? view, out string? reason, out bool malformed)
    {
        ArgumentNullException.ThrowIfNull(catalogues);
        view = null;
        malformed = !WasteCode.TryParse(code, out var parsed, out _);
        var check = catalogues.Check(code, version);
        reason = check.Reason;
        if (!check.Valid) return false;
        var edition = catalogues.Version(version)!;
        view = check.Entry is { } e ? Of(e, edition) : ForUnlisted(parsed, edition);
        return true;
    }
}
