using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Hj212.Intake;

namespace SmartEnv.Gateway;

/// <summary>
/// The HJ 212 TCP listener of <c>smartenv serve</c>: listener → accept loop (tracks connections, enforces
/// <see cref="GatewayOptions.MaxConnections"/>) → one <see cref="Hj212Connection"/> per logger → the shared
/// <see cref="IHj212Intake"/> (trust decisions and group commit live there). Transport only: no store, no device table.
/// Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/> (stops accepting, ends reads between
/// packets; the intake's owner then disposes the intake, which stores what is queued). Thread-safe.
/// </summary>
public sealed class Hj212Gateway : IAsyncDisposable
{
    private readonly GatewayOptions _options;
    private readonly IHj212Intake _intake;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private Socket? _listener;
    private Task? _accept;
    private long _nextId;

    /// <summary>Creates the gateway (not listening yet).</summary>
    /// <param name="intake">Where frames go (e.g. <c>SmartEnv.Intake.StoreIntake</c>).</param>
    /// <param name="options">Limits; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="time">Clock; system clock when null.</param>
    public Hj212Gateway(IHj212Intake intake, GatewayOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        _intake = intake ?? throw new ArgumentNullException(nameof(intake));
        _options = options ?? new GatewayOptions();
        _time = time ?? TimeProvider.System;
        _log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SmartEnv.Gateway");
    }

    /// <summary>The bound TCP port (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>Binds and starts accepting.</summary>
    /// <exception cref="SocketException">The port is in use or not permitted.</exception>
    public Task StartAsync()
    {
        var listener = new Socket(_options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(_options.BindAddress, _options.Port));
        listener.Listen(1024);
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accept = Task.Run(AcceptLoopAsync);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await _listener!.AcceptAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex) { _log.LogWarning(ex, "accept failed"); continue; }
            if (_connections.Count >= _options.MaxConnections)
            {
                _log.LogWarning("connection from {Peer} refused: {Max} connections open", socket.RemoteEndPoint, _options.MaxConnections);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            var id = Interlocked.Increment(ref _nextId);
            var handler = new Hj212Connection(socket, _options, _intake, _log, _time);
            _connections[id] = Task.Run(async () =>
            {
                try
                {
                    var reason = await handler.RunAsync(_stop.Token);
                    _log.LogDebug("connection {Id} closed: {Reason}", id, reason);
                }
                catch (Exception ex) { _log.LogError(ex, "connection {Id} failed", id); }
                finally { _connections.TryRemove(id, out _); }
            });
        }
    }

    /// <summary>Stops accepting and ends every connection between packets (what they submitted is committed by the
    /// intake before they end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _listener?.Dispose();
        if (_accept is not null) await _accept;
        await Task.WhenAll(_connections.Values.ToArray());
        _stop.Dispose();
    }
}
