namespace SmartEnv.Storage.Cluster;

/// <summary>
/// How one <c>smartenv serve</c> instance takes part in a cluster of instances on ONE PostgreSQL store
/// (docs/operations.md "Running several instances (scaleout)"). SQLite stores serve single-instance (the
/// <see cref="Maintenance.ServeLock"/> file lock) and ignore these settings. Immutable; thread-safe.
/// <para>Times (SmartEnv rule; no standard covers them): <see cref="Lease"/> 30 s by default, i.e. a site-day claimed by an
/// instance that died is recomputed by another one at most 30 s (+ one evaluation round, 2 s) later; the singleton jobs
/// (alert scans) are taken over at most <see cref="Poll"/> = <see cref="Lease"/>/3 (10 s) after the leader's database
/// session ended — at once when the leader process dies on a live host (the kernel closes its socket), and within
/// <see cref="KeepaliveDetection"/> (25 s) more when its host or network vanished (TCP keepalives of the session).</para>
/// </summary>
public sealed record ClusterOptions
{
    /// <summary>This instance's name in claims, locks and logs (<c>host:pid:random</c> by default); at most
    /// <see cref="Entities.EvaluationDay.InstanceLength"/> characters.</summary>
    public string Instance { get; init; } = DefaultInstance();

    /// <summary>Lease of a claimed site-day (renewed every <see cref="Poll"/> while the claimer works). Default 30 s:
    /// long against a renewal every 10 s on a loaded machine, short against the AQI freshness goal (1 min).</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an instance renews its claims and tries (follower) or re-checks (leader) the singleton lock:
    /// a third of <see cref="Lease"/>.</summary>
    public TimeSpan Poll => Lease / 3;

    /// <summary>How long PostgreSQL takes at most to end the session of a leader whose host vanished: TCP keepalives of
    /// the lock session, idle 10 s + 3 probes × 5 s = 25 s.</summary>
    public static readonly TimeSpan KeepaliveDetection = TimeSpan.FromSeconds(25);

    /// <summary>The stated takeover time of the singleton jobs after the leader process died on a live host:
    /// <see cref="Poll"/> plus one tick of slack for a loaded machine (2 × <see cref="Poll"/>).</summary>
    public TimeSpan SingletonTakeover => Poll * 2;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">Empty or too long instance name, or a lease below 3 s.</exception>
    public ClusterOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(Instance) || Instance.Length > Entities.EvaluationDay.InstanceLength)
            throw new ArgumentException($"the instance name must have 1…{Entities.EvaluationDay.InstanceLength} characters", nameof(Instance));
        if (Lease < TimeSpan.FromSeconds(3)) throw new ArgumentException("the lease must be at least 3 s", nameof(Lease));
        return this;
    }

    /// <summary><c>host:pid:random</c> (4 hex digits, so a restarted process with a reused pid is another instance).</summary>
    public static string DefaultInstance()
    {
        var host = Environment.MachineName;
        if (host.Length > 96) host = host[..96];
        return $"{host}:{Environment.ProcessId}:{Random.Shared.Next(0x10000):x4}";
    }
}
