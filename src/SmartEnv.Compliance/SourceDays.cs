using SmartEnv.Standards.Common;
using SmartEnv.Storage;

namespace SmartEnv.Compliance;

/// <summary>
/// Which outlet day a stored value marks for the compliance job (issue 16 plan §2.3): for a value of a discharge outlet
/// (<see cref="ObservationInput.ForSource"/>) the Beijing date of its DataTime — the period start (HJ 212-2017 table 4), not
/// the HJ 663 hour-ending label of the AQI — for every period (2011/2051/2061/2031); null for any other value and for a
/// DataTime outside the plausible range. Pure; thread-safe.
/// </summary>
public static class SourceDays
{
    /// <summary>The outlet day of a value, or null.</summary>
    /// <param name="o">A stored value.</param>
    public static DateOnly? DayOf(ObservationInput o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (!o.ForSource) return null;
        if (o.DataTime < DataTimePlausibility.Earliest || o.DataTime.UtcDateTime.Year >= 9999) return null;
        return BeijingTime.Date(o.DataTime);
    }
}
