using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Hj212;
using SmartEnv.Hj212.Intake;
using SmartEnv.Storage;
using SmartEnv.Telemetry;

namespace SmartEnv.Intake;

/// <summary>
/// The store behind the HJ 212 gateway: <see cref="PacketIntake"/>'s trust decisions against the
/// <see cref="DeviceRegistry"/>, then group commit (<see cref="PacketBatcher"/>) into <c>raw_packets</c> and the
/// observations (docs/gateway.md "What happens to a frame"). Quarantined frames are stored within the
/// <see cref="QuarantineQuota"/> and counted in <c>quarantine_tallies</c> either way (docs/gateway.md "Quarantine
/// quota"). <see cref="CanCommit"/> turns false when a transaction fails and true again after one succeeds or
/// <see cref="ProbeCommitAsync"/> does. Dispose after the transport stopped: it stores what is queued and the counts.
/// Thread-safe.
/// </summary>
public sealed class StoreIntake : IHj212Intake, IAsyncDisposable
{
    private readonly IntakeOptions _options;
    private readonly DeviceRegistry _devices;
    private readonly PacketBatcher _batcher;
    private readonly SmartEnvStore _store;
    private readonly QuarantineQuota _quota;
    private readonly Microsoft.Extensions.Logging.ILogger _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _flush;
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly RecentCommits _recent = new();
    private readonly PasswordDigestFile? _digests;
    private long _notStored, _resends;
    private int _disposed;

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
            _options.PasswordLimits is { } limits ? new PasswordGuard(limits) : null, _options.PasswordLocked, log, _options.UnknownDeviceCacheTime,
            _digests = _options.PasswordDigestDirectory is { } dir ? new PasswordDigestFile(dir) : null);
        _options.PasswordNotices?.Subscribe(_devices.RememberVerified);
        // The device table is loaded once up front, so the first wave of connections finds its devices in memory.
        _ = _devices.LoadAsync(CancellationToken.None).ContinueWith(t => log.LogWarning(t.Exception, "device table could not be loaded at start"),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        _store = store;
        _batcher = new PacketBatcher(new ObservationWriter(store, time) { EvaluationDayOf = _options.EvaluationDayOf }, _options, log, () => ProbeStoreAsync(CancellationToken.None));
        _log = log;
        _time = time;
        _quota = new QuarantineQuota(_options.QuarantineQuota);
        _flush = Task.Run(FlushLoopAsync);
    }

    /// <summary>Quarantined frames counted but not stored (beyond the quota) since start.</summary>
    public long QuarantineNotStored => Interlocked.Read(ref _notStored);

    /// <summary>Resends of a packet this process committed recently (same MN, QN and text) answered from
    /// <see cref="RecentCommits"/> without storing them again, since start.</summary>
    public long ResendsAnswered => Interlocked.Read(ref _resends);

    /// <inheritdoc />
    public bool CanCommit => _batcher.CanCommit;

    /// <summary>Probes the store with a write transaction that inserts a <c>raw_packets</c> row and rolls it back (it
    /// takes the same locks as a commit and needs the store reachable), and records the result in
    /// <see cref="CanCommit"/>.</summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>True when the transaction got as far as the rollback.</returns>
    public async Task<bool> ProbeCommitAsync(CancellationToken ct)
    {
        var ok = await ProbeStoreAsync(ct);
        _batcher.MarkCanCommit(ok);
        return ok;
    }

    private async Task<bool> ProbeStoreAsync(CancellationToken ct)
    {
        try
        {
            await using var db = _store.CreateContext();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.RawPackets.Add(new Storage.Entities.RawPacket
            {
                Text = "probe", ReceivedAt = _time.GetUtcNow().ToUniversalTime(), Peer = "probe", Status = Storage.Entities.PacketStatus.Quarantined,
            });
            await db.SaveChangesAsync(ct);
            await tx.RollbackAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _log.LogDebug(ex, "commit probe failed");
            return false;
        }
    }

    private async Task FlushLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(_options.TallyFlushInterval, _stop.Token); }
            catch (OperationCanceledException) { return; }
            await FlushTalliesAsync(includeCurrent: false);
            SaveDigests();
        }
    }

    /// <summary>Writes the quarantine counts of completed windows (and with <paramref name="includeCurrent"/> of the
    /// running one) to <c>quarantine_tallies</c>; on a store failure they are kept for the next flush.</summary>
    /// <param name="includeCurrent">Also the running window.</param>
    public async Task FlushTalliesAsync(bool includeCurrent)
    {
        await _flushGate.WaitAsync();
        try
        {
            var tallies = _quota.TakeTallies(includeCurrent);
            if (tallies.Count == 0) return;
            try
            {
                await using var db = _store.CreateContext();
                db.QuarantineTallies.AddRange(tallies);
                await db.SaveChangesAsync();
            }
            catch (Exception ex)
            {
                var dropped = _quota.PutBack(tallies);
                _log.LogWarning(SmartEnvLogEvents.TalliesNotStored, ex, "quarantine counts could not be stored ({Count} rows kept for the next flush, {Dropped} dropped)", tallies.Count, dropped);
            }
        }
        finally { _flushGate.Release(); }
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
    /// <remarks>An accepted packet this process committed recently (same MN, QN and text: a logger resending after a
    /// lost or late 9014) is not stored again; true is returned at once, so the transport answers it (issue 15 goal 3).</remarks>
    public Task<bool> CommitAsync(IntakeFrame frame, CancellationToken ct)
    {
        var w = Own(frame);
        if (w.Accepted && w.Raw.Mn is { } mn)
        {
            if (_recent.Contains(mn, w.Raw.Qn, w.Raw.Text))
            {
                Interlocked.Increment(ref _resends);
                SmartEnvMetrics.Packet("duplicate");
                return Task.FromResult(true);
            }
            return CommitAcceptedAsync(w, mn, ct);
        }
        if (!w.Accepted && w.Raw.QuarantineReason is { } reason)
        {
            var r = w.Raw;
            var bytes = System.Text.Encoding.UTF8.GetByteCount(r.Text) + (r.QuarantineDetail?.Length ?? 0) + (r.FramingDiagnostics?.Length ?? 0) + (r.Peer?.Length ?? 0);
            if (!_quota.Admit(r.Peer, reason, bytes, r.ReceivedAt))
            {
                // Counted, not stored: no answer is owed for a quarantined frame, so there is nothing to wait for.
                Interlocked.Increment(ref _notStored);
                SmartEnvMetrics.Packet("quarantine_counted", reason);
                return Task.FromResult(true);
            }
        }
        return _batcher.SubmitAsync(new PacketWrite(w.Raw, w.Observations), ct);
    }

    private async Task<bool> CommitAcceptedAsync(IntakePacket w, string mn, CancellationToken ct)
    {
        var ok = await _batcher.SubmitAsync(new PacketWrite(w.Raw, w.Observations), ct);
        if (ok) _recent.Add(mn, w.Raw.Qn, w.Raw.Text);
        return ok;
    }

    /// <summary>Stores what is queued, stops the commit loop and stores the quarantine counts.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _batcher.DisposeAsync();
        _stop.Cancel();
        await _flush;
        await FlushTalliesAsync(includeCurrent: true);
        SaveDigests();
        _stop.Dispose();
    }

    private void SaveDigests()
    {
        try { _digests?.Save(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning(ex, "verified device PWs could not be saved (kept in memory for the next try)");
        }
    }

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
