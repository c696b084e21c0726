using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Simulation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Web;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 4 durability acceptance: <c>smartenv serve</c> runs as a child process on SQLite, is killed with SIGKILL while
/// the simulator streams, and is restarted on the same data directory; every acknowledged packet must be in the store
/// and the simulator's resends must not duplicate any observation.
/// </summary>
public sealed class DurabilityTests
{
    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static Process StartServer(string dataDir, int http, int hj212)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "smartenv.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "serve", "--data-dir", dataDir, "--http-port", http.ToString(), "--hj212-port", hj212.ToString() }) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task WaitHealthyAsync(HttpClient http, Process server)
    {
        for (var i = 0; i < 600; i++)
        {
            Assert.False(server.HasExited, "smartenv serve exited during start-up");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        Assert.Fail("smartenv serve did not become healthy within 60 s");
    }

    [Fact]
    public async Task Every_acknowledged_packet_survives_kill_9_and_resends_are_not_duplicated()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-durability-" + Guid.NewGuid().ToString("N")[..8]);
        int httpPort = FreePort(), hjPort = FreePort();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        var server = StartServer(dir, httpPort, hjPort);
        try
        {
            await WaitHealthyAsync(http, server);
            var options = new SimulatorOptions
            {
                Port = hjPort, Stations = 30, Interval = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(12),
                AckTimeout = TimeSpan.FromSeconds(1), Drain = TimeSpan.FromSeconds(120), MnPrefix = "DUR",
            };
            // serve created the admin account on first run; a personal access token of it registers the sites and loggers.
            var issued = CliRunner.Run("", "users", "token", "admin", "--data-dir", dir);
            Assert.True(issued.ExitCode == 0, issued.Err);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Out.Trim());
            // One site per logger: a measurement is keyed by site, parameter, period and time, and the loggers send the
            // same hours.
            for (var i = 0; i < options.Stations; i++)
            {
                var code = "DUR-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                (await http.PostAsJsonAsync("/api/sites", new { code, name_zh = code, kind = "air", coordinates_approximate = true, is_public = false })).EnsureSuccessStatusCode();
                (await http.PutAsJsonAsync($"/api/devices/{options.Mn(i)}", new Dictionary<string, string> { ["password"] = options.Password, ["site_code"] = code })).EnsureSuccessStatusCode();
            }

            // Drain: the loggers stop as soon as everything is acknowledged, so the long drain only matters when a loaded
            // machine (CI runs test assemblies in parallel on 2 cores) restarts the killed server slowly.
            var run = new Hj212Simulator(options).RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            // Freeze the server first (SIGSTOP) so that packets sent in the next 2 s reach its socket but are never
            // answered: the kill then always leaves unacknowledged packets that the loggers must resend. Without the
            // freeze, on a quiet machine acks take milliseconds and the kill often finds nothing in flight.
            using (var stop = Process.Start("kill", ["-STOP", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await stop.WaitForExitAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            server.Kill(entireProcessTree: true); // SIGKILL mid-stream
            await server.WaitForExitAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
            server.Dispose();
            server = StartServer(dir, httpPort, hjPort);
            await WaitHealthyAsync(http, server);
            var result = await run;

            // How many packets the loggers get out depends on how fast the killed server comes back (slow on a loaded
            // machine); the test needs every logger to have sent and the kill to have forced resends, not a rate.
            Assert.True(result.Sent >= options.Stations, $"only {result.Sent} packets sent by {options.Stations} loggers");
            Assert.Equal(result.Sent, result.Acked);           // everything was eventually acknowledged
            Assert.True(result.Retransmitted > 0, "the kill caused no resend; the test did not exercise recovery");

            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            var store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(dir, "smartenv.db")));
            await using var ctx = store.CreateContext();
            var mns = Enumerable.Range(0, options.Stations).Select(options.Mn).ToList();
            var raw = await ctx.RawPackets.AsNoTracking().Where(r => mns.Contains(r.Mn!) && r.Status == PacketStatus.Accepted)
                .Select(r => new { r.Mn, r.Qn }).ToListAsync();
            var rawKeys = raw.Select(r => (r.Mn, r.Qn)).ToHashSet();
            var missing = result.AckedPackets.Where(a => !rawKeys.Contains((a.Mn, a.Qn))).ToList();
            Assert.Empty(missing);                            // every acknowledged packet is stored raw
            var obs = await ctx.Observations.AsNoTracking().Where(o => o.Mn != null && mns.Contains(o.Mn))
                .Select(o => new { o.Mn, o.DataTime, o.ParameterCode }).ToListAsync();
            var distinctPackets = result.AckedPackets.Select(a => (a.Mn, a.DataTime)).Distinct().Count();
            Assert.Equal(distinctPackets * 6, obs.Count);     // six pollutants per packet, each exactly once
            Assert.Equal(obs.Count, obs.Select(o => (o.Mn, o.DataTime, o.ParameterCode)).Distinct().Count());
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            server.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
