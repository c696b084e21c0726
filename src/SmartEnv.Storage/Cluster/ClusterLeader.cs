using System.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SmartEnv.Storage.Cluster;

/// <summary>
/// Leadership of the singleton jobs (alert scans) among the <c>serve</c> instances of one PostgreSQL store: the leader
/// holds the session-level advisory lock <see cref="LockKey"/> (<c>pg_try_advisory_lock</c>, PostgreSQL manual §13.3.5
/// "Advisory Locks") on a connection of its own, outside the pool, whose <c>application_name</c> is
/// <c>smartenv-leader INSTANCE</c> (so <c>pg_locks</c> ⋈ <c>pg_stat_activity</c> shows who leads). PostgreSQL releases the
/// lock when that session ends — the leader process died (at once: the kernel closes its socket) or its host vanished
/// (TCP keepalives of the session: <see cref="ClusterOptions.KeepaliveDetection"/>). Every
/// <see cref="ClusterOptions.Poll"/> the job's loop calls <see cref="CheckAsync"/>: a follower tries the lock and the
/// leader checks its session; a leader whose session broke stops leading before it tries again. On SQLite there is one
/// instance (<see cref="Maintenance.ServeLock"/>) and it always leads. Thread-safe.
/// </summary>
public sealed class ClusterLeader : IAsyncDisposable
{
    /// <summary>The advisory lock key of the singleton jobs: "SmEnLead" as a 64-bit number (arbitrary but fixed; a
    /// PostgreSQL database shared with other software must not use it).</summary>
    public const long LockKey = 0x536D_456E_4C65_6164;

    private readonly StoreOptions _store;
    private readonly ClusterOptions _options;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private NpgsqlConnection? _conn;
    private volatile bool _leader;

    /// <summary>Creates the leadership of an instance (not started).</summary>
    /// <param name="store">The store; on SQLite the instance always leads.</param>
    /// <param name="options">Instance name and timing.</param>
    /// <param name="log">Logger.</param>
    public ClusterLeader(StoreOptions store, ClusterOptions? options = null, ILogger? log = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = (options ?? new ClusterOptions()).Validate();
        _log = log ?? NullLogger.Instance;
        _leader = store.Provider != StoreProvider.Postgres;
    }

    /// <summary>The store's engine (leadership is contested on PostgreSQL only).</summary>
    public StoreProvider Provider => _store.Provider;

    /// <summary>The settings in use.</summary>
    public ClusterOptions Options => _options;

    /// <summary>Whether this instance held the lock at its last check (always true on SQLite).</summary>
    public bool IsLeader => _leader;

    /// <summary>When this instance last became leader (UTC), or null.</summary>
    public DateTimeOffset? LeaderSince { get; private set; }

    /// <summary>Raised (on a pool thread) when this instance becomes leader.</summary>
    public event Action? Acquired;

    /// <summary>Takes the lock when free, or checks that this instance's lock session is still alive; returns whether
    /// this instance leads. A database error makes it a follower (the error is logged) until the next check.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        if (_store.Provider != StoreProvider.Postgres) return true;
        await _gate.WaitAsync(ct);
        try
        {
            if (_conn is { State: ConnectionState.Open } && _leader)
            {
                await using var ping = new NpgsqlCommand("SELECT 1", _conn) { CommandTimeout = Math.Max(5, (int)_options.Poll.TotalSeconds) };
                await ping.ExecuteScalarAsync(ct);
                return true;
            }
            _conn ??= await OpenAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", _conn);
            take.Parameters.AddWithValue("k", LockKey);
            var got = (bool)(await take.ExecuteScalarAsync(ct))!;
            if (got && !_leader)
            {
                _leader = true;
                LeaderSince = DateTimeOffset.UtcNow;
                _log.LogWarning("cluster: instance {Instance} leads the singleton jobs (alert scans) from {At:O}", _options.Instance, LeaderSince);
                Acquired?.Invoke();
            }
            return _leader = got;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            if (_leader) _log.LogError(ex, "cluster: instance {Instance} lost its leader session; it stops leading", _options.Instance);
            _leader = false;
            if (_conn is not null) { try { await _conn.DisposeAsync(); } catch (Exception e) when (e is NpgsqlException or IOException) { } }
            _conn = null;
            return false;
        }
        finally { _gate.Release(); }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var b = new NpgsqlConnectionStringBuilder(_store.ProviderConnectionString)
        {
            Pooling = false, // the lock lives as long as this session: never handed back to a pool
            ApplicationName = "smartenv-leader " + _options.Instance,
            KeepAlive = 5, // client side: a dead server is noticed too
        };
        var conn = new NpgsqlConnection(b.ConnectionString);
        await conn.OpenAsync(ct);
        // Server side: a vanished client host ends this session (and frees the lock) in 10 s + 3 × 5 s.
        await using var ka = new NpgsqlCommand("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3", conn);
        await ka.ExecuteNonQueryAsync(ct);
        return conn;
    }

    /// <summary>Stops checking and ends the lock session (another instance takes over at its next check).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        await _gate.WaitAsync();
        try
        {
            _leader = false;
            if (_conn is not null) await _conn.DisposeAsync();
            _conn = null;
        }
        finally { _gate.Release(); }
        _stop.Dispose();
    }
}
