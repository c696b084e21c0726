using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SmartEnv.Hj212;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Gateway;

/// <summary>
/// Serves one logger connection: reads with a bounded pipe, cuts frames (<see cref="Hj212Framer"/>), parses them,
/// checks MN/PW against the registry, submits raw + decoded data for group commit and, after the commit, answers each
/// upload that asks for it (Flag bit A) with a 9014 echoing its QN (HJ 212-2017 §6.5, C.14–C.19). Unknown MN, wrong
/// PW, bad CRC or framing, implausible DataTime or value: packet quarantined, no answer. Closes on idle/slow-client timeout, end of stream, an
/// oversized frame (quarantined once) or too many quarantined frames/bytes in a row (docs/gateway.md "Limits").
/// Not thread-safe (one task per connection).
/// </summary>
public sealed class Hj212Connection
{
    private readonly Socket _socket;
    private readonly GatewayOptions _options;
    private readonly DeviceRegistry _devices;
    private readonly PacketBatcher _batcher;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly string _peer;

    /// <summary>Creates the handler for an accepted socket.</summary>
    /// <param name="socket">The connected socket (owned: closed when <see cref="RunAsync"/> ends).</param>
    /// <param name="options">Limits.</param>
    /// <param name="devices">Device registry.</param>
    /// <param name="batcher">Group-commit queue.</param>
    /// <param name="log">Logger.</param>
    /// <param name="time">Clock for receive times.</param>
    public Hj212Connection(Socket socket, GatewayOptions options, DeviceRegistry devices, PacketBatcher batcher, ILogger log, TimeProvider time)
    {
        _socket = socket;
        _options = options;
        _devices = devices;
        _batcher = batcher;
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
        /// <summary>A frame stayed incomplete for <see cref="GatewayOptions.PartialFrameTimeout"/>.</summary>
        SlowClient,
        /// <summary>The gateway is stopping.</summary>
        Shutdown,
        /// <summary>A socket error.</summary>
        SocketError,
        /// <summary>A frame grew past <see cref="GatewayOptions.MaxFrameBytes"/> without an end; it was quarantined
        /// once (its first <see cref="GatewayOptions.MaxQuarantinedTextBytes"/> bytes).</summary>
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
        long lastAcceptedEnd = 0; // framer position after the last accepted packet
        var rejectsInRow = 0;
        try
        {
            while (true)
            {
                ReadResult result;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
                {
                    timeout.CancelAfter(partial ? _options.PartialFrameTimeout : _options.IdleTimeout);
                    try { result = await reader.ReadAsync(timeout.Token); }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested) { return CloseReason.Shutdown; }
                    catch (OperationCanceledException) { return partial ? CloseReason.SlowClient : CloseReason.IdleTimeout; }
                }
                var buffer = result.Buffer;
                var received = _time.GetUtcNow();
                var work = new List<IntakePacket>();
                var ends = new List<long>();
                var tooLarge = false;
                while (framer.TryReadFrame(ref buffer, result.IsCompleted, out var frame))
                {
                    var w = Cut(frame, received);
                    work.Add(w);
                    ends.Add(framer.Position);
                    if (frame.FramingRejection == Hj212RejectReason.FrameTooLarge)
                    {
                        // The framer gives only the header's "##"; store the head of what was buffered instead, once.
                        StoreHead(w.Raw, frame.Raw, buffer);
                        tooLarge = true;
                        break;
                    }
                }
                reader.AdvanceTo(tooLarge ? buffer.End : buffer.Start, buffer.End);
                partial = !tooLarge && !buffer.IsEmpty;

                CloseReason? close = tooLarge ? CloseReason.FrameTooLarge : null;
                if (work.Count > 0)
                {
                    foreach (var w in work) await PacketIntake.ClassifyAsync(w, _devices, _options.FactorAliases, stop);
                    // Keep frames up to the one that reaches a reject limit; the rest of this read is dropped.
                    for (var i = 0; i < work.Count; i++)
                    {
                        if (work[i].Raw.Status == PacketStatus.Accepted) { rejectsInRow = 0; lastAcceptedEnd = ends[i]; continue; }
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
                // White space is skipped without a frame; it counts towards the byte limit too.
                if (close is null && framer.Position - lastAcceptedEnd >= _options.MaxConsecutiveRejectedBytes) close = CloseReason.TooManyRejects;
                if (close == CloseReason.FrameTooLarge)
                {
                    _log.LogWarning("closing connection from {Peer}: no frame end within {Max} bytes", _peer, _options.MaxFrameBytes);
                    return CloseReason.FrameTooLarge;
                }
                if (close is { } reason)
                {
                    _log.LogWarning("closing connection from {Peer}: {Reason} ({Rejects} rejected frames, {Bytes} bytes since the last accepted packet)",
                        _peer, reason, rejectsInRow, framer.Position - lastAcceptedEnd);
                    return reason;
                }
                if (result.IsCompleted) return CloseReason.EndOfStream;
            }
        }
        catch (IOException) { return CloseReason.SocketError; }
        catch (SocketException) { return CloseReason.SocketError; }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { return CloseReason.Shutdown; }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    // Text of an oversized frame: its "##" plus what follows in the buffer, capped at MaxQuarantinedTextBytes.
    private void StoreHead(RawPacket raw, ReadOnlySequence<byte> header, ReadOnlySequence<byte> rest)
    {
        var cap = Math.Min(_options.MaxQuarantinedTextBytes, _options.MaxFrameBytes);
        var total = header.Length + rest.Length;
        var head = new byte[Math.Min(total, cap)];
        header.Slice(0, Math.Min(header.Length, head.Length)).CopyTo(head);
        if (head.Length > header.Length) rest.Slice(0, head.Length - header.Length).CopyTo(head.AsSpan((int)header.Length));
        raw.Text = System.Text.Encoding.UTF8.GetString(head).TrimEnd('\r', '\n').Replace('\0', '\uFFFD');
        var diag = $"truncated={total};" + raw.FramingDiagnostics;
        raw.FramingDiagnostics = diag.Length <= 256 ? diag : diag[..256];
    }

    private IntakePacket Cut(in Hj212Frame frame, DateTimeOffset received) => PacketIntake.Cut(frame, received, _peer, _options);

    private async Task<bool> HandleAsync(List<IntakePacket> work, NetworkStream stream, CancellationToken stop)
    {
        foreach (var w in work)
        {
            if (w.Raw.Status == PacketStatus.Quarantined)
                _log.LogInformation("quarantined packet from {Peer}: {Reason} {Detail}", _peer, w.Raw.QuarantineReason, w.Raw.QuarantineDetail);
        }
        var commits = work.Select(w => _batcher.SubmitAsync(new PacketWrite(w.Raw, w.Observations), stop)).ToArray();
        var ok = await Task.WhenAll(commits);
        for (var i = 0; i < work.Count; i++)
        {
            if (!ok[i] || !work[i].Ack) continue;
            var answer = Hj212Serializer.ToBytes(Hj212Builder.DataAnswer9014(work[i].Packet!));
            try { await stream.WriteAsync(answer, stop); }
            catch (Exception ex) when (ex is IOException or SocketException) { return false; }
        }
        return true;
    }
}
