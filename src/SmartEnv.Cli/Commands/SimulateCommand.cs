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
/// data, for simulated noise sites <c>SIM-N001</c>… (zone 2). <c>--kind cems</c> simulates pollution-source online monitors
/// (<see cref="CemsTraffic"/>): each logger is the flue-gas CEMS (ST 31) or waste-water monitor (ST 32) of one permit outlet
/// and sends one simulated hour per interval (CN 2061 <c>-Avg/-ZsAvg/-Cou/-Flag</c>, O₂, flow, temperature; with
/// <c>--cems-data all</c>, the default, also a 2011 and six 2051 per hour; a 2031 per complete day), a share
/// <c>--exceed-share</c> of the hours above the limits (<c>--limit CODE=VALUE</c>, <c>--reference-o2</c>), for
/// <c>--hours N</c> hours per logger. Loggers are bound to outlets with <c>--register --outlet SITECODE… --real-site</c>
/// (outlet sites are enterprise sites, never created here), the medium following the outlet code (<c>-DA###</c> air,
/// <c>-DW###</c> water) or <c>--medium air|water|both</c>. The summary then carries <c>exceedances</c>: the count of
/// acknowledged hour values above the limits. The last stdout line is the JSON summary
/// <c>{"sent","acked","retransmitted","p50_ms","p99_ms","p90_ms","p999_ms","max_ms","stations","loggers_without_ack",
/// "seconds","register_seconds","exceedances"}</c> (latencies from first send to the 9014, ms; <c>register_seconds</c> null without
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
        var kind = new Option<string>("--kind") { Description = "Generated traffic: air (CN 2011 real-time, six AQI pollutants), noise (CN 2061 hourly Leq/L10/L50/L90/LMx/LMn, one simulated hour per --interval, starting 24 h before now; use --site for the noise site) or cems (pollution-source online monitoring of permit outlets, ST 31 flue gas / ST 32 waste water, one simulated hour per --interval; see --outlet).", DefaultValueFactory = _ => "air" };
        kind.AcceptOnlyFromAmong("air", "noise", "cems");
        var exceedShare = new Option<double>("--exceed-share") { Description = "cems: share (0–1) of simulated hours whose primary pollutant (a21026 flue gas, w01018 waste water) exceeds its limit.", DefaultValueFactory = _ => 0.1 };
        var medium = new Option<string>("--medium") { Description = "cems: air (ST 31), water (ST 32) or both (alternating) for loggers whose --outlet code does not end in DA### / DW###.", DefaultValueFactory = _ => "both" };
        medium.AcceptOnlyFromAmong("air", "water", "both");
        var hours = new Option<int?>("--hours") { Description = "cems: simulated hours per logger (default: one per --interval for --duration)." };
        var limits = new Option<string[]>("--limit") { Description = "cems: limit CODE=VALUE (mg/m³ flue gas at --reference-o2, mg/L water) the simulator aims at and counts against; must equal the outlets' permit limits. Defaults: a21026=35 a21002=50 a34013=10 w01018=50 w21003=5.", AllowMultipleArgumentsPerToken = true };
        var referenceO2 = new Option<decimal>("--reference-o2") { Description = "cems: reference O₂ (%) of the flue-gas limits; -ZsAvg = -Avg × (21 − ref)/(21 − O₂).", DefaultValueFactory = _ => 9m };
        var cemsData = new Option<string>("--cems-data") { Description = "cems: hour (CN 2061 per hour, 2031 per complete day) or all (also one 2011 and six 10-minute 2051 per hour).", DefaultValueFactory = _ => "all" };
        cemsData.AcceptOnlyFromAmong("hour", "all");
        var outlets = new Option<string[]>("--outlet") { Description = "cems: site codes of registered permit outlets (e.g. 91500105MA5U0A1661001P-DA001), one logger each in order; with --register the loggers are bound to them (needs --real-site: the values are stored as that outlet's).", AllowMultipleArgumentsPerToken = true };
        var seed = new Option<int?>("--seed") { Description = "Seed of the value generator (reproducible runs; default 212)." };
        var cmd = new Command("simulate", "HJ 212 traffic generator for demos, tests and load (模拟数采仪).");
        foreach (var o in new Option[] { stations, interval, duration, drain, target, register, token, dataDir, api, site, realSite, prefix, replay, replayStation, kind, exceedShare, medium, hours, limits, referenceO2, cemsData, outlets, seed }) cmd.Options.Add(o);
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
                Kind = pr.GetValue(kind) switch { "noise" => SimulatedKind.Noise, "cems" => SimulatedKind.Cems, _ => SimulatedKind.Air },
            };
            if (pr.GetValue(seed) is { } sd) options = options with { Seed = sd };
            var outletCodes = pr.GetValue(outlets) ?? [];
            if (options.Kind == SimulatedKind.Cems)
            {
                var share = pr.GetValue(exceedShare);
                if (share is < 0 or > 1 || double.IsNaN(share))
                {
                    context.Err.WriteLine("error: --exceed-share must be between 0 and 1");
                    return 2;
                }
                var lim = new Dictionary<string, decimal>(CemsSettings.DefaultLimits, StringComparer.Ordinal);
                foreach (var l in pr.GetValue(limits) ?? [])
                {
                    var eq = l.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0 || !decimal.TryParse(l[(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var v) || v <= 0)
                    {
                        context.Err.WriteLine($"error: --limit '{l}' is not CODE=VALUE with a positive VALUE");
                        return 2;
                    }
                    lim[l[..eq]] = v;
                }
                var o2Ref = pr.GetValue(referenceO2);
                if (o2Ref is < 0 or >= 21)
                {
                    context.Err.WriteLine("error: --reference-o2 must be ≥ 0 and < 21 (%)");
                    return 2;
                }
                if (pr.GetValue(hours) is < 1)
                {
                    context.Err.WriteLine("error: --hours must be ≥ 1");
                    return 2;
                }
                var choice = pr.GetValue(medium) switch { "air" => CemsMediumChoice.Air, "water" => CemsMediumChoice.Water, _ => CemsMediumChoice.Both };
                options = options with
                {
                    Stations = outletCodes.Length > 0 ? outletCodes.Length : options.Stations,
                    Cems = new CemsSettings
                    {
                        ExceedShare = share, Limits = lim, ReferenceO2 = o2Ref, Hours = pr.GetValue(hours),
                        Medium = choice,
                        Data = pr.GetValue(cemsData) == "hour" ? CemsData.Hours : CemsData.All,
                        OutletMedia = outletCodes.Length == 0 ? null
                            : [.. outletCodes.Select((c, i) => CemsSettings.MediumOfOutletCode(c) ?? new CemsSettings { Medium = choice }.MediumOf(i))],
                    },
                };
                if (pr.GetValue(hours) is { } hs && options.Duration < options.Interval * hs)
                    options = options with { Duration = options.Interval * hs + options.Interval };
            }
            else if (outletCodes.Length > 0)
            {
                context.Err.WriteLine("error: --outlet is for --kind cems");
                return 2;
            }
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
            if (options.Kind == SimulatedKind.Cems && (fixedSite is not null || options.Replay is not null))
            {
                context.Err.WriteLine("error: --kind cems takes its sites from --outlet (one logger per permit outlet), not --site or --replay");
                return 2;
            }
            if (options.Kind == SimulatedKind.Cems && pr.GetValue(register) && outletCodes.Length == 0)
            {
                context.Err.WriteLine("error: --kind cems --register needs --outlet SITECODE… (the site codes of registered permit outlets, {permit number}-{outlet code}); simulated CEMS values are never stored on a site of their own");
                return 2;
            }
            if (outletCodes.Length > 0 && pr.GetValue(register) && !real)
            {
                context.Err.WriteLine($"error: --outlet {outletCodes[0]} is a real enterprise outlet: simulated values would be stored as its measurements and judged against its permit. Add --real-site to do that on purpose.");
                return 2;
            }
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
                if (options.Kind == SimulatedKind.Cems) return (outletCodes[i], null); // outlets exist (registry); never created here
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
                exceedances = result.Exceedances?.Count,
            }, CliJson.Options));
            if (result.Exceedances is { Count: > 0 } over)
                context.Err.WriteLine($"{over.Count} simulated hour values above the limits (first: {over[0].Mn} {over[0].DataTime} {over[0].Code} {over[0].Value} > {over[0].Limit})");
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
