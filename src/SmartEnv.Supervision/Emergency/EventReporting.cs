using Stateless;

namespace SmartEnv.Supervision.Emergency;

/// <summary>The 初报 deadline of an event (令第17号 Art. 3–4, supervision.md §8.1).</summary>
/// <param name="ReportAs">The level whose procedure applies (the event's level, or the Art. 4 level when unclear).</param>
/// <param name="Hours">Hours from <paramref name="LearnedAt"/> to the deadline.</param>
/// <param name="LearnedAt">When the bureau learned of the event.</param>
/// <param name="Due">The deadline instant.</param>
/// <param name="Reason">The rule row that set it (<c>deadline.major</c>, <c>unclear.drinking_water</c>, …).</param>
public sealed record ReportDeadline(EventLevel ReportAs, int Hours, DateTimeOffset LearnedAt, DateTimeOffset Due, string Reason);

/// <summary>Where an event's 初报 stands against its deadline at an instant.</summary>
/// <param name="Due">The deadline.</param>
/// <param name="Remaining">Time left (negative when past); measured to the 初报 time when it was filed.</param>
/// <param name="Overdue">True when the 初报 was not filed by the deadline (filed late, or not filed and the deadline passed).</param>
/// <param name="Filed">True when the 初报 has been filed.</param>
public sealed record ReportClock(DateTimeOffset Due, TimeSpan Remaining, bool Overdue, bool Filed);

/// <summary>Reporting deadlines of 《突发环境事件信息报告办法》 (环境保护部令第17号). Pure; thread-safe.</summary>
public static class EventReporting
{
    /// <summary>The deadline of the 初报: the level's hours (Art. 3: 一般/较大 4 h, 重大/特别重大 2 h) from
    /// <paramref name="learnedAt"/>; with <paramref name="level"/> null (unclear), the highest level any Art. 4 circumstance
    /// in <paramref name="circumstances"/> requires (drinking_water, sensitive_area, heavy_metals, cross_provincial,
    /// mass_incident → 重大, 2 h), else row <c>unclear.none</c>.</summary>
    /// <param name="level">The event's level, or null when unclear.</param>
    /// <param name="circumstances">Art. 4 circumstance codes (ignored when the level is known).</param>
    /// <param name="learnedAt">When the bureau learned of it.</param>
    /// <param name="rules">Rules (default embedded).</param>
    /// <exception cref="KeyNotFoundException">An unknown circumstance code.</exception>
    public static ReportDeadline Deadline(EventLevel? level, IEnumerable<string> circumstances, DateTimeOffset learnedAt, EmergencyRules? rules = null)
    {
        rules ??= EmergencyRules.Default;
        EventLevel reportAs;
        string reason;
        if (level is { } l)
        {
            reportAs = l;
            reason = "deadline." + EmergencyLevels.Code(l);
        }
        else
        {
            reportAs = rules.UnclearLevel("none");
            reason = "unclear.none";
            foreach (var c in (circumstances ?? []).Where(c => c != "none"))
            {
                var cl = rules.UnclearLevel(c);
                if (reason == "unclear.none" ? cl >= reportAs : cl > reportAs) { reportAs = cl; reason = "unclear." + c; }
            }
        }
        var hours = rules.DeadlineHours(reportAs);
        return new ReportDeadline(reportAs, hours, learnedAt, learnedAt.AddHours(hours), reason);
    }

    /// <summary>The clock of the 初报 at <paramref name="now"/>.</summary>
    /// <param name="due">The deadline (<see cref="ReportDeadline.Due"/>).</param>
    /// <param name="now">The current instant (the app's TimeProvider).</param>
    /// <param name="initialFiledAt">When the 初报 was filed, or null.</param>
    public static ReportClock Clock(DateTimeOffset due, DateTimeOffset now, DateTimeOffset? initialFiledAt) =>
        initialFiledAt is { } f
            ? new ReportClock(due, due - f, f > due, true)
            : new ReportClock(due, due - now, now > due, false);
}

/// <summary>State of an event's reporting (令第17号 Art. 12–13); stored as snake_case text. Thread-safe (an enum).</summary>
public enum EventReportState
{
    /// <summary>待初报 — recorded, no report yet.</summary>
    Open,
    /// <summary>已初报 — the 初报 is filed.</summary>
    InitialFiled,
    /// <summary>续报中 — one or more 续报 filed.</summary>
    Continuing,
    /// <summary>已结报 — the 处理结果报告 is filed. Final.</summary>
    Closed,
}

/// <summary>The kind of one report; each report is stored with its timestamp. Thread-safe (an enum).</summary>
public enum EventReportKind
{
    /// <summary>初报.</summary>
    Initial,
    /// <summary>续报 (0..n).</summary>
    Continued,
    /// <summary>处理结果报告.</summary>
    Final,
}

/// <summary>
/// The reporting life of one event: a Stateless machine (like <see cref="SmartEnv.Supervision.Credit.CreditRepairWorkflow"/>).
/// <code>
/// open ─Initial─▶ initial_filed ─Continued─▶ continuing ⟲ Continued
///                      └────────Final──────────┴──Final──▶ closed
/// </code>
/// An instance is mutable and not thread-safe; static members are thread-safe.
/// </summary>
public sealed class EventReportWorkflow
{
    private readonly StateMachine<EventReportState, EventReportKind> _machine;
    private EventReportState _state;

    /// <summary>A workflow at <paramref name="initial"/>.</summary>
    /// <param name="initial">The stored state.</param>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined state.</exception>
    public EventReportWorkflow(EventReportState initial = EventReportState.Open)
    {
        if (!Enum.IsDefined(initial)) throw new ArgumentOutOfRangeException(nameof(initial), initial, "not a report state");
        _state = initial;
        _machine = new StateMachine<EventReportState, EventReportKind>(() => _state, s => _state = s);
        _machine.Configure(EventReportState.Open).Permit(EventReportKind.Initial, EventReportState.InitialFiled);
        _machine.Configure(EventReportState.InitialFiled)
            .Permit(EventReportKind.Continued, EventReportState.Continuing)
            .Permit(EventReportKind.Final, EventReportState.Closed);
        _machine.Configure(EventReportState.Continuing)
            .PermitReentry(EventReportKind.Continued)
            .Permit(EventReportKind.Final, EventReportState.Closed);
        _machine.Configure(EventReportState.Closed);
    }

    /// <summary>The current state.</summary>
    public EventReportState State => _state;

    /// <summary>True when a report of <paramref name="kind"/> may be filed now.</summary>
    /// <param name="kind">A report kind.</param>
    public bool CanFile(EventReportKind kind) => _machine.CanFire(kind);

    /// <summary>Files a report of <paramref name="kind"/>.</summary>
    /// <param name="kind">A report kind.</param>
    /// <exception cref="InvalidOperationException">Not permitted now; the message names state and kind.</exception>
    public void File(EventReportKind kind)
    {
        if (!_machine.CanFire(kind)) throw new InvalidOperationException($"an event in reporting state {Name(_state)} cannot take a {Name(kind)} report");
        _machine.Fire(kind);
    }

    /// <summary>snake_case text of a state.</summary>
    /// <param name="s">A state.</param>
    public static string Name(EventReportState s) => Snake(s.ToString());

    /// <summary>snake_case text of a report kind (<c>initial</c>, <c>continued</c>, <c>final</c>).</summary>
    /// <param name="k">A kind.</param>
    public static string Name(EventReportKind k) => Snake(k.ToString());

    /// <summary>Reads a state from its text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="state">The state (Open when false).</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseState(string? text, out EventReportState state)
    {
        foreach (var s in Enum.GetValues<EventReportState>())
            if (Name(s) == text) { state = s; return true; }
        state = EventReportState.Open;
        return false;
    }

    /// <summary>Reads a report kind from its text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="kind">The kind (Initial when false).</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseKind(string? text, out EventReportKind kind)
    {
        foreach (var k in Enum.GetValues<EventReportKind>())
            if (Name(k) == text) { kind = k; return true; }
        kind = EventReportKind.Initial;
        return false;
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
