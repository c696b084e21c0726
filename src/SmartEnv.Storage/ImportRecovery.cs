using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Start-up recovery of file imports (issue 14 item 7), run by <c>smartenv serve</c> and <c>smartenv import</c> after the
/// migration: every run still <see cref="ImportState.Running"/> whose process is gone (kill -9, SIGTERM, power loss) is
/// rolled back with <see cref="ImportStaging.DiscardAsync"/> — staged values deleted, the empty sites it created removed, state
/// <see cref="ImportState.Failed"/> with the reason — so nothing of it is visible and the file can simply be imported again.
/// A run that was applied but not finished (crash during the AQI recomputation) is closed: its values are in and its days were
/// marked pending in the apply transaction, so the evaluation queue of <c>serve</c> finishes the AQI.
/// <para><b>Which runs are gone.</b> <see cref="ImportLog.Owner"/> is <c>HOST/PID/START</c>. On this host, a run is gone
/// when no process has that id with that start time (the current process's own runs are alive). On another host (a shared
/// PostgreSQL), when its heartbeat is older than <see cref="StaleAfter"/>. A run of an earlier release (no owner) is
/// gone. SmartEnv rule; the standard is silent.</para>
/// Static; thread-safe.
/// </summary>
public static class ImportRecovery
{
    /// <summary>Heartbeat age after which a run of another host counts as crashed: 30 minutes (a staged chunk of 20,000 values
    /// takes seconds; only the apply of a very large file could hold the heartbeat longer).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    private static readonly Lazy<string> Self = new(() =>
    {
        using var p = Process.GetCurrentProcess();
        return Describe(Environment.MachineName, Environment.ProcessId, p.StartTime);
    });

    /// <summary>The owner text of runs started by this process: <c>HOST/PID/START</c>, START = process start (Unix ms).</summary>
    public static string CurrentOwner => Self.Value;

    private static string Describe(string host, int pid, DateTime start)
    {
        var s = $"{host}/{pid.ToString(CultureInfo.InvariantCulture)}/{new DateTimeOffset(start.ToUniversalTime()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        return s.Length > ImportLog.OwnerLength ? s[..ImportLog.OwnerLength] : s;
    }

    /// <summary>Whether the owner of a run is still running (see the class remarks).</summary>
    /// <param name="owner">The run's <see cref="ImportLog.Owner"/>.</param>
    /// <param name="heartbeat">The run's <see cref="ImportLog.HeartbeatAt"/>.</param>
    /// <param name="now">Now.</param>
    public static bool IsAlive(string? owner, DateTimeOffset? heartbeat, DateTimeOffset now)
    {
        if (owner is null) return false;
        if (owner == CurrentOwner) return true;
        var parts = owner.Split('/');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        if (parts[0] != Environment.MachineName) return heartbeat is { } h && now - h < StaleAfter;
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited && Describe(parts[0], pid, p.StartTime) == owner;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false; // no such process
        }
    }

    /// <summary>Rolls back the runs whose process is gone and closes the applied-but-unfinished ones.</summary>
    /// <param name="store">A migrated store.</param>
    /// <param name="time">Clock; system clock when null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>One line per run handled (for the start-up output), empty when there was nothing to do.</returns>
    /// <exception cref="StoreUnavailableException">The database failed.</exception>
    public static async Task<IReadOnlyList<string>> RecoverAsync(SmartEnvStore store, TimeProvider? time = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clock = time ?? TimeProvider.System;
        var now = clock.GetUtcNow();
        List<ImportLog> open;
        await using (var db = store.CreateContext())
            open = await db.ImportLogs.AsNoTracking().Where(l => l.State == ImportState.Running || (l.State == ImportState.Applied && l.FinishedAt == null))
                .OrderBy(l => l.Id).ToListAsync(ct);
        var staging = new ImportStaging(store, clock);
        var lines = new List<string>();
        foreach (var log in open)
        {
            if (IsAlive(log.Owner, log.HeartbeatAt, now)) continue;
            if (log.State == ImportState.Applied)
            {
                await staging.DiscardAsync(log.Id, ImportState.Applied, "the importing process ended after the values were applied, during the AQI recomputation; its days were left pending for the evaluation queue", ct: ct);
                lines.Add($"import run {log.Id} ({log.FileName}): applied before the process ended; AQI days left pending for the evaluation queue");
                continue;
            }
            var removed = await staging.DiscardAsync(log.Id, ImportState.Failed,
                $"interrupted: the importing process ({log.Owner ?? "an earlier release"}) ended before the run was applied; nothing of it was stored — import the file again", ct: ct);
            lines.Add($"import run {log.Id} ({log.FileName}): interrupted before it was applied — rolled back" + (removed.Count > 0 ? $", removed the empty sites it created: {string.Join(", ", removed)}" : ""));
        }
        return lines;
    }
}
