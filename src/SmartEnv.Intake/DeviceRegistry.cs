using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;

namespace SmartEnv.Intake;

/// <summary>
/// MN → (PW, site) lookups for the gateway, cached for <see cref="IntakeOptions.DeviceCacheTime"/>; unknown MNs are
/// not cached, so a device registered through the API is accepted from its next packet. Thread-safe.
/// </summary>
public sealed class DeviceRegistry
{
    /// <summary>A registered device.</summary>
    /// <param name="Mn">MN.</param>
    /// <param name="Password">PW.</param>
    /// <param name="SiteId">Site id.</param>
    /// <param name="Enabled">False quarantines its packets.</param>
    public sealed record Entry(string Mn, string Password, long SiteId, bool Enabled);

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<string, (Entry Entry, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates the registry.</summary>
    /// <param name="store">The store.</param>
    /// <param name="ttl">Cache time of a found device.</param>
    /// <param name="time">Clock.</param>
    public DeviceRegistry(SmartEnvStore store, TimeSpan ttl, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _ttl = ttl;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The device with this MN, or null when none is registered.</summary>
    /// <param name="mn">MN as read from the packet.</param>
    /// <param name="ct">Cancellation.</param>
    public async ValueTask<Entry?> FindAsync(string mn, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(mn, out var hit) && hit.Until > now) return hit.Entry;
        await using var db = _store.CreateContext();
        var d = await db.Devices.AsNoTracking().Where(x => x.Mn == mn)
            .Select(x => new Entry(x.Mn, x.Password, x.SiteId, x.Enabled)).SingleOrDefaultAsync(ct);
        if (d is null) { _cache.TryRemove(mn, out _); return null; }
        _cache[mn] = (d, now + _ttl);
        return d;
    }
}
