using System.Collections.Frozen;

namespace SmartEnv.Standards.Common;

/// <summary>What a unit measures; only units of the same quantity convert into one another.</summary>
public enum UnitQuantity
{
    /// <summary>A pure number (pH, GB 3838-2002 Table 1 "无量纲").</summary>
    Dimensionless = 1,
    /// <summary>Mass concentration in air: ng/m³, μg/m³, mg/m³ (GB 3095, HJ 212-2017 App. B.2).</summary>
    MassConcentrationInAir,
    /// <summary>Mass concentration in water: μg/L, mg/L (GB 3838-2002, HJ 212-2017 App. B.1).</summary>
    MassConcentrationInWater,
    /// <summary>A count per litre: 个/L (faecal coliforms, algal cells).</summary>
    CountPerLitre,
    /// <summary>A-weighted sound pressure level, dB(A) (GB 3096-2008). Logarithmic: never scaled.</summary>
    SoundLevel,
    /// <summary>Temperature in degrees Celsius.</summary>
    Temperature,
    /// <summary>Turbidity, nephelometric units.</summary>
    Turbidity,
    /// <summary>Electrical conductivity: μS/cm, mS/cm.</summary>
    Conductivity,
    /// <summary>Length: cm, m.</summary>
    Length,
    /// <summary>Area.</summary>
    Area,
    /// <summary>Volume.</summary>
    Volume,
    /// <summary>Mass: g, kg, t (HJ 212 <c>-Cou</c> emission amounts).</summary>
    Mass,
    /// <summary>Volume flow: L/s, m³/s.</summary>
    VolumeFlow,
    /// <summary>Speed.</summary>
    Speed,
    /// <summary>Pressure: Pa, kPa.</summary>
    Pressure,
    /// <summary>A percentage (relative humidity, O2 content).</summary>
    Percent,
    /// <summary>An angle (wind direction), degrees.</summary>
    Angle,
    /// <summary>A dilution multiple (色度 倍).</summary>
    DilutionMultiple,
    /// <summary>A grade on a scale (林格曼黑度 级).</summary>
    Grade,
    /// <summary>Dust fall, t/(km²·月).</summary>
    DustFall,
}

/// <summary>
/// SmartEnv's closed vocabulary of measurement units: the units of HJ 212-2017 App. B (tables B.1–B.3) for every factor
/// code SmartEnv knows and the units in which the standards state their limits (GB 3838-2002 Table 1 mg/L, pH
/// dimensionless, ℃, 个/L; GB 3095 μg/m³, CO mg/m³; GB 3096-2008 dB(A)). Each unit has one canonical <see cref="Symbol"/>
/// (the text stored beside a measurement and shown in the UI) and converts exactly (in <see cref="decimal"/>, factors
/// are powers of ten) into the other units of the same <see cref="Quantity"/>: μg/L ↔ mg/L ×1000, ng/m³ ↔ μg/m³ ↔ mg/m³
/// ×1000, L/s ↔ m³/s ×1000, g ↔ kg ↔ t ×1000, μS/cm ↔ mS/cm ×1000, Pa ↔ kPa ×1000, cm ↔ m ×100. Instances are the
/// static fields; compare them with <c>==</c> (reference equality). Immutable; thread-safe.
/// </summary>
public sealed class MeasurementUnit
{
    private readonly decimal _scale; // size of one unit in the quantity's smallest unit here (power of ten)

    private MeasurementUnit(string symbol, UnitQuantity quantity, decimal scale, string nameEn, params string[] aliases)
    {
        Symbol = symbol;
        Quantity = quantity;
        _scale = scale;
        NameEn = nameEn;
        Aliases = aliases;
    }

    /// <summary>Canonical symbol, e.g. <c>μg/m³</c> (Greek mu U+03BC, superscript three), <c>mg/L</c>, <c>dB(A)</c>,
    /// <c>℃</c>; empty for <see cref="Dimensionless"/> (pH).</summary>
    public string Symbol { get; }

    /// <summary>What the unit measures.</summary>
    public UnitQuantity Quantity { get; }

    /// <summary>English name, e.g. "microgram per cubic metre".</summary>
    public string NameEn { get; }

    /// <summary>Other spellings <see cref="TryParse"/> accepts (ASCII forms, the micro sign U+00B5, °C …).</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>True for a mass concentration (in air or water): values must not be negative.</summary>
    public bool IsConcentration => Quantity is UnitQuantity.MassConcentrationInAir or UnitQuantity.MassConcentrationInWater;

    /// <summary>pH and other pure numbers (GB 3838-2002 "无量纲"); symbol empty.</summary>
    public static readonly MeasurementUnit Dimensionless = new("", UnitQuantity.Dimensionless, 1m, "dimensionless", "1", "pH", "无量纲");
    /// <summary>ng/m³.</summary>
    public static readonly MeasurementUnit NanogramPerCubicMetre = new("ng/m³", UnitQuantity.MassConcentrationInAir, 1m, "nanogram per cubic metre", "ng/m3");
    /// <summary>μg/m³ (GB 3095 limits except CO).</summary>
    public static readonly MeasurementUnit MicrogramPerCubicMetre = new("μg/m³", UnitQuantity.MassConcentrationInAir, 1_000m, "microgram per cubic metre", "µg/m³", "ug/m3", "μg/m3", "µg/m3", "ug/m³");
    /// <summary>mg/m³ (GB 3095 CO limits; flue-gas concentrations).</summary>
    public static readonly MeasurementUnit MilligramPerCubicMetre = new("mg/m³", UnitQuantity.MassConcentrationInAir, 1_000_000m, "milligram per cubic metre", "mg/m3");
    /// <summary>μg/L (HJ 212-2017 App. B.1 for Hg, Cd, Cr(VI), As, Pb).</summary>
    public static readonly MeasurementUnit MicrogramPerLitre = new("μg/L", UnitQuantity.MassConcentrationInWater, 1m, "microgram per litre", "µg/L", "ug/L", "ug/l", "μg/l");
    /// <summary>mg/L (GB 3838-2002 Table 1).</summary>
    public static readonly MeasurementUnit MilligramPerLitre = new("mg/L", UnitQuantity.MassConcentrationInWater, 1_000m, "milligram per litre", "mg/l");
    /// <summary>个/L: individuals (faecal coliforms, GB 3838-2002 item 24) or cells (algae) per litre.</summary>
    public static readonly MeasurementUnit CountPerLitre = new("个/L", UnitQuantity.CountPerLitre, 1m, "individuals per litre", "individuals/L", "cells/L", "个/l");
    /// <summary>dB(A), A-weighted level (GB 3096-2008).</summary>
    public static readonly MeasurementUnit DecibelA = new("dB(A)", UnitQuantity.SoundLevel, 1m, "A-weighted decibel", "dBA");
    /// <summary>℃.</summary>
    public static readonly MeasurementUnit DegreeCelsius = new("℃", UnitQuantity.Temperature, 1m, "degree Celsius", "°C", "degC");
    /// <summary>NTU.</summary>
    public static readonly MeasurementUnit Ntu = new("NTU", UnitQuantity.Turbidity, 1m, "nephelometric turbidity unit");
    /// <summary>μS/cm.</summary>
    public static readonly MeasurementUnit MicrosiemensPerCentimetre = new("μS/cm", UnitQuantity.Conductivity, 1m, "microsiemens per centimetre", "µS/cm", "uS/cm");
    /// <summary>mS/cm.</summary>
    public static readonly MeasurementUnit MillisiemensPerCentimetre = new("mS/cm", UnitQuantity.Conductivity, 1_000m, "millisiemens per centimetre");
    /// <summary>cm.</summary>
    public static readonly MeasurementUnit Centimetre = new("cm", UnitQuantity.Length, 1m, "centimetre");
    /// <summary>m.</summary>
    public static readonly MeasurementUnit Metre = new("m", UnitQuantity.Length, 100m, "metre");
    /// <summary>m².</summary>
    public static readonly MeasurementUnit SquareMetre = new("m²", UnitQuantity.Area, 1m, "square metre", "m2");
    /// <summary>m³.</summary>
    public static readonly MeasurementUnit CubicMetre = new("m³", UnitQuantity.Volume, 1m, "cubic metre", "m3");
    /// <summary>g.</summary>
    public static readonly MeasurementUnit Gram = new("g", UnitQuantity.Mass, 1m, "gram");
    /// <summary>kg.</summary>
    public static readonly MeasurementUnit Kilogram = new("kg", UnitQuantity.Mass, 1_000m, "kilogram");
    /// <summary>t.</summary>
    public static readonly MeasurementUnit Tonne = new("t", UnitQuantity.Mass, 1_000_000m, "tonne");
    /// <summary>L/s.</summary>
    public static readonly MeasurementUnit LitrePerSecond = new("L/s", UnitQuantity.VolumeFlow, 1m, "litre per second", "l/s");
    /// <summary>m³/s.</summary>
    public static readonly MeasurementUnit CubicMetrePerSecond = new("m³/s", UnitQuantity.VolumeFlow, 1_000m, "cubic metre per second", "m3/s");
    /// <summary>m/s.</summary>
    public static readonly MeasurementUnit MetrePerSecond = new("m/s", UnitQuantity.Speed, 1m, "metre per second");
    /// <summary>Pa.</summary>
    public static readonly MeasurementUnit Pascal = new("Pa", UnitQuantity.Pressure, 1m, "pascal");
    /// <summary>kPa.</summary>
    public static readonly MeasurementUnit Kilopascal = new("kPa", UnitQuantity.Pressure, 1_000m, "kilopascal");
    /// <summary>%.</summary>
    public static readonly MeasurementUnit Percent = new("%", UnitQuantity.Percent, 1m, "percent");
    /// <summary>° (angle).</summary>
    public static readonly MeasurementUnit Degree = new("°", UnitQuantity.Angle, 1m, "degree (angle)");
    /// <summary>倍 (dilution multiple, 色度).</summary>
    public static readonly MeasurementUnit Multiple = new("倍", UnitQuantity.DilutionMultiple, 1m, "dilution multiple");
    /// <summary>级 (grade, 林格曼黑度).</summary>
    public static readonly MeasurementUnit Grade = new("级", UnitQuantity.Grade, 1m, "grade");
    /// <summary>t/(km²·月) (降尘).</summary>
    public static readonly MeasurementUnit TonnePerSquareKilometreMonth = new("t/(km²·月)", UnitQuantity.DustFall, 1m, "tonne per square kilometre per month", "t/(km2·月)", "t/km²·30d");

    /// <summary>Every unit of the vocabulary.</summary>
    public static IReadOnlyList<MeasurementUnit> All { get; } =
    [
        Dimensionless, NanogramPerCubicMetre, MicrogramPerCubicMetre, MilligramPerCubicMetre, MicrogramPerLitre, MilligramPerLitre,
        CountPerLitre, DecibelA, DegreeCelsius, Ntu, MicrosiemensPerCentimetre, MillisiemensPerCentimetre, Centimetre, Metre,
        SquareMetre, CubicMetre, Gram, Kilogram, Tonne, LitrePerSecond, CubicMetrePerSecond, MetrePerSecond, Pascal, Kilopascal,
        Percent, Degree, Multiple, Grade, TonnePerSquareKilometreMonth,
    ];

    private static readonly FrozenDictionary<string, MeasurementUnit> BySymbol =
        All.SelectMany(u => u.Aliases.Prepend(u.Symbol).Select(s => KeyValuePair.Create(s, u))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The unit written <paramref name="symbol"/>: its canonical symbol (as stored beside a measurement) or an alias
    /// (ASCII <c>ug/m3</c>, micro sign <c>µ</c>, <c>°C</c>, <c>pH</c> …); surrounding blanks are ignored, case matters
    /// (<c>mg/L</c> ≠ <c>Mg/L</c>). Null is not a unit.
    /// </summary>
    /// <param name="symbol">The text.</param>
    /// <param name="unit">The unit, when the result is true.</param>
    /// <returns>False for a text outside the vocabulary.</returns>
    public static bool TryParse(string? symbol, out MeasurementUnit unit)
    {
        unit = Dimensionless;
        if (symbol is null) return false;
        if (BySymbol.TryGetValue(symbol.Trim(), out var u)) { unit = u; return true; }
        return false;
    }

    /// <summary>The unit written <paramref name="symbol"/> (see <see cref="TryParse"/>).</summary>
    /// <param name="symbol">The text.</param>
    /// <exception cref="FormatException">The text is not in the vocabulary.</exception>
    public static MeasurementUnit Parse(string symbol) =>
        TryParse(symbol, out var u) ? u : throw new FormatException($"'{symbol}' is not a SmartEnv measurement unit");

    /// <summary>True when values convert between the two units (same <see cref="Quantity"/>).</summary>
    /// <param name="other">The other unit.</param>
    public bool IsCompatibleWith(MeasurementUnit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Quantity == other.Quantity;
    }

    /// <summary>
    /// <paramref name="value"/> in this unit, expressed in <paramref name="target"/>; exact (decimal multiplication or
    /// division by a power of ten): 0.05 μg/L → 0.00005 mg/L, 1.2 mg/m³ → 1200 μg/m³. The same unit returns the value as is.
    /// </summary>
    /// <param name="value">The value in this unit.</param>
    /// <param name="target">The unit wanted.</param>
    /// <exception cref="InvalidOperationException">The units measure different quantities (e.g. mg/L to μg/m³).</exception>
    /// <exception cref="OverflowException">The result is beyond <see cref="decimal"/> range.</exception>
    public decimal ConvertTo(decimal value, MeasurementUnit target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ReferenceEquals(this, target)) return value;
        if (!IsCompatibleWith(target))
            throw new InvalidOperationException($"cannot convert {Describe(this)} to {Describe(target)}: different quantities ({Quantity}, {target.Quantity})");
        return _scale >= target._scale ? value * (_scale / target._scale) : value / (target._scale / _scale);
    }

    /// <summary>The canonical symbol.</summary>
    public override string ToString() => Symbol;

    private static string Describe(MeasurementUnit u) => u.Symbol.Length == 0 ? "dimensionless" : u.Symbol;
}
