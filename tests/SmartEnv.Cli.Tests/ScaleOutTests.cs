using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;
using SmartEnv.Simulation;
using SmartEnv.Storage;
using SmartEnv.Storage.Cluster;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// Issue 15 scale-out acceptance (docs/operations.md "Running several instances (scaleout)"): two <c>smartenv serve</c>
/// child processes on ONE fresh PostgreSQL database behind a round-robin TCP forwarder (the test's load balancer), 2 × 10
/// replaying loggers (48 hourly CN 2061 packets each, two natural days per station), the instance that leads the singleton
/// jobs is frozen and then killed with SIGKILL mid-run. Asserted: every acknowledged packet is stored (each value exactly
/// once); every site-day is evaluated (done, unclaimed, all 48 hourly and 2 daily AQI rows) and its final data state was
/// computed by exactly one finished claim, claims of a day never overlapped except a dead instance's unfinished one; the
/// survivor holds the singleton lock within the stated takeover time (<see cref="ClusterOptions.SingletonTakeover"/>).
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int LeaseSeconds = 9; // poll 3 s, stated takeover 6 s (ClusterOptions)
    private const int StationsPerSimulator = 10;
    private const int HoursPerStation = 48;
    private static readonly string[] Pollutants = ["a34004", "a34002", "a21026", "a21004", "a05024", "a21005"];

    private readonly PostgresTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private sealed class Server(Process process, int http, int hj212, ConcurrentQueue<string> output)
    {
        public Process Process { get; } = process;
        public int Http { get; } = http;
        public int Hj212 { get; } = hj212;
        public ConcurrentQueue<string> Output { get; } = output;
        public string? Instance => Output.Select(l => Regex.Match(l, @"^cluster: instance (\S+) ")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        public string Log => string.Join("\n", Output);
    }

    private Server StartServer(string dataDir)
    {
        int http = FreePort(), hj = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "smartenv.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--data-dir", dataDir, "--db", _db.Options.ConnectionString, "--http-port", http.ToString(CultureInfo.InvariantCulture),
                     "--hj212-port", hj.ToString(CultureInfo.InvariantCulture), "--cluster-lease", LeaseSeconds.ToString(CultureInfo.InvariantCulture),
                     "--hj212-max-connections-per-address", "1000", "--evaluation-interval", "2" })
            psi.ArgumentList.Add(a);
        var output = new ConcurrentQueue<string>();
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return new Server(p, http, hj, output);
    }

    private static async Task WaitHealthyAsync(Server s)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{s.Http}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitForAsync(async () =>
        {
            Assert.False(s.Process.HasExited, "smartenv serve exited during start-up:\n" + s.Log);
            try { return (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK && s.Instance is not null; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(120), () => "smartenv serve did not become healthy:\n" + s.Log);
    }

    /// <summary>Polls a condition every 100 ms until it holds or the bound passes (then fails with the message).</summary>
    private static async Task<TimeSpan> WaitForAsync(Func<Task<bool>> condition, TimeSpan bound, Func<string> message)
    {
        var sw = Stopwatch.StartNew();
        while (!await condition())
        {
            if (sw.Elapsed > bound) Assert.Fail($"not within {bound.TotalSeconds:0} s: {message()}");
            await Task.Delay(100);
        }
        return sw.Elapsed;
    }

    /// <summary>The instance whose session holds the singleton lock (its application_name), or null.</summary>
    private async Task<string?> LeaderAsync()
    {
        await using var conn = new NpgsqlConnection(_db.Options.ProviderConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((l.classid::bigint << 32) | l.objid::bigint) = @k
            """, conn);
        cmd.Parameters.AddWithValue("k", ClusterLeader.LockKey);
        return await cmd.ExecuteScalarAsync() is string name && name.StartsWith("smartenv-leader ", StringComparison.Ordinal) ? name["smartenv-leader ".Length..] : null;
    }

    private static IReadOnlyList<ReplayStation> Replay(DateTimeOffset firstHour) =>
        Enumerable.Range(0, StationsPerSimulator).Select(i => new ReplayStation("S" + i, Enumerable.Range(0, HoursPerStation).Select(h =>
            new ReplayHour(firstHour.AddHours(h), Pollutants.Select((code, k) => KeyValuePair.Create(code,
                (code == "a21005" ? 0.4 + 0.1 * ((h + i) % 5) : 20 + 3 * k + (h * 7 + i) % 40).ToString(CultureInfo.InvariantCulture))).ToList())).ToList())).ToList();

    [Fact]
    public async Task Two_instances_one_killed_every_packet_stored_once_every_day_evaluated_once_and_singleton_jobs_taken_over()
    {
        var root = Path.Combine(Path.GetTempPath(), "smartenv-scaleout-" + Guid.NewGuid().ToString("N")[..8]);
        var servers = new List<Server>();
        RoundRobinForwarder? lb = null;
        try
        {
            // The first instance migrates and seeds the fresh database; the second starts on the migrated store.
            servers.Add(StartServer(Path.Combine(root, "a")));
            await WaitHealthyAsync(servers[0]);
            servers.Add(StartServer(Path.Combine(root, "b")));
            await WaitHealthyAsync(servers[1]);
            Assert.NotEqual(servers[0].Instance, servers[1].Instance);
            await WaitForAsync(async () => await LeaderAsync() is not null, TimeSpan.FromSeconds(60), () => "no instance took the singleton lock");

            // Registration through instance A, traffic through the forwarder that spreads connections over both.
            var issued = CliRunner.Run("", "users", "token", "admin", "--data-dir", Path.Combine(root, "a"), "--db", _db.Options.ConnectionString);
            Assert.True(issued.ExitCode == 0, issued.Err);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{servers[0].Http}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Out.Trim());
            // Whole Beijing days: the 48 hours are the natural days D-3 and D-2 (hours labelled 1…24 each).
            var today = SmartEnv.Standards.Common.BeijingTime.Date(DateTimeOffset.UtcNow);
            var day1 = today.AddDays(-3);
            var firstHour = SmartEnv.Standards.Common.BeijingTime.DayStart(day1);
            var sims = new[] { "SOA", "SOB" }.Select(prefix => new SimulatorOptions
            {
                Stations = StationsPerSimulator, Interval = TimeSpan.FromMilliseconds(400), Duration = TimeSpan.FromSeconds(120),
                AckTimeout = TimeSpan.FromSeconds(2), Drain = TimeSpan.FromSeconds(180), MnPrefix = prefix, Replay = Replay(firstHour),
            }).ToList();
            var codes = new List<string>();
            foreach (var o in sims)
                for (var i = 0; i < o.Stations; i++)
                {
                    var code = o.MnPrefix + "-" + i.ToString(CultureInfo.InvariantCulture);
                    codes.Add(code);
                    (await http.PostAsJsonAsync("/api/sites", new { code, name_zh = code, kind = "air", coordinates_approximate = true, is_public = false })).EnsureSuccessStatusCode();
                    (await http.PutAsJsonAsync($"/api/devices/{o.Mn(i)}", new Dictionary<string, string> { ["password"] = o.Password, ["site_code"] = code })).EnsureSuccessStatusCode();
                }

            lb = new RoundRobinForwarder(servers.Select(s => s.Hj212).ToArray());
            var runs = sims.Select(o => new Hj212Simulator(o with { Port = lb.Port }).RunAsync()).ToList();

            // Mid-run: a third of the packets stored and both instances serving loggers.
            var total = sims.Count * StationsPerSimulator * HoursPerStation;
            var store = new SmartEnvStore(_db.Options);
            async Task<int> StoredPacketsAsync()
            {
                await using var c = store.CreateContext();
                return await c.RawPackets.CountAsync(r => r.Mn != null && (r.Mn.StartsWith("SOA") || r.Mn.StartsWith("SOB")) && r.Status == PacketStatus.Accepted);
            }
            await WaitForAsync(async () => await StoredPacketsAsync() >= total / 3 && lb.Served.All(n => n > 0), TimeSpan.FromSeconds(120),
                () => $"traffic did not reach a third of {total} packets over both instances (forwarded: {string.Join("/", lb.Served)})");

            // Kill the leader: frozen first (SIGSTOP), so packets sent to it now are never answered and must be resent to
            // the survivor; then SIGKILL.
            var leaderName = await LeaderAsync();
            var victim = servers.Single(s => s.Instance == leaderName);
            var survivor = servers.Single(s => s != victim);
            using (var stop = Process.Start("kill", ["-STOP", victim.Process.Id.ToString(CultureInfo.InvariantCulture)])!) await stop.WaitForExitAsync();
            var frozenAt = await StoredPacketsAsync();
            await WaitForAsync(async () => await StoredPacketsAsync() > frozenAt + 20, TimeSpan.FromSeconds(60), () => "the survivor stored nothing while the leader was frozen");
            victim.Process.Kill(entireProcessTree: true);
            await victim.Process.WaitForExitAsync();
            lb.MarkDead(victim.Hj212);

            // The survivor takes over the singleton jobs within the stated time.
            var stated = new ClusterOptions { Lease = TimeSpan.FromSeconds(LeaseSeconds) }.SingletonTakeover;
            var takeover = await WaitForAsync(async () => await LeaderAsync() == survivor.Instance, stated,
                () => "the survivor did not take the singleton lock over; holder " + LeaderAsync().Result + "\n" + survivor.Log);
            await WaitForAsync(() => Task.FromResult(survivor.Output.Any(l => l.Contains($"cluster: instance {survivor.Instance} leads the singleton jobs", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(10), () => "the survivor did not report its leadership:\n" + survivor.Log);

            var results = await Task.WhenAll(runs);
            foreach (var r in results) Assert.True(r.Sent == r.Acked, $"sent {r.Sent}, acknowledged {r.Acked}: the survivor did not answer every logger");
            Assert.Equal(total, results.Sum(r => r.Sent));
            Assert.True(results.Sum(r => r.Retransmitted) > 0, "the kill caused no resend; the test did not exercise the takeover of loggers");

            // Every acknowledged packet is stored, each value exactly once.
            await using var ctx = store.CreateContext();
            var acked = results.SelectMany(r => r.AckedPackets).ToList();
            var mns = acked.Select(a => a.Mn).Distinct().ToList();
            var raw = (await ctx.RawPackets.AsNoTracking().Where(r => mns.Contains(r.Mn!) && r.Status == PacketStatus.Accepted).Select(r => new { r.Mn, r.Qn }).ToListAsync())
                .Select(r => (r.Mn, r.Qn)).ToHashSet();
            Assert.DoesNotContain(acked, a => !raw.Contains((a.Mn, a.Qn)));
            var obs = await ctx.Observations.AsNoTracking().Where(o => o.Mn != null && mns.Contains(o.Mn)).Select(o => new { o.Mn, o.DataTime, o.ParameterCode }).ToListAsync();
            Assert.Equal(acked.Select(a => (a.Mn, a.DataTime)).Distinct().Count() * Pollutants.Length, obs.Count);
            Assert.Equal(obs.Count, obs.Select(o => (o.Mn, o.DataTime, o.ParameterCode)).Distinct().Count());

            // Every site-day evaluated: done, unclaimed, figures present (bounded: lease + rounds on a loaded machine).
            var siteIds = await ctx.Sites.AsNoTracking().Where(s => codes.Contains(s.Code)).Select(s => s.Id).ToListAsync();
            Assert.Equal(codes.Count, siteIds.Count);
            await WaitForAsync(async () =>
            {
                await using var c = store.CreateContext();
                var days = await c.EvaluationDays.AsNoTracking().Where(e => siteIds.Contains(e.SiteId)).ToListAsync();
                return days.Count == siteIds.Count * 2 && days.All(d => d.State == EvaluationState.Done && d.ClaimedBy is null && d.LeaseUntil is null);
            }, TimeSpan.FromSeconds(180), () => "site-days not all evaluated:\n" + survivor.Log);
            var days = await ctx.EvaluationDays.AsNoTracking().Where(e => siteIds.Contains(e.SiteId)).ToListAsync();
            Assert.Equal([day1, day1.AddDays(1)], days.Select(d => d.Day).Distinct().Order().ToArray());
            var hourly = await ctx.HourlyAqi.AsNoTracking().Where(h => siteIds.Contains(h.SiteId)).GroupBy(h => h.SiteId).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Enumerable.Repeat(HoursPerStation, siteIds.Count), hourly);
            var daily = await ctx.DailyAqi.AsNoTracking().Where(d => siteIds.Contains(d.SiteId) && d.Valid && d.Aqi != null).CountAsync();
            Assert.Equal(siteIds.Count * 2, daily);

            // Evaluated once: the final data state (generation) of each day was computed by exactly one finished claim; two
            // claims of a day never ran at the same time, except one left unfinished by the killed instance.
            var claims = await ctx.EvaluationClaims.AsNoTracking().Where(c => siteIds.Contains(c.SiteId)).ToListAsync();
            foreach (var d in days)
            {
                var mine = claims.Where(c => c.SiteId == d.SiteId && c.Day == d.Day).OrderBy(c => c.ClaimedAt).ToList();
                Assert.Single(mine, c => c.Generation == d.Generation && c.Outcome == "done");
                Assert.All(mine.Where(c => c.FinishedAt is null), c => Assert.Equal(victim.Instance, c.Instance));
                Assert.All(mine.Where(c => c.Outcome == "done"), c => Assert.True(mine.Count(x => x.Outcome == "done" && x.Generation == c.Generation) == 1,
                    $"site {d.SiteId} day {d.Day} generation {c.Generation} computed twice"));
                var finished = mine.Where(c => c.FinishedAt is not null).ToList();
                for (var i = 1; i < finished.Count; i++)
                    Assert.True(finished[i].ClaimedAt >= finished[i - 1].FinishedAt,
                        $"site {d.SiteId} day {d.Day}: claims by {finished[i - 1].Instance} and {finished[i].Instance} overlapped");
            }
            Assert.True(claims.Select(c => c.Instance).Distinct().Count() <= 2);
            Assert.True(takeover <= stated, $"takeover {takeover} > stated {stated}");
            output.WriteLine($"takeover {takeover.TotalSeconds:0.0} s (stated {stated.TotalSeconds:0} s); packets {total}, resent {results.Sum(r => r.Retransmitted)}, " +
                $"forwarded {string.Join("/", lb.Served)}; claims {claims.Count} ({string.Join(", ", claims.GroupBy(c => (c.Instance == victim.Instance ? "killed" : "survivor") + ":" + (c.Outcome ?? "unfinished")).Select(g => g.Key + " " + g.Count()))})");
        }
        finally
        {
            if (lb is not null) await lb.DisposeAsync();
            foreach (var s in servers)
            {
                try { if (!s.Process.HasExited) { s.Process.Kill(entireProcessTree: true); await s.Process.WaitForExitAsync(); } }
                catch (InvalidOperationException) { }
                s.Process.Dispose();
            }
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    /// <summary>
    /// The test's TCP load balancer: accepts on a loopback port and forwards each connection to the next live backend
    /// (round robin; a backend that refuses is skipped), pumping bytes both ways until either side closes.
    /// </summary>
    private sealed class RoundRobinForwarder : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int[] _backends;
        private readonly int[] _served;
        private readonly ConcurrentDictionary<int, bool> _dead = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentBag<Task> _pumps = [];
        private readonly Task _accept;
        private int _next;

        public RoundRobinForwarder(int[] backends)
        {
            _backends = backends;
            _served = new int[backends.Length];
            _listener.Start(512);
            _accept = Task.Run(AcceptAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public IReadOnlyList<int> Served => Enumerable.Range(0, _served.Length).Select(i => Volatile.Read(ref _served[i])).ToList();

        public void MarkDead(int port) => _dead[port] = true;

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _pumps.Add(Task.Run(() => ForwardAsync(client)));
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        }

        private async Task ForwardAsync(TcpClient client)
        {
            using (client)
            {
                TcpClient? backend = null;
                for (var tries = 0; tries < _backends.Length && backend is null; tries++)
                {
                    var i = (int)((uint)Interlocked.Increment(ref _next) % (uint)_backends.Length);
                    if (_dead.ContainsKey(_backends[i])) continue;
                    var b = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
                    try
                    {
                        using var t = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                        t.CancelAfter(TimeSpan.FromSeconds(5));
                        await b.ConnectAsync(IPAddress.Loopback, _backends[i], t.Token);
                        backend = b;
                        Interlocked.Increment(ref _served[i]);
                    }
                    catch (Exception e) when (e is SocketException or OperationCanceledException) { b.Dispose(); }
                }
                if (backend is null) return;
                using (backend)
                {
                    using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                    var up = client.GetStream().CopyToAsync(backend.GetStream(), done.Token);
                    var down = backend.GetStream().CopyToAsync(client.GetStream(), done.Token);
                    try { await Task.WhenAny(up, down); } catch (Exception) { }
                    done.Cancel();
                    try { await Task.WhenAll(up, down); } catch (Exception) { } // a reset or the cancel ends the pair
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _accept;
            try { await Task.WhenAll(_pumps); } catch (Exception) { }
            _stop.Dispose();
        }
    }
}
