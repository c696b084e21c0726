using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using SmartEnv.Alerts;
using SmartEnv.Storage;
using SmartEnv.Storage.Maintenance;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 14 items 5 and 14: <c>/health/live</c> answers 200 while the process runs; <c>/health</c> (= <c>/health/ready</c>)
/// is 503 with the store's state and the check's message while the store is unreachable (SQLite file gone, PostgreSQL
/// port closed), full (free space under the minimum), or corrupt (a b-tree page overwritten — found by the start check,
/// or by a request, which answers 503 instead of 500). Real files and a real closed port; nothing mocked.
/// </summary>
public sealed class HealthReadinessTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();
    private readonly List<WebApplication> _apps = [];

    public Task InitializeAsync() => _db.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var a in _apps) { await a.StopAsync(); await a.DisposeAsync(); }
        await _db.DisposeAsync();
    }

    private async Task<HttpClient> StartAsync(SmartEnvStore store, StoreHealthOptions? health = null, Readiness? readiness = null)
    {
        var app = SmartEnvWeb.Build(new SmartEnvWebOptions
        {
            Store = store, Readiness = readiness ?? new Readiness(), HttpPort = 0, BindAddress = IPAddress.Loopback,
            Alerts = new AlertOptions { ScanInterval = TimeSpan.Zero },
            StoreHealth = health ?? new StoreHealthOptions { ProbeInterval = TimeSpan.Zero },
        });
        _apps.Add(app);
        await app.StartAsync();
        return new HttpClient { BaseAddress = SmartEnvWeb.BoundAddress(app) };
    }

    /// <summary>A migrated SQLite store in rollback-journal mode, so every page lives in the main file.</summary>
    private async Task<(SmartEnvStore Store, string Path)> SqliteStoreAsync()
    {
        var (store, _) = await _db.MigratedAsync();
        var path = StoreHealthProbe.SqlitePath(store.Options);
        await using (var c = new SqliteConnection(store.Options.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode=DELETE";
            await cmd.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();
        return (store, path);
    }

    /// <summary>Overwrites the root page of the <c>sites</c> table with 0xFF bytes (an invalid b-tree page type).</summary>
    private static async Task CorruptSitesRootPageAsync(SmartEnvStore store, string path)
    {
        long page, size;
        await using (var c = new SqliteConnection(store.Options.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = 'sites'";
            page = (long)(await cmd.ExecuteScalarAsync())!;
            cmd.CommandText = "PRAGMA page_size";
            size = (long)(await cmd.ExecuteScalarAsync())!;
        }
        SqliteConnection.ClearAllPools();
        await using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.Position = (page - 1) * size;
        await f.WriteAsync(Enumerable.Repeat((byte)0xFF, (int)size).ToArray());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient c, string path)
    {
        var r = await c.GetAsync(path);
        var text = await r.Content.ReadAsStringAsync();
        return (r.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task AssertLiveAsync(HttpClient c)
    {
        var (status, body) = await GetAsync(c, "/health/live");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("live", body.GetProperty("status").GetString());
    }

    private static async Task<string> AssertNotReadyAsync(HttpClient c, string state)
    {
        foreach (var path in new[] { "/health", "/health/ready" })
        {
            var (status, body) = await GetAsync(c, path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("not_ready", body.GetProperty("status").GetString());
            Assert.Equal(state, body.GetProperty("store").GetProperty("state").GetString());
        }
        return (await GetAsync(c, "/health")).Body.GetProperty("store").GetProperty("message").GetString()!;
    }

    [Fact]
    public async Task A_watched_component_that_goes_down_makes_readiness_not_ready_naming_it_and_up_again_ready()
    {
        // serve watches "hj212" with the gateway's Listening, which is false while the intake cannot commit (the gateway
        // closes its listener; GatewayAttackTests): readiness must say so instead of "ready".
        var (store, _) = await _db.MigratedAsync();
        var listening = true;
        var readiness = new Readiness();
        readiness.Watch("hj212", () => Volatile.Read(ref listening));
        using var c = await StartAsync(store, readiness: readiness);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c, "/health")).Status);
        Volatile.Write(ref listening, false);
        var (status, body) = await GetAsync(c, "/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal(["hj212"], body.GetProperty("down").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("ok", body.GetProperty("store").GetProperty("state").GetString());
        await AssertLiveAsync(c);
        Volatile.Write(ref listening, true);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c, "/health")).Status);
    }

    [Fact]
    public async Task A_page_corrupted_while_serving_makes_requests_503_not_500_and_readiness_corrupt_while_liveness_stays_200()
    {
        var (store, path) = await SqliteStoreAsync();
        using var c = await StartAsync(store);
        var (ok, body) = await GetAsync(c, "/health");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("store").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/api/sites")).StatusCode);

        await CorruptSitesRootPageAsync(store, path);
        var r = await c.GetAsync("/api/sites");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        var problem = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("corrupt", problem.GetProperty("store_state").GetString());
        Assert.Contains("malformed", problem.GetProperty("detail").GetString());
        await AssertNotReadyAsync(c, "corrupt");
        await AssertLiveAsync(c);
    }

    [Fact]
    public async Task A_store_corrupt_at_start_is_not_ready_with_the_quick_check_message()
    {
        var (store, path) = await SqliteStoreAsync();
        await CorruptSitesRootPageAsync(store, path);
        using var c = await StartAsync(store);
        var message = await AssertNotReadyAsync(c, "corrupt");
        Assert.StartsWith("PRAGMA quick_check: ", message);
        Assert.Contains("malformed", message);
        await AssertLiveAsync(c);
    }

    [Fact]
    public async Task A_missing_store_file_is_unreachable_and_is_not_recreated()
    {
        var (store, path) = await SqliteStoreAsync();
        using var c = await StartAsync(store);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("/health")).StatusCode);
        File.Delete(path);
        var message = await AssertNotReadyAsync(c, "unreachable");
        Assert.Equal("store file missing: " + path, message);
        Assert.False(File.Exists(path)); // the probe opens without creating
        // Nor do requests: once migrated, the store opens its file without create (a new operator saw the server answer
        // 500 "no such table: sites" from an empty file re-created within a second).
        var sites = await c.GetAsync("/api/sites");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sites.StatusCode);
        Assert.False(File.Exists(path));
        await AssertNotReadyAsync(c, "unreachable");
        await AssertLiveAsync(c);
    }

    [Fact]
    public async Task Free_space_under_the_minimum_is_full()
    {
        var (store, _) = await SqliteStoreAsync();
        using var c = await StartAsync(store, new StoreHealthOptions { ProbeInterval = TimeSpan.Zero, MinFreeBytes = long.MaxValue });
        var message = await AssertNotReadyAsync(c, "full");
        Assert.Contains("below the minimum 9,223,372,036,854,775,807", message);
        await AssertLiveAsync(c);
    }

    [Fact]
    public async Task A_PostgreSQL_store_on_a_closed_port_is_unreachable()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop(); // nothing listens on it now
        var store = new SmartEnvStore(new StoreOptions(StoreProvider.Postgres, $"Host=127.0.0.1;Port={port};Database=smartenv_absent;Username=postgres;Password=secret-pw"));
        using var c = await StartAsync(store);
        var message = await AssertNotReadyAsync(c, "unreachable");
        Assert.Contains($"Port={port}", message);
        Assert.DoesNotContain("secret-pw", message);
        await AssertLiveAsync(c);
    }
}
