using SmartEnv.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Standards.Noise;
using SmartEnv.Storage.Entities;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Ui;

/// <summary>
/// Export of a noise site's daily table (<c>GET /ui/export/noise-daily.{xlsx|csv}?site=&amp;from=&amp;to=</c>), written
/// by <see cref="Exports.Write"/> (MiniExcel; CSV UTF-8 with BOM). Non-public sites only for bureau staff, as on the page.
/// </summary>
public static class NoiseExports
{
    /// <summary>Maps the endpoint. <c>from</c>/<c>to</c> are noise days (Beijing); both default to the
    /// <see cref="NoiseService.WindowDays"/> days ending with the latest stored hour.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapNoiseExports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/export/noise-daily.{ext}", async (string ext, string site, DateOnly? from, DateOnly? to, HttpContext http,
            NoiseService noise, CancellationToken ct) =>
        {
            var today = BeijingTime.Today(TimeProvider.System);
            var t = to ?? today;
            var f = from ?? t.AddDays(-NoiseService.WindowDays);
            if (t < f || t.DayNumber - f.DayNumber > 3660) return Results.BadRequest("from…to must be ascending and at most 10 years");
            var r = await noise.DaysAsync(site, f, t, ct);
            if (r is not { } found || (!found.Site.IsPublic && !SmartEnvPolicies.IsStaff(http.User))) return Results.NotFound();
            return Exports.Write(ext, Daily(found.Site, found.Days, f, t));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>One row per noise day: date, zone, Ld, day hours, day limit, day verdict and exceedance, the same for the
    /// night (dB(A)). Verdicts are empty when the site has no registered zone or the period has too few hours.</summary>
    /// <param name="site">Noise site.</param>
    /// <param name="days">Its assessed noise days.</param>
    /// <param name="from">First day of the export.</param>
    /// <param name="to">Last day.</param>
    public static ExportTable Daily(Site site, IReadOnlyList<NoiseDayAssessment> days, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(days);
        var zh = SmartEnvUi.IsChinese;
        var zoned = site.NoiseZone is not null;
        string[] headers = zh
            ? ["评价日（昼间 06–22 时，夜间 22 时至次日 06 时）", "功能区", "昼间 Ld (dB(A))", "昼间小时数", "昼间限值 (dB(A))", "昼间评价", "昼间超标 (dB)",
               "夜间 Ln (dB(A))", "夜间小时数", "夜间限值 (dB(A))", "夜间评价", "夜间超标 (dB)"]
            : ["Noise day (day 06–22 h, night 22 h to 06 h next day)", "Zone", "Day Ld (dB(A))", "Day hours", "Day limit (dB(A))", "Day verdict", "Day exceedance (dB)",
               "Night Ln (dB(A))", "Night hours", "Night limit (dB(A))", "Night verdict", "Night exceedance (dB)"];
        string? Verdict(bool? ok) => !zoned || ok is null ? null : ok.Value ? (zh ? "达标" : "compliant") : (zh ? "超标" : "exceeds");
        var rows = days.Select(d => new object?[]
        {
            Display.Date(d.Day), site.NoiseZone, d.Ld.Level, d.Ld.Hours, zoned ? d.Compliance.Limits.Day : null,
            Verdict(d.Compliance.DayCompliant), zoned ? d.Compliance.DayExceedance : null,
            d.Ln.Level, d.Ln.Hours, zoned ? d.Compliance.Limits.Night : null,
            Verdict(d.Compliance.NightCompliant), zoned ? d.Compliance.NightExceedance : null,
        }).ToList();
        return new ExportTable($"noise-daily-{site.Code}-{Display.Date(from)}-{Display.Date(to)}", headers, rows);
    }
}
