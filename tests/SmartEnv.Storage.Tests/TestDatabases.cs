using Npgsql;
using SmartEnv.Storage;

namespace SmartEnv.Storage.Tests;

/// <summary>A database that exists for one test class and is deleted afterwards.</summary>
public interface ITestDatabase : IAsyncLifetime
{
    StoreOptions Options { get; }

    /// <summary>The store, migrated and seeded once per class; <c>SeededOnFirstRun</c> is what that first call seeded.</summary>
    Task<(SmartEnvStore Store, int SeededOnFirstRun)> MigratedAsync();
}

/// <summary>Shared once-per-class migration.</summary>
public static class Migrated
{
    public static async Task<(SmartEnvStore, int)> OnceAsync(StoreOptions options, SemaphoreSlim gate, Func<(SmartEnvStore, int)?> get, Action<(SmartEnvStore, int)> set)
    {
        await gate.WaitAsync();
        try
        {
            if (get() is { } done) return done;
            var store = new SmartEnvStore(options);
            var n = await store.MigrateAndSeedAsync();
            set((store, n));
            return (store, n);
        }
        finally { gate.Release(); }
    }
}

/// <summary>A fresh SQLite file in the temp folder, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-test-" + Guid.NewGuid().ToString("N")[..12]);

    public StoreOptions Options { get; private set; } = null!;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (SmartEnvStore, int)? _migrated;

    public Task<(SmartEnvStore Store, int SeededOnFirstRun)> MigratedAsync() =>
        Migrated.OnceAsync(Options, _gate, () => _migrated, v => _migrated = v);


    public Task InitializeAsync()
    {
        Options = StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A uniquely named database on the PostgreSQL server named by <c>SMARTENV_TEST_PG</c> (default
/// <c>Host=127.0.0.1;Username=postgres;Password=postgres</c>), dropped on dispose. A missing server fails the test
/// with the fix; it never skips.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string DefaultConnection = "Host=127.0.0.1;Username=postgres;Password=postgres";

    private readonly string _name = "smartenv_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _admin = null!;

    public StoreOptions Options { get; private set; } = null!;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (SmartEnvStore, int)? _migrated;

    public Task<(SmartEnvStore Store, int SeededOnFirstRun)> MigratedAsync() =>
        Migrated.OnceAsync(Options, _gate, () => _migrated, v => _migrated = v);


    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SMARTENV_TEST_PG") is { Length: > 0 } s ? s : DefaultConnection;

    public async Task InitializeAsync()
    {
        var b = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Timeout = 5 };
        _admin = b.ConnectionString;
        try
        {
            await using var conn = new NpgsqlConnection(_admin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required by the storage tests but is not reachable with SMARTENV_TEST_PG='{b.Host}:{b.Port} user {b.Username}' ({ex.Message}). " +
                "Fix: run the tests with ./test.sh (it starts PostgreSQL when missing), run `sudo bash .ci/setup` (installs and starts " +
                "PostgreSQL on 127.0.0.1:5432, postgres/postgres), or set SMARTENV_TEST_PG to a server where this login may CREATE DATABASE.", ex);
        }
        var db = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name };
        Options = new StoreOptions(StoreProvider.Postgres, db.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        // Only this database's pool: clearing every pool (ClearAllPools) closed the idle connections of the test
        // classes running in parallel in this process, which then had to open new ones.
        await using (var own = new NpgsqlConnection(Options.ProviderConnectionString)) NpgsqlConnection.ClearPool(own);
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
