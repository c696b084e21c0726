using SmartEnv.Hj212.Codes;
using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Evaluation;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Where air codes meet GB 3095 / HJ 633 (<see cref="AirParameterCodes"/>): the six 1-h codes are received in the unit
/// of their pollutant's limits, so the air evaluation reads them without conversion. Hand-stated: a34004, a34002,
/// a21026, a21004, a05024 in μg/m³ (App. B prints ng/m³ and mg/m³ for them), a21005 CO in mg/m³. If a code's unit ever
/// changes, this fails before a figure is wrong by ×1000.
/// </summary>
public sealed class AirParameterUnitTests
{
    [Theory]
    [InlineData(AirPollutant.Pm25, "a34004", "μg/m³")]
    [InlineData(AirPollutant.Pm10, "a34002", "μg/m³")]
    [InlineData(AirPollutant.So2, "a21026", "μg/m³")]
    [InlineData(AirPollutant.No2, "a21004", "μg/m³")]
    [InlineData(AirPollutant.O3, "a05024", "μg/m³")]
    [InlineData(AirPollutant.Co, "a21005", "mg/m³")]
    public void One_hour_codes_arrive_in_the_unit_of_their_limits(AirPollutant pollutant, string code, string unit)
    {
        Assert.Equal(code, AirParameterCodes.Of(pollutant));
        var c = Hj212CodeRegistry.Find(code)!;
        Assert.Equal(unit, c.Unit.Symbol);
        Assert.Same(Gb3095.Unit(pollutant), c.Unit);
        Assert.Same(c.Unit, c.StandardsUnit);
        Assert.Equal(MeasurementUnit.Parse(unit), c.Unit);
    }
}
