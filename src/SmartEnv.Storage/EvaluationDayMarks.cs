using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Marks site-days pending in <c>evaluation_days</c> inside the caller's transaction, so the mark commits with the values
/// that caused it (issue 15: marks kept in memory until the next evaluation round were lost when the process was killed
/// in between, and a day computed from the older data then stayed <c>done</c>). Each mark raises the day's
/// <see cref="EvaluationDay.Generation"/> with <c>generation = generation + 1</c> in SQL (never a value read earlier), so a
/// claim computing older data sees the change (<c>EvaluationClaims</c>). One set-based statement for all the days of a
/// batch (<c>INSERT … ON CONFLICT (site_id, day) DO UPDATE</c>; before: one EF Core <c>ExecuteUpdate</c> per site-day,
/// a fifth of a 1,000-station commit), rows in (site, day) order so that two instances marking overlapping days cannot
/// deadlock, and a day inserted by another writer at the same moment is updated instead of failing the batch. Not
/// thread-safe (uses the caller's context).
/// </summary>
public static class EvaluationDayMarks
{
    private const string Columns = "\"site_id\",\"day\",\"state\",\"attempts\",\"generation\",\"updated_at\"";

    private const string OnConflict = """
         ON CONFLICT ("site_id","day") DO UPDATE SET "generation" = "evaluation_days"."generation" + 1, "state" = excluded."state",
           "last_error" = NULL, "next_attempt_at" = NULL, "updated_at" = excluded."updated_at"
        """;

    /// <summary>Marks the days pending (state <c>pending</c>, error and retry time cleared, generation raised); a day without a
    /// row gets one (generation 1, no attempts). Call inside an open transaction of <paramref name="db"/>.</summary>
    /// <param name="db">Context whose transaction the marks join.</param>
    /// <param name="days">(site id, natural day in Beijing time); duplicates are ignored.</param>
    /// <param name="now">Time written to <c>updated_at</c>.</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public static async Task MarkPendingAsync(SmartEnvDbContext db, IEnumerable<(long SiteId, DateOnly Day)> days, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(days);
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("evaluation days are marked in the transaction of the values: open one first");
        now = now.ToUniversalTime();
        var list = days.Distinct().OrderBy(d => d.SiteId).ThenBy(d => d.Day).ToList();
        if (list.Count == 0) return;
        var pending = SnakeCaseEnumConverter<EvaluationState>.ToSnake(nameof(EvaluationState.Pending));
        var conn = db.Database.GetDbConnection();
        if (db.Provider == StoreProvider.Postgres)
        {
            await using var cmd = new Npgsql.NpgsqlCommand($"""
                INSERT INTO "evaluation_days" ({Columns})
                SELECT s, d, @state, 0, 1, @now FROM unnest(@site, @day) WITH ORDINALITY AS x(s, d, i) ORDER BY i
                {OnConflict}
                """, (Npgsql.NpgsqlConnection)conn, (Npgsql.NpgsqlTransaction)tx.GetDbTransaction());
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string>("state", pending));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateTimeOffset>("now", now));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long[]>("site", list.Select(d => d.SiteId).ToArray()));
            cmd.Parameters.Add(new Npgsql.NpgsqlParameter<DateOnly[]>("day", list.Select(d => d.Day).ToArray()));
            await cmd.ExecuteNonQueryAsync(ct);
            return;
        }
        var at = now.ToUnixTimeMilliseconds();
        SqliteBulk.Run((SqliteConnection)conn, $"INSERT INTO \"evaluation_days\" ({Columns}) VALUES ", OnConflict, 6,
            list.Select(d => new object?[] { d.SiteId, SqliteBulk.Day(d.Day), pending, 0, 1L, at }).ToList());
    }
}
