using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Writes packets and observations in one transaction per batch (group commit). Observations are upserted on the
/// measurement key (site_id, parameter_code, period, data_time) with <c>INSERT … ON CONFLICT DO NOTHING</c> and an
/// <c>UPDATE … WHERE … IS DISTINCT FROM</c>, the same SQL on SQLite (≥ 3.39) and PostgreSQL: a retransmission or a
/// re-import leaves the row untouched (its provenance stays the first packet or import run), a corrected resend or a
/// changed file updates value, unit, flag, min, max and provenance.
/// When <see cref="WriteAsync"/> returns, the batch is durably committed. Not thread-safe: use one writer per
/// batch loop.
/// </summary>
public sealed class ObservationWriter
{
    private const string InsertSql = """
        INSERT INTO "observations" ("site_id","parameter_code","period","data_time","value","value_text","unit","min","max","flag","mn","raw_packet_id","import_log_id","source_row","stored_at")
        VALUES (@site,@code,@period,@dt,@value,@text,@unit,@min,@max,@flag,@mn,@raw,@import,@row,@stored)
        ON CONFLICT ("site_id","parameter_code","period","data_time") DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE "observations" SET "value" = @value, "value_text" = @text, "unit" = @unit, "min" = @min, "max" = @max, "flag" = @flag,
          "mn" = @mn, "raw_packet_id" = @raw, "import_log_id" = @import, "source_row" = @row, "stored_at" = @stored
        WHERE "site_id" = @site AND "parameter_code" = @code AND "period" = @period AND "data_time" = @dt
          AND ("value_text" IS DISTINCT FROM @text OR "flag" IS DISTINCT FROM @flag OR "unit" IS DISTINCT FROM @unit
               OR "min" IS DISTINCT FROM @min OR "max" IS DISTINCT FROM @max)
        """;

    // PostgreSQL: one statement per batch for all MNs (a batch may hold 1,000 loggers).
    private const string ReceiptSql = """
        UPDATE "devices" AS d SET "last_data_received_at" = v.at
        FROM unnest(@mn, @at) AS v(mn, at)
        WHERE d."mn" = v.mn AND (d."last_data_received_at" IS NULL OR d."last_data_received_at" < v.at)
        """;

    private readonly SmartEnvStore _store;
    private readonly TimeProvider _time;

    /// <summary>Creates a writer.</summary>
    /// <param name="store">The store.</param>
    /// <param name="time">Clock for <c>stored_at</c>; defaults to the system clock.</param>
    public ObservationWriter(SmartEnvStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether <see cref="WriteAsync"/> moves <see cref="Device.LastDataReceivedAt"/> (default true: packets from
    /// the wire). File imports of logged packets set false: an archive arriving says nothing about the logger now.</summary>
    public bool RecordsReceipt { get; init; } = true;

    /// <summary>Stores a batch of packets (raw rows get their ids) and their observations in one transaction, and moves
    /// <see cref="Device.LastDataReceivedAt"/> of each MN whose packet carried values to the packet's receive time
    /// (unless <see cref="RecordsReceipt"/> is false).</summary>
    /// <param name="packets">The batch; may be empty.</param>
    /// <param name="ct">Cancellation; a cancelled batch is rolled back.</param>
    /// <returns>Counts; returned only after commit.</returns>
    /// <exception cref="StoreUnavailableException">The database failed; nothing of the batch is stored.</exception>
    public async Task<WriteResult> WriteAsync(IReadOnlyList<PacketWrite> packets, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(packets);
        try
        {
            await using var db = _store.CreateContext();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var p in packets)
            {
                p.Raw.ReceivedAt = p.Raw.ReceivedAt.ToUniversalTime();
                db.RawPackets.Add(p.Raw);
            }
            await db.SaveChangesAsync(ct);
            var counts = new Counter();
            await UpsertAllAsync(db, tx, packets.SelectMany(p => p.Observations.Select(o => (o, (long?)p.Raw.Id))), counts, ct);
            // Devices that delivered data in this batch: latest receive time (the offline rule's clock, docs/alerts.md).
            var receipts = packets.Where(p => RecordsReceipt && p.Observations.Count > 0 && p.Raw.Mn is not null)
                .GroupBy(p => p.Raw.Mn!, StringComparer.Ordinal).Select(g => (Mn: g.Key, At: g.Max(p => p.Raw.ReceivedAt).ToUniversalTime())).ToList();
            if (receipts.Count > 0 && db.Provider == StoreProvider.Postgres)
                await db.Database.ExecuteSqlRawAsync(ReceiptSql,
                    [new Npgsql.NpgsqlParameter<string[]>("mn", receipts.Select(r => r.Mn).ToArray()),
                     new Npgsql.NpgsqlParameter<DateTimeOffset[]>("at", receipts.Select(r => r.At).ToArray())], ct);
            else
                foreach (var (mn, at) in receipts) // SQLite is in-process: one indexed update per MN costs no round trip
                    await db.Devices.Where(d => d.Mn == mn && (d.LastDataReceivedAt == null || d.LastDataReceivedAt < at))
                        .ExecuteUpdateAsync(u => u.SetProperty(d => d.LastDataReceivedAt, at), ct);
            await tx.CommitAsync(ct);
            return new WriteResult(packets.Count, counts.Inserted, counts.Changed, counts.Unchanged);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
        catch (DbUpdateException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
    }

    /// <summary>Upserts observations without raw packets (file imports) in one transaction.</summary>
    /// <param name="observations">Values to store.</param>
    /// <param name="ct">Cancellation; a cancelled call is rolled back.</param>
    /// <returns>Counts (Packets = 0).</returns>
    /// <exception cref="StoreUnavailableException">The database failed; nothing is stored.</exception>
    public async Task<WriteResult> UpsertAsync(IEnumerable<ObservationInput> observations, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(observations);
        try
        {
            await using var db = _store.CreateContext();
            await db.Database.OpenConnectionAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var counts = new Counter();
            await UpsertAllAsync(db, tx, observations.Select(o => (o, (long?)null)), counts, ct);
            await tx.CommitAsync(ct);
            return new WriteResult(0, counts.Inserted, counts.Changed, counts.Unchanged);
        }
        catch (DbException ex)
        {
            throw new StoreUnavailableException(_store.Options, ex);
        }
    }

    private sealed class Counter
    {
        public int Inserted, Changed, Unchanged;
    }

    private async Task UpsertAllAsync(SmartEnvDbContext db, IDbContextTransaction tx, IEnumerable<(ObservationInput Obs, long? RawId)> rows, Counter counts, CancellationToken ct)
    {
        if (db.Provider == StoreProvider.Postgres)
        {
            await PostgresBulkUpsertAsync(db, tx, rows, counts, ct);
            return;
        }
        var upsert = CreateUpsert(db, tx);
        foreach (var (o, raw) in rows) await UpsertAsync(db.Provider, upsert, o, raw, counts, ct);
    }

    private const string BulkColumns = "\"site_id\",\"parameter_code\",\"period\",\"data_time\",\"value\",\"value_text\",\"unit\",\"min\",\"max\",\"flag\",\"mn\",\"raw_packet_id\",\"import_log_id\",\"source_row\",\"stored_at\"";

    private const string BulkSource = "unnest(@site, @code, @period, @dt, @value, @text, @unit, @min, @max, @flag, @mn, @raw, @import, @row, @stored)";

    /// <summary>PostgreSQL: two statements per chunk over unnest()ed arrays instead of two round trips per value.
    /// Keys repeated within the call are reduced to their last occurrence first (last write wins, as row by row).</summary>
    private async Task PostgresBulkUpsertAsync(SmartEnvDbContext db, IDbContextTransaction tx, IEnumerable<(ObservationInput Obs, long? RawId)> rows, Counter counts, CancellationToken ct)
    {
        var now = _time.GetUtcNow().ToUniversalTime();
        var last = new Dictionary<(long, string, PeriodType, DateTimeOffset), (ObservationInput, long?)>();
        var total = 0;
        foreach (var r in rows)
        {
            last[(r.Obs.SiteId, r.Obs.ParameterCode, r.Obs.Period, r.Obs.DataTime.ToUniversalTime())] = r;
            total++;
        }
        if (total == 0) return;
        var list = last.Values.ToList();
        var conn = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        var ntx = (Npgsql.NpgsqlTransaction)tx.GetDbTransaction();
        void Fill(Npgsql.NpgsqlCommand c)
        {
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("site", list.Select(x => x.Item1.SiteId).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("code", list.Select(x => x.Item1.ParameterCode).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string[]>("period", list.Select(x => SnakeCaseEnumConverter<PeriodType>.ToSnake(x.Item1.Period.ToString())).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("dt", list.Select(x => x.Item1.DataTime.ToUniversalTime()).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("value", list.Select(x => x.Item1.Value).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("text", list.Select(x => x.Item1.ValueText).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("min", list.Select(x => x.Item1.Min).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<decimal?[]>("max", list.Select(x => x.Item1.Max).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("unit", list.Select(x => x.Item1.Unit).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("flag", list.Select(x => x.Item1.Flag).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<string?[]>("mn", list.Select(x => x.Item1.Mn).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long?[]>("raw", list.Select(x => x.Item2).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<long?[]>("import", list.Select(x => x.Item1.ImportLogId).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<int?[]>("row", list.Select(x => x.Item1.SourceRow).ToArray()));
            c.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset[]>("stored", Enumerable.Repeat(now, list.Count).ToArray()));
        }
        await using var insert = new Npgsql.NpgsqlCommand(
            $"INSERT INTO \"observations\" ({BulkColumns}) SELECT * FROM {BulkSource} ON CONFLICT (\"site_id\",\"parameter_code\",\"period\",\"data_time\") DO NOTHING", conn, ntx);
        Fill(insert);
        var inserted = await insert.ExecuteNonQueryAsync(ct);
        await using var update = new Npgsql.NpgsqlCommand($"""
            UPDATE "observations" AS o SET "value" = x."value", "value_text" = x."value_text", "unit" = x."unit", "min" = x."min", "max" = x."max",
              "flag" = x."flag", "mn" = x."mn", "raw_packet_id" = x."raw_packet_id", "import_log_id" = x."import_log_id",
              "source_row" = x."source_row", "stored_at" = x."stored_at"
            FROM {BulkSource} AS x({BulkColumns})
            WHERE o."site_id" = x."site_id" AND o."parameter_code" = x."parameter_code" AND o."period" = x."period" AND o."data_time" = x."data_time"
              AND (o."value_text" IS DISTINCT FROM x."value_text" OR o."flag" IS DISTINCT FROM x."flag" OR o."unit" IS DISTINCT FROM x."unit"
                   OR o."min" IS DISTINCT FROM x."min" OR o."max" IS DISTINCT FROM x."max")
            """, conn, ntx);
        Fill(update);
        var changed = await update.ExecuteNonQueryAsync(ct);
        counts.Inserted += inserted;
        counts.Changed += changed;
        counts.Unchanged += total - inserted - changed;
    }

    private sealed class Commands(DbCommand insert, DbCommand update)
    {
        public DbCommand Insert { get; } = insert;
        public DbCommand Update { get; } = update;
    }

    private static Commands CreateUpsert(SmartEnvDbContext db, IDbContextTransaction tx) =>
        new(CreateCommand(db, tx, InsertSql), CreateCommand(db, tx, UpdateSql));

    private static DbCommand CreateCommand(SmartEnvDbContext db, IDbContextTransaction tx, string sql)
    {
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
        cmd.CommandText = sql;
        var sqlite = db.Provider == StoreProvider.Sqlite;
        var instant = sqlite ? DbType.Int64 : DbType.DateTimeOffset;
        var dec = sqlite ? DbType.String : DbType.Decimal;
        (string Name, DbType Type)[] parameters =
        [
            ("site", DbType.Int64), ("code", DbType.String), ("period", DbType.String), ("dt", instant), ("value", dec),
            ("text", DbType.String), ("unit", DbType.String), ("min", dec), ("max", dec), ("flag", DbType.String),
            ("mn", DbType.String), ("raw", DbType.Int64), ("import", DbType.Int64), ("row", DbType.Int32), ("stored", instant),
        ];
        foreach (var (name, type) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.DbType = type;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private async Task UpsertAsync(StoreProvider provider, Commands cmds, ObservationInput o, long? rawId, Counter counts, CancellationToken ct)
    {
        var sqlite = provider == StoreProvider.Sqlite;
        var now = _time.GetUtcNow();
        object Dt(DateTimeOffset d) => sqlite ? d.ToUnixTimeMilliseconds() : d.ToUniversalTime();
        object Dec(decimal? d) => d is null ? DBNull.Value : sqlite ? d.Value.ToString(CultureInfo.InvariantCulture) : d.Value;
        object Str(string? s) => (object?)s ?? DBNull.Value;
        foreach (var cmd in new[] { cmds.Insert, cmds.Update })
        {
            var ps = cmd.Parameters;
            ps["@site"].Value = o.SiteId;
            ps["@code"].Value = o.ParameterCode;
            ps["@period"].Value = SnakeCaseEnumConverter<PeriodType>.ToSnake(o.Period.ToString());
            ps["@dt"].Value = Dt(o.DataTime);
            ps["@value"].Value = Dec(o.Value);
            ps["@text"].Value = Str(o.ValueText);
            ps["@min"].Value = Dec(o.Min);
            ps["@max"].Value = Dec(o.Max);
            ps["@unit"].Value = Str(o.Unit);
            ps["@flag"].Value = Str(o.Flag);
            ps["@mn"].Value = Str(o.Mn);
            ps["@raw"].Value = (object?)rawId ?? DBNull.Value;
            ps["@import"].Value = (object?)o.ImportLogId ?? DBNull.Value;
            ps["@row"].Value = (object?)o.SourceRow ?? DBNull.Value;
            ps["@stored"].Value = Dt(now);
        }
        if (await cmds.Insert.ExecuteNonQueryAsync(ct) == 1) { counts.Inserted++; return; }
        if (await cmds.Update.ExecuteNonQueryAsync(ct) == 1) counts.Changed++;
        else counts.Unchanged++;
    }
}
