using SmartEnv.Supervision.District;

namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// Infers the street/town (街道/镇) of a complaint from its free-text address — SmartEnv rule, used only when the
/// reporter named no street: when exactly one of the 12 of <see cref="DistrictStreets"/> occurs in the text, by its full
/// name (<c>观音桥街道</c>) or its name without the suffix 街道/镇 (<c>观音桥</c>, <c>鱼嘴</c>), that street; when none or
/// two or more different streets occur, null (staff decide). Ordinal substring match, no segmentation: a road named
/// after another street's place (e.g. a "五里店路" inside another street) makes the answer null or wrong, so the result is
/// a proposal shown to staff. Pure; static; thread-safe.
/// </summary>
public static class StreetInference
{
    private static readonly (DistrictStreet Street, string Full, string Short)[] Names =
        [.. DistrictStreets.All.Select(s => (s, s.Name, Short(s.Name)))];

    /// <summary>The only street named in <paramref name="address"/>, or null.</summary>
    /// <param name="address">Free text (address or complaint text).</param>
    public static DistrictStreet? Infer(string? address)
    {
        if (string.IsNullOrWhiteSpace(address)) return null;
        DistrictStreet? found = null;
        foreach (var (street, full, shortName) in Names)
        {
            if (!address.Contains(full, StringComparison.Ordinal) && !address.Contains(shortName, StringComparison.Ordinal)) continue;
            if (found is not null) return null;
            found = street;
        }
        return found;
    }

    private static string Short(string name) =>
        name.EndsWith("街道", StringComparison.Ordinal) ? name[..^2] : name.EndsWith('镇') ? name[..^1] : name;
}
