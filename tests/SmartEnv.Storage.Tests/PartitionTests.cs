using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue 15 time partitions on the real PostgreSQL server (docs/storage.md "Time partitions (PostgreSQL)"): the
/// migration <c>Partitions</c> converts a store with rows keeping every row, id and sequence; rows of a month without
/// a partition land in the DEFAULT partition and move into their month with their ids; a one-station-month query
/// touches one partition; <c>store purge</c> drops whole months of quarantined packets (and unreferenced accepted
/// months) and deletes the rest row by row, with exact counts and audit entry. Each test has its own database.
/// SQLite is unpartitioned: its side is covered by the unchanged store and maintenance tests.
/// </summary>
public sealed class PostgresPartitionTests : IAsyncLifetime
{
    private readonly PostgresTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, TimeSpan.Zero);

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var c = new NpgsqlConnection(_db.Options.ProviderConnectionString);
        await c.OpenAsync();
        return c;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection c, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task<List<string>> RowsAsync(NpgsqlConnection c, string sql)
    {
        var list = new List<string>();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.IsDBNull(0) ? "NULL" : Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return list;
    }

    private static RawPacket Raw(string tag, PacketStatus status, DateTimeOffset at, string? mn = null, string? qn = null) => new()
    {
        Text = "##" + tag, ReceivedAt = at, Peer = "127.0.0.1:1", Status = status, Mn = mn, Qn = qn, CrcValid = true,
        QuarantineReason = status == PacketStatus.Quarantined ? QuarantineReason.UnknownMn : null,
    };

    [Fact]
    public async Task A_store_with_rows_at_the_previous_migration_converts_keeping_every_row_id_and_sequence_and_accepts_writes()
    {
        var store = new SmartEnvStore(_db.Options);
        await using (var ctx = store.CreateContext())
            await ctx.GetService<IMigrator>().MigrateAsync("ScaleWriter"); // the migration before Partitions

        string[] Dump = ["SELECT row_to_json(t)::text FROM (SELECT * FROM raw_packets ORDER BY id) t",
                         "SELECT row_to_json(t)::text FROM (SELECT * FROM observations ORDER BY id) t",
                         "SELECT row_to_json(t)::text FROM (SELECT * FROM review_marks ORDER BY id) t"];
        var before = new List<List<string>>();
        await using (var c = await OpenAsync())
        {
            await using (var cmd = new NpgsqlCommand("""
                INSERT INTO sites (code, name_zh, kind, coordinates_approximate, is_public) VALUES ('PT-1', '分区站', 'air', false, false);
                -- 2014-01 … 2016-09 every 20 days, every third quarantined; ids 1..50, then 51 used and rolled away (deleted)
                INSERT INTO raw_packets (text, received_at, crc_valid, status, mn, qn)
                  SELECT '##' || g, timestamptz '2014-01-01 00:00+00' + g * interval '20 days', true,
                         CASE WHEN g % 3 = 0 THEN 'quarantined' ELSE 'accepted' END, 'MN-PT', 'QN' || g FROM generate_series(1, 51) g;
                DELETE FROM raw_packets WHERE id = 51;
                INSERT INTO observations (site_id, parameter_code, period, data_time, value, value_text, unit, raw_packet_id, mn, stored_at)
                  SELECT (SELECT id FROM sites WHERE code = 'PT-1'), 'a34004', 'hour', timestamptz '2014-01-01 00:00+00' + g * interval '20 days',
                         g * 1.5, (g * 1.5)::text, 'μg/m³', g, 'MN-PT', now() FROM generate_series(1, 50) g WHERE g % 3 <> 0;
                INSERT INTO review_marks (action, site_id, observation_id, parameter_code, period, from_hour, to_hour, reason, actor, created_at)
                  SELECT 'mark', site_id, id, parameter_code, period, data_time, data_time, 'instrument_fault', 'test', now() FROM observations WHERE id = 5;
                """, c))
                await cmd.ExecuteNonQueryAsync();
            foreach (var sql in Dump) before.Add(await RowsAsync(c, sql));
        }
        Assert.Equal((50, 34, 1), (before[0].Count, before[1].Count, before[2].Count));

        await store.MigrateAndSeedAsync(); // applies Partitions (and creates the months around now)

        await using (var c = await OpenAsync())
        {
            for (var i = 0; i < Dump.Length; i++) Assert.Equal(before[i], await RowsAsync(c, Dump[i])); // every row, every column, every id
            Assert.Equal("p", await ScalarAsync(c, "SELECT relkind::text FROM pg_class WHERE relname = 'observations'"));
            Assert.Equal("p", await ScalarAsync(c, "SELECT relkind::text FROM pg_class WHERE relname = 'raw_packets'"));
            // Rows sit in their month partitions, none in DEFAULT: packet 1 = 2014-01-21 accepted, packet 3 = 2014-03-02 quarantined.
            Assert.Equal("raw_packets_accepted_2014_01", await ScalarAsync(c, "SELECT tableoid::regclass::text FROM raw_packets WHERE id = 1"));
            Assert.Equal("raw_packets_quarantined_2014_03", await ScalarAsync(c, "SELECT tableoid::regclass::text FROM raw_packets WHERE id = 3"));
            Assert.Equal("observations_2014_01", await ScalarAsync(c, "SELECT tableoid::regclass::text FROM observations WHERE raw_packet_id = 1"));
            Assert.Equal(0L, await ScalarAsync(c, "SELECT (SELECT count(*) FROM observations_default) + (SELECT count(*) FROM raw_packets_accepted_default) + (SELECT count(*) FROM raw_packets_quarantined_default)"));
            Assert.Equal(["IX_observations_data_time_brin", "IX_raw_packets_received_at_brin"],
                await RowsAsync(c, "SELECT i.relname FROM pg_class i JOIN pg_am a ON a.oid = i.relam WHERE a.amname = 'brin' AND i.relkind = 'I' AND i.relname LIKE 'IX%' ORDER BY 1"));
            Assert.Equal(["PK_observations (id, data_time)", "PK_raw_packets (id, received_at, status)"], await RowsAsync(c, """
                SELECT conname || ' (' || (SELECT string_agg(attname, ', ' ORDER BY k.ord) FROM unnest(conkey) WITH ORDINALITY k(n, ord)
                  JOIN pg_attribute a ON a.attrelid = conrelid AND a.attnum = k.n) || ')' FROM pg_constraint
                WHERE contype = 'p' AND conrelid IN ('observations'::regclass, 'raw_packets'::regclass) ORDER BY 1
                """));
            Assert.Equal(0L, await ScalarAsync(c, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid IN ('observations'::regclass, 'raw_packets'::regclass)"));
            Assert.Equal(1L, await ScalarAsync(c, "SELECT count(*) FROM pg_class WHERE relname = '" + PostgresPartitions.NameOf("observations", DateTimeOffset.UtcNow.AddMonths(2)) + "'"));
        }

        // Writes through the gateway's writer: the next raw id continues after the sequence (51 was taken), not after max(id).
        long siteId;
        await using (var ctx = store.CreateContext()) siteId = await ctx.Sites.Where(s => s.Code == "PT-1").Select(s => s.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var packet = new PacketWrite(Raw("new", PacketStatus.Accepted, now, "MN-PT", "QN-new"),
            [new ObservationInput(siteId, "MN-PT", "a34004", PeriodType.Hour, hour, 12.5m, "12.5") { Unit = "μg/m³" }]);
        var result = await new ObservationWriter(store).WriteAsync([packet]);
        Assert.Equal((1, 1), (result.Packets, result.ObservationsInserted));
        Assert.Equal(52L, packet.Raw.Id);
        await using (var c = await OpenAsync())
        {
            Assert.Equal(PostgresPartitions.NameOf("raw_packets_accepted", now), await ScalarAsync(c, "SELECT tableoid::regclass::text FROM raw_packets WHERE id = 52"));
            Assert.Equal(35L, await ScalarAsync(c, "SELECT id FROM observations WHERE raw_packet_id = 52")); // ids 1..34 before
            Assert.Equal(PostgresPartitions.NameOf("observations", hour), await ScalarAsync(c, "SELECT tableoid::regclass::text FROM observations WHERE raw_packet_id = 52"));
        }
        var check = await StoreChecker.CheckAsync(store.Options);
        Assert.True(check.Ok, string.Join("\n", check.Failures));
        await using (var ctx = store.CreateContext())
            Assert.False(ctx.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Rows_of_a_month_without_a_partition_land_in_DEFAULT_and_move_into_their_month_with_their_ids()
    {
        var store = new SmartEnvStore(_db.Options);
        await store.MigrateAndSeedAsync();
        long siteId;
        await using (var ctx = store.CreateContext()) siteId = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
        // A 2014 file import (no partition for 2014-01 exists): 2014-01-31 16:00 UTC = 2014-02-01 00:00 Beijing, still January UTC.
        var inputs = new[] { Utc(2014, 1, 1), Utc(2014, 1, 31, 16), Utc(2014, 2, 1) }
            .Select((t, i) => new ObservationInput(siteId, null, "a34004", PeriodType.Hour, t, 10m + i, (10 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)) { Unit = "μg/m³" }).ToList();
        var writer = new ObservationWriter(store);
        Assert.Equal(3, (await writer.UpsertAsync(inputs)).ObservationsInserted);

        await using var c = await OpenAsync();
        const string Where = "FROM observations WHERE parameter_code = 'a34004' AND data_time < '2015-01-01' ORDER BY data_time";
        var ids = await RowsAsync(c, "SELECT id " + Where);
        Assert.Equal(["observations_default", "observations_default", "observations_default"], await RowsAsync(c, "SELECT tableoid::regclass::text " + Where));

        Assert.Equal(3L, await PostgresPartitions.SplitDefaultsAsync(store));
        Assert.Equal(ids, await RowsAsync(c, "SELECT id " + Where));
        Assert.Equal(["observations_2014_01", "observations_2014_01", "observations_2014_02"], await RowsAsync(c, "SELECT tableoid::regclass::text " + Where));
        Assert.Equal(0L, await ScalarAsync(c, "SELECT count(*) FROM observations_default"));
        Assert.Equal(0L, await PostgresPartitions.SplitDefaultsAsync(store));

        // The measurement key still holds across the move: the same values again change nothing, a new value updates.
        var again = await writer.UpsertAsync(inputs.Select((x, i) => i == 2 ? x with { Value = 99m, ValueText = "99" } : x));
        Assert.Equal((0, 1, 2), (again.ObservationsInserted, again.ObservationsChanged, again.ObservationsUnchanged));
        Assert.Equal(["10", "11", "99"], await RowsAsync(c, "SELECT value_text " + Where));
        Assert.Equal(ids, await RowsAsync(c, "SELECT id " + Where));
        Assert.Contains(await PostgresPartitions.ListAsync(store), p => p.Name == "observations_2014_02" && p.From == Utc(2014, 2, 1) && p.To == Utc(2014, 3, 1));
    }

    /// <summary>Several instances start at once (issue 15 scale-out) or one moves DEFAULT rows while another creates the
    /// month: each month is created once, its DEFAULT rows moved once, and no caller fails.</summary>
    [Fact]
    public async Task Concurrent_callers_create_each_month_once_and_move_its_DEFAULT_rows_once()
    {
        var store = new SmartEnvStore(_db.Options);
        await store.MigrateAndSeedAsync();
        long siteId;
        await using (var ctx = store.CreateContext()) siteId = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
        await new ObservationWriter(store).UpsertAsync(Enumerable.Range(0, 3).Select(i =>
            new ObservationInput(siteId, null, "a34002", PeriodType.Hour, Utc(2015, 3, 10, i), 50m + i, (50 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var calls = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var c = await OpenAsync();
            return (string)(await ScalarAsync(c, "SELECT smartenv_month_partition('observations', '2015-03-31T23:59:59Z')"))!;
        }).Concat([Task.Run(async () => { await PostgresPartitions.SplitDefaultsAsync(store); return "observations_2015_03"; })]);
        Assert.All(await Task.WhenAll(calls), n => Assert.Equal("observations_2015_03", n));
        var later = Utc(2045, 6, 15); // months no start has created: 2045-05 … 2045-08, three parents
        var created = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostgresPartitions.EnsureMonthsAsync(store, later)));
        Assert.InRange(created.Sum(), 12, 36); // each caller counts what it found missing; the partitions exist once:

        await using var conn = await OpenAsync();
        Assert.Equal(3L, await ScalarAsync(conn, "SELECT count(*) FROM observations_2015_03"));
        Assert.Equal(0L, await ScalarAsync(conn, "SELECT count(*) FROM observations_default"));
        var months = (await PostgresPartitions.ListAsync(store)).Where(p => p.From.Year == 2045).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal(["observations_2045_05", "observations_2045_06", "observations_2045_07", "observations_2045_08"], months.Where(m => m.StartsWith("observations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_one_station_month_query_reads_one_partition()
    {
        var store = new SmartEnvStore(_db.Options);
        await store.MigrateAndSeedAsync();
        await using var c = await OpenAsync();
        foreach (var m in new[] { Utc(2019, 1, 1), Utc(2019, 2, 1), Utc(2019, 3, 1) })
            await ScalarAsync(c, $"SELECT smartenv_month_partition('observations', '{m:yyyy-MM-dd}T00:00:00Z')");
        var plan = string.Join("\n", await RowsAsync(c, """
            EXPLAIN SELECT data_time, value FROM observations
            WHERE site_id = 1 AND parameter_code = 'a34004' AND period = 'hour' AND data_time >= '2019-02-01T00:00:00Z' AND data_time < '2019-03-01T00:00:00Z'
            """));
        Assert.Contains("observations_2019_02", plan);
        Assert.DoesNotContain("observations_2019_01", plan);
        Assert.DoesNotContain("observations_2019_03", plan);
        Assert.DoesNotContain("observations_default", plan);
    }

    [Fact]
    public async Task Purge_drops_whole_months_past_retention_deletes_the_rest_row_by_row_and_counts_and_audits_both()
    {
        var store = new SmartEnvStore(_db.Options);
        await store.MigrateAndSeedAsync();
        // Relative to the real month, whose partitions (last month … two ahead) the start created and which must stay.
        var real = DateTimeOffset.UtcNow;
        var now = new DateTimeOffset(real.Year, real.Month, 1, 0, 0, 0, TimeSpan.Zero).AddDays(14);
        var qCut = now.AddDays(-90); // mid-month (day 14–17): the day before and after it are in its month
        var qMonth = new DateTimeOffset(qCut.Year, qCut.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var aCut = now - RetentionOptions.LegalMinimumRawRecords;
        var aMonth = new DateTimeOffset(aCut.Year, aCut.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var (q2, q1, a20, a8) = (qMonth.AddMonths(-2), qMonth.AddMonths(-1), aMonth.AddMonths(-20), aMonth.AddMonths(-8));
        long siteId;
        await using (var ctx = store.CreateContext())
        {
            siteId = await ctx.Sites.Where(s => s.Code == "1420A").Select(s => s.Id).SingleAsync();
            ctx.RawPackets.AddRange(
                Raw("q-2-a", PacketStatus.Quarantined, q2.AddDays(2)), Raw("q-2-b", PacketStatus.Quarantined, q2.AddDays(27)),
                Raw("q-1", PacketStatus.Quarantined, q1.AddDays(14)),
                Raw("q-cut-old", PacketStatus.Quarantined, qCut.AddDays(-1)), // month of the cutoff: row path
                Raw("q-cut-new", PacketStatus.Quarantined, qCut.AddDays(1)),
                Raw("a-20-unnamed", PacketStatus.Accepted, a20),
                Raw("a-8-named", PacketStatus.Accepted, a8), Raw("a-8-unnamed", PacketStatus.Accepted, a8.AddDays(1)));
            await ctx.SaveChangesAsync();
            var named = await ctx.RawPackets.Where(p => p.Text == "##a-8-named").Select(p => p.Id).SingleAsync();
            ctx.Observations.Add(new Observation { SiteId = siteId, ParameterCode = "a21026", Period = PeriodType.Hour, DataTime = a8, Value = 9m, ValueText = "9", RawPacketId = named, Mn = "T", StoredAt = now });
            await ctx.SaveChangesAsync();
            await ctx.AuditEntries.ExecuteDeleteAsync();
        }
        Assert.Equal(9L, await PostgresPartitions.SplitDefaultsAsync(store)); // 8 packets + the observation, all in DEFAULT
        string Q(DateTimeOffset m) => PostgresPartitions.NameOf("raw_packets_quarantined", m);
        string A(DateTimeOffset m) => PostgresPartitions.NameOf("raw_packets_accepted", m);
        var parts = (await PostgresPartitions.ListAsync(store)).Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { Q(q2), Q(q1), Q(qMonth), A(a20), A(a8) }, parts);

        var dry = await StorePurge.PurgeAsync(store, new RetentionOptions(), AuditActor.Cli(), new Clock(now), dryRun: true);
        Assert.Equal((4L, 2L, 1L, 0), (dry.Quarantined, dry.Accepted, dry.AcceptedKept, dry.PartitionsDropped));

        var run = await StorePurge.PurgeAsync(store, new RetentionOptions(), AuditActor.Cli(), new Clock(now));
        // Dropped: quarantined month −2 (2 rows) and −1 (1), accepted month −20 (1, named by nothing) = 3 partitions;
        // row by row: q-cut-old (its month ends after the cutoff) and a-8-unnamed (its month holds a named packet).
        Assert.Equal((4L, 2L, 1L, 3), (run.Quarantined, run.Accepted, run.AcceptedKept, run.PartitionsDropped));
        parts = (await PostgresPartitions.ListAsync(store)).Select(p => p.Name).ToHashSet();
        Assert.DoesNotContain(Q(q2), parts);
        Assert.DoesNotContain(Q(q1), parts);
        Assert.DoesNotContain(A(a20), parts);
        Assert.Contains(A(a8), parts);
        Assert.Contains(Q(qMonth), parts);
        Assert.Contains(Q(now.AddMonths(-1)), parts); // empty, not past retention
        await using (var ctx = store.CreateContext())
        {
            Assert.Equal(["##a-8-named", "##q-cut-new"], (await ctx.RawPackets.Select(p => p.Text).ToListAsync()).Order(StringComparer.Ordinal));
            var entry = Assert.Single(await ctx.AuditEntries.ToListAsync());
            Assert.Equal("store.purge", entry.Action);
            Assert.Contains("\"quarantined_deleted\":4", entry.After);
            Assert.Contains("\"accepted_deleted\":2", entry.After);
            Assert.Contains("\"partitions_dropped\":3", entry.After);
        }
        var again = await StorePurge.PurgeAsync(store, new RetentionOptions(), AuditActor.Cli(), new Clock(now));
        Assert.Equal((0L, 0L, 0), (again.Quarantined, again.Accepted, again.PartitionsDropped));
        var check = await StoreChecker.CheckAsync(store.Options);
        Assert.True(check.Ok, string.Join("\n", check.Failures));
    }
}
