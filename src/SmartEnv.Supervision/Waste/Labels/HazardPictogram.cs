using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Supervision.Waste.Labels;

/// <summary>
/// The hazard-characteristic boxes printed on a label (HJ 1276-2022 "危险特性" pictograms, supervision.md §3.5 [S]) and
/// their Chinese names (名录 2021 Art. 5(四) [P]: T 毒性, C 腐蚀性, I 易燃性, R 反应性, In 感染性). SmartEnv prints one box per
/// characteristic the list entry names, in list order, whatever the join ("，" first certain, "/" one or more): the label
/// warns of every characteristic the waste may have; the list text (e.g. <c>T/C/I/R</c>) is printed beside the boxes so
/// the join stays readable. The official pictogram artwork is not reproduced (the standard's figures were not read [U]).
/// Pure and thread-safe.
/// </summary>
public static class HazardPictogram
{
    /// <summary>The Chinese name of <paramref name="characteristic"/> (名录 2021 Art. 5(四)).</summary>
    /// <param name="characteristic">The characteristic.</param>
    /// <returns>毒性, 腐蚀性, 易燃性, 反应性 or 感染性.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string NameZh(HazardCharacteristic characteristic) => characteristic switch
    {
        HazardCharacteristic.T => "毒性",
        HazardCharacteristic.C => "腐蚀性",
        HazardCharacteristic.I => "易燃性",
        HazardCharacteristic.R => "反应性",
        HazardCharacteristic.In => "感染性",
        _ => throw new ArgumentOutOfRangeException(nameof(characteristic), characteristic, "unknown hazard characteristic"),
    };

    /// <summary>The English name of <paramref name="characteristic"/>.</summary>
    /// <param name="characteristic">The characteristic.</param>
    /// <returns>Toxicity, Corrosivity, Ignitability, Reactivity or Infectivity.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined value.</exception>
    public static string NameEn(HazardCharacteristic characteristic) => characteristic switch
    {
        HazardCharacteristic.T => "Toxicity",
        HazardCharacteristic.C => "Corrosivity",
        HazardCharacteristic.I => "Ignitability",
        HazardCharacteristic.R => "Reactivity",
        HazardCharacteristic.In => "Infectivity",
        _ => throw new ArgumentOutOfRangeException(nameof(characteristic), characteristic, "unknown hazard characteristic"),
    };

    /// <summary>The boxes to print for <paramref name="hazard"/>: the Chinese names, in list order, each once.</summary>
    /// <param name="hazard">The list entry's characteristics.</param>
    /// <returns>One name per distinct characteristic; empty when the entry names none.</returns>
    public static IReadOnlyList<string> Boxes(HazardCharacteristics hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return hazard.Items.Distinct().Select(NameZh).ToArray();
    }
}
