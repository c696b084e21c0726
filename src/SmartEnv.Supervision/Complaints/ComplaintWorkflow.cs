using Stateless;

namespace SmartEnv.Supervision.Complaints;

/// <summary>
/// The life of one complaint (issue 18): a Stateless <see cref="StateMachine{TState,TTrigger}"/> over
/// <see cref="ComplaintState"/> and <see cref="ComplaintTrigger"/>, with the 复查/复核 history as a
/// <see cref="ComplaintReviewStage"/> (SmartEnv's choice over extra states, so the stored state stays the plain step).
/// <code>
/// registered ─Accept─▶ accepted ─Assign─▶ assigned ─RecordFindings─▶ handling ─Reply─▶ replied ─Visit─▶ visited ─Close─▶ closed
///     ├─Decline─▶ not_accepted      │        └─Assign (reassign)        └─RecordFindings    └─Close─▶ closed
///     └─Merge─▶ merged              └─Merge─▶ merged
/// replied | visited | closed ─RequestReview (stage None)──────▶ under_review ──DecideReview──▶ replied (stage Reviewed)
/// replied | visited | closed ─RequestRecheck (stage Reviewed)─▶ under_recheck ─DecideRecheck─▶ closed (stage Rechecked)
/// </code>
/// Sources: 《环保举报热线工作管理办法》 steps 受理/交办/办理/回复 (Art. 4, 6; not accepted and merged as in §5.1 of
/// supervision.md) and 《信访工作条例》 Art. 35 (复查 within 30 days of the reply) and Art. 36 (复核 after the 复查 decision;
/// after 复核 the same matter is not accepted again — so after <see cref="ComplaintTrigger.DecideRecheck"/> nothing can be
/// fired). A 复查 is asked once: after its decision only 复核 can follow. Time windows (复查 within 30 days of the reply,
/// …) are <see cref="ComplaintDeadlines"/>' job; the service combines them. <see cref="ComplaintState.NotAccepted"/>,
/// <see cref="ComplaintState.Merged"/> and a rechecked <see cref="ComplaintState.Closed"/> admit nothing.
/// An instance is mutable and not thread-safe (one per request); the static members are thread-safe.
/// </summary>
public sealed class ComplaintWorkflow
{
    private static readonly Dictionary<ComplaintTrigger, string> Actions = new()
    {
        [ComplaintTrigger.Accept] = "accept",
        [ComplaintTrigger.Decline] = "decline",
        [ComplaintTrigger.Assign] = "assign",
        [ComplaintTrigger.RecordFindings] = "findings",
        [ComplaintTrigger.Reply] = "reply",
        [ComplaintTrigger.Visit] = "visit",
        [ComplaintTrigger.Close] = "close",
        [ComplaintTrigger.RequestReview] = "review",
        [ComplaintTrigger.DecideReview] = "review_decision",
        [ComplaintTrigger.RequestRecheck] = "recheck",
        [ComplaintTrigger.DecideRecheck] = "recheck_decision",
        [ComplaintTrigger.Merge] = "merge",
    };

    private readonly StateMachine<ComplaintState, ComplaintTrigger> _machine;
    private ComplaintState _state;

    /// <summary>A workflow at <paramref name="initial"/>.</summary>
    /// <param name="initial">The stored state.</param>
    /// <param name="stage">The 复查/复核 history (<see cref="StageOf"/> of the case's events).</param>
    /// <exception cref="ArgumentException">The pair cannot occur: <see cref="ComplaintReviewStage.Reviewed"/> or
    /// <see cref="ComplaintReviewStage.Rechecked"/> with a state before the reply or under review,
    /// <see cref="ComplaintReviewStage.Rechecked"/> with a state other than closed, or under recheck without a decided
    /// review.</exception>
    public ComplaintWorkflow(ComplaintState initial, ComplaintReviewStage stage = ComplaintReviewStage.None)
    {
        var ok = stage switch
        {
            ComplaintReviewStage.None => initial != ComplaintState.UnderRecheck,
            ComplaintReviewStage.Reviewed => initial is ComplaintState.Replied or ComplaintState.Visited or ComplaintState.Closed or ComplaintState.UnderRecheck,
            ComplaintReviewStage.Rechecked => initial == ComplaintState.Closed,
            _ => false,
        };
        if (!ok) throw new ArgumentException($"a complaint in state {Name(initial)} cannot have review stage {stage}", nameof(stage));
        _state = initial;
        Stage = stage;
        _machine = Build();
    }

    /// <summary>The current state.</summary>
    public ComplaintState State => _state;

    /// <summary>The current 复查/复核 history.</summary>
    public ComplaintReviewStage Stage { get; private set; }

    /// <summary>The triggers that may be fired now, in <see cref="ComplaintTrigger"/> order.</summary>
    public IReadOnlyList<ComplaintTrigger> Permitted => [.. Enum.GetValues<ComplaintTrigger>().Where(_machine.CanFire)];

    /// <summary>True when <paramref name="t"/> may be fired now.</summary>
    /// <param name="t">A trigger.</param>
    public bool CanFire(ComplaintTrigger t) => _machine.CanFire(t);

    /// <summary>Fires <paramref name="t"/>: moves <see cref="State"/> and, for the decisions, <see cref="Stage"/>.</summary>
    /// <param name="t">A trigger.</param>
    /// <exception cref="InvalidOperationException">Not permitted now; the message names the state and trigger.</exception>
    public void Fire(ComplaintTrigger t)
    {
        if (!_machine.CanFire(t))
            throw new InvalidOperationException($"a complaint in state {Name(_state)}{(Stage == ComplaintReviewStage.None ? "" : $" ({Stage})")} cannot take {Name(t)}");
        _machine.Fire(t);
        if (t == ComplaintTrigger.DecideReview) Stage = ComplaintReviewStage.Reviewed;
        else if (t == ComplaintTrigger.DecideRecheck) Stage = ComplaintReviewStage.Rechecked;
    }

    /// <summary>The review stage after a case's triggers: <see cref="ComplaintReviewStage.Rechecked"/> once a
    /// <see cref="ComplaintTrigger.DecideRecheck"/> occurs, else <see cref="ComplaintReviewStage.Reviewed"/> once a
    /// <see cref="ComplaintTrigger.DecideReview"/> occurs, else <see cref="ComplaintReviewStage.None"/>.</summary>
    /// <param name="history">The triggers fired on the case (e.g. from <c>complaint_events</c>), any order.</param>
    public static ComplaintReviewStage StageOf(IEnumerable<ComplaintTrigger> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var stage = ComplaintReviewStage.None;
        foreach (var t in history)
        {
            if (t == ComplaintTrigger.DecideRecheck) return ComplaintReviewStage.Rechecked;
            if (t == ComplaintTrigger.DecideReview) stage = ComplaintReviewStage.Reviewed;
        }
        return stage;
    }

    /// <summary>True for a state nothing follows whatever the history: not accepted, merged.</summary>
    /// <param name="state">A state.</param>
    public static bool IsFinal(ComplaintState state) => state is ComplaintState.NotAccepted or ComplaintState.Merged;

    /// <summary>The snake_case text of a state as stored (<c>registered</c>, <c>not_accepted</c>, <c>under_review</c> …).</summary>
    /// <param name="state">A state.</param>
    public static string Name(ComplaintState state) => Snake(state.ToString());

    /// <summary>The snake_case text of a trigger as stored in events (<c>record_findings</c>, <c>request_review</c> …).</summary>
    /// <param name="trigger">A trigger.</param>
    public static string Name(ComplaintTrigger trigger) => Snake(trigger.ToString());

    /// <summary>The <c>{action}</c> of <c>POST /api/complaints/{number}/{action}</c> (plan §4): accept, decline, assign,
    /// findings, reply, visit, close, review, review_decision, recheck, recheck_decision (and merge, which has its own
    /// route).</summary>
    /// <param name="trigger">A trigger.</param>
    public static string Action(ComplaintTrigger trigger) => Actions[trigger];

    /// <summary>Reads a route action (<see cref="Action"/>).</summary>
    /// <param name="text">The action text (exact).</param>
    /// <param name="trigger">The trigger; <see cref="ComplaintTrigger.Accept"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseAction(string? text, out ComplaintTrigger trigger)
    {
        foreach (var (t, a) in Actions)
            if (a == text) { trigger = t; return true; }
        trigger = ComplaintTrigger.Accept;
        return false;
    }

    /// <summary>Reads a state from its stored text.</summary>
    /// <param name="text">snake_case text.</param>
    /// <param name="state">The state; <see cref="ComplaintState.Registered"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseState(string? text, out ComplaintState state)
    {
        foreach (var s in Enum.GetValues<ComplaintState>())
            if (Name(s) == text) { state = s; return true; }
        state = ComplaintState.Registered;
        return false;
    }

    /// <summary>Reads a trigger from its stored snake_case text.</summary>
    /// <param name="text">snake_case text.</param>
    /// <param name="trigger">The trigger; <see cref="ComplaintTrigger.Accept"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseTrigger(string? text, out ComplaintTrigger trigger)
    {
        foreach (var t in Enum.GetValues<ComplaintTrigger>())
            if (Name(t) == text) { trigger = t; return true; }
        trigger = ComplaintTrigger.Accept;
        return false;
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private StateMachine<ComplaintState, ComplaintTrigger> Build()
    {
        var m = new StateMachine<ComplaintState, ComplaintTrigger>(() => _state, s => _state = s);
        bool NoReview() => Stage == ComplaintReviewStage.None;
        bool Reviewed() => Stage == ComplaintReviewStage.Reviewed;
        m.Configure(ComplaintState.Registered)
            .Permit(ComplaintTrigger.Accept, ComplaintState.Accepted)
            .Permit(ComplaintTrigger.Decline, ComplaintState.NotAccepted)
            .Permit(ComplaintTrigger.Merge, ComplaintState.Merged);
        m.Configure(ComplaintState.Accepted)
            .Permit(ComplaintTrigger.Assign, ComplaintState.Assigned)
            .Permit(ComplaintTrigger.Merge, ComplaintState.Merged);
        m.Configure(ComplaintState.Assigned)
            .PermitReentry(ComplaintTrigger.Assign)
            .Permit(ComplaintTrigger.RecordFindings, ComplaintState.Handling);
        m.Configure(ComplaintState.Handling)
            .PermitReentry(ComplaintTrigger.RecordFindings)
            .Permit(ComplaintTrigger.Reply, ComplaintState.Replied);
        m.Configure(ComplaintState.Replied)
            .Permit(ComplaintTrigger.Visit, ComplaintState.Visited)
            .Permit(ComplaintTrigger.Close, ComplaintState.Closed)
            .PermitIf(ComplaintTrigger.RequestReview, ComplaintState.UnderReview, NoReview, "复查 once (条例 Art. 35)")
            .PermitIf(ComplaintTrigger.RequestRecheck, ComplaintState.UnderRecheck, Reviewed, "复核 after 复查 (条例 Art. 36)");
        m.Configure(ComplaintState.Visited)
            .Permit(ComplaintTrigger.Close, ComplaintState.Closed)
            .PermitIf(ComplaintTrigger.RequestReview, ComplaintState.UnderReview, NoReview, "复查 once (条例 Art. 35)")
            .PermitIf(ComplaintTrigger.RequestRecheck, ComplaintState.UnderRecheck, Reviewed, "复核 after 复查 (条例 Art. 36)");
        m.Configure(ComplaintState.Closed)
            .PermitIf(ComplaintTrigger.RequestReview, ComplaintState.UnderReview, NoReview, "复查 once (条例 Art. 35)")
            .PermitIf(ComplaintTrigger.RequestRecheck, ComplaintState.UnderRecheck, Reviewed, "复核 after 复查 (条例 Art. 36)");
        m.Configure(ComplaintState.UnderReview)
            .Permit(ComplaintTrigger.DecideReview, ComplaintState.Replied);
        m.Configure(ComplaintState.UnderRecheck)
            .Permit(ComplaintTrigger.DecideRecheck, ComplaintState.Closed);
        m.Configure(ComplaintState.NotAccepted);
        m.Configure(ComplaintState.Merged);
        return m;
    }
}
