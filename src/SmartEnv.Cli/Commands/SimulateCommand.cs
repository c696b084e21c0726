using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmartEnv.Gateway.Simulation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Pipeline;
using SmartEnv.Web;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv simulate --stations N --interval S --duration D --target host:port [--register] [--token T | --data-dir DIR]</c>:
/// HJ 212 traffic generator (real-time CN 2011 per station every S seconds, resending unanswered packets). With
/// <c>--register</c> it first registers its loggers (MN, PW, site) through the API with the admin token. With
/// <c>--replay FILE [--replay-station CODE…]</c> each logger replays one station of a CNEMC china_sites file as CN 2061
/// hour packets (<see cref="CnemcReplay"/>), one hour per interval, registered (with <c>--register</c>) for the site of
/// that station code (created when missing). <c>--kind noise</c> sends CN 2061 noise hours (ST 23, <c>Leq-Data</c> …)
/// instead of air real-time data. The last stdout
/// line is the JSON summary <c>{"sent","acked","retransmitted","p50_ms","p99_ms"}</c>.
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
        var register = new Option<bool>("--register") { Description = "Register the loggers with the server first (needs the admin token)." };
        var token = new Option<string?>("--token") { Description = "Admin token (default: read from --data-dir)." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory holding admin-token.", DefaultValueFactory = _ => "./data" };
        var api = new Option<string?>("--api") { Description = "HTTP API base URL for --register (default http://HOST:5080)." };
        var site = new Option<string>("--site") { Description = "Site code the loggers report for.", DefaultValueFactory = _ => "1420A" };
        var prefix = new Option<string>("--mn-prefix") { Description = "MN prefix of the simulated loggers.", DefaultValueFactory = _ => "SIM" };
        var replay = new Option<string?>("--replay") { Description = "Replay a CNEMC china_sites file as CN 2061 hour packets (one station per logger, one hour per --interval) instead of generated real-time data." };
        var replayStation = new Option<string[]>("--replay-station") { Description = "With --replay: only these station codes (default: the first --stations codes of the file).", AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "Generated traffic: air (CN 2011 real-time, six AQI pollutants) or noise (CN 2061 hourly Leq/L10/L50/L90/LMx/LMn, one simulated hour per --interval, starting 24 h before now; use --site for the noise site).", DefaultValueFactory = _ => "air" };
        kind.AcceptOnlyFromAmong("air", "noise");
        var cmd = new Command("simulate", "HJ 212 traffic generator for demos, tests and load (模拟数采仪).");
        foreach (var o in new Option[] { stations, interval, duration, drain, target, register, token, dataDir, api, site, prefix, replay, replayStation, kind }) cmd.Options.Add(o);
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
            if (pr.GetValue(register))
            {
                var tok = pr.GetValue(token) ?? AdminToken.Read(Path.GetFullPath(pr.GetValue(dataDir)!));
                if (tok is null)
                {
                    context.Err.WriteLine("error: --register needs the admin token (--token, or --data-dir with admin-token)");
                    return 2;
                }
                using var http = new HttpClient { BaseAddress = new Uri(pr.GetValue(api) ?? $"http://{host}:5080") };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tok);
                for (var i = 0; i < options.Stations; i++)
                {
                    var siteCode = options.Replay?[i].Code ?? pr.GetValue(site)!;
                    var device = new Dictionary<string, string> { ["password"] = options.Password, ["site_code"] = siteCode };
                    var r = await http.PutAsJsonAsync($"/api/devices/{options.Mn(i)}", device, ct);
                    if (!r.IsSuccessStatusCode && options.Replay is not null)
                    {
                        // A replayed station not yet in the registry: create it (air, coordinates unknown), then retry.
                        await http.PostAsJsonAsync("/api/sites", new Dictionary<string, object?>
                        {
                            ["code"] = siteCode, ["name_zh"] = siteCode, ["kind"] = "air", ["coordinates_approximate"] = true,
                            ["coordinate_source"] = "not known: created by smartenv simulate --replay", ["is_public"] = false,
                        }, ct);
                        r = await http.PutAsJsonAsync($"/api/devices/{options.Mn(i)}", device, ct);
                    }
                    if (!r.IsSuccessStatusCode)
                    {
                        context.Err.WriteLine($"error: registering {options.Mn(i)} failed: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(ct)}");
                        return 1;
                    }
                }
                context.Err.WriteLine(options.Replay is null ? $"registered {options.Stations} loggers for site {pr.GetValue(site)}" : $"registered {options.Stations} loggers for the replayed stations");
            }
            var result = await new Hj212Simulator(options).RunAsync(ct);
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                sent = result.Sent, acked = result.Acked, retransmitted = result.Retransmitted, p50_ms = result.P50Ms, p99_ms = result.P99Ms,
            }, CliJson.Options));
            return result.Acked == result.Sent ? 0 : 1;
        });
        return cmd;
    }
}
