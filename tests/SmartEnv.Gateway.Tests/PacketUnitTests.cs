using SmartEnv.Hj212;
using SmartEnv.Intake;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// The unit stored with a decoded value (issue #12 point 3), worked from HJ 212-2017 App. B and GB 3095-2012: an ambient
/// air-quality packet (ST 22) carries PM2.5 in μg/m³ and CO in mg/m³ (GB 3095 Table 1 units, which ambient analysers
/// send; App. B prints ng/m³ for particulates); a surface-water packet (ST 21) carries total mercury w20111 in μg/L and
/// ammonia nitrogen w21003 in mg/L (App. B table B.1), pH dimensionless (empty symbol); a code outside the registry has no
/// known unit.
/// </summary>
public class PacketUnitTests
{
    private static Hj212Packet Packet(string st, params (string Code, string Value)[] values) => new()
    {
        Qn = "20181101000000001", St = st, Cn = "2061", Pw = "123456", Mn = "UNITTEST0000001", Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", "20181101000000"), .. values.Select(v => new Hj212CpEntry(v.Code + "-Avg", v.Value))],
    };

    [Fact]
    public void Ambient_air_values_are_in_the_GB_3095_units()
    {
        var (obs, error) = PacketDecoder.Decode(Packet("22", ("a34004", "35"), ("a21005", "0.8")), 1, "UNITTEST0000001");
        Assert.Null(error);
        Assert.Equal([("a21005", "mg/m³"), ("a34004", "μg/m³")], obs.OrderBy(o => o.ParameterCode).Select(o => (o.ParameterCode, o.Unit)));
        Assert.All(obs, o => Assert.Equal(("UNITTEST0000001", PeriodType.Hour), (o.Mn, o.Period)));
    }

    [Fact]
    public void Water_values_are_in_the_appendix_B_units_and_unknown_codes_have_none()
    {
        var (obs, error) = PacketDecoder.Decode(Packet("21", ("w20111", "0.08"), ("w21003", "0.42"), ("w01001", "7.6"), ("x99999", "1")), 1, "UNITTEST0000001");
        Assert.Null(error);
        Assert.Equal([("w01001", ""), ("w20111", "μg/L"), ("w21003", "mg/L"), ("x99999", null)],
            obs.OrderBy(o => o.ParameterCode, StringComparer.Ordinal).Select(o => (o.ParameterCode, o.Unit)));
    }
}
