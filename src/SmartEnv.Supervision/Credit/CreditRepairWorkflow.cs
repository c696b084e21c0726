using Stateless;

namespace SmartEnv.Supervision.Credit;

/// <summary>State of one credit-repair application (信用修复申请), stored as snake_case text
/// (<see cref="CreditRepairWorkflow.Name(CreditRepairState)"/>). Steps from issue 19 ("an enterprise applies after
/// rectification with evidence; staff review") and NDRC 《信用修复管理办法》 (2025, supervision.md §7.3 [U]); the names are
/// SmartEnv's. Thread-safe (an enum).</summary>
public enum CreditRepairState
{
    /// <summary>已申请 — filed by the enterprise with its rectification evidence.</summary>
    Applied,
    /// <summary>审核中 — staff are reviewing.</summary>
    UnderReview,
    /// <summary>已通过 — repair granted: the information stops being published. Final.</summary>
    Approved,
    /// <summary>已驳回 — refused, with a reason; a new application is a new case. Final.</summary>
    Rejected,
    /// <summary>已撤回 — withdrawn by the enterprise before a decision. Final.</summary>
    Withdrawn,
}

/// <summary>What moves a repair application between <see cref="CreditRepairState"/>s; stored as snake_case text.
/// Thread-safe (an enum).</summary>
public enum CreditRepairTrigger
{
    /// <summary>受理审核 — staff start the review (Applied → UnderReview).</summary>
    StartReview,
    /// <summary>通过 — grant (UnderReview → Approved).</summary>
    Approve,
    /// <summary>驳回 — refuse (UnderReview → Rejected).</summary>
    Reject,
    /// <summary>撤回 — the enterprise withdraws (Applied or UnderReview → Withdrawn).</summary>
    Withdraw,
}

/// <summary>
/// The life of one credit-repair application: a Stateless <see cref="StateMachine{TState,TTrigger}"/> over
/// <see cref="CreditRepairState"/> and <see cref="CreditRepairTrigger"/>, like
/// <see cref="SmartEnv.Supervision.Complaints.ComplaintWorkflow"/>.
/// <code>
/// applied ─StartReview─▶ under_review ─Approve─▶ approved
///    │                        ├───────Reject──▶ rejected
///    └─Withdraw─▶ withdrawn ◀─┘ Withdraw
/// </code>
/// Whether an application may be filed at all on a date (after the shortest publication period, before the automatic end)
/// is <see cref="CreditRepairWindow.CanApplyOn"/>'s job; the service combines both. Approved, rejected and withdrawn
/// admit nothing (SmartEnv rule: a new application after a refusal is a new case, so the history of each stays whole).
/// An instance is mutable and not thread-safe (one per request); the static members are thread-safe.
/// </summary>
public sealed class CreditRepairWorkflow
{
    private readonly StateMachine<CreditRepairState, CreditRepairTrigger> _machine;
    private CreditRepairState _state;

    /// <summary>A workflow at <paramref name="initial"/> (a new application starts at <see cref="CreditRepairState.Applied"/>).</summary>
    /// <param name="initial">The stored state.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is not a defined state.</exception>
    public CreditRepairWorkflow(CreditRepairState initial = CreditRepairState.Applied)
    {
        if (!Enum.IsDefined(initial)) throw new ArgumentOutOfRangeException(nameof(initial), initial, "not a repair state");
        _state = initial;
        _machine = new StateMachine<CreditRepairState, CreditRepairTrigger>(() => _state, s => _state = s);
        _machine.Configure(CreditRepairState.Applied)
            .Permit(CreditRepairTrigger.StartReview, CreditRepairState.UnderReview)
            .Permit(CreditRepairTrigger.Withdraw, CreditRepairState.Withdrawn);
        _machine.Configure(CreditRepairState.UnderReview)
            .Permit(CreditRepairTrigger.Approve, CreditRepairState.Approved)
            .Permit(CreditRepairTrigger.Reject, CreditRepairState.Rejected)
            .Permit(CreditRepairTrigger.Withdraw, CreditRepairState.Withdrawn);
        _machine.Configure(CreditRepairState.Approved);
        _machine.Configure(CreditRepairState.Rejected);
        _machine.Configure(CreditRepairState.Withdrawn);
    }

    /// <summary>The current state.</summary>
    public CreditRepairState State => _state;

    /// <summary>The triggers that may be fired now, in <see cref="CreditRepairTrigger"/> order.</summary>
    public IReadOnlyList<CreditRepairTrigger> Permitted => [.. Enum.GetValues<CreditRepairTrigger>().Where(_machine.CanFire)];

    /// <summary>True when <paramref name="t"/> may be fired now.</summary>
    /// <param name="t">A trigger.</param>
    public bool CanFire(CreditRepairTrigger t) => _machine.CanFire(t);

    /// <summary>Fires <paramref name="t"/>.</summary>
    /// <param name="t">A trigger.</param>
    /// <exception cref="InvalidOperationException">Not permitted now; the message names the state and trigger.</exception>
    public void Fire(CreditRepairTrigger t)
    {
        if (!_machine.CanFire(t)) throw new InvalidOperationException($"a credit-repair application in state {Name(_state)} cannot take {Name(t)}");
        _machine.Fire(t);
    }

    /// <summary>True for a state nothing follows: approved, rejected, withdrawn.</summary>
    /// <param name="state">A state.</param>
    public static bool IsFinal(CreditRepairState state) =>
        state is CreditRepairState.Approved or CreditRepairState.Rejected or CreditRepairState.Withdrawn;

    /// <summary>The snake_case text of a state (<c>applied</c>, <c>under_review</c>, …).</summary>
    /// <param name="state">A state.</param>
    public static string Name(CreditRepairState state) => Snake(state.ToString());

    /// <summary>The snake_case text of a trigger (<c>start_review</c>, <c>approve</c>, …).</summary>
    /// <param name="trigger">A trigger.</param>
    public static string Name(CreditRepairTrigger trigger) => Snake(trigger.ToString());

    /// <summary>Reads a state from its snake_case text.</summary>
    /// <param name="text">The text (exact).</param>
    /// <param name="state">The state; <see cref="CreditRepairState.Applied"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseState(string? text, out CreditRepairState state)
    {
        foreach (var s in Enum.GetValues<CreditRepairState>())
            if (Name(s) == text) { state = s; return true; }
        state = CreditRepairState.Applied;
        return false;
    }

    /// <summary>Reads a trigger from its snake_case text.</summary>
    /// <param name="text">The text (exact).</param>
    /// <param name="trigger">The trigger; <see cref="CreditRepairTrigger.StartReview"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseTrigger(string? text, out CreditRepairTrigger trigger)
    {
        foreach (var t in Enum.GetValues<CreditRepairTrigger>())
            if (Name(t) == text) { trigger = t; return true; }
        trigger = CreditRepairTrigger.StartReview;
        return false;
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
