using SmartEnv.Standards.Common;
using SmartEnv.Standards.Noise;

namespace SmartEnv.Verifications.Noise;

/// <summary>A published noise measurement: Ld/Ln, the GB 3096 zone and the published verdicts (达标 = true).</summary>
/// <param name="Station">Measuring point code or name.</param>
/// <param name="Time">Measurement day or time (Beijing time).</param>
/// <param name="Zone">GB 3096-2008 functional zone.</param>
/// <param name="Ld">Day level, dB(A), or null.</param>
/// <param name="Ln">Night level, dB(A), or null.</param>
/// <param name="DayCompliant">Published day verdict (达标 true, 超标 false), or null.</param>
/// <param name="NightCompliant">Published night verdict, or null.</param>
/// <param name="Location">file:line, or null.</param>
public sealed record NoisePublishedRow(string Station, DateTimeOffset Time, Gb3096Zone Zone, decimal? Ld, decimal? Ln,
    bool? DayCompliant, bool? NightCompliant, string? Location = null);

/// <summary>
/// Verification of published noise verdicts (docs/verification.md §4): Ld and Ln against the GB 3096-2008 Table 1 zone
/// limits (<see cref="Gb3096.Assess"/>; a value equal to the limit complies). Compared text: <c>昼达标</c>/<c>昼超标</c> and
/// <c>夜达标</c>/<c>夜超标</c> for the verdicts published. Hypotheses: <c>noise-input-rounding</c> (Ld/Ln rounded per GB/T 8170
/// to integers first), <c>noise-day-night-swapped</c> (Ld against the night limit and Ln against the day limit).
/// Pure; thread-safe.
/// </summary>
public static class NoiseVerifier
{
    /// <summary>Verifies measurements; rows without a published verdict or without the level it needs are skipped.</summary>
    /// <param name="rows">Published measurements.</param>
    /// <param name="message">Optional note.</param>
    public static VerificationReport Verify(IEnumerable<NoisePublishedRow> rows, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var read = 0;
        var compared = new List<CheckedRow>();
        foreach (var row in rows)
        {
            read++;
            if (Check(row) is { } c) compared.Add(c);
        }
        return VerificationEngine.Run("noise", null, read, compared, ("测量值", "measurements"), message);
    }

    /// <summary>The compared row of one measurement, or null when it cannot be compared.</summary>
    /// <param name="row">The measurement.</param>
    public static CheckedRow? Check(NoisePublishedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var day = row.DayCompliant is not null && row.Ld is not null;
        var night = row.NightCompliant is not null && row.Ln is not null;
        if (!day && !night) return null;
        var limits = Gb3096.Limits(row.Zone);
        var pub = Format(day ? row.DayCompliant : null, night ? row.NightCompliant : null);
        var ours = Verdict(row, limits.Day, limits.Night, row.Ld, row.Ln, day, night);
        return new CheckedRow(row.Station, BeijingTime.ToBeijing(row.Time), "noise_verdict", pub, ours, null,
            new Lazy<IReadOnlyDictionary<string, string?>>(() => new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [VerificationCauses.NoiseInputRounding] = Verdict(row, limits.Day, limits.Night,
                    row.Ld is { } d ? Gbt8170.Round(d) : null, row.Ln is { } n ? Gbt8170.Round(n) : null, day, night),
                [VerificationCauses.NoiseDayNightSwapped] = Verdict(row, limits.Night, limits.Day, row.Ld, row.Ln, day, night),
            }), row.Location);
    }

    private static string Verdict(NoisePublishedRow row, decimal dayLimit, decimal nightLimit, decimal? ld, decimal? ln, bool day, bool night) =>
        Format(day ? ld <= dayLimit : null, night ? ln <= nightLimit : null);

    private static string Format(bool? day, bool? night) =>
        string.Join("；", new[] { day is { } d ? (d ? "昼达标" : "昼超标") : null, night is { } n ? (n ? "夜达标" : "夜超标") : null }.Where(s => s is not null));
}
