using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Simulation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Storage;
using SmartEnv.Web;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv simulate --stations N --interval S --duration D --target host:port [--register] [--token T | --data-dir DIR]</c>:
/// HJ 212 traffic generator (real-time CN 2011 per station every S seconds, resending unanswered packets). With
/// <c>--register</c> it first registers its loggers (MN, PW, site) through the API with the admin token, each for its own
/// simulated site (<see cref="SimulatedSites"/>: <c>SIM-A001</c>…, named 模拟站点N（空气）, non-public, outside the district,
/// created when missing), so simulated values never land on a real station. Writing to a real site needs
/// <c>--site CODE --real-site</c>. With <c>--replay FILE [--replay-station CODE…]</c> each logger replays one station of a
/// CNEMC china_sites file as CN 2061 hour packets (<see cref="CnemcReplay"/>), one hour per interval, registered (with
/// <c>--register</c>) for the simulated site <c>SIM-CODE</c> of that station (the station itself only with
/// <c>--real-site</c>). <c>--kind noise</c> sends CN 2061 noise hours (ST 23, <c>Leq-Data</c> …) instead of air real-time
/// data, for simulated noise sites <c>SIM-N001</c>… (zone 2). The last stdout line is the JSON summary
/// <c>{"sent","acked","retransmitted","p50_ms","p99_ms","p90_ms","p999_ms","max_ms","stations","loggers_without_ack",
/// "seconds","register_seconds"}</c> (latencies from first send to the 9014, ms; <c>register_seconds</c> null without
/// <c>--register</c>; read by the load harness, bench/SmartEnv.LoadHarness).
/// <para><c>smartenv simulate purge [--data-dir DIR | --db CONN] [--mn-prefix SIM]</c> removes everything simulations created
/// (<see cref="SimulatedSites.PurgeAsync"/>) and prints what it removed as JSON.</para>
/// </summary>
public static class SimulateCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var stations = new Option<int>("--stations") { Description = "Number of simulated loggers (one connection each).", DefaultValueFactory = _ => 10 };
        var interval = new Option<double>("--interval") { Description = "Seconds between uploads per station.", DefaultValueFactory = _ => 1 };
        var duration = new Option<double>("--duration") { Description = "Seconds of generation (unanswered packets are then resent for up to --drain seconds).", DefaultValueFactory = _ => 60 };
        var drain = new Option<double>("--drain") { Description = "Seconds to keep resending after --duration.", DefaultValueFactory = _ => 30 };
        var target = new Option<string>("--target") { Description = "Gateway host:port.", DefaultValueFactory = _ => "127.0.0.1:9212" };
        var register = new Option<bool>("--register") { Description = "Register the loggers with the server first (needs --token with a personal access token of an admin or monitoring account: smartenv users token admin)." };
        var token = new Option<string?>("--token") { Description = "Admin token (default: read from --data-dir)." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory holding a legacy admin-token file (read by --register when --token is not given). Default ./data.", DefaultValueFactory = _ => "./data" };
        var api = new Option<string?>("--api") { Description = "HTTP API base URL for --register (default http://HOST:5080)." };
        var site = new Option<string?>("--site") { Description = "With --register: the site code all loggers report for; a real (non-SIM-) site needs --real-site. Default: one simulated site per logger (SIM-A001…, SIM-N001… for noise)." };
        var realSite = new Option<bool>("--real-site") { Description = "Allow writing to a real station: --site CODE of a registered site, or with --replay the replayed station codes themselves." };
        var prefix = new Option<string>("--mn-prefix") { Description = "MN prefix of the simulated loggers.", DefaultValueFactory = _ => "SIM" };
        var replay = new Option<string?>("--replay") { Description = "Replay a CNEMC china_sites file as CN 2061 hour packets (one station per logger, one hour per --interval) instead of generated real-time data." };
        var replayStation = new Option<string[]>("--replay-station") { Description = "With --replay: only these station codes (default: the first --stations codes of the file).", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "Generated traffic: air (CN 2011 real-time, six AQI pollutants) or noise (CN 2061 hourly Leq/L10/L50/L90/LMx/LMn, one simulated hour per --interval, starting 24 h before now; use --site for the noise site).", DefaultValueFactory = _ => "air" };
        kind.AcceptOnlyFromAmong("air", "noise");
        var cmd = new Command("simulate", "HJ 212 traffic generator for demos, tests and load (模拟数采仪).");
        foreach (var o in new Option[] { stations, interval, duration, drain, target, register, token, dataDir, api, site, realSite, prefix, replay, replayStation, kind }) cmd.Options.Add(o);
        cmd.Subcommands.Add(CreatePurge(context));
        cmd.SetAction(async (pr, ct) =>
        {
            var t = pr.GetValue(target)!;
            var colon = t.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(t[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                context.Err.WriteLine($"error: --target '{t}' is not host:port");
                return 2;
            }
            var host = t[..colon];
            var options = new SimulatorOptions
            {
                Host = host, Port = port, Stations = pr.GetValue(stations), MnPrefix = pr.GetValue(prefix)!,
                Interval = TimeSpan.FromSeconds(pr.GetValue(interval)), Duration = TimeSpan.FromSeconds(pr.GetValue(duration)),
                Drain = TimeSpan.FromSeconds(pr.GetValue(drain)),
                Kind = pr.GetValue(kind) == "noise" ? SimulatedKind.Noise : SimulatedKind.Air,
            };
            if (options.Stations < 1 || options.Interval <= TimeSpan.Zero)
            {
                context.Err.WriteLine("error: --stations must be ≥ 1 and --interval > 0");
                return 2;
            }
            if (pr.GetValue(replay) is { } replayFile)
            {
                IReadOnlyList<ReplayStation> replayed;
                try
                {
                    var only = pr.GetValue(replayStation) is { Length: > 0 } rs ? new HashSet<string>(rs, StringComparer.Ordinal) : null;
                    replayed = CnemcReplay.Load(replayFile, only, options.Stations);
                }
                catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or DataFileFormatException)
                {
                    context.Err.WriteLine("error: " + ex.Message);
                    return 2;
                }
                if (replayed.Count == 0)
                {
                    context.Err.WriteLine($"error: no station hours to replay in {replayFile}");
                    return 2;
                }
                options = options with { Replay = replayed, Stations = replayed.Count };
                context.Err.WriteLine($"replaying {replayed.Sum(r => r.Hours.Count)} hours of {replayed.Count} stations ({string.Join(", ", replayed.Select((r, i) => $"{r.Code} as {options.Mn(i)}"))})");
            }
            var fixedSite = pr.GetValue(site);
            var real = pr.GetValue(realSite);
            if (fixedSite is not null && options.Replay is not null)
            {
                context.Err.WriteLine("error: --site and --replay exclude each other (a replayed station reports for its own site)");
                return 2;
            }
            if (fixedSite is not null && !SimulatedSites.IsSimulated(fixedSite) && !real)
            {
                context.Err.WriteLine($"error: --site {fixedSite} is not a simulated site ({SimulatedSites.CodePrefix}…): simulated values would be stored as that station's. "
                    + "Add --real-site to do that on purpose, or leave out --site to use simulated sites.");
                return 2;
            }
            // The site of logger i and, for simulated sites, how to create it.
            (string Code, Dictionary<string, object?>? Create) SiteOf(int i)
            {
                if (options.Replay is { } rp)
                {
                    var station = rp[i].Code;
                    return real
                        ? (station, new() { ["code"] = station, ["name_zh"] = station, ["kind"] = "air", ["coordinates_approximate"] = true,
                            ["coordinate_source"] = "not known: created by smartenv simulate --replay --real-site", ["is_public"] = false })
                        : (SimulatedSites.ReplayCode(station), new()
                        {
                            ["code"] = SimulatedSites.ReplayCode(station), ["name_zh"] = $"模拟站点（回放{station}）", ["name_en"] = $"Simulated site (replay of {station})",
                            ["kind"] = "air", ["coordinates_approximate"] = true, ["coordinate_source"] = "none: simulated site", ["is_public"] = false,
                            ["in_district"] = false, ["note"] = "created by smartenv simulate --replay; removed by smartenv simulate purge",
                        });
                }
                if (fixedSite is not null) return (fixedSite, null);
                var code = SimulatedSites.Code(options.Kind, i);
                return (code, new()
                {
                    ["code"] = code, ["name_zh"] = SimulatedSites.NameZh(options.Kind, i), ["name_en"] = SimulatedSites.NameEn(options.Kind, i),
                    ["kind"] = options.Kind == SimulatedKind.Noise ? "noise" : "air", ["noise_zone"] = options.Kind == SimulatedKind.Noise ? "2" : null,
                    ["coordinates_approximate"] = true, ["coordinate_source"] = "none: simulated site", ["is_public"] = false, ["in_district"] = false,
                    ["note"] = "created by smartenv simulate; removed by smartenv simulate purge",
                });
            }
            double? registerSeconds = null;
            if (pr.GetValue(register))
            {
                var tok = pr.GetValue(token) ?? AdminToken.Read(Path.GetFullPath(pr.GetValue(dataDir)!));
                if (tok is null)
                {
                    context.Err.WriteLine("error: --register needs a token: --token TOKEN (a personal access token of an admin or monitoring account, e.g. TOKEN=$(smartenv users token admin)), or --data-dir with a legacy admin-token file");
                    return 2;
                }
                using var http = new HttpClient { BaseAddress = new Uri(pr.GetValue(api) ?? $"http://{host}:5080") };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tok);
                var sites = new HashSet<string>(StringComparer.Ordinal);
                var registerClock = System.Diagnostics.Stopwatch.StartNew();
                // Sites first (four requests at a time; 409 = registered already), then the loggers in bulk
                // (PUT /api/devices, 5,000 per request: each distinct PW is hashed once per request).
                var creates = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
                var items = new List<Dictionary<string, object?>>(options.Stations);
                for (var i = 0; i < options.Stations; i++)
                {
                    var (siteCode, create) = SiteOf(i);
                    sites.Add(siteCode);
                    if (create is not null) creates.TryAdd(siteCode, create);
                    items.Add(new() { ["mn"] = options.Mn(i), ["password"] = options.Password, ["site_code"] = siteCode });
                }
                string? failure = null;
                await Parallel.ForEachAsync(creates.Values, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (create, c) =>
                {
                    var r = await http.PostAsJsonAsync("/api/sites", create, c);
                    if (!r.IsSuccessStatusCode && r.StatusCode != System.Net.HttpStatusCode.Conflict)
                        failure ??= $"creating site {create["code"]} failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(c)}";
                });
                foreach (var chunk in failure is null ? items.Chunk(5000) : [])
                {
                    var r = await http.PutAsJsonAsync("/api/devices", chunk, ct);
                    if (!r.IsSuccessStatusCode) { failure = $"registering loggers failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}"; break; }
                }
                if (failure is not null)
                {
                    context.Err.WriteLine("error: " + failure);
                    return 1;
                }
                context.Err.WriteLine($"registered {options.Stations} loggers for {(sites.Count == 1 ? "site " : $"{sites.Count} sites ")}{SiteList(sites)}"
                    + (sites.All(SimulatedSites.IsSimulated) ? " (simulated; remove with: smartenv simulate purge)" : "")
                    + $" in {registerClock.Elapsed.TotalSeconds:F1} s ({options.Stations / Math.Max(0.001, registerClock.Elapsed.TotalSeconds):F0} devices/s)");
                registerSeconds = Math.Round(registerClock.Elapsed.TotalSeconds, 2);
            }
            var result = await new Hj212Simulator(options).RunAsync(ct);
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                sent = result.Sent, acked = result.Acked, retransmitted = result.Retransmitted, p50_ms = result.P50Ms, p99_ms = result.P99Ms,
                p90_ms = result.P90Ms, p999_ms = result.P999Ms, max_ms = result.MaxMs, stations = options.Stations,
                loggers_without_ack = result.LoggersWithoutAck, seconds = result.Seconds, register_seconds = registerSeconds,
            }, CliJson.Options));
            return result.Acked == result.Sent ? 0 : 1;
        });
        return cmd;
    }

    /// <summary><c>smartenv simulate purge</c>.</summary>
    private static Command CreatePurge(CliContext context)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var prefix = new Option<string>("--mn-prefix") { Description = "MN prefix of simulated loggers whose quarantined packets are removed too.", DefaultValueFactory = _ => SimulatedSites.MnPrefix };
        var cmd = new Command("purge", "Remove everything simulations created: simulated sites (SIM-…) with their loggers, values, AQI, alerts and packets (清除模拟数据). Real sites are not touched.");
        foreach (var o in new Option[] { dataDir, db, prefix }) cmd.Options.Add(o);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                var r = await SimulatedSites.PurgeAsync(store, pr.GetValue(prefix)!, ct, SmartEnv.Storage.Audit.AuditActor.Cli());
                context.Out.WriteLine(JsonSerializer.Serialize(r, CliJson.Options));
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    // The site codes, the first ten and the last one when there are more (10,000 simulated sites made a 100 KB line).
    private static string SiteList(HashSet<string> sites)
    {
        var sorted = sites.Order(StringComparer.Ordinal).ToList();
        return sorted.Count <= 12 ? string.Join(", ", sorted) : string.Join(", ", sorted.Take(10)) + $" … {sorted[^1]}";
    }
}
