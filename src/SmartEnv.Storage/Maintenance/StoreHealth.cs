using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace SmartEnv.Storage.Maintenance;

/// <summary>
/// How readiness (<c>GET /health</c>, <c>/health/ready</c>) probes the store. Immutable; thread-safe.
/// </summary>
public sealed record StoreHealthOptions
{
    /// <summary>A probe result younger than this is reused by the next readiness request (so a load balancer polling
    /// every second costs one cheap probe per interval, not one per request). Defaults to 5 s (SmartEnv rule: the
    /// usual orchestrator probe period is 5–10 s, so a change shows within one period). Zero probes on every request
    /// (tests).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the engine's quick integrity check runs (SQLite <c>PRAGMA quick_check</c>, which reads every
    /// page: about a second per GB on an SSD). It also runs once when the web app starts, before the app answers.
    /// Defaults to 6 h (SmartEnv rule: four times a day bounds how long a damaged page goes unreported between
    /// daily <c>smartenv store check</c> runs; the standard is silent). <see cref="TimeSpan.Zero"/> turns the
    /// periodic and start checks off.</summary>
    public TimeSpan IntegrityInterval { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Free bytes on the SQLite store's file system below which the store counts as full. Defaults to
    /// 256 MiB (SmartEnv rule: room for a checkpoint of the default 4 MiB WAL many times over, plus an hour of
    /// 2,000 loggers' raw packets at one 1-KB frame a minute ≈ 120 MB, so readiness turns red before SQLite starts
    /// failing writes with <c>SQLITE_FULL</c>). PostgreSQL's disk is the server's: there a full disk shows as
    /// SQLSTATE 53100 on a write.</summary>
    public long MinFreeBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Connection timeout of a probe. Defaults to 5 s (SmartEnv rule: below the usual 10 s probe timeout of
    /// load balancers, so the probe answers 503 rather than timing out).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>One verdict on the store.</summary>
/// <param name="State">What is wrong, or <see cref="StoreState.Ok"/>.</param>
/// <param name="Message">The check's message (the engine's words for a fault), never a password.</param>
/// <param name="CheckedAt">When (UTC).</param>
public sealed record StoreHealth(StoreState State, string Message, DateTimeOffset CheckedAt)
{
    /// <summary>True when <see cref="State"/> is <see cref="StoreState.Ok"/>.</summary>
    public bool IsOk => State == StoreState.Ok;
}

/// <summary>
/// Probes the store for readiness: the cheap probe (<see cref="ProbeAsync"/>: open without creating, read the
/// migration history, free space) and the engine's quick integrity check (<see cref="QuickCheckAsync"/>). Neither
/// writes. Thread-safe (static, no shared state).
/// </summary>
public static class StoreHealthProbe
{
    /// <summary>Opens the store without creating anything, reads the schema and the migration history and, for SQLite,
    /// the free space of its file system.</summary>
    /// <param name="store">The store's options.</param>
    /// <param name="options">Thresholds and timeouts.</param>
    /// <param name="time">Clock for <see cref="StoreHealth.CheckedAt"/>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Ok, or the first fault found with its message. Never throws for a store fault.</returns>
    public static async Task<StoreHealth> ProbeAsync(StoreOptions store, StoreHealthOptions options, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            if (store.Provider == StoreProvider.Sqlite)
            {
                var path = SqlitePath(store);
                if (!File.Exists(path)) return new(StoreState.Unreachable, $"store file missing: {path}", time.GetUtcNow());
                var free = FreeBytes(path);
                if (free is { } f && f < options.MinFreeBytes)
                    return new(StoreState.Full, $"{f:N0} bytes free on the file system of {path}, below the minimum {options.MinFreeBytes:N0} (StoreHealthOptions.MinFreeBytes)", time.GetUtcNow());
            }
            await using var db = SmartEnvStore.CreateContext(ProbeOptions(store, options));
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var missing = db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
            if (missing.Count > 0)
                return new(StoreState.NotMigrated, $"{missing.Count} migration(s) not applied (first {missing[0]}): run `smartenv serve` once, which migrates", time.GetUtcNow());
            // Reads one page of a table every request path touches.
            await db.Sites.AsNoTracking().Select(s => s.Id).FirstOrDefaultAsync(ct);
            return new(StoreState.Ok, "reachable, migrated" + (store.Provider == StoreProvider.Sqlite ? ", space left" : ""), time.GetUtcNow());
        }
        catch (Exception ex) when (StoreFaults.Classify(ex) is { } state)
        {
            return new(state, Describe(store, ex), time.GetUtcNow());
        }
    }

    /// <summary>The engine's quick integrity check: SQLite <c>PRAGMA quick_check</c> (every page read; checks the
    /// b-trees' structure, not index-to-table agreement — that is <c>smartenv store check</c>). PostgreSQL: the heap and
    /// indexes are not scanned here (amcheck belongs to <c>smartenv store check</c>, which may take long); the probe
    /// only reads the schema. Read-only.</summary>
    /// <param name="store">The store's options.</param>
    /// <param name="options">Timeouts.</param>
    /// <param name="time">Clock.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Ok, or <see cref="StoreState.Corrupt"/> with the first lines the engine reported.</returns>
    public static async Task<StoreHealth> QuickCheckAsync(StoreOptions store, StoreHealthOptions options, TimeProvider time, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            if (store.Provider != StoreProvider.Sqlite)
                return await ProbeAsync(store, options, time, ct);
            var path = SqlitePath(store);
            if (!File.Exists(path)) return new(StoreState.Unreachable, $"store file missing: {path}", time.GetUtcNow());
            var lines = await StoreChecker.SqlitePragmaAsync(ProbeOptions(store, options), "quick_check(20)", ct);
            return lines is ["ok"]
                ? new(StoreState.Ok, "PRAGMA quick_check: ok", time.GetUtcNow())
                : new(StoreState.Corrupt, "PRAGMA quick_check: " + string.Join("; ", lines), time.GetUtcNow());
        }
        catch (Exception ex) when (StoreFaults.Classify(ex) is { } state)
        {
            return new(state, (state == StoreState.Corrupt ? "PRAGMA quick_check: " : "") + Describe(store, ex), time.GetUtcNow());
        }
    }

    /// <summary>The message of a fault: the engine's words with the (redacted) store named.</summary>
    /// <param name="store">The store.</param>
    /// <param name="ex">The fault.</param>
    public static string Describe(StoreOptions store, Exception ex)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ex);
        var inner = ex;
        while (inner.InnerException is not null && inner is not SqliteException && inner is not NpgsqlException) inner = inner.InnerException;
        return $"{store.Provider.ToString().ToLowerInvariant()} {store.Redacted}: {inner.Message}";
    }

    /// <summary>The SQLite file of a SQLite store.</summary>
    /// <param name="store">SQLite options.</param>
    public static string SqlitePath(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return Path.GetFullPath(new SqliteConnectionStringBuilder(store.ConnectionString).DataSource);
    }

    /// <summary>Options for a probe: SQLite opened read-write without creating a missing file, busy timeout bounded;
    /// PostgreSQL with the probe's connection timeout.</summary>
    internal static StoreOptions ProbeOptions(StoreOptions store, StoreHealthOptions options)
    {
        if (store.Provider == StoreProvider.Sqlite)
        {
            var b = new SqliteConnectionStringBuilder(store.ConnectionString) { Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = Math.Max(1, (int)options.ConnectTimeout.TotalSeconds) };
            return store with { ConnectionString = b.ConnectionString };
        }
        var p = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Timeout = Math.Max(1, (int)options.ConnectTimeout.TotalSeconds) };
        return store with { ConnectionString = p.ConnectionString };
    }

    private static long? FreeBytes(string path)
    {
        try { return new DriveInfo(Path.GetDirectoryName(path)!).AvailableFreeSpace; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }
}
