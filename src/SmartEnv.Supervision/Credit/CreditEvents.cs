namespace SmartEnv.Supervision.Credit;

/// <summary>A grade change between evaluations (<see cref="CreditEvents.Apply"/>). Immutable; thread-safe.</summary>
/// <param name="From">The grade before the event.</param>
/// <param name="To">The grade after it (equal to <paramref name="From"/> when already at the lowest grade).</param>
/// <param name="Rule">The event row that applied (its code, confidence and source explain the change).</param>
/// <param name="VetoItem">The veto item when the event was a veto item (rule <c>event.veto</c>), else null.</param>
public sealed record CreditGradeChange(CreditGrade From, CreditGrade To, CreditEventRule Rule, CreditItem? VetoItem);

/// <summary>
/// Event-driven change of an enterprise's credit grade between annual evaluations (issue 19: "event-driven downgrade …
/// a serious violation or emergency"; supervision.md §7.1: a 一般 emergency lowers the grade one step, 较大 and above →
/// 环保不良, and a one-vote-veto item → 环保不良). The steps are the event rows of <c>credit-rules.tsv</c>
/// (<see cref="CreditEventRule.StepsDown"/>, or straight to the lowest grade), each with its confidence ([S]/[U]) and
/// source; code only counts steps along <see cref="CreditGrade"/> and stops at <see cref="CreditGrade.Poor"/>
/// (环保不良 stays 环保不良). Events never raise a grade; raising is credit repair or the next evaluation.
/// Pure; thread-safe.
/// </summary>
public static class CreditEvents
{
    /// <summary>The grade after one event.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="current">The current grade.</param>
    /// <param name="eventCode">An event row code (<c>event.emergency.general</c>, <c>event.emergency.larger</c>,
    /// <c>event.emergency.major</c>, <c>event.emergency.especially_major</c>, <c>event.veto</c>, or another event row of
    /// the table), or a veto item code (e.g. <c>veto.evasion</c>), which applies the row <c>event.veto</c>.</param>
    /// <returns>From, to and the rule that applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or <paramref name="eventCode"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="current"/> is not a defined grade.</exception>
    /// <exception cref="KeyNotFoundException"><paramref name="eventCode"/> is neither an event row nor a veto item.</exception>
    public static CreditGradeChange Apply(CreditRules rules, CreditGrade current, string eventCode)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(eventCode);
        if (!Enum.IsDefined(current)) throw new ArgumentOutOfRangeException(nameof(current), current, "not a credit grade");
        CreditItem? veto = null;
        CreditEventRule rule;
        if (rules.TryGetItem(eventCode, out var item))
        {
            if (item!.Kind != CreditItemKind.Veto)
                throw new KeyNotFoundException($"credit rules: '{eventCode}' is a {item.Kind.ToString().ToLowerInvariant()} item, not an event or a veto item");
            veto = item;
            rule = rules.Event("event.veto");
        }
        else
        {
            rule = rules.Event(eventCode);
        }
        var lowest = (int)CreditGrade.Poor;
        var to = rule.StepsDown is { } steps ? (CreditGrade)Math.Min(lowest, (int)current + steps) : CreditGrade.Poor;
        return new CreditGradeChange(current, to, rule, veto);
    }
}
