using Npgsql;
using SmartEnv.Storage.Cluster;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The cluster primitives on a real PostgreSQL database, as two instances of one process would use them:
/// <see cref="ClusterLeader"/> — exactly one of two leads; when the leader's session ends (terminated by the server, as
/// when its process dies) the other leads at its next check and the old leader knows it no longer leads;
/// <see cref="ClusterSignals"/> — a signal published by one instance reaches the other's listeners (LISTEN/NOTIFY), also
/// after the listener's connection was terminated and re-established.
/// </summary>
public sealed class ClusterTests(PostgresTestDatabase db) : IClassFixture<PostgresTestDatabase>
{
    private async Task TerminateAsync(string applicationName)
    {
        await using var conn = new NpgsqlConnection(db.Options.ProviderConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @a", conn);
        cmd.Parameters.AddWithValue("a", applicationName);
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task One_of_two_instances_leads_and_the_other_takes_over_when_the_leaders_session_ends()
    {
        await using var a = new ClusterLeader(db.Options, new ClusterOptions { Instance = "lead-a" });
        await using var b = new ClusterLeader(db.Options, new ClusterOptions { Instance = "lead-b" });
        Assert.True(await a.CheckAsync());
        Assert.False(await b.CheckAsync());
        Assert.True(await a.CheckAsync());  // still leads
        Assert.False(await b.CheckAsync());
        await TerminateAsync("smartenv-leader lead-a"); // the leader's session ends (its process died)
        // The server frees the lock as the backend exits; B's next check takes it (bounded: 30 s on a loaded machine).
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!await b.CheckAsync()) { Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), "B did not take the lock over"); await Task.Delay(100); }
        Assert.True(b.IsLeader);
        Assert.False(await a.CheckAsync()); // A notices its broken session and does not lead
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task A_signal_of_one_instance_reaches_the_other_also_after_its_listen_connection_was_lost()
    {
        await using var a = new ClusterSignals(db.Options, instance: "sig-a");
        await using var b = new ClusterSignals(db.Options, instance: "sig-b");
        await Task.WhenAll(a.Listening, b.Listening).WaitAsync(TimeSpan.FromSeconds(30));
        var got = new System.Collections.Concurrent.ConcurrentQueue<string>();
        b.Changed += got.Enqueue;
        await a.PublishAsync(ClusterSignals.Alerts);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (got.IsEmpty) { Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), "B did not receive A's signal"); await Task.Delay(50); }
        Assert.Equal([ClusterSignals.Alerts], got);

        // B's listen session is terminated; B listens again and receives again (signals sent while it was not listening
        // are lost by design, so A publishes until B has one).
        await TerminateAsync("smartenv-listen sig-b");
        got.Clear();
        sw.Restart();
        while (got.IsEmpty)
        {
            Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), "B did not listen again");
            await a.PublishAsync("probe");
            await Task.Delay(200);
        }
        Assert.Contains("probe", got);
    }
}
