namespace SmartEnv.Web;

/// <summary>
/// What <c>GET /health</c> reports besides the store (<see cref="StoreReadiness"/>): the components still starting (the
/// store's migration, the HTTP and HJ 212 listeners) and the watched components that are up now (e.g. the HJ 212
/// gateway, which stops listening while its intake cannot commit — docs/gateway.md "Limits"). Thread-safe.
/// </summary>
public sealed class Readiness
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _pending;
    private readonly List<(string Component, Func<bool> IsUp)> _watched = [];

    /// <summary>Creates the state with the components still to come up.</summary>
    /// <param name="components">Names such as <c>store</c>, <c>http</c>, <c>hj212</c>.</param>
    public Readiness(params string[] components) => _pending = [.. components];

    /// <summary>Marks a component up.</summary>
    /// <param name="component">Its name.</param>
    public void MarkReady(string component)
    {
        lock (_lock) _pending.Remove(component);
    }

    /// <summary>Watches a component once it has started: while <paramref name="isUp"/> returns false the component is
    /// <see cref="Down"/> and the platform not ready.</summary>
    /// <param name="component">Its name (e.g. <c>hj212</c>).</param>
    /// <param name="isUp">Cheap, thread-safe, non-throwing test (called on every <c>/health</c>).</param>
    public void Watch(string component, Func<bool> isUp)
    {
        ArgumentNullException.ThrowIfNull(isUp);
        lock (_lock) _watched.Add((component, isUp));
    }

    /// <summary>True when nothing is starting and every watched component is up.</summary>
    public bool IsReady => Pending.Count == 0 && Down.Count == 0;

    /// <summary>Components not yet up since start.</summary>
    public IReadOnlyList<string> Pending
    {
        get { lock (_lock) return [.. _pending]; }
    }

    /// <summary>Watched components that have started but are down now.</summary>
    public IReadOnlyList<string> Down
    {
        get
        {
            (string Component, Func<bool> IsUp)[] watched;
            lock (_lock) watched = [.. _watched];
            return [.. watched.Where(w => !w.IsUp()).Select(w => w.Component)];
        }
    }
}
