using SmartEnv.Supervision.Monitoring;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Supervision.Tests.Monitoring;

/// <summary>Plan §3.2a/§4: Cou 0.5 kg → 0.5 kg (basis cou); Cou 500 g → 0.5 kg; no Cou, a21026 40 mg/m³ and a00000
/// 10 m³/s → 10 × 3600 × 40 / 10⁶ = 1.44 kg; water 2 L/s × 3600 × 25 mg/L / 10⁶ = 0.18 kg; the day of §4:
/// 22 × 0.5 + 1.25 + 1.44 = 13.69 kg.</summary>
public class EmissionTotalsTests
{
    [Fact]
    public void Cou_in_kg_g_and_t()
    {
        Assert.Equal((0.5m, EmissionBasis.Cou), EmissionTotals.Hour(0.5m, 10m, 40m, "kg", OutletMedium.Air));
        Assert.Equal((0.5m, EmissionBasis.Cou), EmissionTotals.Hour(500m, null, null, "g", OutletMedium.Air));
        Assert.Equal((2000m, EmissionBasis.Cou), EmissionTotals.Hour(2m, null, null, "t", OutletMedium.Water));
    }

    [Fact]
    public void Flow_times_concentration_without_cou()
    {
        Assert.Equal((1.44m, EmissionBasis.FlowTimesConcentration), EmissionTotals.Hour(null, 10m, 40m, "kg", OutletMedium.Air));
        Assert.Equal((0.18m, EmissionBasis.FlowTimesConcentration), EmissionTotals.Hour(null, 2m, 25m, "kg", OutletMedium.Water));
    }

    [Fact]
    public void No_mass_without_cou_or_flow() => Assert.Null(EmissionTotals.Hour(null, null, 40m, "kg", OutletMedium.Air));

    [Fact]
    public void The_day_of_the_plan_is_13_69_kg()
    {
        var hours = Enumerable.Repeat(EmissionTotals.Hour(0.5m, null, null, "kg", OutletMedium.Air), 22)
            .Append(EmissionTotals.Hour(1.25m, null, null, "kg", OutletMedium.Air))
            .Append(EmissionTotals.Hour(null, 10m, 40m, "kg", OutletMedium.Air)).ToList();
        Assert.Equal(13.69m, hours.Sum(h => h!.Value.Kg));
        Assert.Equal((23, 1), (hours.Count(h => h!.Value.Basis == EmissionBasis.Cou), hours.Count(h => h!.Value.Basis == EmissionBasis.FlowTimesConcentration)));
    }
}
