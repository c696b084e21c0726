using SmartEnv.Construction;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Construction;
using SmartEnv.Web.Apis;

namespace SmartEnv.Web.Ui;

/// <summary>A site page's view model.</summary>
/// <param name="Detail">Site, thresholds, monitors, last 24 hours, exceedances, card history with evidence.</param>
/// <param name="Presets">Preset keys (外省参考) staff may apply.</param>
public sealed record ConstructionSiteModel(ConstructionApi.SiteDetailView Detail, IReadOnlyList<string> Presets);

/// <summary>A row of the ranking page.</summary>
/// <param name="Rank">Position (1 = worst).</param>
/// <param name="Code">Site code.</param>
/// <param name="ProjectName">Project.</param>
/// <param name="Card">green, yellow, red.</param>
/// <param name="DustHours">Dust exceedance hours.</param>
/// <param name="NoiseHours">Noise exceedance hours.</param>
/// <param name="Complaints">Complaints counted in the card.</param>
/// <param name="Findings">Inspection findings counted in the card.</param>
public sealed record ConstructionRankingView(int Rank, string Code, string ProjectName, string Card, int DustHours, int NoiseHours, int Complaints, int Findings);

/// <summary>
/// View models and actions of the 建筑工地 pages (issue 20) over <see cref="ConstructionService"/>: the site list with the
/// latest card colour and the ≥ 50,000 m² unmonitored badge, the site page (thresholds or "未配置阈值", the last 24 hours of
/// dust and noise with the exceedances judged by the service, card history with evidence), applying a preset and
/// re-evaluating a month (audited). The pages decide no rule. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The circuit's scoped context.</param>
/// <param name="time">Clock.</param>
public sealed class ConstructionUiService(SmartEnvDbContext db, TimeProvider time)
{
    /// <summary>The AntDesign tag colour of a card: green, gold, red; default for none.</summary>
    /// <param name="colour">Stored colour or null.</param>
    public static string TagColour(string? colour) => colour switch { "green" => "green", "yellow" => "gold", "red" => "red", _ => "default" };

    /// <summary>The site list.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<ConstructionApi.SiteView>> ListAsync(CancellationToken ct = default) =>
        [.. (await new ConstructionService(db, time).ListAsync(false, ct)).Select(r => new ConstructionApi.SiteView(r.Site.Code, r.Site.ProjectName, r.Site.BuilderUscc,
            r.Site.ContractorUscc, r.Site.StreetCode, r.Site.FloorAreaM2, r.Site.Phase, r.Monitors, r.HasThresholds, r.MissingMonitor, r.LatestCard?.Colour,
            r.LatestCard?.Month, r.Site.Blacklisted))];

    /// <summary>The ranking of a month in <see cref="ConstructionService.RankingAsync"/>'s order.</summary>
    /// <param name="month">Any day of the month; null = the current month (Beijing).</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The rows and the first day of the month shown.</returns>
    public async Task<(IReadOnlyList<ConstructionRankingView> Rows, DateOnly Month)> RankingAsync(DateOnly? month, CancellationToken ct = default)
    {
        var m = month ?? SmartEnv.Standards.Common.BeijingTime.Today(time);
        var rows = await new ConstructionService(db, time).RankingAsync(m, ct);
        return ([.. rows.Select(r => new ConstructionRankingView(r.Rank, r.Site.Code, r.Site.ProjectName, r.Card.Colour, r.Card.DustHours, r.Card.NoiseHours,
            r.Card.Complaints, r.Card.Findings))], new DateOnly(m.Year, m.Month, 1));
    }

    /// <summary>A site's page model, or null when unknown (or outside the caller's scope).</summary>
    /// <param name="code">Site code.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<ConstructionSiteModel?> SiteAsync(string code, CancellationToken ct = default)
    {
        var s = new ConstructionService(db, time);
        var row = (await s.ListAsync(false, ct)).FirstOrDefault(r => r.Site.Code == code);
        if (row is null) return null;
        var thresholds = await s.ThresholdsAsync(row.Site.Id, ct);
        var now = time.GetUtcNow();
        var hours = await s.HoursAsync(row.Site.Id, now.AddHours(-24), now, ct);
        var ex = ConstructionJudge.DustExceedances(hours, [.. thresholds.Select(t => new DustThreshold(ConstructionService.ParseParameter(t.Parameter), t.LimitUgM3))])
            .Concat(ConstructionJudge.NoiseExceedances(hours)).OrderBy(e => e.HourStart).ToList();
        var mns = db.ConstructionMonitors.Where(m => m.ConstructionSiteId == row.Site.Id).OrderBy(m => m.Id).Select(m => m.Mn + " (" + m.DustUnit + ")").ToList();
        var cards = await s.CardsAsync(row.Site.Id, ct);
        var site = (await ListAsync(ct)).First(v => v.Code == code);
        return new ConstructionSiteModel(new ConstructionApi.SiteDetailView(site,
            [.. thresholds.Select(t => new ConstructionApi.ThresholdView(t.Parameter, t.LimitUgM3, t.Preset, t.Source))], mns, hours, ex,
            [.. cards.Select(ConstructionApi.View)]), DustPresets.Default.Keys);
    }

    /// <summary>Applies a preset (audited); null on success, else the refusal text.</summary>
    /// <param name="code">Site.</param>
    /// <param name="preset">Preset key.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> ApplyPresetAsync(string code, string? preset, AuditActor actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(preset)) return "preset required";
        try { await new ConstructionService(db, time).ApplyPresetAsync(code, preset, actor, ct); return null; }
        catch (ConstructionException e) { return e.Message; }
    }

    /// <summary>Re-evaluates the current month (Beijing) or <paramref name="month"/> (audited); null on success.</summary>
    /// <param name="code">Site.</param>
    /// <param name="month">yyyy-MM or null for the current month.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> EvaluateAsync(string code, string? month, AuditActor actor, CancellationToken ct = default)
    {
        var m = SmartEnv.Standards.Common.BeijingTime.Today(time);
        if (!string.IsNullOrWhiteSpace(month) && !DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out m))
            return "month: yyyy-MM";
        try { await new ConstructionService(db, time).EvaluateMonthAsync(code, m, actor, ct); return null; }
        catch (ConstructionException e) { return e.Message; }
    }
}
