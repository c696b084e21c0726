using SmartEnv.Scheduling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Construction;

/// <summary>
/// The monthly dynamic review of the 红黄绿牌 (issue 20; supervision.md §9 "monthly dynamic review"): at each occurrence
/// (default <c>0 1 1 * *</c> = 01:00 Beijing on the 1st) evaluates the <b>previous</b> month's card of every construction
/// site through <see cref="ConstructionService.EvaluateAllAsync"/> — the method the page, the API and the CLI use —
/// audited as the system user <c>system:construction-monthly-review</c>. The month is that of the occurrence, not of the
/// wall clock, so a run caught up after downtime reviews the month it stands for. Thread-safe (a context per run).
/// </summary>
/// <param name="store">The store.</param>
/// <param name="time">Clock (the app's).</param>
public sealed class ConstructionMonthlyReviewJob(SmartEnvStore store, TimeProvider time) : IScheduledJob
{
    /// <summary>The job key (<c>SmartEnv:Schedules:construction-monthly-review</c>).</summary>
    public const string JobKey = "construction-monthly-review";

    /// <inheritdoc />
    public string Key => JobKey;

    /// <inheritdoc />
    public string DefaultCron => "0 1 1 * *";

    /// <inheritdoc />
    public string Description => "红黄绿牌月度动态评定：每月1日评定上月全部建筑工地 (monthly card review of every construction site for the previous month)";

    /// <summary>The month reviewed for an occurrence: the month before the occurrence's Beijing date (first day).</summary>
    /// <param name="occurrence">Occurrence.</param>
    public static DateOnly MonthOf(DateTimeOffset occurrence)
    {
        var d = BeijingTime.Date(occurrence);
        return new DateOnly(d.Year, d.Month, 1).AddMonths(-1);
    }

    /// <inheritdoc />
    public async Task<string?> RunAsync(DateTimeOffset occurrence, CancellationToken ct)
    {
        var month = MonthOf(occurrence);
        await using var db = store.CreateContext();
        var cards = await new ConstructionService(db, time).EvaluateAllAsync(month, AuditActor.System(JobKey), ct);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{month:yyyy-MM}: {cards.Count} sites — red {cards.Count(c => c.Colour == "red")}, yellow {cards.Count(c => c.Colour == "yellow")}, green {cards.Count(c => c.Colour == "green")}");
    }
}
