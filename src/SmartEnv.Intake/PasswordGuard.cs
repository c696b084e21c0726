using System.Net;
using System.Net.Sockets;

namespace SmartEnv.Intake;

/// <summary>
/// Limits on wrong HJ 212 PWs (issue 14 item 4; docs/security.md "Device passwords and lockout"). HJ 212-2017 says only
/// that a packet with a wrong PW is not executed (§6.3 table 3, PW); it sets no limit. SmartEnv rule: every value below
/// is SmartEnv's choice, with the reason given at the option. Immutable; thread-safe.
/// </summary>
public sealed record PasswordGuardOptions
{
    /// <summary>Wrong PWs for one MN (from any address, with no accepted PW between) that lock the MN. Defaults to 5: a
    /// logger sends one PW, so a misconfigured one is caught after five packets and an attacker gets five guesses.</summary>
    public int MaxFailuresPerMn { get; init; } = 5;

    /// <summary>Wrong PWs from one address (an IPv4 address or an IPv6 /64, for any MNs) that lock the address. Defaults
    /// to 20: several loggers may share one carrier NAT address, so an address is allowed more than one MN.</summary>
    public int MaxFailuresPerAddress { get; init; } = 20;

    /// <summary>First lock time; each further lock of the same MN or address doubles it (1, 2, 4 … min) up to
    /// <see cref="MaxLockout"/>. Defaults to 1 min: a misconfigured logger fixed by staff is heard again within a minute.</summary>
    public TimeSpan BaseLockout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest lock. Defaults to 1 h: after six doublings an attacker gets one guess per hour per MN (about 24 a
    /// day; a 6-digit PW then takes on average over 50 years), and a logger locked by someone else's guesses is heard
    /// again at the latest an hour later (its unacknowledged data are resent, HJ 212-2017 §6.5).</summary>
    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Distinct addresses an MN's lock is limited to. While an MN is locked, its PW is still checked from an
    /// address that has sent no wrong PW for it (a working logger after a restart of the platform, or after its carrier
    /// gave it a new address), so one guesser cannot silence a station; a wrong PW from such an address adds it to the
    /// locked ones. Once wrong PWs for the MN came from more than this many addresses (a distributed guess), the lock holds
    /// for every address but the MN's known-good one. Defaults to 16: more addresses than one logger's carrier changes
    /// within a day, few enough that a distributed guesser gains at most 16 extra guesses per lock. SmartEnv rule.</summary>
    public int MaxLockedAddressesPerMn { get; init; } = 16;

    /// <summary>Failures are forgotten after this long without a new one (and with no lock running). Defaults to 24 h, so
    /// the back-off of a slow guesser keeps growing through a day.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Most addresses tracked at once; beyond it, addresses with no running lock and no failure within
    /// <see cref="BaseLockout"/> are dropped, and a new address is not tracked until there is room (the per-MN limit
    /// still holds). Defaults to 65,536 entries (a few MB).</summary>
    public int MaxTrackedAddresses { get; init; } = 65_536;
}

/// <summary>What <see cref="PasswordGuard"/> says about a PW check before it is made.</summary>
/// <param name="Locked">True when the PW must not be checked (the packet is quarantined as <c>password_locked</c>).</param>
/// <param name="Until">End of the lock (UTC) when locked.</param>
/// <param name="Key">What is locked: <c>MN X</c> or <c>address A</c>, for the quarantine detail.</param>
public readonly record struct PasswordGate(bool Locked, DateTimeOffset Until, string? Key);

/// <summary>A lock taken or a locked MN that authenticated again (for the 告警 and the log).</summary>
/// <param name="Mn">The MN.</param>
/// <param name="SiteId">Its site.</param>
/// <param name="Address">Address of the packet (IPv4 text or IPv6 /64).</param>
/// <param name="Failures">Wrong PWs counted for the MN (locked) or before the recovery.</param>
/// <param name="FirstFailureAt">When the counted failures began (UTC).</param>
/// <param name="At">The packet's receive time (UTC).</param>
/// <param name="LockedUntil">End of the lock, or null for a recovery (the MN sent its correct PW).</param>
public sealed record PasswordLockEvent(string Mn, long SiteId, string Address, int Failures, DateTimeOffset FirstFailureAt, DateTimeOffset At, DateTimeOffset? LockedUntil);

/// <summary>
/// Counts wrong PWs per MN and per sending address and locks either with a doubling back-off
/// (<see cref="PasswordGuardOptions"/>). While an MN or address is locked its PW is not even compared: the packet is
/// quarantined as <c>password_locked</c> and gets no answer, so guesses made during a lock learn nothing. The MN's lock
/// applies to the addresses that sent it a wrong PW (to every address once more than
/// <see cref="PasswordGuardOptions.MaxLockedAddressesPerMn"/> did), never to the address its correct PW last came from,
/// so a guesser elsewhere cannot silence a working logger, also after a restart or an address change; an address's own
/// limit still applies. An accepted PW does not clear the counts (time does, or a new PW set
/// by staff), so a guesser gains nothing from the logger's own traffic. State is in memory (a restart forgets it). Thread-safe (one lock;
/// each call is a few dictionary operations).
/// </summary>
public sealed class PasswordGuard
{
    private sealed class State
    {
        public int Failures;
        public int Locks;
        public DateTimeOffset FirstFailure;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;
        public string? GoodAddress; // MN only: where its correct PW last came from
        public HashSet<string>? FailedFrom; // MN only: addresses that sent a wrong PW for it (null once Distributed)
        public bool Distributed; // MN only: wrong PWs came from more than MaxLockedAddressesPerMn addresses
        public bool RecoveryReported; // MN only: the recovery after the latest lock was reported
    }

    private readonly PasswordGuardOptions _o;
    private readonly object _gate = new();
    private readonly Dictionary<string, State> _mns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, State> _addresses = new(StringComparer.Ordinal);

    /// <summary>Creates the guard.</summary>
    /// <param name="options">Limits; defaults when null.</param>
    public PasswordGuard(PasswordGuardOptions? options = null) => _o = options ?? new PasswordGuardOptions();

    /// <summary>The limits in use.</summary>
    public PasswordGuardOptions Options => _o;

    /// <summary>The key of a peer's address: the IPv4 address, or the /64 prefix of an IPv6 address (one subscriber
    /// usually holds a whole /64); null when <paramref name="peer"/> is not an IP endpoint (a file import).</summary>
    /// <param name="peer">Peer as stored, e.g. <c>127.0.0.1:53122</c> or <c>[2001:db8::1]:9000</c>.</param>
    public static string? AddressKey(string? peer)
    {
        if (peer is null || !IPEndPoint.TryParse(peer, out var ep)) return null;
        var a = ep.Address.IsIPv4MappedToIPv6 ? ep.Address.MapToIPv4() : ep.Address;
        if (a.AddressFamily != AddressFamily.InterNetworkV6) return a.ToString();
        var b = a.GetAddressBytes();
        Array.Clear(b, 8, 8);
        return new IPAddress(b) + "/64";
    }

    /// <summary>Whether the PW of a packet for <paramref name="mn"/> from <paramref name="address"/> may be checked now.</summary>
    /// <param name="mn">Registered MN.</param>
    /// <param name="address">Address key (<see cref="AddressKey"/>), or null (not limited by address).</param>
    /// <param name="now">Receive time.</param>
    public PasswordGate Check(string mn, string? address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mn);
        lock (_gate)
        {
            if (address is not null && _addresses.TryGetValue(address, out var a) && a.LockedUntil > now)
                return new PasswordGate(true, a.LockedUntil, "address " + address);
            if (_mns.TryGetValue(mn, out var m) && m.LockedUntil > now && (address is null
                    || (!string.Equals(m.GoodAddress, address, StringComparison.Ordinal) && (m.Distributed || m.FailedFrom?.Contains(address) == true))))
                return new PasswordGate(true, m.LockedUntil, "MN " + mn);
            return default;
        }
    }

    /// <summary>Records a wrong PW. Returns the MN's lock when this failure took one (for the alert), else null; an
    /// address lock is reported through <paramref name="addressLockedUntil"/>.</summary>
    /// <param name="mn">Registered MN.</param>
    /// <param name="siteId">Its site.</param>
    /// <param name="address">Address key, or null.</param>
    /// <param name="now">Receive time.</param>
    /// <param name="addressLockedUntil">End of the address lock this failure took, or null.</param>
    public PasswordLockEvent? Failed(string mn, long siteId, string? address, DateTimeOffset now, out DateTimeOffset? addressLockedUntil)
    {
        ArgumentNullException.ThrowIfNull(mn);
        addressLockedUntil = null;
        lock (_gate)
        {
            PasswordLockEvent? locked = null;
            var m = Get(_mns, mn, now);
            if (address is not null && !m.Distributed)
            {
                (m.FailedFrom ??= new HashSet<string>(StringComparer.Ordinal)).Add(address);
                if (m.FailedFrom.Count > _o.MaxLockedAddressesPerMn) (m.Distributed, m.FailedFrom) = (true, null);
            }
            if (Count(m, now, _o.MaxFailuresPerMn) is { } until)
                locked = new PasswordLockEvent(mn, siteId, address ?? "", m.Failures, m.FirstFailure, now, until);
            if (address is not null && GetAddress(address, now) is { } a && Count(a, now, _o.MaxFailuresPerAddress) is { } au)
                addressLockedUntil = au;
            return locked;
        }
    }

    /// <summary>Records an accepted PW: the address becomes the MN's known-good address. Counts and back-off are NOT
    /// cleared (they fade after <see cref="PasswordGuardOptions.ForgetAfter"/> without failures, or by <see cref="Reset"/>
    /// when staff set a new PW): a guesser interleaving with a working logger must not get a fresh allowance from each of
    /// the logger's packets. Returns a recovery event (which ends the 告警) the first time the MN authenticates after its
    /// lock ran out, else null.</summary>
    /// <param name="mn">Registered MN.</param>
    /// <param name="siteId">Its site.</param>
    /// <param name="address">Address key, or null.</param>
    /// <param name="now">Receive time.</param>
    public PasswordLockEvent? Succeeded(string mn, long siteId, string? address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mn);
        lock (_gate)
        {
            if (!_mns.TryGetValue(mn, out var m))
            {
                if (address is null) return null;
                _mns[mn] = m = new State();
            }
            if (address is not null) m.GoodAddress = address;
            if (m.Locks == 0 || m.LockedUntil > now || m.RecoveryReported) return null;
            m.RecoveryReported = true;
            return new PasswordLockEvent(mn, siteId, address ?? "", m.Failures, m.FirstFailure, now, null);
        }
    }

    /// <summary>Forgets the MN's failures, locks and known-good address (its PW was changed by staff: earlier guesses were
    /// against the old PW, and a logger that failed with it must be heard at once with the new one).</summary>
    /// <param name="mn">Registered MN.</param>
    public void Reset(string mn)
    {
        ArgumentNullException.ThrowIfNull(mn);
        lock (_gate) _mns.Remove(mn);
    }

    /// <summary>Number of addresses tracked (for tests and diagnostics).</summary>
    public int TrackedAddresses { get { lock (_gate) return _addresses.Count; } }

    // One more failure of a key; returns the end of the lock it takes, if any. After a lock has run out, the next failure
    // locks again at once (the count stays at the limit) with twice the time: guesses never get a fresh allowance.
    private DateTimeOffset? Count(State s, DateTimeOffset now, int limit)
    {
        if (s.Failures == 0) s.FirstFailure = now;
        s.Failures++;
        s.LastFailure = now;
        if (s.Failures < limit) return null;
        s.Locks++;
        s.RecoveryReported = false;
        var ticks = _o.BaseLockout.Ticks * Math.Pow(2, Math.Min(s.Locks - 1, 30));
        var span = ticks >= _o.MaxLockout.Ticks ? _o.MaxLockout : TimeSpan.FromTicks((long)ticks);
        s.LockedUntil = now + span;
        return s.LockedUntil;
    }

    private State Get(Dictionary<string, State> map, string key, DateTimeOffset now)
    {
        if (!map.TryGetValue(key, out var s)) map[key] = s = new State();
        else if (s.Failures > 0 && s.LockedUntil <= now && now - s.LastFailure > _o.ForgetAfter)
        {
            s.Failures = 0;
            s.Locks = 0;
            s.FailedFrom = null;
            s.Distributed = false;
        }
        return s;
    }

    private State? GetAddress(string address, DateTimeOffset now)
    {
        if (!_addresses.ContainsKey(address) && _addresses.Count >= _o.MaxTrackedAddresses)
        {
            foreach (var (k, v) in _addresses.ToList())
                if (v.LockedUntil <= now && now - v.LastFailure > _o.BaseLockout) _addresses.Remove(k);
            if (_addresses.Count >= _o.MaxTrackedAddresses) return null;
        }
        return Get(_addresses, address, now);
    }
}
