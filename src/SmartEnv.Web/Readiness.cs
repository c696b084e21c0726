namespace SmartEnv.Web;

/// <summary>
/// What <c>GET /health</c> reports: ready once the store is migrated and every listener (HTTP, HJ 212) is up.
/// Thread-safe.
/// </summary>
public sealed class Readiness
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending;

    /// <summary>Creates the state with the components still to come up.</summary>
    /// <param name="components">Names such as <c>store</c>, <c>http</c>, <c>hj212</c>.</param>
    public Readiness(params string[] components) => _pending = [.. components];

    /// <summary>Marks a component up.</summary>
    /// <param name="component">Its name.</param>
    public void MarkReady(string component)
    {
        lock (_lock) _pending.Remove(component);
    }

    /// <summary>True when nothing is pending.</summary>
    public bool IsReady
    {
        get { lock (_lock) return _pending.Count == 0; }
    }

    /// <summary>Components not yet up.</summary>
    public IReadOnlyList<string> Pending
    {
        get { lock (_lock) return [.. _pending]; }
    }
}
