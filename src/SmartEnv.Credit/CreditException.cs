namespace SmartEnv.Credit;

/// <summary>
/// A refused request of the credit services, with the HTTP status an API answers with: 400 (invalid input: unknown item or
/// event, an adjustment not on the half-point grid, a blank reason), 404 (no such application), 409 (not allowed now: no
/// grade to change, a repair applied for outside its window, a workflow step not permitted, a stale version). Nothing is
/// stored when it is thrown. Thread-safe once thrown.
/// </summary>
public sealed class CreditException : Exception
{
    /// <summary>A refusal.</summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="inner">The cause, or null.</param>
    public CreditException(int status, string message, Exception? inner = null) : base(message, inner) => Status = status;

    /// <summary>400, 404 or 409.</summary>
    public int Status { get; }
}

/// <summary>Maps the storage twins of the credit enums to the rule enums of <c>SmartEnv.Supervision.Credit</c> and back, by
/// member name (the twins have the same member names; a test checks them). Pure; thread-safe.</summary>
public static class CreditNames
{
    /// <summary>The member of <typeparamref name="TTo"/> with the name of <paramref name="value"/>.</summary>
    /// <typeparam name="TTo">The other enum.</typeparam>
    /// <param name="value">A defined value.</param>
    /// <returns>The value of the same name.</returns>
    /// <exception cref="ArgumentException">No member of that name.</exception>
    public static TTo To<TTo>(Enum value) where TTo : struct, Enum => Enum.Parse<TTo>(value.ToString(), ignoreCase: false);
}
