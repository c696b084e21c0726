using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Telemetry;
using SmartEnv.Hj212.Intake;

namespace SmartEnv.Gateway;

/// <summary>
/// The HJ 212 TCP listener of <c>smartenv serve</c>: listener → accept loop (tracks connections, enforces
/// <see cref="GatewayOptions.MaxConnections"/> and <see cref="GatewayOptions.MaxConnectionsPerAddress"/>, sets TCP
/// keepalive) → one <see cref="Hj212Connection"/> per logger → the shared <see cref="IHj212Intake"/> (trust decisions
/// and group commit live there). While the intake cannot commit (<see cref="IHj212Intake.CanCommit"/>) the listening
/// socket is closed, so connection attempts are refused, and it is opened again on the same port once
/// <see cref="IHj212Intake.ProbeCommitAsync"/> succeeds (docs/gateway.md "Limits"). Transport only: no store, no device
/// table. Start with <see cref="StartAsync"/>, stop with <see cref="DisposeAsync"/> (stops accepting, ends reads between
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
    private readonly ConcurrentDictionary<IPAddress, int> _perAddress = new();
    private readonly object _listenerGate = new();
    private Socket? _listener;
    private Task? _supervise;
    private long _nextId;
    private long _refusedPerAddress, _refusedTotal;

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
        InFlight = new InFlightGate(_options.MaxInFlightPackets);
        SmartEnvMetrics.ObserveConnections(this, static g => g.OpenConnections);
    }

    /// <summary>The global bound on packets in flight (<see cref="GatewayOptions.MaxInFlightPackets"/>): slots held now,
    /// the peak and the connections waiting.</summary>
    public InFlightGate InFlight { get; }

    /// <summary>The bound TCP port (after <see cref="StartAsync"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Connections open now.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>True while the listening socket is open (false while the intake cannot commit, and after dispose).</summary>
    public bool Listening => Volatile.Read(ref _listener) is not null;

    /// <summary>Connections closed on accept because their address had <see cref="GatewayOptions.MaxConnectionsPerAddress"/>
    /// open, since start.</summary>
    public long RefusedPerAddress => Interlocked.Read(ref _refusedPerAddress);

    /// <summary>Connections closed on accept because <see cref="GatewayOptions.MaxConnections"/> were open, since start.</summary>
    public long RefusedTotal => Interlocked.Read(ref _refusedTotal);

    /// <summary>Binds and starts accepting.</summary>
    /// <exception cref="SocketException">The port is in use or not permitted.</exception>
    public Task StartAsync()
    {
        var listener = Listen(_options.Port);
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _listener = listener;
        _supervise = Task.Run(SuperviseAsync);
        return Task.CompletedTask;
    }

    private Socket Listen(int port)
    {
        var listener = new Socket(_options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Re-listening on the same port after a pause must not fail on connections of the port in TIME_WAIT (on
            // Linux SO_REUSEADDR never lets two sockets listen on one port; on Windows it would, so it is not set there).
            if (!OperatingSystem.IsWindows()) listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(_options.BindAddress, port));
            listener.Listen(1024);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    // Runs the accept loop while the intake can commit; closes the listener when it cannot, probes, listens again.
    private async Task SuperviseAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var listener = Volatile.Read(ref _listener);
            if (listener is null)
            {
                try
                {
                    await Task.Delay(_options.CommitProbeInterval, _stop.Token);
                    if (!await _intake.ProbeCommitAsync(_stop.Token)) continue;
                    var reopened = Listen(Port);
                    lock (_listenerGate)
                    {
                        if (_stop.IsCancellationRequested) { reopened.Dispose(); return; }
                        _listener = reopened;
                    }
                    _log.LogWarning(SmartEnvLogEvents.GatewayResumed, "HJ 212 gateway accepting again on port {Port}: the intake can commit", Port);
                }
                catch (OperationCanceledException) { return; }
                catch (SocketException ex) { _log.LogError(SmartEnvLogEvents.GatewayListenFailed, ex, "HJ 212 gateway could not listen again on port {Port}", Port); }
                catch (Exception ex) { _log.LogWarning(SmartEnvLogEvents.GatewayListenFailed, ex, "commit probe failed"); }
                continue;
            }
            using var paused = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var watch = WatchCommitAsync(listener, paused.Token);
            await AcceptLoopAsync(listener);
            paused.Cancel();
            await watch;
        }
    }

    // Closes the listener (ending its accept loop) as soon as the intake reports it cannot commit.
    private async Task WatchCommitAsync(Socket listener, CancellationToken ct)
    {
        try
        {
            while (_intake.CanCommit) await Task.Delay(_options.CommitProbeInterval, ct);
        }
        catch (OperationCanceledException) { return; }
        lock (_listenerGate)
        {
            if (!ReferenceEquals(_listener, listener)) return;
            _listener = null;
            listener.Dispose();
        }
        _log.LogWarning(SmartEnvLogEvents.GatewayPaused, "HJ 212 gateway stopped accepting on port {Port}: the intake cannot commit; connection attempts are refused until it can", Port);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted || !ReferenceEquals(Volatile.Read(ref _listener), listener)) { return; }
            catch (SocketException ex) { _log.LogWarning(ex, "accept failed"); continue; }
            if (_connections.Count >= _options.MaxConnections)
            {
                Interlocked.Increment(ref _refusedTotal);
                SmartEnvMetrics.ConnectionRefused("max_connections");
                _log.LogWarning(SmartEnvLogEvents.ConnectionRefused, "connection from {Peer} refused: {Max} connections open", socket.RemoteEndPoint, _options.MaxConnections);
                socket.Dispose();
                continue;
            }
            var address = AddressKey((socket.RemoteEndPoint as IPEndPoint)?.Address);
            if (_perAddress.AddOrUpdate(address, 1, (_, n) => n + 1) > _options.MaxConnectionsPerAddress)
            {
                Release(address);
                SmartEnvMetrics.ConnectionRefused("max_per_address");
                if (Interlocked.Increment(ref _refusedPerAddress) % 1000 == 1) // one line per 1,000 refusals: the log is not a second flood
                    _log.LogWarning(SmartEnvLogEvents.ConnectionRefused, "connection from {Peer} refused: {Max} connections open from {Address} ({Refused} refused so far)",
                        socket.RemoteEndPoint, _options.MaxConnectionsPerAddress, address, RefusedPerAddress);
                socket.Dispose();
                continue;
            }
            try
            {
                socket.NoDelay = true;
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Math.Max(1, (int)_options.KeepAliveTime.TotalSeconds));
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, (int)_options.KeepAliveInterval.TotalSeconds));
                socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, Math.Max(1, _options.KeepAliveRetryCount));
            }
            catch (SocketException ex)
            {
                // The peer may already be gone (reset between accept and here).
                _log.LogDebug(ex, "socket options of {Peer} could not be set", socket.RemoteEndPoint);
                Release(address);
                socket.Dispose();
                continue;
            }
            var id = Interlocked.Increment(ref _nextId);
            var handler = new Hj212Connection(socket, _options, _intake, _log, _time, InFlight);
            // Registered before the task starts, so a connection that ends at once cannot be removed before it is added.
            _connections[id] = Task.CompletedTask;
            var task = Task.Run(async () =>
            {
                try
                {
                    var reason = await handler.RunAsync(_stop.Token);
                    _log.LogDebug("connection {Id} closed: {Reason}", id, reason);
                }
                catch (Exception ex) { _log.LogError(SmartEnvLogEvents.ConnectionFailed, ex, "connection {Id} failed", id); }
                finally
                {
                    _connections.TryRemove(id, out _);
                    Release(address);
                }
            });
            _connections.TryUpdate(id, task, Task.CompletedTask);
        }
    }

    /// <summary>The key a connection is counted under for <see cref="GatewayOptions.MaxConnectionsPerAddress"/>: the IPv4
    /// address (IPv4-mapped IPv6 as IPv4), or the /64 prefix of an IPv6 address (one host or subscriber is usually given a
    /// whole /64, RFC 6177, so counting single IPv6 addresses would not limit it).</summary>
    /// <param name="address">Remote address; null counts as <see cref="IPAddress.None"/>.</param>
    public static IPAddress AddressKey(IPAddress? address)
    {
        if (address is null) return IPAddress.None;
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    private void Release(IPAddress address)
    {
        // Decrement, removing the entry at zero so the table holds only addresses with open connections.
        while (_perAddress.TryGetValue(address, out var n))
        {
            if (n <= 1 ? _perAddress.TryRemove(new KeyValuePair<IPAddress, int>(address, n)) : _perAddress.TryUpdate(address, n - 1, n)) return;
        }
    }

    /// <summary>Stops accepting and ends every connection between packets (what they submitted is committed by the
    /// intake before they end).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        lock (_listenerGate)
        {
            _stop.Cancel();
            _listener?.Dispose();
            _listener = null;
        }
        if (_supervise is not null) await _supervise;
        await Task.WhenAll(_connections.Values.ToArray());
        _stop.Dispose();
    }
}
