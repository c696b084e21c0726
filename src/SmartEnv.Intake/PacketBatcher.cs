using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SmartEnv.Storage;
using SmartEnv.Telemetry;

namespace SmartEnv.Intake;

/// <summary>
/// Group commit: connections submit packets; one loop takes up to <see cref="IntakeOptions.MaxBatch"/> waiting
/// packets, stores them in one transaction and completes each submission only after the commit (so the 9014 is sent
/// after the data is durable). The queue is bounded (<see cref="IntakeOptions.MaxQueuedPackets"/>): when storage
/// falls behind, submitters wait, and so stop reading their sockets. If a batch fails, its packets are retried one by
/// one so a single bad packet cannot block the others. Thread-safe.
/// </summary>
public sealed class PacketBatcher : IAsyncDisposable
{
    private readonly Channel<(PacketWrite Write, TaskCompletionSource<bool> Done)> _queue;
    private readonly ObservationWriter _writer;
    private readonly int _maxBatch;
    private readonly ILogger _log;
    private readonly Action<IReadOnlyList<PacketWrite>>? _committed;
    private readonly Task _loop;
    private readonly Func<Task<bool>>? _probe;

    /// <summary>Starts the commit loop.</summary>
    /// <param name="writer">Storage writer.</param>
    /// <param name="options">Batch and queue sizes.</param>
    /// <param name="log">Logger.</param>
    /// <param name="probe">Asked after a transaction in which nothing could be stored whether the store itself can
    /// commit (e.g. a write transaction rolled back): a packet the store refuses (a bad value) must not make the gateway
    /// stop accepting; only a store that cannot commit does. Null: any such failure counts as "cannot commit".</param>
    public PacketBatcher(ObservationWriter writer, IntakeOptions options, ILogger log, Func<Task<bool>>? probe = null)
    {
        _probe = probe;
        _writer = writer;
        _maxBatch = options.MaxBatch;
        _log = log;
        _committed = options.Committed;
        _queue = Channel.CreateBounded<(PacketWrite, TaskCompletionSource<bool>)>(new BoundedChannelOptions(options.MaxQueuedPackets)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(LoopAsync);
        SmartEnvMetrics.ObserveQueue("intake", this, static b => b._queue.Reader.Count);
    }

    /// <summary>Packets committed so far.</summary>
    public long Committed => Interlocked.Read(ref _committedCount);

    /// <summary>Transactions committed so far.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    private long _committedCount, _batches;
    private volatile bool _canCommit = true;

    /// <summary>False after a transaction failed (store unreachable, full, locked) until one succeeds or
    /// <see cref="MarkCanCommit"/> is called after a successful probe (issue 14 item 5: the gateway stops accepting
    /// while this is false).</summary>
    public bool CanCommit => _canCommit;

    /// <summary>Records the outcome of a probe of the store (<see cref="StoreIntake.ProbeCommitAsync"/>).</summary>
    /// <param name="ok">Whether a write transaction succeeded.</param>
    public void MarkCanCommit(bool ok) => _canCommit = ok;

    /// <summary>Runs the commit callback for the batch; if it throws, again packet by packet, so one packet the callback
    /// cannot handle does not hold back the others of its batch.</summary>
    private void Notify(IReadOnlyList<PacketWrite> writes)
    {
        if (_committed is null) return;
        try { _committed(writes); }
        catch (Exception ex)
        {
            if (writes.Count == 1) { _log.LogError(SmartEnvLogEvents.CommitCallbackFailed, ex, "commit callback failed for packet from {Mn}", writes[0].Raw.Mn); return; }
            _log.LogWarning(SmartEnvLogEvents.CommitCallbackFailed, ex, "commit callback failed for a batch of {Count} packets; retrying packet by packet", writes.Count);
            foreach (var w in writes)
            {
                try { _committed([w]); }
                catch (Exception one) { _log.LogError(SmartEnvLogEvents.CommitCallbackFailed, one, "commit callback failed for packet from {Mn}", w.Raw.Mn); }
            }
        }
    }

    /// <summary>Queues a packet and returns when its transaction has committed (true) or failed (false).</summary>
    /// <param name="write">Raw packet and observations.</param>
    /// <param name="ct">Cancellation of the wait for queue space.</param>
    public async Task<bool> SubmitAsync(PacketWrite write, CancellationToken ct)
    {
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync((write, done), ct);
        return await done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<(PacketWrite Write, TaskCompletionSource<bool> Done)>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count == 0) continue;
            try
            {
                var writes = batch.Select(b => b.Write).ToList();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await _writer.WriteAsync(writes);
                SmartEnvMetrics.BatchCommitted(writes.Count, started);
                foreach (var w in writes) SmartEnvMetrics.Packet(w.Raw.Status == Storage.Entities.PacketStatus.Accepted ? "stored" : "quarantined", w.Raw.QuarantineReason);
                Interlocked.Add(ref _committedCount, batch.Count);
                Interlocked.Increment(ref _batches);
                _canCommit = true;
                Notify(writes); // before the answers go out, so whoever sees a 9014 also sees the evaluation queued
                foreach (var b in batch) b.Done.TrySetResult(true);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                _log.LogWarning(SmartEnvLogEvents.BatchFailed, ex, "batch of {Count} packets failed; retrying one by one", batch.Count);
                var any = false;
                foreach (var b in batch)
                {
                    try
                    {
                        b.Write.Raw.Id = 0;
                        await _writer.WriteAsync([b.Write]);
                        SmartEnvMetrics.Packet(b.Write.Raw.Status == Storage.Entities.PacketStatus.Accepted ? "stored" : "quarantined", b.Write.Raw.QuarantineReason);
                        Interlocked.Increment(ref _committedCount);
                        Notify([b.Write]);
                        any = true;
                        b.Done.TrySetResult(true);
                    }
                    catch (Exception one)
                    {
                        _log.LogError(SmartEnvLogEvents.PacketNotStored, one, "packet from {Mn} could not be stored", b.Write.Raw.Mn);
                        SmartEnvMetrics.Packet("failed", b.Write.Raw.QuarantineReason);
                        b.Done.TrySetResult(false);
                    }
                }
                _canCommit = any || await ProbeAsync();
            }
            catch (Exception ex)
            {
                _log.LogError(SmartEnvLogEvents.PacketNotStored, ex, "packet from {Mn} could not be stored", batch[0].Write.Raw.Mn);
                SmartEnvMetrics.Packet("failed", batch[0].Write.Raw.QuarantineReason);
                _canCommit = await ProbeAsync();
                batch[0].Done.TrySetResult(false);
            }
        }
    }

    private async Task<bool> ProbeAsync()
    {
        if (_probe is null) return false;
        try { return await _probe(); }
        catch (Exception ex)
        {
            _log.LogWarning(SmartEnvLogEvents.StoreProbeFailed, ex, "store probe failed");
            return false;
        }
    }

    /// <summary>Stops accepting packets, stores what is queued, and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
