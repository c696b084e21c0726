using Stateless;

namespace SmartEnv.Supervision.Waste.Manifests;

/// <summary>
/// Who may move an electronic transfer manifest from which state (issue 17; 《危险废物转移管理办法》 Art. 10–20, states
/// derived by SmartEnv — supervision.md §3.4 [U]). A Stateless <see cref="StateMachine{TState,TTrigger}"/> is configured per
/// call over the given state; nothing is kept between calls.
/// <code>
/// draft ──Submit (移出人)──▶ submitted ──PickUp (承运人)──▶ in_transit ──Arrive (承运人)──▶ arrived ──Accept (接受人)──────────▶ accepted
///   │                                                                                        ├──AcceptPartially (接受人)─▶ partially_accepted
///   └──RecordPaper (移出人)──▶ paper_pending ──BackFill (移出人)──▶ arrived                     └──Reject (接受人)──────────▶ rejected
/// Correct (移出人): re-enters draft, submitted, in_transit, arrived (a new version once signed)
/// </code>
/// Each party fires only its own section (Art. 10 移出人, Art. 11 承运人, Art. 12 接受人); staff read and never fire (the
/// bureau supervises, it does not sign). Final states admit nothing, not even a correction (SmartEnv rule: a confirmed
/// manifest is the legal record; a mistake after confirmation is a new manifest, so the audit trail reads one way).
/// Static and stateless; thread-safe.
/// </summary>
public static class ManifestWorkflow
{
    /// <summary>The state after <paramref name="trigger"/>.</summary>
    /// <param name="state">Current state.</param>
    /// <param name="trigger">What is asked.</param>
    /// <param name="role">Who asks.</param>
    /// <returns>The new state (the same state for <see cref="ManifestTrigger.Correct"/>).</returns>
    /// <exception cref="InvalidOperationException">Not permitted (see <see cref="Can"/>); the message names state, trigger
    /// and role.</exception>
    public static ManifestState Fire(ManifestState state, ManifestTrigger trigger, ManifestRole role)
    {
        var machine = Machine(state, role);
        if (!machine.CanFire(trigger))
            throw new InvalidOperationException($"a manifest in state {Name(state)} cannot take {trigger} from the {RoleName(role)}");
        machine.Fire(trigger);
        return machine.State;
    }

    /// <summary>True when <paramref name="role"/> may fire <paramref name="trigger"/> in <paramref name="state"/>.</summary>
    /// <param name="state">Current state.</param>
    /// <param name="trigger">What is asked.</param>
    /// <param name="role">Who asks.</param>
    public static bool Can(ManifestState state, ManifestTrigger trigger, ManifestRole role) => Machine(state, role).CanFire(trigger);

    /// <summary>The triggers <paramref name="role"/> may fire in <paramref name="state"/>, in <see cref="ManifestTrigger"/>
    /// order; empty for staff and for a final state.</summary>
    /// <param name="state">Current state.</param>
    /// <param name="role">Who asks.</param>
    public static IReadOnlyList<ManifestTrigger> Permitted(ManifestState state, ManifestRole role)
    {
        var machine = Machine(state, role);
        return Enum.GetValues<ManifestTrigger>().Where(machine.CanFire).ToList();
    }

    /// <summary>True for accepted, partially accepted and rejected: no role may fire anything.</summary>
    /// <param name="state">A state.</param>
    public static bool IsFinal(ManifestState state) => state is ManifestState.Accepted or ManifestState.PartiallyAccepted or ManifestState.Rejected;

    /// <summary>True once a party has signed: a <see cref="ManifestTrigger.Correct"/> in this state makes a new version
    /// with a reason (issue 17, as the US e-Manifest does). Only <see cref="ManifestState.Draft"/> is unsigned.</summary>
    /// <param name="state">A state.</param>
    public static bool IsSigned(ManifestState state) => state != ManifestState.Draft;

    /// <summary>The snake_case text of a state as stored (<c>draft</c>, <c>in_transit</c>, <c>partially_accepted</c>,
    /// <c>paper_pending</c> …).</summary>
    /// <param name="state">A state.</param>
    public static string Name(ManifestState state) => Snake(state.ToString());

    /// <summary>The snake_case text of a trigger (<c>pick_up</c>, <c>accept_partially</c>, <c>back_fill</c> …), also the
    /// <c>{action}</c> of the API route.</summary>
    /// <param name="trigger">A trigger.</param>
    public static string Name(ManifestTrigger trigger) => Snake(trigger.ToString());

    /// <summary>Reads a state from its stored text.</summary>
    /// <param name="text">snake_case text.</param>
    /// <param name="state">The state; <see cref="ManifestState.Draft"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseState(string? text, out ManifestState state)
    {
        foreach (var s in Enum.GetValues<ManifestState>())
            if (Name(s) == text) { state = s; return true; }
        state = ManifestState.Draft;
        return false;
    }

    /// <summary>Reads a trigger from its snake_case text (the API's <c>{action}</c>).</summary>
    /// <param name="text">snake_case text.</param>
    /// <param name="trigger">The trigger; <see cref="ManifestTrigger.Submit"/> when false.</param>
    /// <returns>False for unknown text.</returns>
    public static bool TryParseTrigger(string? text, out ManifestTrigger trigger)
    {
        foreach (var t in Enum.GetValues<ManifestTrigger>())
            if (Name(t) == text) { trigger = t; return true; }
        trigger = ManifestTrigger.Submit;
        return false;
    }

    private static string RoleName(ManifestRole r) => r switch
    {
        ManifestRole.Generator => "移出人 (generator)",
        ManifestRole.Carrier => "承运人 (carrier)",
        ManifestRole.Receiver => "接受人 (receiver)",
        _ => "staff (read only)",
    };

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static StateMachine<ManifestState, ManifestTrigger> Machine(ManifestState state, ManifestRole role)
    {
        var current = state;
        var m = new StateMachine<ManifestState, ManifestTrigger>(() => current, s => current = s);
        bool Generator() => role == ManifestRole.Generator;
        bool Carrier() => role == ManifestRole.Carrier;
        bool Receiver() => role == ManifestRole.Receiver;
        m.Configure(ManifestState.Draft)
            .PermitIf(ManifestTrigger.Submit, ManifestState.Submitted, Generator, "移出人 signs (Art. 10)")
            .PermitIf(ManifestTrigger.RecordPaper, ManifestState.PaperPending, Generator, "paper first (Art. 20)")
            .PermitReentryIf(ManifestTrigger.Correct, Generator, "移出人 edits its draft");
        m.Configure(ManifestState.Submitted)
            .PermitIf(ManifestTrigger.PickUp, ManifestState.InTransit, Carrier, "承运人 takes over (Art. 11)")
            .PermitReentryIf(ManifestTrigger.Correct, Generator, "移出人 corrects: new version");
        m.Configure(ManifestState.InTransit)
            .PermitIf(ManifestTrigger.Arrive, ManifestState.Arrived, Carrier, "承运人 delivers (Art. 11)")
            .PermitReentryIf(ManifestTrigger.Correct, Generator, "移出人 corrects: new version");
        m.Configure(ManifestState.Arrived)
            .PermitIf(ManifestTrigger.Accept, ManifestState.Accepted, Receiver, "接受人 confirms (Art. 12, 18)")
            .PermitIf(ManifestTrigger.AcceptPartially, ManifestState.PartiallyAccepted, Receiver, "接受人 confirms part (Art. 18)")
            .PermitIf(ManifestTrigger.Reject, ManifestState.Rejected, Receiver, "接受人 refuses (Art. 18)")
            .PermitReentryIf(ManifestTrigger.Correct, Generator, "移出人 corrects: new version");
        m.Configure(ManifestState.PaperPending)
            .PermitIf(ManifestTrigger.BackFill, ManifestState.Arrived, Generator, "移出人 back-fills (Art. 20)");
        m.Configure(ManifestState.Accepted);
        m.Configure(ManifestState.PartiallyAccepted);
        m.Configure(ManifestState.Rejected);
        return m;
    }
}
