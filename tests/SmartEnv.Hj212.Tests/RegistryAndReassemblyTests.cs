using SmartEnv.Hj212.Codes;

namespace SmartEnv.Hj212.Tests;

public class RegistryTests
{
    [Theory]
    [InlineData("a34004", "pm25", "μg/m³")]
    [InlineData("a34002", "pm10", "μg/m³")]
    [InlineData("a21005", "co", "mg/m³")]
    [InlineData("a21026", "so2", "μg/m³")]
    [InlineData("a21004", "no2", "μg/m³")]
    [InlineData("a05024", "o3", "μg/m³")]
    [InlineData("w01019", "codmn", "mg/L")]
    [InlineData("w21003", "nh3n", "mg/L")]
    [InlineData("w21011", "tp", "mg/L")]
    [InlineData("w01001", "ph", "")]
    [InlineData("w01009", "do", "mg/L")]
    [InlineData("w01018", "cod", "mg/L")]
    [InlineData("LA", "la", "dB(A)")]
    [InlineData("L90", "l90", "dB(A)")]
    public void Standards_keys_and_units(string code, string key, string unit)
    {
        var c = Hj212CodeRegistry.Find(code)!;
        Assert.Equal(key, c.StandardsKey);
        Assert.Equal(unit, c.StandardsUnit!.Symbol);
        Assert.Equal(code, Hj212CodeRegistry.FindByStandardsKey(key)!.Code);
        Assert.Equal(key, Hj212CodeRegistry.StandardsKey(code));
    }

    [Theory] // App. B "原编码" column, brief §11.5.
    [InlineData("B01", "w00000")]
    [InlineData("001", "w01001")]
    [InlineData("011", "w01018")]
    [InlineData("060", "w21003")]
    [InlineData("065", "w21001")]
    [InlineData("101", "w21011")]
    [InlineData("B02", "a00000")]
    [InlineData("01", "a34013")]
    [InlineData("02", "a21026")]
    [InlineData("03", "a21002")]
    [InlineData("04", "a21005")]
    [InlineData("S01", "a19001")]
    [InlineData("S02", "a01011")]
    [InlineData("S03", "a01012")]
    [InlineData("S04", "a01017")]
    [InlineData("S05", "a01014")]
    [InlineData("S08", "a01013")]
    public void Codes_2005_map_to_2017(string code2005, string code2017)
    {
        Assert.Equal(code2017, Hj212CodeRegistry.Map2005To2017(code2005));
        Assert.Equal(code2017, Hj212CodeRegistry.Find(code2005)!.Code);
    }

    [Fact]
    public void Names_and_unknown_codes()
    {
        Assert.Equal("细颗粒物", Hj212CodeRegistry.Find("a34004")!.NameZh);
        Assert.Equal("PM2.5", Hj212CodeRegistry.Find("a34004")!.NameEn);
        Assert.Equal(Hj212FactorDomain.Water, Hj212CodeRegistry.Find("w21003")!.Domain);
        Assert.Null(Hj212CodeRegistry.Find("B00"));
        Assert.Null(Hj212CodeRegistry.Find("831"));
        Assert.Null(Hj212CodeRegistry.Find("1"));  // 2005 codes keep leading zeros: "01" is smoke, "1" is nothing
        Assert.Equal(Hj212CodeRegistry.All.Count, Hj212CodeRegistry.All.Select(c => c.Code).Distinct().Count());
        // Unknown codes are kept in parsed packets (row 034's vendor codes).
        var p = Hj212Parser.Parse(PacketCorpus.Get("hj212-034").Packet, Hj212ParsePolicy.Tolerant).Packet!;
        Assert.Equal("3.128", p.Find("831", "Rtd")!.Value);
    }
}

public class ReassemblyTests
{
    private static Hj212Packet P(string id) => Hj212Parser.Parse(PacketCorpus.Get(id).Packet, Hj212ParsePolicy.Strict).Packet!;

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Standard_C50_parts_with_different_QNs_join_by_MN_CN_DataTime_in_any_order()
    {
        var r = new Hj212SplitReassembler(TimeSpan.FromMinutes(10));
        Assert.Equal(Hj212ReassemblyStatus.Pending, r.Add(P("hj212-069")).Status);
        Assert.Equal(Hj212ReassemblyStatus.Duplicate, r.Add(P("hj212-069")).Status);
        var done = r.Add(P("hj212-068"));
        Assert.Equal(Hj212ReassemblyStatus.Complete, done.Status);
        Assert.Equal(["20160801085857534", "20160801085857535"], done.PartQns);
        var rec = done.Record!;
        Assert.Null(rec.Pnum);
        Assert.Equal(5, rec.Flag); // D cleared, A kept
        // Part 1: DataTime + w00000 (5 fields) + w01001 (4); part 2: w01018 (5) without its repeated DataTime.
        Assert.Equal(1 + 5 + 4 + 5, rec.Cp.Count);
        Assert.Single(rec.Cp, e => e.Key == "DataTime");
        Assert.Equal(40.1m, rec.Find("w01018", "Avg")!.Number);
        Assert.Equal(0, r.PendingCount);
    }

    [Fact]
    public void Incomplete_records_expire()
    {
        var clock = new Clock();
        var r = new Hj212SplitReassembler(TimeSpan.FromMinutes(10), clock);
        r.Add(P("hj212-047"));
        clock.Now += TimeSpan.FromMinutes(9);
        Assert.Empty(r.EvictExpired());
        clock.Now += TimeSpan.FromMinutes(1);
        var gone = Assert.Single(r.EvictExpired());
        Assert.Equal(new Hj212SplitKey("PXKRNZ52610408812345678B", "2051", "20201029121000", 2), gone);
        Assert.Equal(Hj212ReassemblyStatus.NotSplit, r.Add(P("hj212-008")).Status);
    }
}

/// <summary>
/// Every factor code carries a <see cref="SmartEnv.Standards.Common.MeasurementUnit"/>, and where a code meets a
/// standards item its value converts exactly into the item's unit — one test per code family, hand-worked.
/// </summary>
public class FactorUnitTests
{
    private static readonly SmartEnv.Standards.Common.MeasurementUnit UgL = SmartEnv.Standards.Common.MeasurementUnit.MicrogramPerLitre,
        MgL = SmartEnv.Standards.Common.MeasurementUnit.MilligramPerLitre, Ugm3 = SmartEnv.Standards.Common.MeasurementUnit.MicrogramPerCubicMetre,
        Mgm3 = SmartEnv.Standards.Common.MeasurementUnit.MilligramPerCubicMetre;

    [Fact]
    public void Every_code_has_a_unit_and_every_standards_key_a_compatible_standards_unit()
    {
        Assert.True(Hj212CodeRegistry.All.Count >= 80);
        foreach (var c in Hj212CodeRegistry.All)
        {
            Assert.NotNull(c.Unit);
            if (c.StandardsKey is null) { Assert.Null(c.StandardsUnit); continue; }
            Assert.NotNull(c.StandardsUnit);
            Assert.True(c.Unit.IsCompatibleWith(c.StandardsUnit!), $"{c.Code}: {c.Unit} does not convert to {c.StandardsUnit}");
        }
    }

    [Theory] // HJ 212-2017 App. B.1 prints μg/L for these five; GB 3838-2002 Table 1 states mg/L: ÷ 1000.
    [InlineData("w20111", "hg")]  // 总汞
    [InlineData("w20115", "cd")]  // 总镉
    [InlineData("w20117", "cr6")] // 六价铬
    [InlineData("w20119", "as")]  // 总砷
    [InlineData("w20120", "pb")]  // 总铅
    [InlineData("020", "hg")]     // the HJ/T 212-2005 code of Hg
    public void Water_heavy_metals_in_ug_per_L_meet_GB_3838_in_mg_per_L(string code, string key)
    {
        var c = Hj212CodeRegistry.Find(code)!;
        Assert.Equal(key, c.StandardsKey);
        Assert.Same(UgL, c.Unit);
        Assert.Same(MgL, c.StandardsUnit);
        Assert.Equal(0.00005m, c.ToStandardsUnit(0.05m));
        Assert.Equal(0.01m, c.ToStandardsUnit(10m));
        Assert.Equal(0m, c.ToStandardsUnit(0m));
    }

    [Theory] // App. B.1 and GB 3838 agree: the value is taken as is.
    [InlineData("w21003", "0.5")]
    [InlineData("w01019", "4.2")]
    [InlineData("w01009", "7.5")]
    [InlineData("w20122", "0.01")]
    [InlineData("w01001", "7.25")]   // pH, dimensionless
    [InlineData("w01010", "18.3")]   // ℃
    [InlineData("w02003", "2000")]   // 个/L
    public void Water_codes_already_in_the_items_unit_are_unchanged(string code, string value)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var c = Hj212CodeRegistry.Find(code)!;
        Assert.Same(c.Unit, c.StandardsUnit);
        Assert.Equal(v, c.ToStandardsUnit(v));
    }

    [Theory] // ambient stations send GB 3095 units, not App. B's (ng/m³ particulates, flue-gas mg/m³ gases).
    [InlineData("a34004", "ng/m³")]
    [InlineData("a34002", "ng/m³")]
    [InlineData("a21026", "mg/m³")]
    [InlineData("a21004", "mg/m³")]
    [InlineData("a05024", "μg/m³")]
    public void Ambient_air_pollutants_are_received_in_ug_per_m3(string code, string appendixB)
    {
        var c = Hj212CodeRegistry.Find(code)!;
        Assert.Equal(appendixB, c.AppendixBUnit.Symbol);
        Assert.Same(Ugm3, c.Unit);
        Assert.Same(Ugm3, c.StandardsUnit);
        Assert.Equal(75m, c.ToStandardsUnit(75m));
    }

    [Fact]
    public void Carbon_monoxide_and_noise_keep_their_units()
    {
        var co = Hj212CodeRegistry.Find("a21005")!;
        Assert.Same(Mgm3, co.Unit);
        Assert.Same(Mgm3, co.StandardsUnit);
        Assert.Equal(0.8m, co.ToStandardsUnit(0.8m));
        var la = Hj212CodeRegistry.Find("LA")!;
        Assert.Equal("dB(A)", la.Unit.Symbol);
        Assert.Equal(55.3m, la.ToStandardsUnit(55.3m));
    }

    [Fact]
    public void Codes_without_a_standards_item_refuse_conversion()
    {
        var turbidity = Hj212CodeRegistry.Find("w01003")!;
        Assert.Equal("NTU", turbidity.Unit.Symbol);
        Assert.Null(turbidity.StandardsUnit);
        Assert.Throws<InvalidOperationException>(() => turbidity.ToStandardsUnit(1m));
    }
}
