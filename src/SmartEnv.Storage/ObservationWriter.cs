using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Writes packets and observations in one transaction per batch (group commit). Observations are upserted on
/// (mn, cn, data_time, parameter_code) with <c>INSERT … ON CONFLICT … DO UPDATE … WHERE IS DISTINCT FROM</c>, the same
/// SQL on SQLite (≥ 3.39) and PostgreSQL: a retransmission leaves the row untouched, a corrected resend updates it.
/// When <see cref="WriteAsync"/> returns, the batch is durably committed. Not thread-safe: use one writer per
/// batch loop.
/// </summary>
public sealed class ObservationWriter
{
    private const string InsertSql = """
        INSERT INTO "observations" ("site_id","mn","cn","parameter_code","period","data_time","value","value_text","min","max","flag","raw_packet_id","stored_at")
        VALUES (@site,@mn,@cn,@code,@period,@dt,@value,@text,@min,@max,@flag,@raw,@stored)
        ON CONFLICT ("mn","cn","data_time","parameter_code") DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE "observations" SET "value" = @value, "value_text" = @text, "min" = @min, "max" = @max, "flag" = @flag,
          "raw_packet_id" = @raw, "stored_at" = @stored, "site_id" = @site, "period" = @period
        WHERE "mn" = @mn AND "cn" = @cn AND "data_time" = @dt AND "parameter_code" = @code
          AND ("value_text" IS DISTINCT FROM @text OR "flag" IS DISTINCT FROM @flag
               OR "min" IS DISTINCT FROM @min OR "max" IS DISTINCT FROM @max)
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

    /// <summary>Stores a batch of packets (raw rows get their ids) and their observations in one transaction.</summary>
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
            var upsert = CreateUpsert(db, tx);
            foreach (var p in packets)
                foreach (var o in p.Observations)
                    await UpsertAsync(db.Provider, upsert, o, p.Raw.Id, counts, ct);
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
            var upsert = CreateUpsert(db, tx);
            foreach (var o in observations)
                await UpsertAsync(db.Provider, upsert, o, null, counts, ct);
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
            ("site", DbType.Int64), ("mn", DbType.String), ("cn", DbType.String), ("code", DbType.String),
            ("period", DbType.String), ("dt", instant), ("value", dec), ("text", DbType.String), ("min", dec),
            ("max", dec), ("flag", DbType.String), ("raw", DbType.Int64), ("stored", instant),
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
            ps["@mn"].Value = o.Mn;
            ps["@cn"].Value = o.Cn;
            ps["@code"].Value = o.ParameterCode;
            ps["@period"].Value = SnakeCaseEnumConverter<PeriodType>.ToSnake(o.Period.ToString());
            ps["@dt"].Value = Dt(o.DataTime);
            ps["@value"].Value = Dec(o.Value);
            ps["@text"].Value = Str(o.ValueText);
            ps["@min"].Value = Dec(o.Min);
            ps["@max"].Value = Dec(o.Max);
            ps["@flag"].Value = Str(o.Flag);
            ps["@raw"].Value = (object?)rawId ?? DBNull.Value;
            ps["@stored"].Value = Dt(now);
        }
        if (await cmds.Insert.ExecuteNonQueryAsync(ct) == 1) { counts.Inserted++; return; }
        if (await cmds.Update.ExecuteNonQueryAsync(ct) == 1) counts.Changed++;
        else counts.Unchanged++;
    }
}
