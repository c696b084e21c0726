using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.LoadHarness;

/// <summary>
/// One load run, reproducible from one command (docs/operations.md "Metrics and load harness (observability)"):
/// <list type="number">
/// <item>a fresh store — a new data folder (SQLite) or a new PostgreSQL database <c>smartenv_load_…</c>;</item>
/// <item><c>smartenv serve</c> as a child process (its own ports, <c>SMARTENV_INSTANCE=load-harness</c>), waited for
/// until <c>/health</c> says ready; an admin token from <c>smartenv users token admin</c>;</item>
/// <item><c>smartenv simulate --register</c> as a second child process (N stations, interval, duration, drain), whose
/// last stdout line is its JSON summary (sent/acked/resent, ack percentiles, loggers without an ack);</item>
/// <item>meanwhile every second: server CPU (utime + stime of <c>/proc/PID/stat</c>), RSS (<c>VmRSS</c>, peak
/// <c>VmHWM</c> of <c>/proc/PID/status</c>), machine load (<c>/proc/loadavg</c>) and machine CPU busy share
/// (<c>/proc/stat</c>);</item>
/// <item>after the simulator: a scrape of <c>/metrics</c> (saved beside the results), then up to <c>--settle</c>
/// seconds until no evaluation day is pending (the evaluation's catch-up time), then SIGTERM to the server (it commits
/// what is queued);</item>
/// <item>counts in the store: accepted and quarantined raw packets, observations, points/s between the first and last
/// stored packet, per-logger stored packets (loggers with nothing stored, the least-served logger), hourly AQI rows;</item>
/// <item>results JSON to <c>--out</c>; the run folder (logs, metrics) is kept only with <c>--keep</c>, the PostgreSQL
/// database is dropped unless <c>--keep</c>.</item>
/// </list>
/// The server is never left running: it is stopped in a finally block (SIGKILL after 60 s without exit).
/// </summary>
internal static class Program
{
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    private static int Main(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var o = Options.Parse(args);
        if (o is null) return 2;
        var root = RepoRoot();
        var dll = o.Smartenv ?? Path.Combine(root, "src/SmartEnv.Cli/bin/Release/net10.0/smartenv.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"error: {dll} not found; build it first: dotnet build src/SmartEnv.Cli -c Release");
            return 2;
        }
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var runDir = Path.Combine(Path.GetTempPath(), $"smartenv-load-{o.Engine}-{o.Stations}-{stamp}-{Environment.ProcessId}");
        Directory.CreateDirectory(runDir);
        var dataDir = Path.Combine(runDir, "data");
        Directory.CreateDirectory(dataDir);
        string? dbName = null;
        string? conn = null;
        if (o.Engine == "postgres")
        {
            dbName = "smartenv_load_" + stamp.Replace("-", "_", StringComparison.Ordinal) + "_" + Environment.ProcessId;
            await using (var admin = new NpgsqlConnection(o.Postgres))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{dbName}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
            conn = new NpgsqlConnectionStringBuilder(o.Postgres) { Database = dbName, MaxPoolSize = o.PgPool }.ConnectionString;
        }
        var storeArgs = conn is null ? new List<string> { "--data-dir", dataDir } : ["--data-dir", dataDir, "--db", conn];
        var httpPort = FreePort();
        var hjPort = FreePort();
        var results = new JsonObject
        {
            ["engine"] = o.Engine, ["stations"] = o.Stations, ["interval_s"] = o.Interval, ["duration_s"] = o.Duration, ["drain_s"] = o.Drain,
            ["started_at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["commit"] = Git(root, "rev-parse --short HEAD"),
            ["machine"] = new JsonObject { ["cores"] = Environment.ProcessorCount, ["loadavg_before"] = LoadAvg() },
            ["serve_args"] = new JsonArray([.. o.ServeArgs.Select(a => (JsonNode)a)]),
        };
        Process? server = null;
        var exit = 1;
        try
        {
            // 1. The server.
            var serveArgs = new List<string> { dll, "serve" };
            serveArgs.AddRange(storeArgs);
            serveArgs.AddRange(["--http-port", Str(httpPort), "--hj212-port", Str(hjPort), "--hj212-max-connections-per-address", Str(o.Stations + 256)]);
            serveArgs.AddRange(o.ServeArgs);
            server = Start("dotnet", serveArgs, Path.Combine(runDir, "serve.log"), new() { ["SMARTENV_INSTANCE"] = "load-harness" });
            var api = new Uri($"http://127.0.0.1:{httpPort}");
            using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
            if (!await WaitReadyAsync(http, server, TimeSpan.FromSeconds(180)))
            {
                Console.Error.WriteLine($"error: the server did not become ready; see {runDir}/serve.log");
                return 1;
            }
            var tokenArgs = new List<string> { dll, "users", "token", "admin", "--name", "load-harness" };
            tokenArgs.AddRange(storeArgs);
            var (tokenExit, tokenOut) = await RunToEndAsync("dotnet", tokenArgs, Path.Combine(runDir, "token.log"));
            var token = tokenOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (tokenExit != 0 || string.IsNullOrEmpty(token))
            {
                Console.Error.WriteLine($"error: could not issue a token; see {runDir}/token.log");
                return 1;
            }
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // 2. The sampler and the generator.
            using var stopSampling = new CancellationTokenSource();
            var samples = new List<Sample>();
            var sampler = SampleAsync(server.Id, samples, stopSampling.Token);
            var simArgs = new List<string>
            {
                dll, "simulate", "--stations", Str(o.Stations), "--interval", Str(o.Interval), "--duration", Str(o.Duration),
                "--drain", Str(o.Drain), "--target", $"127.0.0.1:{hjPort}", "--register", "--api", api.ToString().TrimEnd('/'), "--token", token,
            };
            var simClock = Stopwatch.StartNew();
            var (simExit, simOut) = await RunToEndAsync("dotnet", simArgs, Path.Combine(runDir, "simulate.log"));
            var simSeconds = simClock.Elapsed.TotalSeconds;
            var summaryLine = simOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'));
            results["simulator"] = summaryLine is null ? null : JsonNode.Parse(summaryLine);
            results["simulator_exit"] = simExit;
            results["simulator_wall_s"] = Math.Round(simSeconds, 1);

            // 3. After the run: metrics, evaluation catch-up.
            try { await File.WriteAllTextAsync(Path.Combine(runDir, "metrics.txt"), await http.GetStringAsync("/metrics")); }
            catch (HttpRequestException ex) { Console.Error.WriteLine("warning: /metrics: " + ex.Message); }
            var store = new SmartEnvStore(StoreOptions.Parse(conn, dataDir));
            var settle = Stopwatch.StartNew();
            int pending;
            while ((pending = await PendingDaysAsync(store)) > 0 && settle.Elapsed.TotalSeconds < o.Settle) await Task.Delay(1000);
            results["evaluation"] = new JsonObject
            {
                ["pending_days_after_run"] = pending, ["settle_s"] = pending == 0 ? Math.Round(settle.Elapsed.TotalSeconds, 1) : null,
            };
            stopSampling.Cancel();
            await sampler;

            // 4. Stop the server (SIGTERM: it stores what is queued).
            var stopClock = Stopwatch.StartNew();
            await StopAsync(server);
            results["server_stop_s"] = Math.Round(stopClock.Elapsed.TotalSeconds, 1);
            var summary = Summarise(samples);
            // Steady state: the load window only (registration excluded; the first 2 s of ramp-up skipped), for sizing.
            if (results["simulator"]?["register_seconds"]?.GetValue<double>() is { } reg && samples.Count > 2)
            {
                var (from, to) = (reg + 2, reg + o.Duration);
                var w = samples.Where(x => x.T >= from && x.T <= to).ToList();
                if (w.Count >= 2) summary["cpu_cores_load"] = Math.Round((w[^1].CpuSeconds - w[0].CpuSeconds) / (w[^1].T - w[0].T), 2);
            }
            results["server"] = summary;
            ((JsonObject)results["machine"]!)["loadavg_after"] = LoadAvg();

            // 5. What was stored.
            var stored = await CountAsync(store, o);
            stored["database_mb"] = await DatabaseMegabytesAsync(store, dataDir);
            results["stored"] = stored;
            exit = 0;
        }
        finally
        {
            if (server is not null) await StopAsync(server);
            results["run_dir"] = o.Keep ? runDir : null;
            var json = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
            if (o.Out is not null) await File.WriteAllTextAsync(o.Out, json + "\n");
            Console.WriteLine(json);
            if (dbName is not null && !o.Keep)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(o.Postgres);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{dbName}\" WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            if (!o.Keep) Directory.Delete(runDir, true);
        }
        return exit;
    }

    private sealed record Sample(double T, double CpuSeconds, long RssKb, long HwmKb, double Load1, double MachineBusy);

    private static async Task SampleAsync(int pid, List<Sample> samples, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tick = 100.0; // USER_HZ: 100 on Linux (sysconf(_SC_CLK_TCK)); /proc reports CPU time in these ticks
        (long Busy, long Total)? lastMachine = null;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var cpu = (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)) / tick; // fields 14, 15
                long Kb(string key) => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(key, StringComparison.Ordinal))
                    .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();
                var m = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
                var total = m.Sum();
                var busy = total - m[3] - m[4]; // idle, iowait
                var share = lastMachine is { } lm && total > lm.Total ? (double)(busy - lm.Busy) / (total - lm.Total) : double.NaN;
                lastMachine = (busy, total);
                samples.Add(new Sample(clock.Elapsed.TotalSeconds, cpu, Kb("VmRSS:"), Kb("VmHWM:"), LoadAvg()[0]!.GetValue<double>(), share));
            }
            catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException) { return; } // the server ended
        }
        while (await WaitTickAsync(timer, ct));
    }

    private static async Task<bool> WaitTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    private static JsonObject Summarise(List<Sample> s)
    {
        if (s.Count < 2) return new JsonObject { ["samples"] = s.Count };
        var span = s[^1].T - s[0].T;
        var cpu = s[^1].CpuSeconds - s[0].CpuSeconds;
        var busy = s.Select(x => x.MachineBusy).Where(x => !double.IsNaN(x)).ToList();
        return new JsonObject
        {
            ["samples"] = s.Count, ["sampled_s"] = Math.Round(span, 1), ["cpu_s"] = Math.Round(cpu, 1),
            ["cpu_cores_avg"] = Math.Round(cpu / span, 2),
            ["cpu_cores_max_1s"] = Math.Round(s.Zip(s.Skip(1), (a, b) => (b.CpuSeconds - a.CpuSeconds) / (b.T - a.T)).Max(), 2),
            ["rss_mb_max_sampled"] = Math.Round(s.Max(x => x.RssKb) / 1024.0, 1), ["rss_mb_peak_vmhwm"] = Math.Round(s.Max(x => x.HwmKb) / 1024.0, 1),
            ["rss_mb_end"] = Math.Round(s[^1].RssKb / 1024.0, 1),
            ["machine_load1_max"] = s.Max(x => x.Load1), ["machine_busy_share_avg"] = busy.Count == 0 ? null : Math.Round(busy.Average(), 2),
        };
    }

    // Size of the store after the run: the SQLite files (database, WAL) or pg_database_size.
    private static async Task<double> DatabaseMegabytesAsync(SmartEnvStore store, string dataDir)
    {
        if (store.Options.Provider == StoreProvider.Sqlite)
            return Math.Round(Directory.GetFiles(dataDir, "*.db*").Sum(f => new FileInfo(f).Length) / 1048576.0, 1);
        await using var db = store.CreateContext();
        var bytes = await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync();
        return Math.Round(bytes / 1048576.0, 1);
    }

    private static async Task<int> PendingDaysAsync(SmartEnvStore store)
    {
        await using var db = store.CreateContext();
        return await db.EvaluationDays.CountAsync(e => e.State == EvaluationState.Pending);
    }

    private static async Task<JsonObject> CountAsync(SmartEnvStore store, Options o)
    {
        await using var db = store.CreateContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var accepted = db.RawPackets.Where(p => p.Status == PacketStatus.Accepted);
        var rawAccepted = await accepted.LongCountAsync();
        // A resend the server stores again is a second accepted row of the same (MN, QN) (issue 15 goal 3 removes them).
        var distinct = await accepted.Select(p => new { p.Mn, p.Qn }).Distinct().LongCountAsync();
        var rawQuarantined = await db.RawPackets.LongCountAsync(p => p.Status == PacketStatus.Quarantined);
        var observations = await db.Observations.LongCountAsync();
        DateTimeOffset? first = rawAccepted == 0 ? null : await accepted.MinAsync(p => p.ReceivedAt);
        DateTimeOffset? last = rawAccepted == 0 ? null : await accepted.MaxAsync(p => p.ReceivedAt);
        var perLogger = await accepted.Where(p => p.Mn != null && p.Mn.StartsWith(o.MnPrefix)).GroupBy(p => p.Mn!)
            .Select(g => new { Mn = g.Key, Count = g.Count() }).ToListAsync();
        var span = first is { } a && last is { } b ? (b - a).TotalSeconds : 0;
        var counts = perLogger.Select(x => (long)x.Count).Order().ToList();
        return new JsonObject
        {
            ["raw_packets_accepted"] = rawAccepted, ["raw_packets_distinct_mn_qn"] = distinct, ["raw_packets_quarantined"] = rawQuarantined, ["observations"] = observations,
            ["first_to_last_stored_s"] = Math.Round(span, 1),
            ["packets_per_s"] = span > 0 ? Math.Round(rawAccepted / span, 1) : null,
            ["points_per_s"] = span > 0 ? Math.Round(observations / span, 1) : null,
            ["loggers_with_nothing_stored"] = o.Stations - perLogger.Count,
            ["logger_stored_min"] = counts.Count == 0 ? 0 : counts[0],
            ["logger_stored_median"] = counts.Count == 0 ? 0 : counts[counts.Count / 2],
            ["logger_stored_max"] = counts.Count == 0 ? 0 : counts[^1],
            ["hourly_aqi_rows"] = await db.HourlyAqi.IgnoreQueryFilters().LongCountAsync(),
            ["evaluation_days_pending"] = await db.EvaluationDays.CountAsync(e => e.State == EvaluationState.Pending),
        };
    }

    private static Process Start(string file, IEnumerable<string> args, string log, Dictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? []) psi.Environment[k] = v;
        var p = Process.Start(psi)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        var gate = new object();
        void Line(string? l) { if (l is not null) lock (gate) writer.WriteLine(l); }
        p.OutputDataReceived += (_, e) => Line(e.Data);
        p.ErrorDataReceived += (_, e) => Line(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.Exited += (_, _) => { lock (gate) writer.Dispose(); };
        p.EnableRaisingEvents = true;
        return p;
    }

    private static async Task<(int Exit, string Stdout)> RunToEndAsync(string file, IEnumerable<string> args, string log)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        await File.WriteAllTextAsync(log, await stdout + "\n--- stderr ---\n" + await stderr);
        return (p.ExitCode, await stdout);
    }

    private static async Task<bool> WaitReadyAsync(HttpClient http, Process server, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within && !server.HasExited)
        {
            try
            {
                using var r = await http.GetAsync("/health");
                if (r.StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        return false;
    }

    private static async Task StopAsync(Process p)
    {
        if (p.HasExited) return;
        kill(p.Id, 15); // SIGTERM: serve stops accepting, commits what is queued, exits
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
    }

    private static JsonArray LoadAvg() =>
        new([.. File.ReadAllText("/proc/loadavg").Split(' ').Take(3).Select(x => (JsonNode)double.Parse(x, CultureInfo.InvariantCulture))]);

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static string Str(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "SmartEnv.slnx"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    private static string? Git(string root, string args)
    {
        try
        {
            var psi = new ProcessStartInfo("git", args) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var s = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 ? s : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}

/// <summary>Command line of the harness.</summary>
internal sealed record Options
{
    public string Engine { get; init; } = "sqlite";
    public int Stations { get; init; } = 200;
    public double Interval { get; init; } = 1;
    public double Duration { get; init; } = 20;
    public double Drain { get; init; } = 30;
    public double Settle { get; init; } = 120;
    public string? Out { get; init; }
    public string? Smartenv { get; init; }
    public string Postgres { get; init; } = "Host=127.0.0.1;Username=postgres;Password=postgres";
    public int PgPool { get; init; } = 100;
    public string MnPrefix { get; init; } = "SIM";
    public bool Keep { get; init; }
    public List<string> ServeArgs { get; init; } = [];

    public const string Usage = """
        usage: dotnet run -c Release --project bench/SmartEnv.LoadHarness -- [options]
          --engine sqlite|postgres   store engine (default sqlite: a new data folder; postgres: a new database)
          --stations N               simulated loggers, one TCP connection each (default 200)
          --interval S               seconds between uploads per logger (default 1)
          --duration S               seconds of generation (default 20)
          --drain S                  seconds the simulator keeps resending after --duration (default 30)
          --settle S                 at most this long after the simulator until no evaluation day is pending (default 120)
          --out FILE                 also write the results JSON to FILE
          --smartenv DLL             smartenv.dll to run (default src/SmartEnv.Cli/bin/Release/net10.0/smartenv.dll)
          --postgres CONN            server connection for creating/dropping the database (default postgres@127.0.0.1)
          --pg-pool N                Maximum Pool Size of the server's connection string (default 100, Npgsql's default)
          --serve-arg ARG            extra argument for `smartenv serve` (repeatable)
          --keep                     keep the run folder (logs, metrics.txt) and the PostgreSQL database
        """;

    public static Options? Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            double Num() => double.Parse(Next(), CultureInfo.InvariantCulture);
            try
            {
                o = args[i] switch
                {
                    "--engine" => o with { Engine = Next() },
                    "--stations" => o with { Stations = (int)Num() },
                    "--interval" => o with { Interval = Num() },
                    "--duration" => o with { Duration = Num() },
                    "--drain" => o with { Drain = Num() },
                    "--settle" => o with { Settle = Num() },
                    "--out" => o with { Out = Path.GetFullPath(Next()) },
                    "--smartenv" => o with { Smartenv = Path.GetFullPath(Next()) },
                    "--postgres" => o with { Postgres = Next() },
                    "--pg-pool" => o with { PgPool = (int)Num() },
                    "--serve-arg" => o with { ServeArgs = [.. o.ServeArgs, Next()] },
                    "--keep" => o with { Keep = true },
                    "-h" or "--help" => throw new ArgumentException(""),
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException)
            {
                if (ex.Message.Length > 0) Console.Error.WriteLine("error: " + ex.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }
        if (o.Engine is not ("sqlite" or "postgres") || o.Stations < 1 || o.Interval <= 0 || o.Duration <= 0)
        {
            Console.Error.WriteLine("error: --engine sqlite|postgres, --stations ≥ 1, --interval > 0, --duration > 0\n" + Usage);
            return null;
        }
        return o;
    }
}
