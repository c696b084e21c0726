using SmartEnv.Storage;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Complaints.Intake;

/// <summary>
/// Maps the rule enums of <c>SmartEnv.Supervision.Complaints</c> to their storage twins of
/// <c>SmartEnv.Storage.Entities.Complaints</c> and back, BY NAME (Storage does not reference Supervision; the twins have the
/// same members, which <c>ComplaintIntakeEnumTests</c> checks), and gives the snake_case key the API and the database use.
/// Pure; thread-safe.
/// </summary>
public static class ComplaintEnumMap
{
    /// <summary>Rule → storage (or storage → rule): the member of <typeparamref name="TTo"/> with the same name.</summary>
    /// <typeparam name="TFrom">Source enum.</typeparam>
    /// <typeparam name="TTo">Target enum.</typeparam>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentException">No member of that name (the twins drifted apart).</exception>
    public static TTo Map<TFrom, TTo>(TFrom value) where TFrom : struct, Enum where TTo : struct, Enum =>
        Enum.TryParse<TTo>(value.ToString(), ignoreCase: false, out var r) && Enum.IsDefined(r)
            ? r : throw new ArgumentException($"{typeof(TTo).Name} has no member {value}", nameof(value));

    /// <summary>Storage twin of a channel.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredComplaintChannel ToStored(ComplaintChannel v) => Map<ComplaintChannel, StoredComplaintChannel>(v);

    /// <summary>Storage twin of an urgency.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredComplaintUrgency ToStored(ComplaintUrgency v) => Map<ComplaintUrgency, StoredComplaintUrgency>(v);

    /// <summary>Storage twin of a state.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredComplaintState ToStored(ComplaintState v) => Map<ComplaintState, StoredComplaintState>(v);

    /// <summary>Storage twin of a refusal reason.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredNotAcceptedReason ToStored(NotAcceptedReason v) => Map<NotAcceptedReason, StoredNotAcceptedReason>(v);

    /// <summary>Storage twin of a verification.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredVerification ToStored(Verification v) => Map<Verification, StoredVerification>(v);

    /// <summary>Storage twin of a satisfaction.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredSatisfaction ToStored(Satisfaction v) => Map<Satisfaction, StoredSatisfaction>(v);

    /// <summary>Storage twin of an assignee kind.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredAssigneeKind ToStored(AssigneeKind v) => Map<AssigneeKind, StoredAssigneeKind>(v);

    /// <summary>Storage twin of a duplicate reason.</summary>
    /// <param name="v">Rule value.</param>
    public static StoredDuplicateReason ToStored(DuplicateReason v) => Map<DuplicateReason, StoredDuplicateReason>(v);

    /// <summary>Rule value of a stored state (for <see cref="ComplaintWorkflow"/>).</summary>
    /// <param name="v">Stored value.</param>
    public static ComplaintState ToRule(StoredComplaintState v) => Map<StoredComplaintState, ComplaintState>(v);

    /// <summary>Rule value of a stored channel.</summary>
    /// <param name="v">Stored value.</param>
    public static ComplaintChannel ToRule(StoredComplaintChannel v) => Map<StoredComplaintChannel, ComplaintChannel>(v);

    /// <summary>Rule value of a stored urgency.</summary>
    /// <param name="v">Stored value.</param>
    public static ComplaintUrgency ToRule(StoredComplaintUrgency v) => Map<StoredComplaintUrgency, ComplaintUrgency>(v);

    /// <summary>The snake_case key of any enum value, as stored and as the API shows it (<c>WeChat</c> → <c>we_chat</c>).</summary>
    /// <typeparam name="T">Enum.</typeparam>
    /// <param name="v">Value.</param>
    public static string Key<T>(T v) where T : struct, Enum => SnakeCaseEnumConverter<T>.ToSnake(v.ToString());

    /// <summary>Parses a snake_case key (or the member name, any case) into <typeparamref name="T"/>; false for anything
    /// else, numbers included.</summary>
    /// <typeparam name="T">Enum.</typeparam>
    /// <param name="key">Text.</param>
    /// <param name="value">The value.</param>
    public static bool TryParseKey<T>(string? key, out T value) where T : struct, Enum
    {
        value = default;
        var k = key?.Trim();
        if (string.IsNullOrEmpty(k) || char.IsAsciiDigit(k[0]) || k[0] == '-') return false;
        return Enum.TryParse(k.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out value) && Enum.IsDefined(value);
    }
}
