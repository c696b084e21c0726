using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SmartEnv.Storage.Maintenance;

/// <summary>One month partition of a range-partitioned table (PostgreSQL).</summary>
/// <param name="Parent">The range parent: <c>observations</c>, <c>raw_packets_accepted</c> or <c>raw_packets_quarantined</c>.</param>
/// <param name="Name">The partition, <c>PARENT_YYYY_MM</c>.</param>
/// <param name="From">First instant it holds (UTC month start, inclusive).</param>
/// <param name="To">First instant it does not hold (next UTC month start, exclusive).</param>
public sealed record MonthPartition(string Parent, string Name, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The month partitions of <c>observations</c> and <c>raw_packets</c> on PostgreSQL (migration <c>Partitions</c>;
/// docs/storage.md "Time partitions (PostgreSQL)"). Months are UTC calendar months. Every range parent has a DEFAULT
/// partition (<c>PARENT_default</c>) that takes rows of a month without its own partition (a 2014 import, a clock far
/// off), so no write ever fails for a missing partition; <see cref="EnsureMonthsAsync"/> creates partitions ahead and
/// <see cref="SplitDefaultsAsync"/> moves rows out of the DEFAULT partitions into their months. Both go through the
/// database function <c>smartenv_month_partition</c>, which serialises concurrent callers with a lock on the parent.
/// All methods do nothing on SQLite (unpartitioned). Thread-safe (static; each call uses its own connection).
/// </summary>
public static class PostgresPartitions
{
    /// <summary>The range-partitioned parents (partition key in brackets): <c>observations</c> (data_time),
    /// <c>raw_packets_accepted</c> and <c>raw_packets_quarantined</c> (received_at; the LIST (status) partitions of
    /// <c>raw_packets</c>).</summary>
    public static IReadOnlyList<string> RangeParents { get; } = ["observations", "raw_packets_accepted", "raw_packets_quarantined"];

    /// <summary>Months created around "now" by <see cref="EnsureMonthsAsync"/> (at every start and every purge): the
    /// previous month (late uploads, a clock behind) and the current one plus the next <see cref="MonthsAhead"/> − 1.</summary>
    public const int MonthsAhead = 3;

    /// <summary>Creates the missing month partitions from the month before <paramref name="now"/> through
    /// <see cref="MonthsAhead"/> months after it, for every range parent (rows of those months in a DEFAULT partition
    /// move into them). Called by <see cref="SmartEnvStore.MigrateAndSeedAsync"/> and <see cref="StorePurge"/>.</summary>
    /// <param name="store">The store (migrated).</param>
    /// <param name="now">The current instant.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Number of partitions created (0 on SQLite or when all existed).</returns>
    public static async Task<int> EnsureMonthsAsync(SmartEnvStore store, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Options.Provider != StoreProvider.Postgres) return 0;
        var first = MonthStart(now).AddMonths(-1);
        var months = Enumerable.Range(0, MonthsAhead + 1).Select(i => first.AddMonths(i)).ToList();
        var before = (await ListAsync(store, ct)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        await using var conn = new NpgsqlConnection(store.Options.ProviderConnectionString);
        await conn.OpenAsync(ct);
        foreach (var parent in RangeParents)
            foreach (var m in months)
                if (!before.Contains(NameOf(parent, m)))
                {
                    await EnsureAsync(conn, parent, m, ct);
                    created++;
                }
        return created;
    }

    /// <summary>Moves the rows of every DEFAULT partition into month partitions of their own (created as needed), one
    /// month per transaction. Rows keep their ids and every column.</summary>
    /// <param name="store">The store (migrated).</param>
    /// <param name="ct">Cancellation (between months).</param>
    /// <returns>Rows moved (0 on SQLite).</returns>
    public static async Task<long> SplitDefaultsAsync(SmartEnvStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Options.Provider != StoreProvider.Postgres) return 0;
        long moved = 0;
        await using var conn = new NpgsqlConnection(store.Options.ProviderConnectionString);
        await conn.OpenAsync(ct);
        foreach (var parent in RangeParents)
        {
            var key = parent == "observations" ? "data_time" : "received_at";
            var months = new List<(DateTimeOffset Month, long Rows)>();
            await using (var cmd = new NpgsqlCommand(
                $"SELECT date_trunc('month', {key} AT TIME ZONE 'UTC') AS m, count(*) FROM {parent}_default GROUP BY 1 ORDER BY 1", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    months.Add((new DateTimeOffset(DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc)), r.GetInt64(1)));
            foreach (var (m, rows) in months)
            {
                ct.ThrowIfCancellationRequested();
                await EnsureAsync(conn, parent, m, ct);
                moved += rows;
            }
        }
        return moved;
    }

    /// <summary>Rows in the DEFAULT partition of every range parent (rows of months without a partition of their own).</summary>
    /// <param name="store">The store.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>(parent, rows) in <see cref="RangeParents"/> order; empty on SQLite.</returns>
    public static async Task<IReadOnlyList<(string Parent, long Rows)>> DefaultRowsAsync(SmartEnvStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Options.Provider != StoreProvider.Postgres) return [];
        await using var conn = new NpgsqlConnection(store.Options.ProviderConnectionString);
        await conn.OpenAsync(ct);
        var list = new List<(string, long)>();
        foreach (var parent in RangeParents)
        {
            await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM {parent}_default", conn);
            list.Add((parent, (long)(await cmd.ExecuteScalarAsync(ct))!));
        }
        return list;
    }

    /// <summary>Lists the month partitions (not the DEFAULT ones) of every range parent, oldest first.</summary>
    /// <param name="store">The store.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>The partitions; empty on SQLite.</returns>
    public static async Task<IReadOnlyList<MonthPartition>> ListAsync(SmartEnvStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Options.Provider != StoreProvider.Postgres) return [];
        await using var conn = new NpgsqlConnection(store.Options.ProviderConnectionString);
        await conn.OpenAsync(ct);
        return await ListAsync(conn, ct);
    }

    internal static async Task<IReadOnlyList<MonthPartition>> ListAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var list = new List<MonthPartition>();
        await using var cmd = new NpgsqlCommand("""
            SELECT p.relname, c.relname FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = ANY(@parents) AND c.relnamespace = to_regnamespace(current_schema())
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("parents", RangeParents.ToArray()));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (parent, name) = (r.GetString(0), r.GetString(1));
            var m = Regex.Match(name, "^" + Regex.Escape(parent) + @"_(\d{4})_(\d{2})$", RegexOptions.CultureInvariant);
            if (!m.Success) continue; // the DEFAULT partition
            var from = new DateTimeOffset(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), 1, 0, 0, 0, TimeSpan.Zero);
            list.Add(new MonthPartition(parent, name, from, from.AddMonths(1)));
        }
        return [.. list.OrderBy(p => p.From).ThenBy(p => p.Parent, StringComparer.Ordinal)];
    }

    /// <summary>The partition name of <paramref name="parent"/> for the UTC month of <paramref name="at"/>.</summary>
    /// <param name="parent">A range parent.</param>
    /// <param name="at">Any instant of the month.</param>
    /// <returns>E.g. <c>observations_2014_01</c>.</returns>
    public static string NameOf(string parent, DateTimeOffset at)
    {
        var m = MonthStart(at);
        return $"{parent}_{m.Year:0000}_{m.Month:00}";
    }

    private static DateTimeOffset MonthStart(DateTimeOffset at)
    {
        var u = at.ToUniversalTime();
        return new DateTimeOffset(u.Year, u.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static async Task EnsureAsync(NpgsqlConnection conn, string parent, DateTimeOffset month, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT smartenv_month_partition(@parent, @at)", conn);
        cmd.Parameters.AddWithValue("parent", parent);
        cmd.Parameters.AddWithValue("at", month.ToUniversalTime());
        await cmd.ExecuteScalarAsync(ct);
    }
}
