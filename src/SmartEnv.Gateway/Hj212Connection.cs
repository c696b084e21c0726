using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartEnv.Hj212;
using SmartEnv.Hj212.Intake;
using SmartEnv.Telemetry;

namespace SmartEnv.Gateway;

/// <summary>
/// Serves one logger connection: reads with a bounded pipe, cuts frames (<see cref="Hj212Framer"/>), hands them to the
/// <see cref="IHj212Intake"/> (which parses, checks MN/PW and plausibility, and commits) and, after the commit, answers
/// each accepted upload that asks for it (Flag bit A) with a 9014 echoing its QN (HJ 212-2017 §6.5, C.14–C.19). A
/// quarantined frame gets no answer. Closes on idle timeout, on a partial frame older than
/// <see cref="GatewayOptions.PartialFrameTimeout"/> from its first byte, on no accepted packet within
/// <see cref="GatewayOptions.UnauthenticatedTimeout"/> of the accept, end of stream, an oversized frame (quarantined once)
/// or too many quarantined frames/bytes in a row (docs/gateway.md "Limits"). Deadlines use the monotonic clock
/// (<see cref="Stopwatch"/>), not the receive-time clock. Every frame holds a slot of the gateway's
/// <see cref="InFlightGate"/> from its cut until its commit has finished, and at most
/// <see cref="GatewayOptions.MaxInFlightPerConnection"/> at once: a connection that gets no slot does not read its socket
/// (issue 15 goal 3); frames beyond its cap stay in its buffer until the earlier ones are answered.
/// Not thread-safe (one task per connection).
/// </summary>
public sealed class Hj212Connection
{
    private readonly Socket _socket;
    private readonly GatewayOptions _options;
    private readonly IHj212Intake _intake;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly string _peer;
    private readonly InFlightGate _gate;
    private int _held; // slots of _gate this connection holds (frames cut and not yet committed)
    // An accepted packet (registered MN, right PW) arrived on this connection. Until then its log lines are Debug: an
    // anonymous flood writes counters (quarantine_tallies), not a log line per frame or connection (a tester's 90 s flood
    // wrote 29,455 warning lines).
    private bool _authenticated;
    private long _readAt; // Stopwatch timestamp of the read whose frames are being handled (ack latency metric)

    private LogLevel Level(LogLevel authenticatedLevel) => _authenticated ? authenticatedLevel : LogLevel.Debug;

    /// <summary>Creates the handler for an accepted socket.</summary>
    /// <param name="socket">The connected socket (owned: closed when <see cref="RunAsync"/> ends).</param>
    /// <param name="options">Limits.</param>
    /// <param name="intake">Where frames go.</param>
    /// <param name="log">Logger.</param>
    /// <param name="time">Clock for receive times.</param>
    /// <param name="gate">The gateway's global in-flight bound, shared by all its connections; a gate of
    /// <see cref="GatewayOptions.MaxInFlightPackets"/> slots of this connection's own when null.</param>
    public Hj212Connection(Socket socket, GatewayOptions options, IHj212Intake intake, ILogger log, TimeProvider time, InFlightGate? gate = null)
    {
        _gate = gate ?? new InFlightGate(options.MaxInFlightPackets);
        _socket = socket;
        _options = options;
        _intake = intake;
        _log = log;
        _time = time;
        _peer = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    /// <summary>Why the connection ended.</summary>
    public enum CloseReason
    {
        /// <summary>The logger closed the connection.</summary>
        EndOfStream,
        /// <summary>No byte for <see cref="GatewayOptions.IdleTimeout"/>.</summary>
        IdleTimeout,
        /// <summary>A frame stayed incomplete for <see cref="GatewayOptions.PartialFrameTimeout"/> from its first byte.</summary>
        SlowClient,
        /// <summary>No packet was accepted within <see cref="GatewayOptions.UnauthenticatedTimeout"/> of the accept.</summary>
        Unauthenticated,
        /// <summary>The gateway is stopping.</summary>
        Shutdown,
        /// <summary>A socket error.</summary>
        SocketError,
        /// <summary>A frame grew past <see cref="GatewayOptions.MaxFrameBytes"/> without an end; it was quarantined
        /// once (its head, as the intake keeps it).</summary>
        FrameTooLarge,
        /// <summary><see cref="GatewayOptions.MaxConsecutiveRejects"/> quarantined frames or
        /// <see cref="GatewayOptions.MaxConsecutiveRejectedBytes"/> bytes arrived without an accepted packet.</summary>
        TooManyRejects,
    }

    /// <summary>Serves the connection until it ends.</summary>
    /// <param name="stop">Gateway shutdown.</param>
    /// <returns>Why it ended.</returns>
    public async Task<CloseReason> RunAsync(CancellationToken stop)
    {
        await using var stream = new NetworkStream(_socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, minimumReadSize: 1024, leaveOpen: true));
        var framer = new Hj212Framer(new Hj212FramerOptions { MaxFrameBytes = _options.MaxFrameBytes });
        var partial = false;
        long partialSince = 0; // Stopwatch timestamp of the read that brought the first byte of the partial frame
        _authenticated = false;
        var acceptedAt = Stopwatch.GetTimestamp();
        long lastAcceptedEnd = 0; // framer position after the last accepted packet
        var rejectsInRow = 0;
        try
        {
            while (true)
            {
                ReadResult result;
                // The nearest deadline: idle time restarts on every read; the partial frame's and the unauthenticated
                // connection's are absolute (a drip of one byte at a time cannot extend them).
                var wait = _options.IdleTimeout;
                var why = CloseReason.IdleTimeout;
                if (partial && _options.PartialFrameTimeout - Stopwatch.GetElapsedTime(partialSince) is var p && p < wait) (wait, why) = (p, CloseReason.SlowClient);
                if (!_authenticated && _options.UnauthenticatedTimeout - Stopwatch.GetElapsedTime(acceptedAt) is var u && u < wait) (wait, why) = (u, CloseReason.Unauthenticated);
                if (wait <= TimeSpan.Zero) return Closing(why);
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    timeout.CancelAfter(wait);
                    try { result = await reader.ReadAsync(timeout.Token); }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested) { return CloseReason.Shutdown; }
                    catch (OperationCanceledException) { return Closing(why); }
                }
                var buffer = result.Buffer;
                _readAt = Stopwatch.GetTimestamp();
                var received = _time.GetUtcNow();
                var work = new List<IntakeFrame>();
                var ends = new List<long>();
                var tooLarge = false;
                var more = false; // stopped at the connection's cap or for want of a slot: frames may remain buffered
                var positionBefore = framer.Position;
                while (!buffer.IsEmpty)
                {
                    // A slot before the frame is cut: none free → wait (reading nothing meanwhile) only while this
                    // connection holds none, else commit what it has first (waiting while holding could deadlock, and
                    // its next turn comes after every connection waiting now).
                    if (_held >= _options.MaxInFlightPerConnection) { more = true; break; }
                    if (!_gate.TryAcquire(_peer))
                    {
                        if (_held > 0) { more = true; break; }
                        await _gate.WaitAsync(stop, _peer);
                    }
                    _held++;
                    if (!framer.TryReadFrame(ref buffer, result.IsCompleted, out var frame)) { ReleaseSlots(1); break; }
                    var large = frame.FramingRejection == Hj212RejectReason.FrameTooLarge;
                    // The framer gives only the header's "##" of an oversized frame; the intake keeps the head of what
                    // was buffered instead, once.
                    // Framing garbage from a peer that never sent an accepted packet is counted, not stored in full.
                    var keep = _authenticated || frame.IsPacket ? _options.MaxFrameBytes : Math.Min(_options.MaxFrameBytes, _options.UnknownPeerGarbageBytes);
                    work.Add(_intake.Cut(frame, received, _peer, large ? buffer : default, keep));
                    ends.Add(framer.Position);
                    if (large) { tooLarge = true; break; }
                }
                var consumed = framer.Position != positionBefore;
                // With frames left (more), nothing beyond them is marked examined, so the next read returns at once.
                reader.AdvanceTo(tooLarge ? buffer.End : buffer.Start, more && !tooLarge ? buffer.Start : buffer.End);
                if (!more || tooLarge)
                {
                    var nowPartial = !tooLarge && !buffer.IsEmpty;
                    // A new partial frame starts its clock at this read; one still growing keeps its first byte's time.
                    if (nowPartial && (!partial || consumed)) partialSince = Stopwatch.GetTimestamp();
                    partial = nowPartial;
                }

                CloseReason? close = tooLarge ? CloseReason.FrameTooLarge : null;
                if (work.Count > 0)
                {
                    foreach (var w in work) await _intake.ClassifyAsync(w, stop);
                    // Keep frames up to the one that reaches a reject limit; the rest of this read is dropped.
                    for (var i = 0; i < work.Count; i++)
                    {
                        if (work[i].Accepted) { rejectsInRow = 0; lastAcceptedEnd = ends[i]; _authenticated = true; continue; }
                        rejectsInRow++;
                        if (close is null && (rejectsInRow >= _options.MaxConsecutiveRejects || ends[i] - lastAcceptedEnd >= _options.MaxConsecutiveRejectedBytes))
                        {
                            close = CloseReason.TooManyRejects;
                            work.RemoveRange(i + 1, work.Count - i - 1);
                            break;
                        }
                    }
                    if (!await HandleAsync(work, stream, stop)) return CloseReason.SocketError;
                }
                ReleaseSlots(_held);
                // White space is skipped without a frame; it counts towards the byte limit too.
                if (close is null && framer.Position - lastAcceptedEnd >= _options.MaxConsecutiveRejectedBytes) close = CloseReason.TooManyRejects;
                if (close == CloseReason.FrameTooLarge)
                {
                    _log.Log(Level(LogLevel.Warning), SmartEnvLogEvents.ConnectionFlood, "closing connection from {Peer}: no frame end within {Max} bytes", _peer, _options.MaxFrameBytes);
                    return CloseReason.FrameTooLarge;
                }
                if (close is { } reason)
                {
                    _log.Log(Level(LogLevel.Warning), SmartEnvLogEvents.ConnectionFlood, "closing connection from {Peer}: {Reason} ({Rejects} rejected frames, {Bytes} bytes since the last accepted packet)",
                        _peer, reason, rejectsInRow, framer.Position - lastAcceptedEnd);
                    return reason;
                }
                if (result.IsCompleted && !more) return CloseReason.EndOfStream;
            }
        }
        catch (IOException) { return CloseReason.SocketError; }
        catch (SocketException) { return CloseReason.SocketError; }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { return CloseReason.Shutdown; }
        finally
        {
            ReleaseSlots(_held);
            await reader.CompleteAsync();
        }
    }

    private void ReleaseSlots(int count)
    {
        if (count <= 0) return;
        _held -= count;
        _gate.Release(count);
    }

    private CloseReason Closing(CloseReason why)
    {
        if (why is CloseReason.SlowClient or CloseReason.Unauthenticated)
            _log.Log(Level(LogLevel.Information), SmartEnvLogEvents.ConnectionTimeout, "closing connection from {Peer}: {Reason}", _peer, why);
        return why;
    }

    private async Task<bool> HandleAsync(List<IntakeFrame> work, NetworkStream stream, CancellationToken stop)
    {
        foreach (var w in work)
        {
            if (w.QuarantineSummary is { } why)
                _log.Log(Level(LogLevel.Information), SmartEnvLogEvents.PacketQuarantined, "quarantined packet from {Peer}: {Why}", _peer, why);
        }
        var commits = work.Select(w => _intake.CommitAsync(w, stop)).ToArray();
        var ok = await Task.WhenAll(commits);
        ReleaseSlots(_held); // committed: the slots go to waiting connections before the answers are written
        for (var i = 0; i < work.Count; i++)
        {
            if (!ok[i] || !work[i].AnswerOwed) continue;
            var answer = Hj212Serializer.ToBytes(Hj212Builder.DataAnswer9014(work[i].Packet!));
            try { await stream.WriteAsync(answer, stop); }
            catch (Exception ex) when (ex is IOException or SocketException) { return false; }
            SmartEnvMetrics.AckSent(_readAt);
        }
        return true;
    }
}
