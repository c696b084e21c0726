namespace SmartEnv.Construction;

/// <summary>A refused construction request: <see cref="Status"/> 400 (invalid input), 404 (unknown site, preset) or 409
/// (duplicate code or MN). Thread-safe (immutable).</summary>
public sealed class ConstructionException : Exception
{
    /// <summary>A refusal.</summary>
    /// <param name="status">400, 404 or 409.</param>
    /// <param name="message">What is wrong (English).</param>
    public ConstructionException(int status, string message) : base(message) => Status = status;

    /// <summary>400, 404 or 409.</summary>
    public int Status { get; }
}
