using SmartEnv.Gateway;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// The gateway's in-flight bound on its own: slots handed over first come, first served, never taken past a waiter, a
/// cancelled wait takes nothing, and <see cref="InFlightGate.Granted"/> reports assignments in their order (what the
/// loopback fairness test reads). Single-threaded and deterministic: the order is decided under the gate's lock.
/// </summary>
public sealed class InFlightGateTests
{
    [Fact]
    public async Task Waiters_get_released_slots_in_arrival_order_and_no_one_jumps_the_queue()
    {
        var gate = new InFlightGate(2);
        var log = new List<string?>();
        gate.Granted += h => log.Add(h);
        Assert.True(gate.TryAcquire("a"));
        await gate.WaitAsync(CancellationToken.None, "a"); // free slot, nobody waiting: at once
        var b = gate.WaitAsync(CancellationToken.None, "b");
        var c = gate.WaitAsync(CancellationToken.None, "c");
        Assert.Equal(2, gate.Waiting);
        Assert.False(gate.TryAcquire("d")); // full
        gate.Release();
        await b;
        Assert.False(c.IsCompleted);
        Assert.False(gate.TryAcquire("d")); // full again: the slot went to b, not to the free pool
        gate.Release();
        await c;
        Assert.Equal(2, gate.InUse);
        gate.Release(2);
        Assert.Equal(0, gate.InUse);
        Assert.Equal(["a", "a", "b", "c"], log);
    }

    [Fact]
    public async Task A_free_slot_is_not_taken_past_a_waiter()
    {
        var gate = new InFlightGate(1);
        Assert.True(gate.TryAcquire());
        var waiter = gate.WaitAsync(CancellationToken.None, "w");
        gate.Release(); // handed to the waiter: never free in between
        Assert.False(gate.TryAcquire("late"));
        await waiter;
        Assert.Equal(1, gate.InUse);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_slot_and_leaves_the_queue()
    {
        var gate = new InFlightGate(1);
        var log = new List<string?>();
        gate.Granted += h => log.Add(h);
        Assert.True(gate.TryAcquire("a"));
        using var cts = new CancellationTokenSource();
        var cancelled = gate.WaitAsync(cts.Token, "x");
        var next = gate.WaitAsync(CancellationToken.None, "y");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, gate.Waiting);
        gate.Release();
        await next;
        Assert.Equal(["a", "y"], log);
        Assert.Equal(1, gate.InUse);
    }
}
