namespace SmartEnv.Gateway;

/// <summary>
/// The gateway's global bound on packets in flight (issue 15 goal 3): a frame holds one slot from the moment it is cut
/// from a connection's buffer until its commit has finished (<see cref="GatewayOptions.MaxInFlightPackets"/> slots
/// across all connections). A connection that cannot get a slot waits without reading its socket, so the backlog stays
/// in the kernel's socket buffers and TCP flow control slows the logger; nothing queues without bound in the process.
/// Waiters are served strictly first come, first served, and <see cref="TryAcquire"/> never takes a slot while anyone
/// waits: a connection with a long backlog gets one slot per turn, as every other waiting connection does (round robin
/// among waiting connections), so no logger is starved. Thread-safe.
/// </summary>
public sealed class InFlightGate
{
    private readonly object _lock = new();
    private readonly LinkedList<(TaskCompletionSource Handover, string? Holder)> _waiters = new();
    private readonly int _capacity;
    private int _free;
    private int _peak;

    /// <summary>Creates a gate with <paramref name="capacity"/> slots.</summary>
    /// <param name="capacity">Slots, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is below 1.</exception>
    public InFlightGate(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _free = capacity;
    }

    /// <summary>Slots in all.</summary>
    public int Capacity => _capacity;

    /// <summary>Slots held now (packets in flight).</summary>
    public int InUse { get { lock (_lock) return _capacity - _free; } }

    /// <summary>The most slots held at once since start (tests and metrics read it).</summary>
    public int Peak { get { lock (_lock) return _peak; } }

    /// <summary>Connections waiting for a slot now.</summary>
    public int Waiting { get { lock (_lock) return _waiters.Count; } }

    /// <summary>Raised at the moment a slot is assigned (taken at once, or handed over to a waiter), in the order of
    /// assignment, with the holder named by the caller (the gateway names the connection's peer address). Raised under
    /// the gate's lock, so the order of calls is the order of assignment — independent of when the waiter's task next
    /// runs; a handler must be quick and must not call back into the gate. For diagnostics and tests (the fairness of
    /// the queue is asserted on it); null by default.</summary>
    public event Action<string?>? Granted;

    /// <summary>Takes a slot if one is free and nobody is waiting (never jumps the queue).</summary>
    /// <param name="holder">Who takes it, for <see cref="Granted"/> only (the gateway: the connection's peer).</param>
    /// <returns>True when a slot was taken (give it back with <see cref="Release"/>).</returns>
    public bool TryAcquire(string? holder = null)
    {
        lock (_lock)
        {
            if (_free == 0 || _waiters.Count > 0) return false;
            Take(holder);
            return true;
        }
    }

    /// <summary>Waits for a slot, first come, first served.</summary>
    /// <param name="ct">Cancellation of the wait (the slot is not taken then).</param>
    /// <param name="holder">Who waits, for <see cref="Granted"/> only (the gateway: the connection's peer).</param>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled before a slot was handed over.</exception>
    public Task WaitAsync(CancellationToken ct, string? holder = null)
    {
        TaskCompletionSource tcs;
        LinkedListNode<(TaskCompletionSource, string?)> node;
        lock (_lock)
        {
            if (_free > 0 && _waiters.Count == 0) { Take(holder); return Task.CompletedTask; }
            ct.ThrowIfCancellationRequested();
            tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast((tcs, holder));
        }
        if (ct.CanBeCanceled)
        {
            var registration = ct.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is null) return; // the slot was handed over already: the waiter owns it
                    _waiters.Remove(node);
                }
                tcs.TrySetCanceled(ct);
            });
            _ = tcs.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return tcs.Task;
    }

    /// <summary>Gives back <paramref name="count"/> slots; each goes to the longest waiter, if any.</summary>
    /// <param name="count">Slots to give back (0 does nothing).</param>
    public void Release(int count = 1)
    {
        if (count <= 0) return;
        List<TaskCompletionSource>? wake = null;
        lock (_lock)
        {
            for (var i = 0; i < count; i++)
            {
                if (_waiters.First is { } first)
                {
                    _waiters.RemoveFirst(); // the slot passes to the waiter: still in use
                    Granted?.Invoke(first.Value.Holder);
                    (wake ??= []).Add(first.Value.Handover);
                }
                else if (_free < _capacity) _free++;
            }
        }
        if (wake is not null) foreach (var w in wake) w.TrySetResult();
    }

    private void Take(string? holder)
    {
        _free--;
        if (_capacity - _free > _peak) _peak = _capacity - _free;
        Granted?.Invoke(holder);
    }
}
