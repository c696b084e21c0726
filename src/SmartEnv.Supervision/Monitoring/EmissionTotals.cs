using SmartEnv.Supervision.Permits;

namespace SmartEnv.Supervision.Monitoring;

/// <summary>Where an emission mass came from ("say which", issue 16).</summary>
public enum EmissionBasis
{
    /// <summary>The hour's <c>-Cou</c> sent by the device.</summary>
    Cou,

    /// <summary>Flow × measured concentration of the hour.</summary>
    FlowTimesConcentration,

    /// <summary>The daily (CN 2031) <c>-Cou</c>, used for a day without any hourly mass.</summary>
    DayCou,
}

/// <summary>
/// Emission mass of an outlet hour in kg (issue 16 plan §3.2a): <c>-Cou</c> × unit factor (kg 1, g 0.001, t 1000) → basis
/// <see cref="EmissionBasis.Cou"/>; else air Q(a00000, m³/s) × 3600 s × C(mg/m³, measured, rule <c>mass.flow_concentration_basis</c>)
/// / 10⁶, water Q(w00000, L/s) × 3600 s × C(mg/L) / 10⁶ → <see cref="EmissionBasis.FlowTimesConcentration"/>; else no mass.
/// Exact decimal arithmetic. Pure; thread-safe.
/// </summary>
public static class EmissionTotals
{
    /// <summary>Kilograms per unit of a <c>-Cou</c> unit symbol, or null for a unit that is not a mass.</summary>
    /// <param name="couUnit">Unit symbol (<c>kg</c>, <c>g</c>, <c>t</c>).</param>
    public static decimal? KgPer(string? couUnit) => couUnit switch
    {
        "kg" => 1m,
        "g" => 0.001m,
        "t" => 1000m,
        _ => null,
    };

    /// <summary>The hour's mass in kg and its basis, or null when neither a usable <c>-Cou</c> nor flow and concentration
    /// are present (the hour then counts as missing in the day's <c>hours_*</c>).</summary>
    /// <param name="cou">The hour's <c>-Cou</c>, or null.</param>
    /// <param name="flowM3s">The hour's mean flow: m³/s for air (a00000), L/s for water (w00000); or null.</param>
    /// <param name="conc">The hour's measured concentration (mg/m³ for air, mg/L for water), or null.</param>
    /// <param name="couUnit">Unit symbol of <paramref name="cou"/> (the registry's Cou unit); a non-mass unit ignores the Cou.</param>
    /// <param name="m">Medium of the outlet (the same formula either way: m³ × mg/m³ = L × mg/L = mg).</param>
    public static (decimal Kg, EmissionBasis Basis)? Hour(decimal? cou, decimal? flowM3s, decimal? conc, string couUnit, OutletMedium m)
    {
        if (cou is { } c && KgPer(couUnit) is { } f) return (c * f, EmissionBasis.Cou);
        if (flowM3s is { } q && conc is { } x)
        {
            _ = m; // air: m³/s × mg/m³; water: L/s × mg/L — both mg/s
            return (q * 3600m * x / 1_000_000m, EmissionBasis.FlowTimesConcentration);
        }
        return null;
    }
}
