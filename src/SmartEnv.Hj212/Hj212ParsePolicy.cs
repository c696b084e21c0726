using System.Collections.Frozen;
using SmartEnv.Standards.Common;

namespace SmartEnv.Hj212;

/// <summary>
/// How the parser treats departures from HJ 212-2017: which <see cref="Hj212Deviation"/>s are accepted with a warning
/// (all others reject the packet), which CRC variants are accepted per device, and which UTC offset applies to times.
/// Named policies instead of flags: <see cref="Strict"/> and <see cref="Tolerant"/>, refined with the <c>With…</c>
/// methods. Immutable and thread-safe.
/// </summary>
public sealed record Hj212ParsePolicy
{
    private static readonly FrozenSet<Hj212Deviation> All = Enum.GetValues<Hj212Deviation>().ToFrozenSet();

    /// <summary>The standard as written: every deviation rejects; only the Appendix A CRC is accepted. The one notice
    /// that is not a departure, <see cref="Hj212Deviation.UnregisteredFactorCode"/> (a vendor code of standard shape
    /// outside App. B), is accepted with its warning.</summary>
    public static Hj212ParsePolicy Strict { get; } = new()
    {
        Name = "strict", Tolerated = new[] { Hj212Deviation.UnregisteredFactorCode }.ToFrozenSet(),
    };

    /// <summary>Field practice: every deviation is accepted with a warning; hard faults (CRC mismatch, truncation,
    /// length matching no rule, missing CP, bad DataTime, …) still reject. Modbus CRC variants still need
    /// <see cref="WithCrcVariants"/> per device.</summary>
    public static Hj212ParsePolicy Tolerant { get; } = new() { Name = "tolerant", Tolerated = All };

    /// <summary>Name for logs (<c>strict</c>, <c>tolerant</c> or a caller's own).</summary>
    public string Name { get; init; } = "custom";

    /// <summary>Deviations accepted with a warning.</summary>
    public IReadOnlySet<Hj212Deviation> Tolerated { get; init; } = FrozenSet<Hj212Deviation>.Empty;

    /// <summary>CRC variants accepted besides the standard one, per device MN (exact, case-sensitive). Off by default.
    /// Accepting a variant needs <see cref="Hj212Deviation.NonStandardCrcVariant"/> tolerated as well.</summary>
    public IReadOnlyDictionary<string, Hj212CrcVariant> CrcVariantsByMn { get; init; } = FrozenDictionary<string, Hj212CrcVariant>.Empty;

    /// <summary>UTC offset of times in the packets (DataTime, QN). Defaults to +08:00 (Beijing time).</summary>
    public TimeSpan TimeZoneOffset { get; init; } = BeijingTime.Offset;

    /// <summary>True when <paramref name="deviation"/> is accepted with a warning.</summary>
    /// <param name="deviation">The deviation.</param>
    public bool Tolerates(Hj212Deviation deviation) => Tolerated.Contains(deviation);

    /// <summary>A copy that also accepts <paramref name="variants"/> for the device <paramref name="mn"/>.</summary>
    /// <param name="mn">The device's MN, exactly as it sends it.</param>
    /// <param name="variants">Variants to accept (e.g. <see cref="Hj212CrcVariant.ModbusSwapped"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="mn"/> is null.</exception>
    public Hj212ParsePolicy WithCrcVariants(string mn, Hj212CrcVariant variants)
    {
        ArgumentNullException.ThrowIfNull(mn);
        var d = CrcVariantsByMn.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        d[mn] = variants;
        return this with { CrcVariantsByMn = d.ToFrozenDictionary(StringComparer.Ordinal) };
    }

    /// <summary>A copy that accepts the given deviations as well.</summary>
    /// <param name="deviations">Deviations to tolerate.</param>
    public Hj212ParsePolicy Tolerating(params Hj212Deviation[] deviations) =>
        this with { Tolerated = Tolerated.Concat(deviations).ToFrozenSet() };

    /// <summary>A copy with another UTC offset for packet times.</summary>
    /// <param name="offset">Offset from UTC, e.g. +08:00.</param>
    public Hj212ParsePolicy WithTimeZoneOffset(TimeSpan offset) => this with { TimeZoneOffset = offset };

    internal Hj212CrcVariant VariantsFor(string? mn) =>
        mn is not null && CrcVariantsByMn.TryGetValue(mn, out var v) ? v : Hj212CrcVariant.None;
}
