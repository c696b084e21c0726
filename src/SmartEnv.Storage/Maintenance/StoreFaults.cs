using Microsoft.Data.Sqlite;
using Npgsql;

namespace SmartEnv.Storage.Maintenance;

/// <summary>What state of the store an error shows (readiness, <c>GET /health</c>; docs/security.md "Store integrity").</summary>
public enum StoreState
{
    /// <summary>Reachable, migrated, space left, last integrity check passed.</summary>
    Ok,
    /// <summary>The database cannot be opened or reached (file missing, server down, login refused, timeout).</summary>
    Unreachable,
    /// <summary>No room to write: SQLite <c>SQLITE_FULL</c> or free space of the data directory under
    /// <see cref="StoreHealthOptions.MinFreeBytes"/>; PostgreSQL SQLSTATE <c>53100</c> disk_full.</summary>
    Full,
    /// <summary>The engine reports damage: SQLite <c>SQLITE_CORRUPT</c>/<c>SQLITE_NOTADB</c> or a failed
    /// <c>PRAGMA quick_check</c>; PostgreSQL SQLSTATE <c>XX001</c> data_corrupted / <c>XX002</c> index_corrupted.</summary>
    Corrupt,
    /// <summary>The store lacks migrations this build needs (run <c>smartenv serve</c> once, which migrates).</summary>
    NotMigrated,
    /// <summary>The store refuses writes: SQLite <c>SQLITE_READONLY</c> (file or folder not writable by the server, an
    /// immutable file) or <c>SQLITE_PERM</c>; PostgreSQL SQLSTATE <c>25006</c> read_only_sql_transaction (a standby, or
    /// <c>default_transaction_read_only</c>). Reads may still work; nothing new can be stored.</summary>
    ReadOnly,
}

/// <summary>Maps provider exceptions to a <see cref="StoreState"/>. Pure; thread-safe.</summary>
public static class StoreFaults
{
    /// <summary>SQLite primary result codes (https://sqlite.org/rescode.html).</summary>
    private const int SqlitePerm = 3, SqliteReadOnly = 8, SqliteCorrupt = 11, SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADb = 26;

    /// <summary>The state an exception (or one of its inner exceptions) shows, or null when it says nothing about the
    /// store (e.g. a bug, bad input).</summary>
    /// <param name="ex">Any exception.</param>
    public static StoreState? Classify(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException s:
                    return (s.SqliteErrorCode & 0xFF) switch
                    {
                        SqliteCorrupt or SqliteNotADb => StoreState.Corrupt,
                        SqliteFull => StoreState.Full,
                        SqliteCantOpen => StoreState.Unreachable,
                        SqliteReadOnly or SqlitePerm => StoreState.ReadOnly,
                        _ => null,
                    };
                case PostgresException p:
                    return p.SqlState switch
                    {
                        "XX001" or "XX002" => StoreState.Corrupt,       // data_corrupted, index_corrupted
                        "53100" => StoreState.Full,                     // disk_full
                        "25006" => StoreState.ReadOnly,                 // read_only_sql_transaction
                        "3D000" or "28P01" or "28000" or "57P01" or "57P02" or "57P03" or "53300" => StoreState.Unreachable,
                        _ => null,
                    };
                case NpgsqlException: // connection refused, timeout, pool exhausted, broken connection (socket errors are its inner exceptions)
                    return StoreState.Unreachable;
            }
        }
        // The store's own wrapper of a connection or migration failure whose cause says nothing more specific.
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is StoreUnavailableException) return StoreState.Unreachable;
        return null;
    }
}
