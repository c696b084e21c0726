using System.Net;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Intake;

/// <summary>
/// How much quarantine the HJ 212 gateway stores per window (issue 14 item 1): per source IP address and in total, in
/// rows and in bytes. Within the quota every quarantined frame is stored as a <c>raw_packets</c> row (the examples);
/// beyond it the frame is only counted in <c>quarantine_tallies</c> (the truth: frames, bytes, stored, per window,
/// address and reason). Immutable; thread-safe. Every default is a SmartEnv rule (the standard is silent); the reasons
/// are in docs/gateway.md "Quarantine quota".
/// </summary>
public sealed record QuarantineQuotaOptions
{
    /// <summary>Length of a quota window; windows are aligned to multiples of it since 1970-01-01 UTC. Defaults to
    /// 10 min: short enough that a logger fixed by its owner shows its new faults within minutes, long enough that a
    /// flood is cut after its first seconds.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Quarantine rows stored per source address per window. Defaults to 100: a misconfigured logger (wrong
    /// PW, unregistered MN) reporting every 30 s sends 20 packets in 10 min, so five such loggers behind one address are
    /// all kept whole; beyond that the rows are examples.</summary>
    public int RowsPerAddress { get; init; } = 100;

    /// <summary>Bytes of quarantine rows (text + detail + diagnostics, UTF-8) stored per source address per window.
    /// Defaults to 256 KiB: 100 rows of a 2 KiB framing rejection or 250 whole standard packets (≤ 1036 bytes).</summary>
    public long BytesPerAddress { get; init; } = 256 * 1024;

    /// <summary>Quarantine rows stored per window from all addresses together. Defaults to 1,000 (10 × the per-address
    /// quota): the store grows by at most 6,000 rows an hour under any flood.</summary>
    public int Rows { get; init; } = 1_000;

    /// <summary>Bytes of quarantine rows stored per window from all addresses together. Defaults to 2 MiB: at most
    /// 12 MiB an hour, 288 MiB a day of quarantine text under a sustained flood from many addresses (before this quota
    /// one client grew the store by ~830 MB a minute); the retention purge keeps the total bounded.</summary>
    public long Bytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>Distinct source addresses counted separately per window; frames of further addresses are counted
    /// together under <see cref="QuarantineTally.OtherAddresses"/> (and share one per-address quota). Defaults to 1,024,
    /// so the counters themselves stay bounded (at most 1,025 × 8 reasons rows per window).</summary>
    public int TrackedAddresses { get; init; } = 1_024;
}

/// <summary>
/// Decides, per quarantined frame, whether its row is stored (within <see cref="QuarantineQuotaOptions"/>) and counts it
/// either way. Windows are taken from the frames' receive times. Completed windows are handed out by
/// <see cref="TakeTallies"/> for storage. Thread-safe (one lock; the work under it is a few dictionary operations).
/// </summary>
public sealed class QuarantineQuota
{
    private readonly QuarantineQuotaOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<string, (int Rows, long Bytes)> _used = new();
    private readonly Dictionary<(string Address, QuarantineReason Reason), QuarantineTally> _tallies = new();
    private readonly List<QuarantineTally> _completed = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _rows;
    private long _bytes;

    /// <summary>Creates the quota.</summary>
    /// <param name="options">Limits.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is not positive.</exception>
    public QuarantineQuota(QuarantineQuotaOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero);
    }

    /// <summary>The source address a peer text (<c>127.0.0.1:5312</c>, <c>[2001:db8::7]:5312</c>) is counted under: the
    /// IPv4 address (IPv4-mapped IPv6 as IPv4) or the IPv6 /64 prefix (<c>2001:db8::/64</c>); the text itself when it is
    /// not an endpoint.</summary>
    /// <param name="peer">Remote endpoint text.</param>
    public static string AddressOf(string? peer)
    {
        if (string.IsNullOrEmpty(peer)) return "?";
        if (IPEndPoint.TryParse(peer, out var ep))
        {
            var a = ep.Address;
            if (a.IsIPv4MappedToIPv6) return a.MapToIPv4().ToString();
            if (a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return a.ToString();
            var bytes = a.GetAddressBytes();
            Array.Clear(bytes, 8, 8); // one IPv6 host or subscriber usually has a whole /64 (RFC 6177): count the prefix
            return new IPAddress(bytes) + "/64";
        }
        return peer.Length > QuarantineTally.AddressLength ? peer[..QuarantineTally.AddressLength] : peer;
    }

    /// <summary>Counts a quarantined frame and says whether its row may be stored.</summary>
    /// <param name="peer">Remote endpoint text (the address is taken from it).</param>
    /// <param name="reason">Quarantine reason.</param>
    /// <param name="bytes">Bytes of the row.</param>
    /// <param name="received">Receive time (chooses the window).</param>
    /// <returns>True when the row is within the quota and should be stored.</returns>
    public bool Admit(string? peer, QuarantineReason reason, long bytes, DateTimeOffset received)
    {
        var address = AddressOf(peer);
        var windowTicks = _options.Window.Ticks;
        var utc = received.ToUniversalTime();
        var start = new DateTimeOffset(utc.Ticks - (utc.Ticks - DateTimeOffset.UnixEpoch.Ticks) % windowTicks, TimeSpan.Zero);
        lock (_gate)
        {
            if (start > _windowStart) Roll(start);
            else if (start < _windowStart) start = _windowStart; // a late frame of a past window counts in the current one
            if (!_used.ContainsKey(address) && _used.Count >= _options.TrackedAddresses) address = QuarantineTally.OtherAddresses;
            _used.TryGetValue(address, out var used);
            var store = used.Rows < _options.RowsPerAddress && used.Bytes + bytes <= _options.BytesPerAddress
                && _rows < _options.Rows && _bytes + bytes <= _options.Bytes;
            if (store)
            {
                _used[address] = (used.Rows + 1, used.Bytes + bytes);
                _rows++;
                _bytes += bytes;
            }
            else if (!_used.ContainsKey(address)) _used[address] = used;
            if (!_tallies.TryGetValue((address, reason), out var t))
            {
                t = new QuarantineTally { Address = address, Reason = reason, WindowStart = start, WindowEnd = start + _options.Window };
                _tallies[(address, reason)] = t;
            }
            t.Frames++;
            t.Bytes += bytes;
            if (store) t.Stored++;
            return store;
        }
    }

    private void Roll(DateTimeOffset start)
    {
        _completed.AddRange(_tallies.Values);
        _tallies.Clear();
        _used.Clear();
        _rows = 0;
        _bytes = 0;
        _windowStart = start;
    }

    /// <summary>Takes the counts of completed windows (and, with <paramref name="includeCurrent"/>, of the current one,
    /// whose counting then restarts from zero in new rows) for storage. Returns new objects each time.</summary>
    /// <param name="includeCurrent">Also the window still running (at shutdown).</param>
    public List<QuarantineTally> TakeTallies(bool includeCurrent)
    {
        lock (_gate)
        {
            var taken = new List<QuarantineTally>(_completed);
            _completed.Clear();
            if (includeCurrent)
            {
                taken.AddRange(_tallies.Values);
                _tallies.Clear(); // the quota used stays: only the counters restart
            }
            return taken;
        }
    }

    /// <summary>Puts back counts that could not be stored (the store was down), to be stored with the next ones; at
    /// most <paramref name="keepAtMost"/> rows are held (the oldest beyond it are dropped).</summary>
    /// <param name="tallies">What <see cref="TakeTallies"/> returned.</param>
    /// <param name="keepAtMost">Cap of held rows.</param>
    /// <returns>Rows dropped.</returns>
    public int PutBack(IReadOnlyList<QuarantineTally> tallies, int keepAtMost = 100_000)
    {
        lock (_gate)
        {
            _completed.InsertRange(0, tallies.Select(t => new QuarantineTally
            {
                Address = t.Address, Reason = t.Reason, WindowStart = t.WindowStart, WindowEnd = t.WindowEnd, Frames = t.Frames, Bytes = t.Bytes, Stored = t.Stored,
            }));
            var drop = Math.Max(0, _completed.Count - keepAtMost);
            _completed.RemoveRange(0, drop);
            return drop;
        }
    }
}
