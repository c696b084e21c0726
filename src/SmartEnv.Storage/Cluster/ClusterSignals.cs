using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace SmartEnv.Storage.Cluster;

/// <summary>
/// Change signals fanned out to every <c>serve</c> instance of a store, so that open pages refresh whichever instance
/// made the change (a Blazor circuit stays on the instance that rendered it). On PostgreSQL a signal is a
/// <c>NOTIFY smartenv_changes, 'TOPIC'</c> (PostgreSQL manual, NOTIFY/LISTEN: delivered to every listening session on
/// commit, at most 8,000 bytes of payload, not stored — a session that is not listening at that moment misses it) and every
/// instance LISTENs on a connection of its own, outside the pool, reconnecting after a failure (signals sent meanwhile are
/// missed; pages then show the change on their next load, as before). On SQLite (one instance) a signal is raised in the
/// process. A signal names a topic only (e.g. <see cref="Alerts"/>), never data: readers load what changed from the store.
/// Thread-safe; handlers run on a pool thread and must not block.
/// </summary>
public sealed class ClusterSignals : IAsyncDisposable
{
    /// <summary>The NOTIFY channel.</summary>
    public const string Channel = "smartenv_changes";

    /// <summary>Topic: alerts were opened, updated, acknowledged or closed.</summary>
    public const string Alerts = "alerts";

    /// <summary>Wait before listening again after the listen connection failed: 2 s.</summary>
    public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    private readonly StoreOptions _store;
    private readonly string _instance;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _listen;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates the signals of an instance and, on PostgreSQL, starts listening.</summary>
    /// <param name="store">The store.</param>
    /// <param name="log">Logger.</param>
    /// <param name="instance">The instance's name (the listen session's <c>application_name</c> is <c>smartenv-listen NAME</c>);
    /// <see cref="ClusterOptions.DefaultInstance"/> when null.</param>
    public ClusterSignals(StoreOptions store, ILogger? log = null, string? instance = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _instance = instance ?? ClusterOptions.DefaultInstance();
        _log = log ?? NullLogger.Instance;
        if (store.Provider == StoreProvider.Postgres) _listen = Task.Run(ListenAsync);
        else _listening.TrySetResult();
    }

    /// <summary>Raised for every signal of any instance (this one's included), with its topic.</summary>
    public event Action<string>? Changed;

    /// <summary>Completes once this instance listens (at once on SQLite).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Sends a signal to every instance. A failure is logged, never thrown (a missed signal only delays a
    /// refresh).</summary>
    /// <param name="topic">Topic (ASCII, at most 64 characters).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="ArgumentException">Empty or too long topic.</exception>
    public async Task PublishAsync(string topic, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(topic) || topic.Length > 64) throw new ArgumentException("a topic has 1…64 characters", nameof(topic));
        if (_store.Provider != StoreProvider.Postgres)
        {
            Raise(topic);
            return;
        }
        try
        {
            await using var conn = new NpgsqlConnection(_store.ProviderConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_notify(@c, @t)", conn);
            cmd.Parameters.AddWithValue("c", Channel);
            cmd.Parameters.AddWithValue("t", topic);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            _log.LogWarning(ex, "could not signal {Topic} to the other instances; their pages show it on the next load", topic);
        }
    }

    private void Raise(string topic)
    {
        try { Changed?.Invoke(topic); }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            _log.LogWarning(ex, "a handler of the {Topic} signal failed", topic);
        }
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var b = new NpgsqlConnectionStringBuilder(_store.ProviderConnectionString) { Pooling = false, ApplicationName = "smartenv-listen " + _instance, KeepAlive = 10 };
                await using var conn = new NpgsqlConnection(b.ConnectionString);
                await conn.OpenAsync(_stop.Token);
                conn.Notification += (_, e) => { if (e.Channel == Channel) Raise(e.Payload); };
                await using (var cmd = new NpgsqlCommand("LISTEN " + Channel, conn)) await cmd.ExecuteNonQueryAsync(_stop.Token);
                _listening.TrySetResult();
                while (true) await conn.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { return; }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
            {
                _log.LogWarning(ex, "listening for change signals failed; listening again in {Wait}", Reconnect);
                try { await Task.Delay(Reconnect, _stop.Token); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Stops listening.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        if (_listen is not null) await _listen;
        _stop.Dispose();
    }
}
