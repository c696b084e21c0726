using SmartEnv.Hj212;
using SmartEnv.Intake;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 16 plan §2.3/§3.2a decoding (pure): for a device bound to an outlet, <c>-ZsAvg</c>/<c>-ZsMin</c>/<c>-ZsMax</c> become
/// <c>code:zs</c> with the code's flag and concentration unit, <c>-Cou</c> becomes <c>code:cou</c> in the registry's Cou unit
/// (kg; m³ for the flue-gas flow a00000), a factor with Zs fields only still gives <c>code:zs</c>, and every value is marked
/// ForSource; for any other device the same packet gives only <c>code</c> (unmarked). A negative Cou is implausible.
/// </summary>
public class SourceDecoderTests
{
    private static Hj212Packet Packet(params (string Key, string Value)[] cp) => new()
    {
        Qn = "20261105100000000", St = "31", Cn = "2061", Pw = "123456", Mn = "CEMSUNIT0000001", Flag = 5,
        Cp = [new Hj212CpEntry("DataTime", "20261105100000"), .. cp.Select(c => new Hj212CpEntry(c.Key, c.Value))],
    };

    [Fact]
    public void An_outlet_keeps_Zs_and_Cou_and_marks_every_value()
    {
        var p = Packet(("a21026-Avg", "20"), ("a21026-ZsAvg", "30"), ("a21026-ZsMin", "28"), ("a21026-ZsMax", "33"), ("a21026-Cou", "0.5"), ("a21026-Flag", "N"),
            ("a21002-ZsAvg", "80"), ("a21002-Flag", "D"), ("a00000-Avg", "10"), ("a00000-Cou", "36000"));
        var (obs, error) = PacketDecoder.Decode(p, 7, "CEMSUNIT0000001", sourceFields: true);
        Assert.Null(error);
        Assert.Equal(
            [("a00000", 10m, null, null, null, "m³/s"), ("a00000:cou", 36000m, null, null, null, "m³"), ("a21002:zs", 80m, null, null, "D", "mg/m³"),
             ("a21026", 20m, null, null, "N", "mg/m³"), ("a21026:cou", 0.5m, null, null, "N", "kg"), ("a21026:zs", 30m, 28m, 33m, "N", "mg/m³")],
            obs.OrderBy(o => o.ParameterCode, StringComparer.Ordinal).Select(o => (o.ParameterCode, o.Value!.Value, o.Min, o.Max, o.Flag, o.Unit)).ToList<(string, decimal, decimal?, decimal?, string?, string?)>());
        Assert.All(obs, o => Assert.True(o.ForSource));
        Assert.All(obs, o => Assert.Equal(PeriodType.Hour, o.Period));
    }

    [Fact]
    public void Any_other_device_stores_the_code_only_unmarked()
    {
        var (obs, error) = PacketDecoder.Decode(Packet(("a21026-Avg", "20"), ("a21026-ZsAvg", "30"), ("a21026-Cou", "0.5")), 7, "CEMSUNIT0000001");
        Assert.Null(error);
        Assert.Equal("a21026", Assert.Single(obs).ParameterCode);
        Assert.False(obs[0].ForSource);
    }

    [Fact]
    public void A_negative_cou_of_an_outlet_is_implausible()
    {
        var p = Packet(("a21026-ZsAvg", "30"), ("a21026-Cou", "-0.5"));
        Assert.Null(PacketDecoder.CheckPlausible(p, new DateTimeOffset(2026, 11, 5, 3, 0, 0, TimeSpan.Zero)));
        Assert.Equal((QuarantineReason.ImplausibleValue, "a21026-Cou=-0.5 is a negative emission amount"),
            PacketDecoder.CheckPlausible(p, new DateTimeOffset(2026, 11, 5, 3, 0, 0, TimeSpan.Zero), sourceFields: true));
    }
}
