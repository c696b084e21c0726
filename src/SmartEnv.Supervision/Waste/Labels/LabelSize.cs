namespace SmartEnv.Supervision.Waste.Labels;

/// <summary>
/// The size of a 危险废物标签 for one container (HJ 1276-2022 as quoted in supervision.md §3.5 [S]). Immutable; thread-safe.
/// </summary>
/// <param name="WidthMm">Label width in millimetres (a minimum in the standard; SmartEnv prints exactly this).</param>
/// <param name="HeightMm">Label height in millimetres.</param>
/// <param name="MinTextHeightMm">Minimum text height in millimetres (3, 5 or 6).</param>
/// <param name="Copies">Labels per container: 1, or 2 for a container over 450 L (one on each of two opposite sides).</param>
/// <param name="Band">The volume band as written in the source, for display and audit, e.g. <c>≤ 50 L</c>.</param>
public sealed record LabelDimensions(int WidthMm, int HeightMm, decimal MinTextHeightMm, int Copies, string Band);

/// <summary>
/// Label size by container volume, HJ 1276-2022 (supervision.md §3.5 [S]; two secondary sources agree:
/// m.ssffurnace.cn and shwanyun.com): ≤ 50 L → 100 × 100 mm, text ≥ 3 mm; &gt; 50 L and ≤ 450 L → 150 × 150 mm, text ≥ 5 mm;
/// ≥ 450 L → 200 × 200 mm, text ≥ 6 mm; &gt; 450 L → labels on two opposite sides.
/// The quoted bands overlap at exactly 450 L (both "≤ 450 L" and "≥ 450 L"); the sizes are minimums, so SmartEnv takes the
/// larger label there (200 × 200 mm, 6 mm satisfies both bands) with one copy (two copies only "&gt; 450 L") — a SmartEnv
/// rule stated here and in docs/waste.md. Pure and thread-safe.
/// </summary>
public static class LabelSize
{
    /// <summary>The label for a container of <paramref name="volumeLitres"/> litres.</summary>
    /// <param name="volumeLitres">Container volume in litres; must be &gt; 0.</param>
    /// <returns>The dimensions, text height and number of copies.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The volume is zero or negative.</exception>
    public static LabelDimensions For(decimal volumeLitres)
    {
        if (volumeLitres <= 0)
            throw new ArgumentOutOfRangeException(nameof(volumeLitres), volumeLitres, "a container volume is positive (litres)");
        if (volumeLitres <= 50)
            return new LabelDimensions(100, 100, 3m, 1, "≤ 50 L");
        if (volumeLitres < 450)
            return new LabelDimensions(150, 150, 5m, 1, "> 50 L, ≤ 450 L");
        if (volumeLitres == 450)
            return new LabelDimensions(200, 200, 6m, 1, "≥ 450 L");
        return new LabelDimensions(200, 200, 6m, 2, "> 450 L (two opposite sides)");
    }

    /// <summary>
    /// The label for a container whose volume may be unrecorded. SmartEnv rule: an unknown volume gets the largest single
    /// label (200 × 200 mm, text 6 mm: the 450 L size), which meets the minimum size of every band up to 450 L; a container
    /// over 450 L needs its volume recorded to get its second label.
    /// </summary>
    /// <param name="volumeLitres">Volume in litres, or null when not recorded.</param>
    /// <returns>The dimensions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A recorded volume is zero or negative.</exception>
    public static LabelDimensions For(decimal? volumeLitres) => For(volumeLitres ?? 450m);
}
