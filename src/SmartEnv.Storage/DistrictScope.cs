using System.Text.Json;

namespace SmartEnv.Storage;

/// <summary>
/// Which stations of a national file are the district's own, as data: the <c>district</c> block of the seed
/// (<c>Seed/jiangbei-sites.json</c>) together with the registry's sites marked <see cref="Entities.Site.InDistrict"/>
/// (the seed and the sites the bureau registers). A file import stores, by default, only the stations and sections that
/// are the district's (matched to such a site, or whose area in the file is one of <see cref="ImportAreas"/>); the others
/// only with the explicit all-sites option. Immutable; thread-safe.
/// </summary>
/// <param name="NameZh">District name, e.g. <c>江北区</c>.</param>
/// <param name="NameEn">English name, or null.</param>
/// <param name="DivisionCode">统计用区划代码 of the district (6 digits, e.g. <c>500105</c>), or null.</param>
/// <param name="CityZh">City (or province-level municipality) the district belongs to as the CNEMC water release writes
/// its 省份 column, e.g. <c>重庆市</c>: sections of that area may be matched to registry water sites by name. Null: no name
/// matching.</param>
/// <param name="ImportAreas">Area names (station list 城市, water release 省份) whose stations all count as the district's,
/// written as the files write them; empty for a district bureau whose files name only the whole city.</param>
public sealed record DistrictScope(string NameZh, string? NameEn, string? DivisionCode, string? CityZh, IReadOnlyList<string> ImportAreas)
{
    /// <summary>The district of the checked-in seed (read once from the embedded resource).</summary>
    /// <exception cref="InvalidOperationException">The embedded seed has no <c>district</c> block.</exception>
    public static DistrictScope Seeded => SeededScope.Value;

    private static readonly Lazy<DistrictScope> SeededScope = new(Load);

    /// <summary>True when <paramref name="area"/> (trimmed, exact) is one of <see cref="ImportAreas"/>.</summary>
    /// <param name="area">Area as written in the file, or null.</param>
    public bool IsImportArea(string? area) => area is not null && ImportAreas.Contains(area.Trim(), StringComparer.Ordinal);

    private static DistrictScope Load()
    {
        using var s = SmartEnvStore.OpenSeed();
        using var doc = JsonDocument.Parse(s);
        if (!doc.RootElement.TryGetProperty("district", out var d))
            throw new InvalidOperationException("embedded seed has no 'district' block");
        static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var areas = d.TryGetProperty("import_areas", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.GetString()!.Trim()).Where(x => x.Length > 0).ToList() : [];
        return new DistrictScope(Text(d, "name_zh") ?? throw new InvalidOperationException("seed district has no name_zh"),
            Text(d, "name_en"), Text(d, "division_code"), Text(d, "city_zh"), areas);
    }
}
