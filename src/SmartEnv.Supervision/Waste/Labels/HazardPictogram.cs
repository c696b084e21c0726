using SmartEnv.Supervision.Waste.Catalogue;

namespace SmartEnv.Supervision.Waste.Labels;

/// <summary>
/// The hazard-characteristic boxes printed on a label (HJ 1276-2022 "危险特性" pictograms, supervision.md §3.5 [S]) and
/// their Chinese names (<see cref="HazardCharacteristics.NameZh"/>, 名录 2021 Art. 5(四) [P]). SmartEnv prints one box per
/// characteristic the list entry names, in list order, whatever the join ("，" first certain, "/" one or more): the label
/// warns of every characteristic the waste may have; the list text (e.g. <c>T/C/I/R</c>) is printed beside the boxes so
/// the join stays readable. The official pictogram artwork is not reproduced (the standard's figures were not read [U]).
/// Pure and thread-safe.
/// </summary>
public static class HazardPictogram
{
    /// <summary>The boxes to print for <paramref name="hazard"/>: the Chinese names, in list order, each once.</summary>
    /// <param name="hazard">The list entry's characteristics.</param>
    /// <returns>One name per distinct characteristic; empty when the entry names none.</returns>
    public static IReadOnlyList<string> Boxes(HazardCharacteristics hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        return hazard.Items.Distinct().Select(HazardCharacteristics.NameZh).ToArray();
    }
}
