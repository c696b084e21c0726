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
/// MN → (PW hash, site) lookups for the gateway, off the per-connection path (issue 15 goal 3): the whole device table is
/// loaded in one query at the first lookup and again when the copy is older than <see cref="IntakeOptions.DeviceCacheTime"/>
/// (one query every 30 s whatever the number of stations; concurrent lookups share it), so a PW change, a disabled or
/// deleted device takes effect within that time. An MN not in the copy (registered since) is looked up in batches: the
/// misses of all connections waiting at that moment go to the store in one query (at most one such query at a time), so
/// 10,000 new connections cannot exhaust a PostgreSQL pool; an MN found there is added to the copy, one not found is
/// remembered as unknown for <see cref="IntakeOptions.UnknownDeviceCacheTime"/> (a registration through the API takes
/// effect within that time; at most <see cref="MaxUnknownRemembered"/> MNs are remembered). PWs are checked against the
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
    public sealed record Entry(string Mn, string PasswordHash, long SiteId, bool Enabled)
    {
        /// <summary>True when the device's site is a discharge outlet (<see cref="SmartEnv.Storage.Entities.SiteKind.Source"/>):
        /// its uploads are decoded with the Zs/Cou fields and never feed the AQI (issue 16 plan §2.3, routing by device
        /// binding, not by ST).</summary>
        public bool IsSource { get; init; }

        /// <summary>For a construction-site monitor (<see cref="SmartEnv.Storage.Entities.SiteKind.Construction"/>, issue 20):
        /// the unit symbol its logger sends TSP/PM10/PM2.5 in (<c>construction_monitors.dust_unit</c>; μg/m³, mg/m³ or
        /// ng/m³ — hj212-brief.md §11.2: configuration, never App. B); intake converts those values to μg/m³. Null for
        /// every other device.</summary>
        public string? DustUnit { get; init; }
    }

    /// <summary>Unknown MNs remembered at once (beyond it the list is cleared, so a flood of invented MNs costs memory
    /// bounded by this: ≈ 100 bytes each).</summary>
    public const int MaxUnknownRemembered = 100_000;

    /// <summary>MNs asked of the store in one query by the batched lookup.</summary>
    public const int LookupBatch = 500;

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
    private readonly TimeSpan _unknownTtl;
    private volatile ConcurrentDictionary<string, Entry>? _entries; // the copy of the device table (null until loaded)
    private DateTimeOffset _loadedAt;
    private Task<ConcurrentDictionary<string, Entry>>? _reload;
    private readonly object _reloadLock = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknown = new(StringComparer.Ordinal);
    private readonly object _missLock = new();
    private Dictionary<string, TaskCompletionSource<Entry?>> _missing = new(StringComparer.Ordinal);
    private bool _missLoop;
    private long _storeQueries;
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);
    private long _pbkdf2Runs;
    private readonly PasswordDigestFile? _digests;
    private readonly ConcurrentDictionary<string, byte[]> _acceptedByHash = new(StringComparer.Ordinal);

    /// <summary>Creates the registry.</summary>
    /// <param name="store">The store.</param>
    /// <param name="ttl">Cache time of a found device.</param>
    /// <param name="time">Clock.</param>
    /// <param name="guard">Wrong-PW limits (the gateway's), or null for none (file imports: no one is guessing).</param>
    /// <param name="locked">Called when an MN is locked or a locked MN authenticates again (the 告警); must be quick and
    /// must not throw.</param>
    /// <param name="log">Log of wrong PWs and locks; none when null.</param>
    /// <param name="unknownTtl">How long an MN the store does not hold is remembered as unknown; 5 s when null
    /// (<see cref="IntakeOptions.UnknownDeviceCacheTime"/>).</param>
    /// <param name="digests">Verified PWs kept across restarts (<see cref="PasswordDigestFile"/>), or null to remember
    /// them for this process only.</param>
    public DeviceRegistry(SmartEnvStore store, TimeSpan ttl, TimeProvider? time = null, PasswordGuard? guard = null,
        Action<PasswordLockEvent>? locked = null, ILogger? log = null, TimeSpan? unknownTtl = null, PasswordDigestFile? digests = null)
    {
        _digests = digests;
        _unknownTtl = unknownTtl ?? TimeSpan.FromSeconds(5);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _ttl = ttl;
        _time = time ?? TimeProvider.System;
        _guard = guard;
        _locked = locked;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>PBKDF2 verifications run so far (a logger with the right PW costs one per process; tests read it).</summary>
    public long PasswordHashRuns => Interlocked.Read(ref _pbkdf2Runs);

    /// <summary>Queries of the device table run so far (whole-table loads and batched lookups of MNs not in the copy);
    /// tests read it: it does not grow with the number of connections.</summary>
    public long StoreQueries => Interlocked.Read(ref _storeQueries);

    /// <summary>The wrong-PW limits, or null.</summary>
    public PasswordGuard? Guard => _guard;

    /// <summary>The device with this MN, or null when none is registered.</summary>
    /// <param name="mn">MN as read from the packet.</param>
    /// <param name="ct">Cancellation.</param>
    public async ValueTask<Entry?> FindAsync(string mn, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var entries = _entries;
        if (entries is null || now - _loadedAt >= _ttl) entries = await ReloadAsync(ct);
        if (entries.TryGetValue(mn, out var hit)) return hit;
        if (_unknown.TryGetValue(mn, out var until) && until > now) return null;
        var found = await LookupAsync(mn).WaitAsync(ct);
        if (found is null)
        {
            if (_unknown.Count >= MaxUnknownRemembered) _unknown.Clear();
            _unknown[mn] = _time.GetUtcNow() + _unknownTtl;
            _verified.TryRemove(mn, out _);
            return null;
        }
        _unknown.TryRemove(mn, out _);
        (_entries ?? entries)[mn] = found;
        return found;
    }

    /// <summary>Loads the whole device table now (the gateway calls it at start so the first connections find their
    /// devices without a query each). Later loads happen on their own when the copy is older than the cache time.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task LoadAsync(CancellationToken ct) => await ReloadAsync(ct);

    // One load of the device table at a time; lookups that find the copy stale wait for the load under way. When a load
    // fails and an older copy exists, the older copy is used (and the next lookup tries again).
    private async Task<ConcurrentDictionary<string, Entry>> ReloadAsync(CancellationToken ct)
    {
        Task<ConcurrentDictionary<string, Entry>> load;
        lock (_reloadLock)
        {
            if (_reload is null || (_reload.IsCompleted && (_entries is null || _time.GetUtcNow() - _loadedAt >= _ttl)))
                _reload = LoadAllAsync();
            load = _reload;
        }
        try { return await load.WaitAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException && _entries is { } old)
        {
            _log.LogWarning(ex, "device table could not be loaded; using the copy of {At:o}", _loadedAt);
            return old;
        }
    }

    private async Task<ConcurrentDictionary<string, Entry>> LoadAllAsync()
    {
        var at = _time.GetUtcNow();
        Interlocked.Increment(ref _storeQueries);
        await using var db = _store.CreateContext();
        var all = await db.Devices.AsNoTracking().Select(x => new Entry(x.Mn, x.PasswordHash, x.SiteId, x.Enabled) { IsSource = x.Site!.Kind == SmartEnv.Storage.Entities.SiteKind.Source, DustUnit = x.Site!.Kind == SmartEnv.Storage.Entities.SiteKind.Construction ? db.ConstructionMonitors.Where(m => m.Mn == x.Mn).Select(m => m.DustUnit).FirstOrDefault() : null }).ToListAsync();
        var entries = new ConcurrentDictionary<string, Entry>(all.Select(e => KeyValuePair.Create(e.Mn, e)), StringComparer.Ordinal);
        _loadedAt = at;
        _entries = entries;
        return entries;
    }

    // Batched lookup of MNs not in the copy: every MN missing at the moment the loop runs goes into one query.
    private Task<Entry?> LookupAsync(string mn)
    {
        lock (_missLock)
        {
            if (!_missing.TryGetValue(mn, out var tcs))
                _missing[mn] = tcs = new TaskCompletionSource<Entry?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_missLoop)
            {
                _missLoop = true;
                _ = Task.Run(LookupLoopAsync);
            }
            return tcs.Task;
        }
    }

    private async Task LookupLoopAsync()
    {
        while (true)
        {
            Dictionary<string, TaskCompletionSource<Entry?>> batch;
            lock (_missLock)
            {
                if (_missing.Count == 0) { _missLoop = false; return; }
                batch = _missing;
                _missing = new Dictionary<string, TaskCompletionSource<Entry?>>(StringComparer.Ordinal);
            }
            foreach (var chunk in batch.Keys.Chunk(LookupBatch))
            {
                try
                {
                    Interlocked.Increment(ref _storeQueries);
                    await using var db = _store.CreateContext();
                    var found = await db.Devices.AsNoTracking().Where(x => chunk.Contains(x.Mn))
                        .Select(x => new Entry(x.Mn, x.PasswordHash, x.SiteId, x.Enabled) { IsSource = x.Site!.Kind == SmartEnv.Storage.Entities.SiteKind.Source, DustUnit = x.Site!.Kind == SmartEnv.Storage.Entities.SiteKind.Construction ? db.ConstructionMonitors.Where(m => m.Mn == x.Mn).Select(m => m.DustUnit).FirstOrDefault() : null }).ToDictionaryAsync(e => e.Mn, StringComparer.Ordinal);
                    foreach (var mn in chunk) batch[mn].TrySetResult(found.GetValueOrDefault(mn));
                }
                catch (Exception ex)
                {
                    foreach (var mn in chunk) batch[mn].TrySetException(ex);
                }
            }
        }
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

    /// <summary>Remembers PWs the registry API has just hashed or verified against the stored hash it names
    /// (<see cref="DevicePasswordNotices"/>), exactly as a successful check would: a digest under this process's key, and
    /// the persisted digest (<see cref="PasswordDigestFile"/>). A notice whose hash is not the one the store holds when
    /// the device is next seen simply misses (the digest covers the hash), so a stale notice cannot admit an old PW.</summary>
    /// <param name="notices">MN, stored hash and PW of each device.</param>
    public void RememberVerified(IReadOnlyList<DevicePasswordNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(notices);
        foreach (var n in notices)
        {
            if (!DevicePasswords.IsHash(n.PasswordHash)) continue;
            var digest = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(n.Password));
            RememberAccepted(n.Mn, n.PasswordHash, digest, _digests?.Digest(n.PasswordHash, n.Password));
            _verified[n.Mn] = new Verified(n.PasswordHash, digest, []);
        }
    }

    // A PW accepted against a stored hash: remembered for every MN with that hash (bounded; refilled one PBKDF2 run per
    // device) and, when the server keeps them, as the persisted digest of this MN.
    private void RememberAccepted(string mn, string hash, byte[] digest, byte[]? persisted)
    {
        if (_acceptedByHash.Count >= MaxUnknownRemembered) _acceptedByHash.Clear();
        _acceptedByHash[hash] = digest;
        if (persisted is not null) _digests?.Remember(mn, persisted);
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
        // The same stored hash (salt included) was verified with this PW before, for this or another MN.
        if (_acceptedByHash.TryGetValue(device.PasswordHash, out var byHash) && CryptographicOperations.FixedTimeEquals(byHash, digest))
        {
            _verified[device.Mn] = (known ?? new Verified(device.PasswordHash, null, [])) with { Accepted = digest };
            return true;
        }
        if (known is not null && known.Rejected.Any(r => CryptographicOperations.FixedTimeEquals(r, digest))) return false;
        // Verified by an earlier run of the server (the persisted digest covers the stored hash, so a changed PW misses).
        var persisted = _digests is not null && DevicePasswords.IsHash(device.PasswordHash) ? _digests.Digest(device.PasswordHash, password) : null;
        if (persisted is not null && _digests!.Matches(device.Mn, persisted))
        {
            _verified[device.Mn] = (known ?? new Verified(device.PasswordHash, null, [])) with { Accepted = digest };
            return true;
        }
        Interlocked.Increment(ref _pbkdf2Runs);
        var ok = DevicePasswords.Verify(device.PasswordHash, password);
        if (!DevicePasswords.IsHash(device.PasswordHash))
            _log.LogError("HJ 212 device {Mn} has no PW hash in the store (a plaintext PW left by an interrupted upgrade?); set its PW again", device.Mn);
        known ??= new Verified(device.PasswordHash, null, []);
        if (ok) RememberAccepted(device.Mn, device.PasswordHash, digest, persisted);
        _verified[device.Mn] = ok
            ? known with { Accepted = digest }
            : known with { Rejected = [digest, .. known.Rejected.Take(RememberedWrongPws - 1)] };
        return ok;
    }
}
