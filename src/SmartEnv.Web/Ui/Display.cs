using System.Globalization;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Formatting for the UI: instants in Beijing time (UTC+8, the time base of GB 3095 / HJ 633 / HJ 212 DataTime), numbers
/// with their units, in the current culture. Pure; thread-safe.
/// </summary>
public static class Display
{
    /// <summary>Beijing time offset (China Standard Time, no daylight saving).</summary>
    public static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>An instant as Beijing time, <c>yyyy-MM-dd HH:mm</c>.</summary>
    /// <param name="instant">Any instant.</param>
    public static string Beijing(DateTimeOffset instant) =>
        instant.ToOffset(BeijingOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as <c>yyyy-MM-dd</c>.</summary>
    /// <param name="date">Date.</param>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A value with its unit, e.g. <c>35 μg/m³</c>, <c>83.4 %</c>; "—" when null.</summary>
    /// <param name="value">Value (shown with its own scale).</param>
    /// <param name="unit">Unit text; a space separates it (SI style).</param>
    public static string Qty(decimal? value, string unit) =>
        value is { } v ? v.ToString(CultureInfo.CurrentCulture) + " " + unit : "—";

    /// <summary>An age as "3 h 5 min" / "2 d 4 h" (units in the SI/ISO abbreviations both languages read).</summary>
    /// <param name="age">Non-negative duration.</param>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        if (age.TotalDays >= 1) return $"{(int)age.TotalDays} d {age.Hours} h";
        if (age.TotalHours >= 1) return $"{(int)age.TotalHours} h {age.Minutes} min";
        return $"{(int)age.TotalMinutes} min";
    }

    /// <summary>Common name of an AQI indicator (HJ 633 pollutant item), e.g. <c>PM2.5</c>, <c>O3 (8h)</c>.</summary>
    /// <param name="i">Indicator.</param>
    public static string Pollutant(SmartEnv.Standards.Air.AqiIndicator i) => i switch
    {
        SmartEnv.Standards.Air.AqiIndicator.So2_1h or SmartEnv.Standards.Air.AqiIndicator.So2_24h => "SO2",
        SmartEnv.Standards.Air.AqiIndicator.No2_1h or SmartEnv.Standards.Air.AqiIndicator.No2_24h => "NO2",
        SmartEnv.Standards.Air.AqiIndicator.Co_1h or SmartEnv.Standards.Air.AqiIndicator.Co_24h => "CO",
        SmartEnv.Standards.Air.AqiIndicator.O3_1h => "O3",
        SmartEnv.Standards.Air.AqiIndicator.O3_8h => "O3 (8h)",
        SmartEnv.Standards.Air.AqiIndicator.Pm10_1h or SmartEnv.Standards.Air.AqiIndicator.Pm10_24h => "PM10",
        _ => "PM2.5",
    };

    /// <summary>Primary pollutants joined, or "—" when none (AQI ≤ 50 has none, HJ 633-2012 §3.3).</summary>
    /// <param name="r">AQI result, or null.</param>
    public static string Primary(SmartEnv.Standards.Air.AqiResult? r) =>
        r is null || r.PrimaryPollutants.Count == 0 ? "—" : string.Join(", ", r.PrimaryPollutants.Select(Pollutant).Distinct());
}
