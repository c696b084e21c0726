namespace SmartEnv.Hj212;

/// <summary>
/// Joins split packets (Flag bit D, PNUM/PNO; HJ 212-2017 table 3, C.47–C.50) into one record keyed by
/// <see cref="Hj212SplitKey"/> (MN, CN, DataTime, PNUM), never by QN. Parts may arrive in any order and more than
/// once. The joined record has the first part's header with Flag bit D cleared and no PNUM/PNO, and the parts' CP
/// entries in PNO order with repeated DataTime entries dropped. Acknowledging each part (9014 with that part's QN) is
/// the caller's job and does not wait for reassembly. One instance per connection or per device; not thread-safe.
/// </summary>
public sealed class Hj212SplitReassembler
{
    private sealed class Pending
    {
        public required Hj212Packet?[] Parts;
        public int Count;
        public DateTimeOffset FirstSeen;
    }

    private readonly Dictionary<Hj212SplitKey, Pending> _pending = [];
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    /// <summary>Creates a reassembler.</summary>
    /// <param name="timeout">How long an incomplete record is kept after its first part (e.g. 10 min); must be positive.</param>
    /// <param name="time">Clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    public Hj212SplitReassembler(TimeSpan timeout, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Incomplete records held.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Adds an accepted packet.</summary>
    /// <param name="packet">The packet.</param>
    /// <returns>The status and, when complete or not split, the record.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="packet"/> is null.</exception>
    public Hj212ReassemblyResult Add(Hj212Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.Pnum is not { } pnum || packet.Pno is not { } pno || pnum <= 1 || pno > pnum)
            return new(Hj212ReassemblyStatus.NotSplit, packet, [packet.Qn]);
        var key = new Hj212SplitKey(packet.Mn, packet.Cn, packet.DataTimeText, pnum);
        if (!_pending.TryGetValue(key, out var p))
        {
            p = new Pending { Parts = new Hj212Packet?[pnum], FirstSeen = _time.GetUtcNow() };
            _pending[key] = p;
        }
        if (p.Parts[pno - 1] is not null) return new(Hj212ReassemblyStatus.Duplicate, null, []);
        p.Parts[pno - 1] = packet;
        p.Count++;
        if (p.Count < pnum) return new(Hj212ReassemblyStatus.Pending, null, []);
        _pending.Remove(key);
        return new(Hj212ReassemblyStatus.Complete, Join(p.Parts!), p.Parts.Select(x => x!.Qn).ToArray());
    }

    /// <summary>Drops incomplete records older than the timeout and returns their keys (for a log line or a
    /// "missing parts" counter; the stored parts are lost).</summary>
    public IReadOnlyList<Hj212SplitKey> EvictExpired()
    {
        var now = _time.GetUtcNow();
        var old = _pending.Where(kv => now - kv.Value.FirstSeen >= _timeout).Select(kv => kv.Key).ToList();
        foreach (var k in old) _pending.Remove(k);
        return old;
    }

    private static Hj212Packet Join(Hj212Packet[] parts)
    {
        var first = parts[0];
        var cp = new List<Hj212CpEntry>(parts.Sum(x => x.Cp.Count));
        bool haveDataTime = false;
        foreach (var part in parts)
            foreach (var e in part.Cp)
            {
                bool isDataTime = e.Code is null && e.Key.Equals("DataTime", StringComparison.OrdinalIgnoreCase);
                if (isDataTime && haveDataTime) continue;
                haveDataTime |= isDataTime;
                cp.Add(e);
            }
        return new Hj212Packet
        {
            Qn = first.Qn, St = first.St, Cn = first.Cn, Pw = first.Pw, Mn = first.Mn,
            Flag = first.Flag is { } f ? f & ~2 : null, Cp = cp, TimeZoneOffset = first.TimeZoneOffset,
        };
    }
}
