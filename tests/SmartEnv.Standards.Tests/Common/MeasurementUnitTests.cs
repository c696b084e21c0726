using SmartEnv.Standards.Air;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;
using SmartEnv.Standards.Water;

namespace SmartEnv.Standards.Tests.Common;

/// <summary><see cref="MeasurementUnit"/>: symbols parse and format (the text stored beside a measurement), conversions
/// are exact and worked by hand, incompatible quantities refuse, and the standards declare the units of their limits.</summary>
public sealed class MeasurementUnitTests
{
    [Fact]
    public void Every_symbol_parses_back_to_its_unit_and_formats_as_itself()
    {
        Assert.True(MeasurementUnit.All.Count >= 25);
        Assert.Equal(MeasurementUnit.All.Count, MeasurementUnit.All.Select(u => u.Symbol).Distinct().Count());
        foreach (var u in MeasurementUnit.All)
        {
            Assert.Same(u, MeasurementUnit.Parse(u.Symbol));
            Assert.Equal(u.Symbol, u.ToString());
            foreach (var a in u.Aliases) Assert.Same(u, MeasurementUnit.Parse(a));
        }
    }

    [Theory]
    [InlineData("μg/m³", "μg/m³")]  // Greek mu U+03BC
    [InlineData("\u00B5g/m³", "μg/m³")] // micro sign U+00B5
    [InlineData("ug/m3", "μg/m³")]
    [InlineData(" mg/m3 ", "mg/m³")]
    [InlineData("ng/m³", "ng/m³")]
    [InlineData("ug/L", "μg/L")]
    [InlineData("mg/L", "mg/L")]
    [InlineData("°C", "℃")]
    [InlineData("pH", "")]
    [InlineData("无量纲", "")]
    [InlineData("", "")]
    [InlineData("dBA", "dB(A)")]
    [InlineData("cells/L", "个/L")]
    [InlineData("NTU", "NTU")]
    public void Parses_spellings(string text, string symbol) => Assert.Equal(symbol, MeasurementUnit.Parse(text).Symbol);

    [Theory]
    [InlineData(null)]
    [InlineData("Mg/L")]
    [InlineData("ppm")]
    [InlineData("mg")]
    [InlineData("dB")]
    public void Refuses_texts_outside_the_vocabulary(string? text)
    {
        Assert.False(MeasurementUnit.TryParse(text, out _));
        if (text is not null) Assert.Throws<FormatException>(() => MeasurementUnit.Parse(text));
    }

    [Theory] // hand-worked: 1 mg = 1000 μg = 10^6 ng; 1 m³ = 1000 L; 1 t = 1000 kg = 10^6 g; 1 kPa = 1000 Pa; 1 m = 100 cm.
    [InlineData("0.05", "μg/L", "mg/L", "0.00005")]
    [InlineData("0.00005", "mg/L", "μg/L", "0.05")]
    [InlineData("0.001", "μg/L", "mg/L", "0.000001")]
    [InlineData("1.5", "μg/L", "mg/L", "0.0015")]
    [InlineData("1.2", "mg/m³", "μg/m³", "1200")]
    [InlineData("35", "μg/m³", "mg/m³", "0.035")]
    [InlineData("35000", "ng/m³", "μg/m³", "35")]
    [InlineData("0.8", "mg/m³", "ng/m³", "800000")]
    [InlineData("2.5", "L/s", "m³/s", "0.0025")]
    [InlineData("1", "t", "g", "1000000")]
    [InlineData("101.3", "kPa", "Pa", "101300")]
    [InlineData("350", "μS/cm", "mS/cm", "0.35")]
    [InlineData("120", "cm", "m", "1.2")]
    [InlineData("7.25", "", "", "7.25")]
    [InlineData("55.3", "dB(A)", "dB(A)", "55.3")]
    public void Converts_exactly(string value, string from, string to, string expected)
    {
        var v = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        var r = MeasurementUnit.Parse(from).ConvertTo(v, MeasurementUnit.Parse(to));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), r);
    }

    [Fact]
    public void Round_trips_keep_every_digit()
    {
        var ug = MeasurementUnit.MicrogramPerLitre;
        var mg = MeasurementUnit.MilligramPerLitre;
        foreach (var v in new[] { 0m, 0.00001m, 0.123456789012345678m, 1m, 98765.4321m, 1e15m })
            Assert.Equal(v, mg.ConvertTo(ug.ConvertTo(v, mg), ug));
    }

    [Theory]
    [InlineData("mg/L", "μg/m³")]
    [InlineData("μg/m³", "mg/L")]
    [InlineData("dB(A)", "")]
    [InlineData("℃", "NTU")]
    [InlineData("个/L", "mg/L")]
    public void Incompatible_quantities_refuse(string from, string to)
    {
        var a = MeasurementUnit.Parse(from);
        var b = MeasurementUnit.Parse(to);
        Assert.False(a.IsCompatibleWith(b));
        Assert.Throws<InvalidOperationException>(() => a.ConvertTo(1m, b));
    }

    [Fact]
    public void Concentrations_are_the_five_mass_concentrations()
    {
        Assert.Equal(["ng/m³", "μg/m³", "mg/m³", "μg/L", "mg/L"], MeasurementUnit.All.Where(u => u.IsConcentration).Select(u => u.Symbol));
    }

    [Fact]
    public void Standards_declare_the_units_of_their_limits()
    {
        // GB 3838-2002 Table 1: mg/L for 21 items, ℃ (1), pH dimensionless (2), 个/L (24).
        Assert.Same(MeasurementUnit.MilligramPerLitre, Gb3838Table1.Get(WaterItem.Mercury).LimitUnit);
        Assert.Same(MeasurementUnit.DegreeCelsius, Gb3838Table1.Get(WaterItem.Temperature).LimitUnit);
        Assert.Same(MeasurementUnit.Dimensionless, Gb3838Table1.Get(WaterItem.PH).LimitUnit);
        Assert.Same(MeasurementUnit.CountPerLitre, Gb3838Table1.Get(WaterItem.FecalColiform).LimitUnit);
        Assert.Equal(21, Gb3838Table1.Items.Count(i => i.LimitUnit == MeasurementUnit.MilligramPerLitre));
        Assert.Equal("", Gb3838Table1.Get(WaterItem.PH).Unit);
        // GB 3095 / HJ 633: CO mg/m³, the others μg/m³.
        Assert.Same(MeasurementUnit.MilligramPerCubicMetre, Gb3095.Unit(AirPollutant.Co));
        foreach (var p in new[] { AirPollutant.So2, AirPollutant.No2, AirPollutant.O3, AirPollutant.Pm10, AirPollutant.Pm25 })
            Assert.Same(MeasurementUnit.MicrogramPerCubicMetre, Gb3095.Unit(p));
        Assert.Same(MeasurementUnit.MilligramPerCubicMetre, AqiIndicator.Co_24h.LimitUnit());
        Assert.Equal("μg/m³", AqiIndicator.Pm25_24h.Unit());
        // GB 3096-2008: dB(A).
        Assert.Same(MeasurementUnit.DecibelA, Gb3096.Unit);
    }
}
