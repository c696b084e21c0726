using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The store's PostgreSQL connections are bounded (<see cref="StoreOptions.DefaultPostgresMaxPoolSize"/>): a burst of
/// concurrent units of work — 40 loggers connecting to the gateway at once each look their MN up — queues for the
/// store's few connections instead of opening one server backend each. Without the cap, such a burst opened 40 backends
/// per store; with test classes and assemblies running in parallel against one server (max_connections 100) that was
/// the cause of connection time-outs on a loaded machine.
/// </summary>
public sealed class PostgresPoolTests(PostgresTestDatabase db) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task Forty_concurrent_contexts_use_at_most_the_capped_number_of_server_connections()
    {
        var (store, _) = await db.MigratedAsync();
        var backends = new ConcurrentDictionary<int, byte>();
        var ready = 0;
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () =>
        {
            await using var ctx = store.CreateContext();
            // Each unit of work holds its connection for 50 ms, long enough that without a cap the 40 overlap.
            var pid = await ctx.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\" FROM pg_sleep(0.05)").SingleAsync();
            backends.TryAdd(pid, 0);
            Interlocked.Increment(ref ready);
        })));
        Assert.Equal(40, ready);
        Assert.InRange(backends.Count, 1, 10); // StoreOptions.DefaultPostgresMaxPoolSize, documented in docs/storage.md
    }

    [Theory]
    [InlineData("Host=h;Username=u;Maximum Pool Size=3", 3)]
    [InlineData("Host=h;Username=u;MaxPoolSize=50", 50)]
    [InlineData("Host=h;Username=u", 10)]
    public void An_explicit_pool_size_in_the_connection_string_is_kept(string cs, int expected)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(new StoreOptions(StoreProvider.Postgres, cs).ProviderConnectionString);
        Assert.Equal(expected, b.MaxPoolSize);
    }

    [Fact]
    public async Task A_session_idle_inside_a_transaction_is_ended_by_the_server_after_the_stated_time()
    {
        // A frozen instance mid-transaction must not hold its row locks for ever (issue 16 CI: the scale-out survivor
        // stored nothing while the frozen leader held an evaluation_days row). The server says which timeout it applies.
        await using var conn = new Npgsql.NpgsqlConnection(db.Options.ProviderConnectionString);
        await conn.OpenAsync();
        await using var show = new Npgsql.NpgsqlCommand("SHOW idle_in_transaction_session_timeout", conn);
        Assert.Equal("30s", (string?)await show.ExecuteScalarAsync());
        Assert.Equal(TimeSpan.FromSeconds(30), StoreOptions.PostgresIdleInTransactionTimeout);
    }

    [Fact]
    public void Options_that_set_the_idle_timeout_themselves_are_kept()
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(new StoreOptions(StoreProvider.Postgres,
            "Host=h;Username=u;Options=-c idle_in_transaction_session_timeout=5000").ProviderConnectionString);
        Assert.Equal("-c idle_in_transaction_session_timeout=5000", b.Options);
    }
}
