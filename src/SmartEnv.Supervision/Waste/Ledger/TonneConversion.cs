namespace SmartEnv.Supervision.Waste.Ledger;

/// <summary>
/// Converts a quantity to tonnes: HJ 1259-2022 §5.5 (supervision.md §3.2) asks for tonnes, with volumes and counts
/// converted. Units recognised (case-insensitive, Chinese too): mass <c>t</c>/<c>吨</c>, <c>kg</c>/<c>千克</c>/<c>公斤</c>,
/// <c>g</c>/<c>克</c> (exact decimal division); volume <c>m3</c>/<c>m³</c>/<c>立方米</c>, <c>L</c>/<c>升</c>, which need a
/// density in t/m³ (1 L = 0.001 m³). A count (件, 桶) cannot be converted here: the caller weighs it. The result is kept
/// to 6 decimals (0.000001 t = 1 g, the scale of the store's <c>decimal(14,6)</c> columns), rounded half-even (GB/T 8170)
/// only when a volume × density product has more decimals; the largest storable value is 99 999 999.999999 t.
/// The given value and unit are kept by the caller beside the tonnes. Thread-safe (stateless).
/// </summary>
public static class TonneConversion
{
    /// <summary>Decimals of a stored tonne figure (1 g).</summary>
    public const int Decimals = 6;

    /// <summary>Largest storable tonne figure (decimal(14,6)).</summary>
    public const decimal MaxTonnes = 99_999_999.999999m;

    /// <summary>The canonical unit names: <c>t</c>, <c>kg</c>, <c>g</c>, <c>m3</c>, <c>L</c>; null when not recognised.</summary>
    /// <param name="unit">A unit as given.</param>
    public static string? Canonical(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "t" or "吨" => "t",
        "kg" or "千克" or "公斤" => "kg",
        "g" or "克" => "g",
        "m3" or "m³" or "立方米" => "m3",
        "l" or "升" => "L",
        _ => null,
    };

    /// <summary>Converts <paramref name="quantity"/> <paramref name="unit"/> to tonnes.</summary>
    /// <param name="quantity">The quantity as given; must be &gt; 0.</param>
    /// <param name="unit">Its unit (see the type's list).</param>
    /// <param name="densityTPerM3">Density in t/m³, required (&gt; 0) for a volume unit, ignored for a mass unit.</param>
    /// <param name="tonnes">The quantity in tonnes (6 decimals at most).</param>
    /// <param name="reason">Why it was refused (English, for messages); null on success.</param>
    /// <returns>True when converted.</returns>
    public static bool TryToTonnes(decimal quantity, string? unit, decimal? densityTPerM3, out decimal tonnes, out string? reason)
    {
        tonnes = 0;
        if (quantity <= 0) { reason = "the quantity must be greater than 0"; return false; }
        var canonical = Canonical(unit);
        decimal t;
        switch (canonical)
        {
            case "t": t = quantity; break;
            case "kg": t = quantity / 1000m; break;
            case "g": t = quantity / 1_000_000m; break;
            case "m3" or "L":
                if (densityTPerM3 is not { } d || d <= 0)
                {
                    reason = $"a volume in {canonical} needs a density in t/m³ greater than 0 to be converted to tonnes (HJ 1259-2022 §5.5)";
                    return false;
                }
                t = (canonical == "L" ? quantity / 1000m : quantity) * d;
                break;
            default:
                reason = $"unit '{unit}' is not one of t, kg, g, m3, L (吨, 千克, 克, 立方米, 升); weigh counted items";
                return false;
        }
        t = Math.Round(t, Decimals, MidpointRounding.ToEven);
        if (t <= 0) { reason = "the quantity is less than 0.000001 t (1 g) once converted"; return false; }
        if (t > MaxTonnes) { reason = $"the quantity exceeds {MaxTonnes} t"; return false; }
        tonnes = t;
        reason = null;
        return true;
    }
}
