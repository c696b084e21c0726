using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmartEnv.Storage;

/// <summary>
/// Multi-row statements on SQLite through its own prepared-statement API (SQLitePCLRaw, the library under
/// Microsoft.Data.Sqlite), with parameters bound by position. Issue 15: the writer's statements bound by name spent
/// about a sixth of the commit in <c>SqliteParameterCollection.Bind</c> (SQLite looks a name up by a linear scan, so the
/// cost grows with the square of the parameters per statement), and one EF Core <c>ExecuteUpdate</c> per site-day or MN
/// compiled its SQL again each time. Runs on the caller's open connection inside its transaction. Values: null,
/// <see cref="long"/>, <see cref="int"/>, <see cref="bool"/> (0/1), <see cref="string"/>; anything else is an error.
/// Not thread-safe (one connection).
/// </summary>
internal static class SqliteBulk
{
    /// <summary>Rows per statement: 64 rows × 15 columns = 960 parameters, below SQLite's 32,766 (SQLITE_MAX_VARIABLE_NUMBER
    /// since 3.32); positional binding costs the same per parameter whatever the count.</summary>
    public const int RowsPerStatement = 64;

    /// <summary>Runs <paramref name="head"/> + <c>(?,…),(…)</c> + <paramref name="tail"/> over <paramref name="rows"/>
    /// (each <paramref name="columns"/> values), in chunks of <see cref="RowsPerStatement"/>, one prepared statement per
    /// chunk size, calling <paramref name="read"/> for each row the statement returns.</summary>
    /// <exception cref="SqliteException">SQLite failed (the caller's transaction is then rolled back by the caller).</exception>
    public static void Run(SqliteConnection conn, string head, string tail, int columns, IReadOnlyList<object?[]> rows, Action<sqlite3_stmt>? read = null)
    {
        using var runner = new Runner(conn, head, tail, columns);
        runner.Run(rows, read);
    }

    /// <summary>One multi-row statement shape whose prepared statements (one per chunk size) are kept until disposed, for
    /// a caller that runs it many times in one transaction. Not thread-safe.</summary>
    public sealed class Runner(SqliteConnection conn, string head, string tail, int columns) : IDisposable
    {
        private readonly sqlite3 _db = conn.Handle ?? throw new InvalidOperationException("the connection is not open");
        private readonly Dictionary<int, sqlite3_stmt> _statements = [];

        /// <summary>Runs the statement over <paramref name="rows"/> (see <see cref="SqliteBulk.Run"/>).</summary>
        public void Run(IReadOnlyList<object?[]> rows, Action<sqlite3_stmt>? read = null)
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var n = Math.Min(RowsPerStatement, rows.Count - start);
                if (!_statements.TryGetValue(n, out var stmt)) _statements[n] = stmt = Prepare(_db, MultiRowSql(head, tail, columns, n));
                for (var i = 0; i < n; i++)
                    for (var c = 0; c < columns; c++)
                        Bind(_db, stmt, i * columns + c + 1, rows[start + i][c]);
                Step(_db, stmt, read);
            }
        }

        /// <summary>Finalizes the prepared statements.</summary>
        public void Dispose()
        {
            foreach (var s in _statements.Values) raw.sqlite3_finalize(s);
            _statements.Clear();
        }
    }

    /// <summary><paramref name="head"/> + <paramref name="rows"/> groups of <paramref name="columns"/> positional
    /// parameters <c>(?,…),(…)</c> + <paramref name="tail"/>.</summary>
    public static string MultiRowSql(string head, string tail, int columns, int rows)
    {
        var sql = new StringBuilder(head);
        var row = "(" + string.Join(',', Enumerable.Repeat("?", columns)) + ")";
        for (var i = 0; i < rows; i++) sql.Append(i == 0 ? "" : ",").Append(row);
        return sql.Append(tail).ToString();
    }

    /// <summary>Prepares <paramref name="sql"/> on the connection's handle (finalize with <c>raw.sqlite3_finalize</c>).</summary>
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        var rc = raw.sqlite3_prepare_v2(db, sql, out var stmt);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        return stmt;
    }

    /// <summary>Binds one value by position (1-based).</summary>
    public static void Bind(sqlite3 db, sqlite3_stmt stmt, int index, object? value)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(stmt, index),
            long l => raw.sqlite3_bind_int64(stmt, index, l),
            int i => raw.sqlite3_bind_int64(stmt, index, i),
            bool b => raw.sqlite3_bind_int64(stmt, index, b ? 1 : 0),
            string s => raw.sqlite3_bind_text(stmt, index, s),
            _ => throw new ArgumentException($"unsupported parameter type {value.GetType()}", nameof(value)),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>Steps the statement to its end, reading returned rows, then resets it (bindings are kept).</summary>
    public static void Step(sqlite3 db, sqlite3_stmt stmt, Action<sqlite3_stmt>? read = null)
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW) read?.Invoke(stmt);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
        }
        finally { raw.sqlite3_reset(stmt); }
    }

    /// <summary>Text of a returned column (null for SQL NULL).</summary>
    public static string? Text(sqlite3_stmt stmt, int column) =>
        raw.sqlite3_column_type(stmt, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_text(stmt, column).utf8_to_string();

    /// <summary>Day text as SmartEnv's SQLite store keeps <see cref="DateOnly"/> (<c>yyyy-MM-dd</c>, EF Core's default).</summary>
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
