using SmartEnv.Hj212;
using SmartEnv.Hj212.Codes;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Intake;

/// <summary>
/// Turns an accepted data upload into observations: one per factor code, value = <c>-Rtd</c> for CN 2011 and
/// <c>-Avg</c> for 2051/2061/2031 (falling back to the other, then to noise <c>-Data</c>), with <c>-Min</c>,
/// <c>-Max</c> and <c>-Flag</c>; DataTime from CP (Beijing time, HJ 212-2017 table 4). Field names are matched in their
/// canonical spelling whatever case the logger wrote (<see cref="Hj212CpEntry.Field"/>: <c>-flag</c>, <c>-AVG</c>).
/// A vendor code is stored under the registered code its <see cref="Hj212FactorAliases"/> row names. Entries without a
/// value field (e.g. <c>SB1-RS</c>) give no observation; they stay in the raw packet. A packet whose values cannot all be
/// stored as sent (a field twice with different values, a text longer than its column, two codes for one parameter)
/// is refused as a whole, so a 9014 always means "stored completely". Thread-safe (stateless).
/// </summary>
public static class PacketDecoder
{
    /// <summary>Longest factor code stored (the store's column width).</summary>
    public const int MaxCodeLength = Observation.ParameterCodeLength;

    /// <summary>Longest value text stored (column size); longer texts keep only the raw packet.</summary>
    public const int MaxValueTextLength = Observation.ValueTextLength;

    /// <summary>Period of a data-upload CN, or null for other commands.</summary>
    /// <param name="cn">Command code text.</param>
    public static PeriodType? PeriodOf(string cn) => cn switch
    {
        "2011" => PeriodType.Rtd,
        "2051" => PeriodType.Min,
        "2061" => PeriodType.Hour,
        "2031" => PeriodType.Day,
        _ => null,
    };

    /// <summary>Longest flag text stored (column size).</summary>
    public const int MaxFlagLength = Observation.FlagLength;

    /// <summary>Decodes the values of a data upload.</summary>
    /// <param name="packet">An accepted packet with CN 2011/2051/2061/2031.</param>
    /// <param name="siteId">Site of the sending device.</param>
    /// <param name="mn">Device MN.</param>
    /// <param name="aliases">Vendor-code aliases (null: none).</param>
    /// <param name="sourceFields">True when the device is bound to a discharge outlet (site kind <c>source</c>; issue 16,
    /// plan §2.3: routing by device binding, not by ST): besides <c>code</c> the converted concentration (<c>-ZsAvg</c> /
    /// <c>-ZsRtd</c>, <c>-ZsMin</c>, <c>-ZsMax</c>, same <c>-Flag</c>) is kept as <c>code:zs</c> (<see cref="ZsSuffix"/>,
    /// the code's concentration unit) and the emission amount <c>-Cou</c> as <c>code:cou</c> (<see cref="CouSuffix"/>,
    /// unit <see cref="Hj212FactorCode.CouUnit"/>: kg, m³ for the flows a00000/w00000), and every value is marked
    /// <see cref="ObservationInput.ForSource"/> so it never feeds the AQI. A factor sent with Zs fields only still yields
    /// <c>code:zs</c>. False (other sites): Zs and Cou stay in the raw packet only, as before.</param>
    /// <returns>The observations, or an error text (English, naming the entry) when the upload has no valid DataTime or
    /// a value that cannot be stored completely.</returns>
    /// <exception cref="ArgumentException">The CN is not a data upload.</exception>
    public static (IReadOnlyList<ObservationInput> Observations, string? Error) Decode(Hj212Packet packet, long siteId, string mn,
        Hj212FactorAliases? aliases = null, bool sourceFields = false)
    {
        var period = PeriodOf(packet.Cn) ?? throw new ArgumentException($"CN {packet.Cn} is not a data upload", nameof(packet));
        if (packet.DataTime is not { } dataTime) return ([], $"no valid DataTime (got '{packet.DataTimeText}')");
        var preferred = period == PeriodType.Rtd ? "Rtd" : "Avg";
        var other = period == PeriodType.Rtd ? "Avg" : "Rtd";
        var list = new List<ObservationInput>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal); // stored code → code as sent
        foreach (var group in packet.Cp.Where(e => e.Code is not null).GroupBy(e => e.Code!, StringComparer.Ordinal))
        {
            foreach (var twice in group.GroupBy(e => e.Field, StringComparer.Ordinal).Where(g => g.Skip(1).Any(e => e.Value != g.First().Value)))
                return ([], $"{group.Key}-{twice.Key} given twice with different values ({string.Join(", ", twice.Select(e => e.Key + "=" + e.Value))})");
            Hj212CpEntry? Field(string f) => group.FirstOrDefault(e => e.Field == f);
            var flag = Field("Flag");
            var code = aliases?.Resolve(mn, group.Key) ?? group.Key;
            var v = Field(preferred) ?? Field(other) ?? Field("Data");
            var error = Add(code, v, Field("Min"), Field("Max"), UnitOf(code, packet.St));
            if (error is not null) return ([], error);
            if (!sourceFields) continue;
            error = Add(code + ZsSuffix, Field("Zs" + preferred) ?? Field("Zs" + other), Field("ZsMin"), Field("ZsMax"), UnitOf(code, packet.St))
                ?? Add(code + CouSuffix, Field("Cou"), null, null, Hj212CodeRegistry.Find(code)?.CouUnit?.Symbol);
            if (error is not null) return ([], error);

            string? Add(string stored, Hj212CpEntry? value, Hj212CpEntry? min, Hj212CpEntry? max, string? unit)
            {
                if (value is null && min is null && max is null) return null;
                if (stored.Length > MaxCodeLength)
                    return $"factor code '{(stored == code ? group.Key : stored)}' is longer than {MaxCodeLength} characters";
                if (value?.Value.Length > MaxValueTextLength) return $"{value.Key} value is longer than {MaxValueTextLength} characters";
                if (flag?.Value.Length > MaxFlagLength) return $"{flag.Key}={flag.Value} is longer than {MaxFlagLength} characters";
                if (!sources.TryAdd(stored, group.Key)) return $"{group.Key} and {sources[stored]} both give {stored} (factor alias)";
                list.Add(new ObservationInput(siteId, mn, stored, period, dataTime.ToUniversalTime(),
                    value?.Number, value?.Value, min?.Number, max?.Number, flag?.Value) { Unit = unit, ForSource = sourceFields });
                return null;
            }
        }
        return (list, null);
    }

    /// <summary>Particulate factor codes whose unit a construction-site monitor configures (HJ 212-2017 App. B a34001 TSP,
    /// a34002 PM10, a34004 PM2.5, a34005 PM1.0).</summary>
    public static readonly IReadOnlySet<string> DustCodes = new HashSet<string>(["a34001", "a34002", "a34004", "a34005"], StringComparer.Ordinal);

    /// <summary>Issue 20: the observations of a construction-site monitor with its particulates (<see cref="DustCodes"/>)
    /// converted from the configured unit the logger sends (<paramref name="sentUnit"/>) to μg/m³ (value, min, max; the
    /// raw text stays as sent), whatever ST the packet had (22 or 39: routed by the bound MN; App. B's ng/m³ is never
    /// assumed, hj212-brief.md §11.2). Other codes unchanged. Pure; thread-safe.</summary>
    /// <param name="observations">Decoded observations (<see cref="Decode"/>).</param>
    /// <param name="sentUnit">Configured unit symbol (μg/m³, mg/m³, ng/m³).</param>
    /// <exception cref="ArgumentException"><paramref name="sentUnit"/> is not a mass concentration in air.</exception>
    public static IReadOnlyList<ObservationInput> ConvertDust(IReadOnlyList<ObservationInput> observations, string sentUnit)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var ug = SmartEnv.Standards.Common.MeasurementUnit.MicrogramPerCubicMetre;
        if (!SmartEnv.Standards.Common.MeasurementUnit.TryParse(sentUnit, out var unit) || !unit.IsCompatibleWith(ug))
            throw new ArgumentException($"'{sentUnit}' is not a mass concentration in air", nameof(sentUnit));
        decimal? C(decimal? v) => v is { } x ? unit.ConvertTo(x, ug) : null;
        return [.. observations.Select(o => DustCodes.Contains(o.ParameterCode)
            ? o with { Value = C(o.Value), Min = C(o.Min), Max = C(o.Max), Unit = ug.Symbol }
            : o)];
    }

    /// <summary>Suffix of the stored code of an outlet's converted (reference-O₂) concentration, <c>-ZsAvg</c>/<c>-ZsRtd</c>
    /// (HJ 212-2017 table 6 field names; issue 16 plan §2.3): <c>a21026:zs</c>.</summary>
    public const string ZsSuffix = ":zs";

    /// <summary>Suffix of the stored code of an outlet's emission amount of the period, <c>-Cou</c> (HJ 212-2017 table 6):
    /// <c>a21026:cou</c>, in the registry's <see cref="Hj212FactorCode.CouUnit"/>.</summary>
    public const string CouSuffix = ":cou";

    /// <summary>System code (ST) of ambient air-quality monitoring (HJ 212-2017 table 5: 22 空气质量监测).</summary>
    public const string AmbientAirSt = "22";

    /// <summary>
    /// Symbol of the unit a decoded value is expressed in, from <see cref="Hj212CodeRegistry"/>: for environmental-quality
    /// monitoring of ambient air (ST 22) the unit stations send (<see cref="Hj212FactorCode.Unit"/>: GB 3095 μg/m³, CO
    /// mg/m³), otherwise the HJ 212-2017 App. B unit (<see cref="Hj212FactorCode.AppendixBUnit"/>: mg/L, μg/L for the
    /// metals w20111…, dB(A), flue-gas mg/m³; empty symbol for dimensionless pH). Null for a code outside the registry.
    /// </summary>
    /// <param name="code">Stored factor code (after aliasing).</param>
    /// <param name="st">The packet's ST.</param>
    public static string? UnitOf(string code, string? st) => Hj212CodeRegistry.Find(code) is not { } f ? null
        : (st == AmbientAirSt ? f.Unit : f.AppendixBUnit).Symbol;

    /// <summary>
    /// The plausibility checks of a decodable upload (docs/gateway.md "Implausible uploads"): DataTime must satisfy
    /// <see cref="DataTimePlausibility"/> with <see cref="DataTimePlausibility.DeviceTolerance"/> (2000-01-01 Beijing …
    /// receive time + 1 h); each value field that would be stored (the value, <c>-Min</c>, <c>-Max</c>) must be a plain
    /// decimal number below 10^15 in magnitude (<see cref="DataTimePlausibility.MaxMagnitude"/>; exponents, NaN, ∞ are
    /// refused), and must not be negative for a factor whose unit is a concentration (<see cref="SmartEnv.Standards.Common.MeasurementUnit.IsConcentration"/>:
    /// μg/m³, mg/m³, ng/m³, mg/L, μg/L) — like the file imports, which refuse negative concentrations. Empty value texts are allowed
    /// (stored as no value). Factors not in <see cref="SmartEnv.Hj212.Codes.Hj212CodeRegistry"/> get only the number checks.
    /// </summary>
    /// <param name="packet">A data upload (CN 2011/2051/2061/2031) with a valid DataTime.</param>
    /// <param name="received">Receive time (the reference "now").</param>
    /// <param name="aliases">Vendor-code aliases (null: none): an aliased code is checked as the code it stands for.</param>
    /// <param name="sourceFields">True for a device bound to a discharge outlet (<see cref="Decode"/>): the stored
    /// <c>-ZsAvg</c>/<c>-ZsRtd</c>/<c>-ZsMin</c>/<c>-ZsMax</c> (concentrations) and <c>-Cou</c> (an amount, never negative)
    /// are checked the same way.</param>
    /// <returns>Null when plausible, else the quarantine reason and an English detail naming the field.</returns>
    public static (QuarantineReason Reason, string Detail)? CheckPlausible(Hj212Packet packet, DateTimeOffset received,
        Hj212FactorAliases? aliases = null, bool sourceFields = false)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.DataTime is { } t && DataTimePlausibility.Check(t, received, DataTimePlausibility.DeviceTolerance) is var verdict
            && verdict != DataTimeVerdict.Plausible)
            return (QuarantineReason.ImplausibleDataTime,
                $"DataTime={packet.DataTimeText} is {DataTimePlausibility.Describe(verdict, received, DataTimePlausibility.DeviceTolerance)}");
        var period = PeriodOf(packet.Cn);
        var preferred = period == PeriodType.Rtd ? "Rtd" : "Avg";
        var other = period == PeriodType.Rtd ? "Avg" : "Rtd";
        foreach (var group in packet.Cp.Where(e => e.Code is not null).GroupBy(e => e.Code!, StringComparer.Ordinal))
        {
            Hj212CpEntry? Field(string f) => group.FirstOrDefault(e => e.Field == f);
            var concentration = Hj212CodeRegistry.Find(aliases?.Resolve(packet.Mn, group.Key) ?? group.Key) is { } code && code.Unit.IsConcentration;
            var fields = new[] { Field(preferred) ?? Field(other) ?? Field("Data"), Field("Min"), Field("Max") };
            if (sourceFields) fields = [.. fields, Field("Zs" + preferred) ?? Field("Zs" + other), Field("ZsMin"), Field("ZsMax"), Field("Cou")];
            foreach (var e in fields)
            {
                if (e is null || e.Value.Length == 0) continue;
                if (e.Number is not { } n || Math.Abs(n) >= DataTimePlausibility.MaxMagnitude)
                    return (QuarantineReason.ImplausibleValue, $"{e.Key}={e.Value} is not a plain decimal number below 10^15");
                if (n < 0 && concentration && e.Field != "Cou")
                    return (QuarantineReason.ImplausibleValue, $"{e.Key}={e.Value} is a negative concentration");
                if (n < 0 && e.Field == "Cou")
                    return (QuarantineReason.ImplausibleValue, $"{e.Key}={e.Value} is a negative emission amount");
            }
        }
        return null;
    }
}
