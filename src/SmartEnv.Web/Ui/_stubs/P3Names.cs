#pragma warning disable CS1574, CS1591, CS1734, CS1572, CS1573
using System.Text.Json;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Handling;

/// <summary>
/// The stored and routed names of the complaint enums: snake_case of the member name (<c>UnderReview</c> →
/// <c>under_review</c>), and the route names of the triggers (<c>RecordFindings</c> → <c>findings</c>,
/// <c>RequestReview</c> → <c>review</c>, <c>DecideReview</c> → <c>review_decision</c>, <c>RequestRecheck</c> →
/// <c>recheck</c>, <c>DecideRecheck</c> → <c>recheck_decision</c>; the others their snake_case). SmartEnv naming (no
/// standard). Static; thread-safe.
/// </summary>
public static class ComplaintNames
{
    /// <summary>snake_case of an enum member.</summary>
    /// <typeparam name="T">Enum type.</typeparam>
    /// <param name="value">Member.</param>
    public static string Snake<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>snake_case of a nullable member, or null.</summary>
    /// <typeparam name="T">Enum type.</typeparam>
    /// <param name="value">Member or null.</param>
    public static string? Snake<T>(T? value) where T : struct, Enum => value is { } v ? Snake(v) : null;

    /// <summary>Parses a snake_case (or PascalCase) name of a defined member; case-insensitive.</summary>
    /// <typeparam name="T">Enum type.</typeparam>
    /// <param name="text">Text.</param>
    /// <param name="value">The member.</param>
    /// <returns>False for null, blank, numbers and unknown names.</returns>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (t.Length == 0 || char.IsAsciiDigit(t[0])) return false;
        return Enum.TryParse(t, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    /// <summary>Route and audit name of a trigger (<see cref="ComplaintWorkflow.Action"/>).</summary>
    /// <param name="t">Trigger.</param>
    public static string Action(ComplaintTrigger t) => ComplaintWorkflow.Action(t);

    /// <summary>The trigger of a route action name (<see cref="ComplaintWorkflow.TryParseAction"/>); also accepts the
    /// snake_case member names (<c>record_findings</c>).</summary>
    /// <param name="action">Route name.</param>
    /// <param name="trigger">The trigger.</param>
    public static bool TryParseAction(string? action, out ComplaintTrigger trigger) =>
        ComplaintWorkflow.TryParseAction(action?.Trim().ToLowerInvariant(), out trigger) || TryParse(action, out trigger);

    /// <summary>The rule enum of a stored twin (or the twin of a rule enum): the member of the same name. The storage twins
    /// (<c>SmartEnv.Storage.Entities.Complaints.Stored*</c>) repeat the rule enums member for member (P2's schema).</summary>
    /// <typeparam name="TTo">Target enum.</typeparam>
    /// <param name="value">Source member.</param>
    /// <exception cref="ArgumentException">No member of that name (the twins drifted apart).</exception>
    public static TTo To<TTo>(Enum value) where TTo : struct, Enum => Enum.Parse<TTo>(value.ToString());

    /// <summary><see cref="To{TTo}(Enum)"/> of a nullable member.</summary>
    /// <typeparam name="TFrom">Source enum.</typeparam>
    /// <typeparam name="TTo">Target enum.</typeparam>
    /// <param name="value">Source member, or null.</param>
    public static TTo? To<TFrom, TTo>(TFrom? value) where TFrom : struct, Enum where TTo : struct, Enum => value is { } v ? To<TTo>(v) : null;
}
