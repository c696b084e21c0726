using System.Globalization;
using SmartEnv.Emergency;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Emergency;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Web.Ui;

/// <summary>One due or overdue item of a plan filing on the <c>/emergency</c> page.</summary>
/// <param name="Plan">The plan row.</param>
/// <param name="Key">The <c>Due</c> text key: filing, check, refile, review_soon, review.</param>
/// <param name="On">The day it falls due (or fell due).</param>
public sealed record PlanDueItem(PlanRow Plan, string Key, DateOnly On);

/// <summary>The <c>/emergency</c> page: filing rate (null for an enterprise user), plans, due items, risk units.</summary>
/// <param name="Rate">The key-unit filing rate, or null when not shown (enterprise users).</param>
/// <param name="Plans">Visible plans, by filing due.</param>
/// <param name="Due">Their due/overdue items.</param>
/// <param name="Units">Visible risk units.</param>
/// <param name="Names">Enterprise names by USCC.</param>
public sealed record EmergencyDashboard(FilingRate? Rate, IReadOnlyList<PlanRow> Plans, IReadOnlyList<PlanDueItem> Due, IReadOnlyList<EmergencyRiskUnit> Units, IReadOnlyDictionary<string, string> Names);

/// <summary>The reporting clock of an event as shown: deadline in Beijing time and the time left, overdue or late.</summary>
/// <param name="DeadlineBeijing">The 初报 deadline, <c>yyyy-MM-dd HH:mm</c> Beijing time.</param>
/// <param name="Hours">The hours the level (or Art. 4 circumstance) allows.</param>
/// <param name="Text">Time left / overdue / filed in time / filed late, in the UI culture.</param>
/// <param name="Overdue">True when overdue or filed late (red).</param>
public sealed record ReportClockView(string DeadlineBeijing, int Hours, string Text, bool Overdue);

/// <summary>The event form (strings as typed; parsed by <see cref="EmergencyUiService.RecordEventAsync"/>).</summary>
public sealed class EventForm
{
    /// <summary>Title.</summary>
    public string? Title { get; set; }
    /// <summary>USCC of the enterprise involved, optional.</summary>
    public string? Uscc { get; set; }
    /// <summary>Occurred, <c>yyyy-MM-ddTHH:mm</c> Beijing time.</summary>
    public string? OccurredAt { get; set; }
    /// <summary>Learned, <c>yyyy-MM-ddTHH:mm</c> Beijing time.</summary>
    public string? LearnedAt { get; set; }
    /// <summary>Deaths (count).</summary>
    public string? Deaths { get; set; }
    /// <summary>Poisoned or seriously injured (count).</summary>
    public string? Injured { get; set; }
    /// <summary>Evacuated (count).</summary>
    public string? Evacuated { get; set; }
    /// <summary>Direct loss in yuan.</summary>
    public string? LossYuan { get; set; }
    /// <summary>Water intake category code or empty.</summary>
    public string? WaterIntake { get; set; }
    /// <summary>Cross-boundary category code or empty.</summary>
    public string? CrossBoundary { get; set; }
    /// <summary>Ticked Art. 4 circumstance codes.</summary>
    public HashSet<string> Circumstances { get; } = [];
}

/// <summary>
/// View models and actions of the emergency pages (issue 20), all through <see cref="EmergencyService"/> on the circuit's
/// scoped context (an enterprise user sees only its own units and plans; events are staff-only rows): the <c>/emergency</c>
/// dashboard, the staff check of a submitted plan, the enterprise's submission, events with their reporting clock
/// (computed from the app's <see cref="TimeProvider"/>) and the next reports the workflow allows. The public list of filed
/// plans is read on an unscoped context and projected to name, USCC, filing number and filed day. Scoped; not thread-safe.
/// </summary>
/// <param name="db">The circuit's scoped context.</param>
/// <param name="store">The store (unscoped public reads).</param>
/// <param name="time">The app's clock.</param>
public sealed partial class EmergencyUiService(SmartEnvDbContext db, SmartEnvStore store, TimeProvider time)
{
    private EmergencyService Service => new(db, time);

    /// <summary>The public list of filed plans, by USCC.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<IReadOnlyList<PublicFiling>> PublicFilingsAsync(CancellationToken ct = default)
    {
        await using var all = store.CreateContext();
        return await new EmergencyService(all, time).PublicFilingsAsync(ct);
    }

    /// <summary>The <c>/emergency</c> view: rate (staff only), plans with due items (filing, check, refile overdue;
    /// review due within the rules' warning days or overdue), risk units.</summary>
    /// <param name="staff">True for staff (the rate is shown).</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<EmergencyDashboard> DashboardAsync(bool staff, CancellationToken ct = default)
    {
        var s = Service;
        var plans = await s.PlansAsync(null, ct);
        var units = await s.UnitsAsync(null, ct);
        var due = new List<PlanDueItem>();
        foreach (var p in plans)
        {
            if (p.Status.FilingOverdue) due.Add(new(p, "filing", p.Plan.FilingDue));
            if (p.Status.CheckOverdue && p.Plan.CheckDue is { } c) due.Add(new(p, "check", c));
            if (p.Status.RefileOverdue && p.Plan.RefileBy is { } r) due.Add(new(p, "refile", r));
            if (p.Status.ReviewOverdue) due.Add(new(p, "review", p.Plan.ReviewDue));
            else if (p.Status.ReviewDueSoon) due.Add(new(p, "review_soon", p.Plan.ReviewDue));
        }
        var names = await InspectionsUiService.NamesAsync(db, units.Select(u => u.Uscc).Concat(plans.Select(p => p.Plan.Uscc)), ct);
        return new EmergencyDashboard(staff ? await s.FilingRateAsync(ct) : null, plans, [.. due.OrderBy(d => d.On)], units, names);
    }

    /// <summary>The staff check of a submitted plan: filed with a 备案编号, or returned once with a 补正 day. Returns an
    /// error text or null; audited by the service.</summary>
    /// <param name="planId">Plan.</param>
    /// <param name="filed">True to file.</param>
    /// <param name="filingNumber">备案编号 (filing).</param>
    /// <param name="refileBy">补正 day <c>yyyy-MM-dd</c> (return).</param>
    /// <param name="note">Note.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<string?> CheckAsync(long planId, bool filed, string? filingNumber, string? refileBy, string? note, AuditActor actor, CancellationToken ct = default)
    {
        DateOnly? by = null;
        if (!filed)
        {
            if (!DateOnly.TryParseExact(refileBy?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return "refile_by: yyyy-MM-dd";
            by = d;
        }
        return await TryAsync(() => Service.CheckPlanAsync(planId, filed, filed ? filingNumber?.Trim() : null, by, note, actor, ct));
    }

    /// <summary>Submits a plan for filing (the enterprise itself, admin, enforcement; the scoped context hides other
    /// enterprises' plans, so a foreign id is "not found"). Returns an error text or null.</summary>
    /// <param name="planId">Plan.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<string?> SubmitAsync(long planId, AuditActor actor, CancellationToken ct = default) => TryAsync(() => Service.SubmitPlanAsync(planId, actor, ct));

    /// <summary>The visible events (staff), newest first.</summary>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<EventView>> EventsAsync(CancellationToken ct = default) => Service.EventsAsync(ct);

    /// <summary>One event, or null.</summary>
    /// <param name="id">Event id.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<EventView?> EventAsync(long id, CancellationToken ct = default) => Service.EventAsync(id, ct);

    /// <summary>The clock of an event at the app's now: deadline (Beijing), hours, and time left / overdue / filed.</summary>
    /// <param name="v">The event.</param>
    public static ReportClockView Clock(EventView v)
    {
        var hours = (int)Math.Round((v.Event.ReportDue - v.Event.LearnedAt).TotalHours);
        var c = v.Clock;
        var text = c.Filed
            ? c.Overdue ? Texts.Emergency.FiledLate(Duration(-c.Remaining)) : Texts.Emergency.FiledInTime
            : c.Overdue ? Texts.Emergency.Overdue(Duration(-c.Remaining)) : Texts.Emergency.TimeLeft(Duration(c.Remaining));
        return new ReportClockView(Display.Beijing(c.Due), hours, text, c.Overdue);
    }

    /// <summary>A duration as whole hours and minutes (rounded down to the minute).</summary>
    /// <param name="span">A non-negative span.</param>
    public static string Duration(TimeSpan span)
    {
        var minutes = (long)Math.Floor(Math.Max(0, span.TotalMinutes));
        return Texts.Emergency.Duration(minutes / 60, minutes % 60);
    }

    /// <summary>The report kinds the workflow allows next for an event (初报 first; then 续报 or 处理结果报告; none when closed).</summary>
    /// <param name="v">The event.</param>
    public static IReadOnlyList<EventReportKind> NextReports(EventView v)
    {
        EventReportWorkflow.TryParseState(v.Event.ReportState, out var state);
        var w = new EventReportWorkflow(state);
        return [.. Enum.GetValues<EventReportKind>().Where(w.CanFile)];
    }

    /// <summary>Files a report of an event; returns an error text or null (the service refuses out-of-order kinds, 409).</summary>
    /// <param name="eventId">Event.</param>
    /// <param name="kind">Kind.</param>
    /// <param name="text">Content.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<string?> FileReportAsync(long eventId, EventReportKind kind, string? text, AuditActor actor, CancellationToken ct = default) =>
        TryAsync(() => Service.FileReportAsync(eventId, kind, text ?? "", actor, ct));

    /// <summary>Records an event from the form (times typed in Beijing time); returns the new id or an error text.</summary>
    /// <param name="f">The form.</param>
    /// <param name="actor">Who.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<(long? Id, string? Error)> RecordEventAsync(EventForm f, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!TryBeijing(f.OccurredAt, out var occurred)) return (null, "occurred_at: yyyy-MM-ddTHH:mm");
        if (!TryBeijing(f.LearnedAt, out var learned)) return (null, "learned_at: yyyy-MM-ddTHH:mm");
        if (!TryInt(f.Deaths, out var deaths) || !TryInt(f.Injured, out var injured) || !TryInt(f.Evacuated, out var evacuated)) return (null, "counts: whole numbers ≥ 0");
        decimal? loss = null;
        if (!string.IsNullOrWhiteSpace(f.LossYuan))
        {
            if (!decimal.TryParse(f.LossYuan.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var l) || l < 0) return (null, "loss_yuan: ≥ 0");
            loss = l;
        }
        var criteria = new EventCriteria(deaths, injured, evacuated, loss, Blank(f.WaterIntake), Blank(f.CrossBoundary));
        try
        {
            var e = await Service.RecordEventAsync(new EventInput(f.Title ?? "", Blank(f.Uscc), occurred, learned, criteria, [.. f.Circumstances]), actor, ct);
            return (e.Id, null);
        }
        catch (EmergencyException ex)
        {
            return (null, ex.Message);
        }
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool TryInt(string? s, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(s)) return true;
        if (!int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
        value = v;
        return true;
    }

    private static bool TryBeijing(string? s, out DateTimeOffset at)
    {
        at = default;
        if (!DateTime.TryParseExact(s?.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return false;
        at = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), BeijingTime.Offset);
        return true;
    }

    private static async Task<string?> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (EmergencyException ex)
        {
            return ex.Message;
        }
    }
}
