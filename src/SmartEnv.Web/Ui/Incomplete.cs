using SmartEnv.Standards.Air;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Texts that say why a value is incomplete or not valid, in the UI language: an hourly/daily AQI with pollutants missing
/// (<see cref="AqiResult.Complete"/> false: HJ 633-2026 §5.3.1, such an AQI is not a full value), a natural day without a
/// valid daily AQI (<see cref="DayExclusion"/>, GB 3095-2012 Table 4 validity as applied by <see cref="Hj663Assessment"/>).
/// The pages and charts read these, so a reason is worded in one place. Pure; thread-safe.
/// </summary>
public static class Incomplete
{
    /// <summary>"不完整：缺 PM2.5、O3" — the regime's indicators that were not supplied or not computed.</summary>
    /// <param name="r">An AQI result.</param>
    public static string Missing(AqiResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var missing = r.Missing.Concat(r.Entries.Where(e => e.Value is null && e.Note != IaqiNote.O3EightHourNotComputed).Select(e => e.Indicator))
            .Select(Display.Pollutant).Distinct().ToList();
        return Texts.Common.AqiIncomplete(missing.Count == 0 ? "—" : string.Join(SmartEnvUi.IsChinese ? "、" : ", ", missing));
    }

    /// <summary>All reasons of a day (<see cref="Display.Exclusion"/>, one per indicator excluded), joined with "；" in
    /// Chinese and "; " in English — the pages and charts read this one wording (exports join the same reasons with
    /// <see cref="Contracts.ContractJson.ListSeparator"/>).</summary>
    /// <param name="d">The day.</param>
    public static string Reasons(AirDay d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return string.Join(SmartEnvUi.IsChinese ? "；" : "; ", d.Exclusions.Select(Display.Exclusion));
    }
}
