using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SmartEnv.Hj212;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Gateway;

/// <summary>
/// Serves one logger connection: reads with a bounded pipe, cuts frames (<see cref="Hj212Framer"/>), parses them,
/// checks MN/PW against the registry, submits raw + decoded data for group commit and, after the commit, answers each
/// upload that asks for it (Flag bit A) with a 9014 echoing its QN (HJ 212-2017 §6.5, C.14–C.19). Unknown MN, wrong
/// PW, bad CRC or framing: packet quarantined, no answer. Closes on idle/slow-client timeout or end of stream.
/// Not thread-safe (one task per connection).
/// </summary>
public sealed partial class Hj212Connection
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
                var work = new List<Work>();
                while (framer.TryReadFrame(ref buffer, result.IsCompleted, out var frame))
                    work.Add(Cut(frame, received));
                reader.AdvanceTo(buffer.Start, buffer.End);
                partial = !buffer.IsEmpty;

                if (work.Count > 0 && !await HandleAsync(work, stream, stop)) return CloseReason.SocketError;
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

    private sealed class Work
    {
        public required RawPacket Raw { get; init; }
        public Hj212Packet? Packet { get; init; }
        public Hj212ParseResult? Parsed { get; init; }
        public IReadOnlyList<ObservationInput> Observations { get; set; } = [];
        public bool Ack { get; set; }
    }

    /// <summary>Copies what is needed out of the frame (its memory is released at AdvanceTo).</summary>
    private Work Cut(in Hj212Frame frame, DateTimeOffset received)
    {
        var bytes = frame.Raw.ToArray();
        Hj212ParseResult? parsed = frame.IsPacket ? Hj212Parser.Parse(frame, _options.ParsePolicy) : null;
        var gbk = parsed?.Encoding.Contains("gbk", StringComparison.OrdinalIgnoreCase) == true;
        var kept = bytes.Length > _options.MaxFrameBytes ? bytes.AsSpan(0, _options.MaxFrameBytes) : bytes;
        var text = (gbk ? Encoding.GetEncoding(936) : Encoding.UTF8).GetString(kept).TrimEnd('\r', '\n').Replace('\0', '\uFFFD');
        var diag = (kept.Length < bytes.Length ? $"truncated={bytes.Length};" : "") + $"rule={frame.Rule};len={frame.DeclaredLength}/{frame.SegmentLength};crc={(frame.StandardCrcOk ? "ok" : "fail")};variant={parsed?.CrcVariant};tail={frame.Terminator};enc={parsed?.Encoding}";
        if (parsed is { Warnings.Count: > 0 }) diag += ";warn=" + string.Join(',', parsed.Warnings.Select(w => w.Deviation).Distinct());
        var raw = new RawPacket
        {
            Text = text, ReceivedAt = received, Peer = Clip(_peer, 256), FramingDiagnostics = Clip(diag, 256),
            CrcValid = parsed?.CrcOk ?? frame.StandardCrcOk, Status = PacketStatus.Quarantined,
        };
        var packet = parsed?.Packet;
        raw.Mn = Clip(packet?.Mn ?? (MnPattern().Match(text) is { Success: true } m ? m.Groups[1].Value : null), 64);
        raw.Cn = Clip(packet?.Cn, 8);
        raw.Qn = Clip(packet?.Qn, 32);
        if (!frame.IsPacket)
            Quarantine(raw, QuarantineReason.Malformed, "framing: " + frame.FramingRejection);
        else if (packet is null)
        {
            var r = parsed!.Rejection!.Value;
            var reason = r.Reason is Hj212RejectReason.CrcMismatch or Hj212RejectReason.BadCrcField ? QuarantineReason.CrcMismatch : QuarantineReason.Malformed;
            Quarantine(raw, reason, $"{r.Code} at byte {r.Position}{(r.Detail is null ? "" : ": " + r.Detail)}");
        }
        return new Work { Raw = raw, Packet = packet, Parsed = parsed };
    }

    private async Task<bool> HandleAsync(List<Work> work, NetworkStream stream, CancellationToken stop)
    {
        foreach (var w in work)
            if (w.Packet is { } p) await ClassifyAsync(w, p, stop);
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

    private async Task ClassifyAsync(Work w, Hj212Packet p, CancellationToken ct)
    {
        var device = string.IsNullOrEmpty(p.Mn) || p.Mn.Length > 64 ? null : await _devices.FindAsync(p.Mn, ct);
        if (device is null) { Quarantine(w.Raw, QuarantineReason.UnknownMn, $"MN '{p.Mn}' is not registered"); return; }
        if (!device.Enabled) { Quarantine(w.Raw, QuarantineReason.DeviceDisabled, $"device {p.Mn} is disabled"); return; }
        if (!string.Equals(p.Pw, device.Password, StringComparison.Ordinal)) { Quarantine(w.Raw, QuarantineReason.WrongPassword, $"PW does not match the registered password of {p.Mn}"); return; }
        if (p.Command is null) { Quarantine(w.Raw, QuarantineReason.UnsupportedCommand, $"CN {p.Cn} is not an HJ 212 command"); return; }
        if (PacketDecoder.PeriodOf(p.Cn) is not null)
        {
            var (obs, error) = PacketDecoder.Decode(p, device.SiteId, device.Mn);
            if (error is not null) { Quarantine(w.Raw, QuarantineReason.Malformed, error); return; }
            w.Observations = obs;
        }
        w.Raw.Status = PacketStatus.Accepted;
        w.Ack = p.AckRequested && !p.Cn.StartsWith('9');
    }

    private void Quarantine(RawPacket raw, QuarantineReason reason, string detail)
    {
        raw.Status = PacketStatus.Quarantined;
        raw.QuarantineReason = reason;
        raw.QuarantineDetail = Clip(detail, 512);
        _log.LogInformation("quarantined packet from {Peer}: {Reason} {Detail}", _peer, reason, detail);
    }

    private static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    [GeneratedRegex("MN=([^;,&]*)")]
    private static partial Regex MnPattern();
}
