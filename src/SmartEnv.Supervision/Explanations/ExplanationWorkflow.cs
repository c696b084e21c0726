using Stateless;

namespace SmartEnv.Supervision.Explanations;

/// <summary>
/// The 异常说明 workflow (issue 16): who may move an explanation from which state. A <see cref="StateMachine{TState,TTrigger}"/>
/// (Stateless) is configured per call over the given state; nothing is kept between calls.
/// <code>
/// submitted ──Accept (staff)────▶ accepted ──Reject (staff, revocation)──▶ rejected
///     │ ──Reject (staff)───────────────────────────────────────────────▶ rejected
///     └──Withdraw (enterprise)──▶ withdrawn
/// </code>
/// Staff (the policy the web maps to "staff", docs/sources.md "Explanations") decide; the enterprise files and withdraws its
/// own, and only before a decision. Staff never withdraw and the enterprise never decides (separation of duties: the
/// filer is not the judge). An accepted explanation may be revoked by staff (reject) — its hours then count again;
/// rejected and withdrawn are final. SmartEnv rule: the reference material (online-monitoring-rates.md §2.4, PARTIAL)
/// says that staff confirm declared abnormal periods but names no states; these are the platform's.
/// Static and stateless; thread-safe.
/// </summary>
public static class ExplanationWorkflow
{
    /// <summary>The state after <paramref name="trigger"/>.</summary>
    /// <param name="state">Current state.</param>
    /// <param name="trigger">What is asked.</param>
    /// <param name="isStaff">True when the caller acts as staff (decides), false as the enterprise (files, withdraws).</param>
    /// <returns>The new state.</returns>
    /// <exception cref="InvalidOperationException">The trigger is not permitted in <paramref name="state"/> for this caller
    /// (see <see cref="Permitted"/>); the message names state, trigger and caller.</exception>
    public static ExplanationState Fire(ExplanationState state, ExplanationTrigger trigger, bool isStaff)
    {
        var machine = Machine(state, isStaff);
        if (!machine.CanFire(trigger))
            throw new InvalidOperationException($"an explanation in state {Name(state)} cannot be {Verb(trigger)} by {(isStaff ? "staff" : "the enterprise")}");
        machine.Fire(trigger);
        return machine.State;
    }

    /// <summary>The triggers the caller may fire in <paramref name="state"/>, in <see cref="ExplanationTrigger"/> order;
    /// empty for a final state.</summary>
    /// <param name="state">Current state.</param>
    /// <param name="isStaff">True for staff, false for the enterprise.</param>
    public static IReadOnlyList<ExplanationTrigger> Permitted(ExplanationState state, bool isStaff)
    {
        var machine = Machine(state, isStaff);
        return Enum.GetValues<ExplanationTrigger>().Where(machine.CanFire).ToList();
    }

    /// <summary>True for <see cref="ExplanationState.Rejected"/> and <see cref="ExplanationState.Withdrawn"/>: no trigger
    /// leaves them, whoever asks.</summary>
    /// <param name="state">A state.</param>
    public static bool IsFinal(ExplanationState state) => Permitted(state, true).Count == 0 && Permitted(state, false).Count == 0;

    /// <summary>The snake_case text of a state as stored (<c>submitted</c> …).</summary>
    /// <param name="state">A state.</param>
    public static string Name(ExplanationState state) => state.ToString().ToLowerInvariant();

    private static string Verb(ExplanationTrigger t) => t switch
    {
        ExplanationTrigger.Accept => "accepted",
        ExplanationTrigger.Reject => "rejected",
        _ => "withdrawn",
    };

    private static StateMachine<ExplanationState, ExplanationTrigger> Machine(ExplanationState state, bool isStaff)
    {
        var current = state;
        var m = new StateMachine<ExplanationState, ExplanationTrigger>(() => current, s => current = s);
        m.Configure(ExplanationState.Submitted)
            .PermitIf(ExplanationTrigger.Accept, ExplanationState.Accepted, () => isStaff, "staff decide")
            .PermitIf(ExplanationTrigger.Reject, ExplanationState.Rejected, () => isStaff, "staff decide")
            .PermitIf(ExplanationTrigger.Withdraw, ExplanationState.Withdrawn, () => !isStaff, "the enterprise withdraws its own");
        m.Configure(ExplanationState.Accepted)
            .PermitIf(ExplanationTrigger.Reject, ExplanationState.Rejected, () => isStaff, "staff revoke");
        m.Configure(ExplanationState.Rejected);
        m.Configure(ExplanationState.Withdrawn);
        return m;
    }
}
