using System.Collections.Frozen;

namespace SmartEnv.Hj212;

/// <summary>
/// The factor field names of HJ 212-2017's CP field table (table 4 in the standard's numbering as quoted in
/// <c>../shared/reference/hj212-brief.md</c> §6; the issue tracker calls it "table 6"): <c>Rtd Min Avg Max ZsRtd ZsMin ZsAvg
/// ZsMax Cou Flag EFlag SampleTime RS RT Ala UpValue LowValue Data DayData NightData Info SN</c>. The standard writes them
/// case-sensitively with an upper-case first letter (§6.3.3.2.1); loggers in the field also send <c>-flag</c>,
/// <c>-avg</c>, <c>-FLAG</c>, so names are matched ASCII-case-insensitively and reported in their canonical spelling.
/// Fields outside the table (<c>-ValidNum</c>, <c>-ZsCou</c>) are kept as sent. Thread-safe (immutable tables).
/// </summary>
public static class Hj212Fields
{
    /// <summary>Field names whose value is a number (N14.2 and the like, table 4): Rtd, Min, Avg, Max, the Zs… values,
    /// Cou, RT, RS, UpValue, LowValue and the noise Data/DayData/NightData.</summary>
    public static IReadOnlySet<string> Numeric { get; } = new[]
    {
        "Rtd", "Min", "Avg", "Max", "ZsRtd", "ZsMin", "ZsAvg", "ZsMax", "Cou", "RS", "RT", "UpValue", "LowValue",
        "Data", "DayData", "NightData",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every table 4 factor field name in its canonical spelling.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "Rtd", "Min", "Avg", "Max", "ZsRtd", "ZsMin", "ZsAvg", "ZsMax", "Cou", "Flag", "EFlag", "SampleTime", "RS", "RT",
        "Ala", "UpValue", "LowValue", "Data", "DayData", "NightData", "Info", "SN",
    ];

    private static readonly FrozenDictionary<string, string> ByName = All.ToFrozenDictionary(f => f, f => f, StringComparer.OrdinalIgnoreCase);
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan = ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical spelling of a table 4 factor field name written in any ASCII case (<c>flag</c> →
    /// <c>Flag</c>, <c>AVG</c> → <c>Avg</c>), or null when <paramref name="field"/> is not a table 4 field.</summary>
    /// <param name="field">The part of a CP key after the last '-'.</param>
    public static string? Canonical(ReadOnlySpan<char> field) => BySpan.TryGetValue(field, out var c) ? c : null;

    /// <summary>The data flags of table 8 (§6.6.4): N normal, F stopped (停运), M maintenance, S manual value, D fault,
    /// C calibration, T over the measuring range, B communication fault. Exactly one upper-case letter.</summary>
    /// <param name="flag">A <c>-Flag</c> value as sent.</param>
    public static bool IsTable8Flag(ReadOnlySpan<char> flag) => flag.Length == 1 && flag[0] is 'N' or 'F' or 'M' or 'S' or 'D' or 'C' or 'T' or 'B';
}
