using Microsoft.Data.Sqlite;
using Npgsql;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Storage.Tests;

/// <summary>Which engine errors say what about the store (readiness, 503 instead of 500). A tester made the SQLite file
/// immutable (<c>chattr +i</c>): writes answered a bare 500 "attempt to write a readonly database" while /health said ok.
/// Codes: https://sqlite.org/rescode.html, PostgreSQL appendix A (SQLSTATE).</summary>
public sealed class StoreFaultsTests
{
    [Theory]
    [InlineData(8, StoreState.ReadOnly)]        // SQLITE_READONLY
    [InlineData(8 | (1 << 8), StoreState.ReadOnly)] // SQLITE_READONLY_RECOVERY: extended codes keep the primary code in the low byte
    [InlineData(3, StoreState.ReadOnly)]        // SQLITE_PERM
    [InlineData(13, StoreState.Full)]           // SQLITE_FULL
    [InlineData(14, StoreState.Unreachable)]    // SQLITE_CANTOPEN
    [InlineData(11, StoreState.Corrupt)]        // SQLITE_CORRUPT
    [InlineData(19, null)]                      // SQLITE_CONSTRAINT: bad input, says nothing about the store
    public void Sqlite_result_codes(int code, StoreState? state) =>
        Assert.Equal(state, StoreFaults.Classify(new InvalidOperationException("wrapped", new SqliteException("x", code))));

    [Theory]
    [InlineData("25006", StoreState.ReadOnly)]  // read_only_sql_transaction
    [InlineData("53100", StoreState.Full)]      // disk_full
    [InlineData("XX001", StoreState.Corrupt)]   // data_corrupted
    [InlineData("23505", null)]                 // unique_violation
    public void Postgres_sqlstates(string sqlState, StoreState? state) =>
        Assert.Equal(state, StoreFaults.Classify(new PostgresException("x", "ERROR", "ERROR", sqlState)));
}
