namespace SmartEnv.Emergency;

/// <summary>A refused request of <see cref="EmergencyService"/>, with the HTTP status an API answers with: 400 (invalid
/// input: a malformed risk expression, an unknown document code, a blank field), 404 (no such unit, plan or event, or not
/// visible in the caller's scope), 409 (not allowed now: a filing step out of order, a report out of order, a duplicate
/// filing number). Nothing is stored when it is thrown. Thread-safe once thrown.</summary>
public sealed class EmergencyException : Exception
{
    /// <summary>A refusal.</summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="message">What is wrong.</param>
    public EmergencyException(int status, string message) : base(message) => Status = status;

    /// <summary>400, 404 or 409.</summary>
    public int Status { get; }
}
