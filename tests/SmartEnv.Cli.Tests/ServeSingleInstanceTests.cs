using SmartEnv.Storage;
using SmartEnv.Storage.Maintenance;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// A SQLite store is served by ONE instance (docs/operations.md "Running several instances (scaleout)"): while a serve
/// holds the store's <see cref="ServeLock"/>, a second <c>smartenv serve</c> on the same file refuses to start (exit 1, the
/// reason and the way out: PostgreSQL) instead of warning and serving beside it.
/// </summary>
public sealed class ServeSingleInstanceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-single-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task A_second_serve_on_a_held_sqlite_store_is_refused()
    {
        Directory.CreateDirectory(_dir);
        using (ServeLock.Take(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")))) // as a running `smartenv serve` holds it
        {
            // Bounded: the refusal comes right after the migration; a serve that started instead would never return.
            var r = await Task.Run(() => CliRunner.Run("", "serve", "--data-dir", _dir, "--http-port", "0", "--hj212-port", "0"))
                .WaitAsync(TimeSpan.FromSeconds(120));
            Assert.Equal(1, r.ExitCode);
            Assert.StartsWith("error: another smartenv serve is running on this SQLite store", r.Err, StringComparison.Ordinal);
            Assert.Contains("PostgreSQL", r.Err, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
