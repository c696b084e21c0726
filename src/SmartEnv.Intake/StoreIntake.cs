using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Hj212;
using SmartEnv.Hj212.Intake;
using SmartEnv.Storage;

namespace SmartEnv.Intake;

/// <summary>
/// The store behind the HJ 212 gateway: <see cref="PacketIntake"/>'s trust decisions against the
/// <see cref="DeviceRegistry"/>, then group commit (<see cref="PacketBatcher"/>) into <c>raw_packets</c> and the
/// observations (docs/gateway.md "What happens to a frame"). Dispose after the transport stopped: it stores what is
/// queued. Thread-safe.
/// </summary>
public sealed class StoreIntake : IHj212Intake, IAsyncDisposable
{
    private readonly IntakeOptions _options;
    private readonly DeviceRegistry _devices;
    private readonly PacketBatcher _batcher;

    /// <summary>Creates the intake and starts its commit loop.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="time">Clock of the device cache and the receipt times; system clock when null.</param>
    public StoreIntake(SmartEnvStore store, IntakeOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _options = options ?? new IntakeOptions();
        time ??= TimeProvider.System;
        var log = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SmartEnv.Intake");
        _devices = new DeviceRegistry(store, _options.DeviceCacheTime, time,
            _options.PasswordLimits is { } limits ? new PasswordGuard(limits) : null, _options.PasswordLocked, log);
        _batcher = new PacketBatcher(new ObservationWriter(store, time), _options, log);
    }

    /// <summary>The device registry (PW checks and their limits).</summary>
    public DeviceRegistry Devices => _devices;

    /// <summary>Packets committed so far.</summary>
    public long PacketsCommitted => _batcher.Committed;

    /// <summary>Storage transactions committed so far.</summary>
    public long Batches => _batcher.Batches;

    /// <inheritdoc />
    public IntakeFrame Cut(in Hj212Frame frame, DateTimeOffset receivedAt, string peer, ReadOnlySequence<byte> restOfBuffer = default, int keepAtMost = int.MaxValue)
    {
        var w = PacketIntake.Cut(frame, receivedAt, peer, _options, keepAtMost);
        if (frame.FramingRejection == Hj212RejectReason.FrameTooLarge) KeepHead(w.Raw, frame.Raw, restOfBuffer, keepAtMost);
        return w;
    }

    /// <inheritdoc />
    public ValueTask ClassifyAsync(IntakeFrame frame, CancellationToken ct) =>
        new(PacketIntake.ClassifyAsync(Own(frame), _devices, _options.FactorAliases, ct));

    /// <inheritdoc />
    public Task<bool> CommitAsync(IntakeFrame frame, CancellationToken ct)
    {
        var w = Own(frame);
        return _batcher.SubmitAsync(new PacketWrite(w.Raw, w.Observations), ct);
    }

    /// <summary>Stores what is queued and stops the commit loop.</summary>
    public ValueTask DisposeAsync() => _batcher.DisposeAsync();

    private static IntakePacket Own(IntakeFrame frame) =>
        frame as IntakePacket ?? throw new ArgumentException("not a frame of this intake", nameof(frame));

    // Text of an oversized frame: the framer gives only its "##"; keep that plus what follows in the buffer, capped at
    // MaxQuarantinedTextBytes, once.
    private void KeepHead(Storage.Entities.RawPacket raw, ReadOnlySequence<byte> header, ReadOnlySequence<byte> rest, int keepAtMost)
    {
        var total = header.Length + rest.Length;
        var head = new byte[Math.Min(total, Math.Min(_options.MaxQuarantinedTextBytes, keepAtMost))];
        header.Slice(0, Math.Min(header.Length, head.Length)).CopyTo(head);
        if (head.Length > header.Length) rest.Slice(0, head.Length - header.Length).CopyTo(head.AsSpan((int)header.Length));
        raw.Text = System.Text.Encoding.UTF8.GetString(head).TrimEnd('\r', '\n').Replace('\0', '\uFFFD');
        var diag = $"truncated={total};" + raw.FramingDiagnostics;
        raw.FramingDiagnostics = Storage.Entities.RawPacket.Fit(diag, Storage.Entities.RawPacket.FramingDiagnosticsLength);
    }
}
