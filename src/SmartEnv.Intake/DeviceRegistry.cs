using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartEnv.Telemetry;
using SmartEnv.Storage;

namespace SmartEnv.Intake;

/// <summary>Outcome of <see cref="DeviceRegistry.CheckPassword"/>.</summary>
public enum PasswordVerdict
{
    /// <summary>The PW matches the stored hash.</summary>
    Accepted,

    /// <summary>The PW does not match.</summary>
    Wrong,

    /// <summary>Not checked: the MN or the address is locked (<see cref="PasswordGuard"/>).</summary>
    Locked,
}

/// <summary>
/// MN → (PW hash, site) lookups for the gateway, cached for <see cref="IntakeOptions.DeviceCacheTime"/>; unknown MNs are
/// not cached, so a device registered through the API is accepted from its next packet. PWs are checked against the
/// stored salted hash (<see cref="DevicePasswords"/>) once; the accepted PW is then remembered as an HMAC-SHA256 digest
/// under a random per-process key, and so are up to <see cref="RememberedWrongPws"/> rejected PWs, for as long as the
/// stored hash is unchanged (a PW change through the API takes effect within the cache time). So a logger costs one
/// PBKDF2 run per process, not one per packet, and neither the PW nor an unsalted hash of it is kept in memory.
/// With a <see cref="PasswordGuard"/> (the TCP gateway), wrong PWs are limited per MN and per address and logged.
/// Thread-safe.
/// </summary>
public sealed class DeviceRegistry
{
    /// <summary>A registered device.</summary>
    /// <param name="Mn">MN.</param>
    /// <param name="PasswordHash">Stored PW hash (<see cref="DevicePasswords"/>).</param>
    /// <param name="SiteId">Site id.</param>
    /// <param name="Enabled">False quarantines its packets.</param>
    public sealed record Entry(string Mn, string PasswordHash, long SiteId, bool Enabled);

    /// <summary>Rejected PWs remembered per MN (digests), so a logger repeating a wrong PW costs no PBKDF2 run.</summary>
    public const int RememberedWrongPws = 4;

    private sealed record Verified(string Hash, byte[]? Accepted, byte[][] Rejected);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly PasswordGuard? _guard;
    private readonly Action<PasswordLockEvent>? _locked;
    private readonly ILogger _log;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (Entry Entry, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private long _pbkdf2Runs;

    /// <summary>Creates the registry.</summary>
    /// <param name="store">The store.</param>
    /// <param name="ttl">Cache time of a found device.</param>
    /// <param name="time">Clock.</param>
    /// <param name="guard">Wrong-PW limits (the gateway's), or null for none (file imports: no one is guessing).</param>
    /// <param name="locked">Called when an MN is locked or a locked MN authenticates again (the 告警); must be quick and
    /// must not throw.</param>
    /// <param name="log">Log of wrong PWs and locks; none when null.</param>
    public DeviceRegistry(SmartEnvStore store, TimeSpan ttl, TimeProvider? time = null, PasswordGuard? guard = null,
        Action<PasswordLockEvent>? locked = null, ILogger? log = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _ttl = ttl;
        _time = time ?? TimeProvider.System;
        _guard = guard;
        _locked = locked;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>PBKDF2 verifications run so far (a logger with the right PW costs one per process; tests read it).</summary>
    public long PasswordHashRuns => Interlocked.Read(ref _pbkdf2Runs);

    /// <summary>The wrong-PW limits, or null.</summary>
    public PasswordGuard? Guard => _guard;

    /// <summary>The device with this MN, or null when none is registered.</summary>
    /// <param name="mn">MN as read from the packet.</param>
    /// <param name="ct">Cancellation.</param>
    public async ValueTask<Entry?> FindAsync(string mn, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(mn, out var hit) && hit.Until > now) return hit.Entry;
        await using var db = _store.CreateContext();
        var d = await db.Devices.AsNoTracking().Where(x => x.Mn == mn)
            .Select(x => new Entry(x.Mn, x.PasswordHash, x.SiteId, x.Enabled)).SingleOrDefaultAsync(ct);
        if (d is null) { _cache.TryRemove(mn, out _); _verified.TryRemove(mn, out _); return null; }
        _cache[mn] = (d, now + _ttl);
        return d;
    }

    /// <summary>Checks the PW of a packet from a registered device: refused unchecked while the guard locks the MN or
    /// the address, else compared with the stored hash (or its remembered digest). Wrong PWs are counted and logged; a
    /// lock is logged as a warning and reported to the lock callback.</summary>
    /// <param name="device">The device (<see cref="FindAsync"/>).</param>
    /// <param name="password">PW as received, or null.</param>
    /// <param name="peer">Peer as stored (<c>ip:port</c>; anything else is not limited by address).</param>
    /// <param name="received">Receive time.</param>
    /// <param name="lockDetail">When refused unchecked: what is locked and until when.</param>
    public PasswordVerdict CheckPassword(Entry device, string? password, string? peer, DateTimeOffset received, out string? lockDetail)
    {
        ArgumentNullException.ThrowIfNull(device);
        lockDetail = null;
        var address = PasswordGuard.AddressKey(peer);
        // Staff set a new PW (the stored hash changed): the remembered digests and the earlier failures were against the
        // old one, so both are dropped and a logger locked with its old PW is heard at once with the new one.
        if (_verified.TryGetValue(device.Mn, out var seen) && !string.Equals(seen.Hash, device.PasswordHash, StringComparison.Ordinal)
            && _verified.TryRemove(new KeyValuePair<string, Verified>(device.Mn, seen)))
            _guard?.Reset(device.Mn);
        if (_guard is not null && _guard.Check(device.Mn, address, received) is { Locked: true } gate)
        {
            lockDetail = $"{gate.Key} is locked after repeated wrong PWs until {gate.Until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; PW not checked";
            return PasswordVerdict.Locked;
        }
        var ok = Matches(device, password);
        if (ok)
        {
            if (_guard?.Succeeded(device.Mn, device.SiteId, address, received) is { } recovered)
            {
                _log.LogInformation("HJ 212 device {Mn} authenticated from {Address} after a PW lock ({Failures} wrong PWs since {Since:o})",
                    device.Mn, address, recovered.Failures, recovered.FirstFailureAt);
                Report(recovered);
            }
            return PasswordVerdict.Accepted;
        }
        if (_guard is null) return PasswordVerdict.Wrong;
        var mnLock = _guard.Failed(device.Mn, device.SiteId, address, received, out var addressUntil);
        _log.LogInformation(SmartEnvLogEvents.WrongPassword, "HJ 212 wrong PW for device {Mn} from {Peer}", device.Mn, peer);
        if (mnLock is not null)
        {
            _log.LogWarning(SmartEnvLogEvents.PasswordLock, "HJ 212 device {Mn} locked until {Until:o} after {Failures} wrong PWs since {Since:o} (last from {Address}); its packets are quarantined unchecked meanwhile",
                device.Mn, mnLock.LockedUntil, mnLock.Failures, mnLock.FirstFailureAt, address);
            Report(mnLock);
        }
        if (addressUntil is { } au)
            _log.LogWarning(SmartEnvLogEvents.PasswordLock, "HJ 212 address {Address} locked until {Until:o} after {Limit}+ wrong PWs (last for device {Mn})",
                address, au, _guard.Options.MaxFailuresPerAddress, device.Mn);
        return PasswordVerdict.Wrong;
    }

    private void Report(PasswordLockEvent e)
    {
        try { _locked?.Invoke(e); }
        catch (Exception ex) { _log.LogError(ex, "PW lock callback failed for device {Mn}", e.Mn); }
    }

    private bool Matches(Entry device, string? password)
    {
        if (password is null) return false;
        var digest = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(password));
        var known = _verified.TryGetValue(device.Mn, out var v) && string.Equals(v.Hash, device.PasswordHash, StringComparison.Ordinal) ? v : null;
        if (known?.Accepted is { } a && CryptographicOperations.FixedTimeEquals(a, digest)) return true;
        if (known is not null && known.Rejected.Any(r => CryptographicOperations.FixedTimeEquals(r, digest))) return false;
        Interlocked.Increment(ref _pbkdf2Runs);
        var ok = DevicePasswords.Verify(device.PasswordHash, password);
        if (!DevicePasswords.IsHash(device.PasswordHash))
            _log.LogError("HJ 212 device {Mn} has no PW hash in the store (a plaintext PW left by an interrupted upgrade?); set its PW again", device.Mn);
        known ??= new Verified(device.PasswordHash, null, []);
        _verified[device.Mn] = ok
            ? known with { Accepted = digest }
            : known with { Rejected = [digest, .. known.Rejected.Take(RememberedWrongPws - 1)] };
        return ok;
    }
}
