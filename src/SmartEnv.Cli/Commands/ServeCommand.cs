using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using SmartEnv.Accounts;
using SmartEnv.Gateway;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Storage;
using SmartEnv.Web;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv serve [--data-dir ./data] [--db CONN] [--http-port 5080] [--hj212-port 9212]</c>: opens (creating,
/// migrating and seeding on first run) the store, creates the <c>admin</c> account on first run and prints its one-time
/// password once, honours a legacy <c>DATA_DIR/admin-token</c> until it is revoked (docs/security.md), starts the HTTP
/// API and runs until Ctrl+C / SIGTERM.
/// </summary>
public static class ServeCommand
{
    /// <summary>Default of <c>--evaluation-interval</c>: 10 s. SmartEnv rule (HJ 663 sets no evaluation schedule): issue 15
    /// asks that a station's hourly AQI be current within 1 minute of the hour's last packet; a round every 10 s keeps that
    /// with room for a round of 10,000 site-days, and recomputes a site-day that reports every second 5× less often than
    /// the library default of 2 s (a third of a core at 2,000 stations).</summary>
    public const double DefaultEvaluationIntervalSeconds = 10;

    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory (SQLite file; a legacy admin-token file is honoured until revoked). Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database: a PostgreSQL connection string (\"Host=…;Database=…;Username=…;Password=…\") or a SQLite file path. Default DATA_DIR/smartenv.db." };
        var httpPort = new Option<int>("--http-port") { Description = "HTTP port (0 = any free port). Default 5080.", DefaultValueFactory = _ => 5080 };
        var factorAliases = new Option<string?>("--factor-aliases") { Description = "TSV of vendor factor codes → registered codes (e.g. a vendor's O3 code → a05024), applied over the shipped defaults (docs/hj212.md \"Factor aliases\")." };
        var hj212Port = new Option<int>("--hj212-port") { Description = "HJ 212 TCP port. Default 9212.", DefaultValueFactory = _ => 9212 };
        var perAddress = new Option<int>("--hj212-max-connections-per-address") { Description = "HJ 212 connections served at once from one IP address (docs/gateway.md \"Limits\"; raise it when many loggers share one NAT address or for a load test from one host). Default 256.", DefaultValueFactory = _ => new GatewayOptions().MaxConnectionsPerAddress };
        var clusterLease = new Option<int>("--cluster-lease") { Description = "PostgreSQL with several serve instances: lease in seconds of a site-day claimed for evaluation (a dead instance's claims are taken over after it; singleton jobs such as alert scans after a third of it). Default 30 (docs/operations.md \"Running several instances (scaleout)\").", DefaultValueFactory = _ => 30 };
        var planAir = new Option<string[]>("--plan-air-station") { Description = "Air station code(s) for plan indicators #9/#13 (HJ 663 over stored hours). Default 1420A 唐家沱.", AllowMultipleArgumentsPerToken = false };
        var cmd = new Command("serve", "Run the platform: monitoring store, HTTP API (and HJ 212 gateway). 运行平台。");
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        cmd.Options.Add(httpPort);
        cmd.Options.Add(hj212Port);
        cmd.Options.Add(perAddress);
        var inFlight = new Option<int>("--hj212-max-in-flight") { Description = "HJ 212 packets in flight across all connections before connections stop reading (docs/gateway.md \"Backpressure, fairness, resends\"). Default 4096.", DefaultValueFactory = _ => new GatewayOptions().MaxInFlightPackets };
        cmd.Options.Add(inFlight);
        cmd.Options.Add(factorAliases);
        cmd.Options.Add(planAir);
        cmd.Options.Add(clusterLease);
        var evaluationInterval = new Option<double>("--evaluation-interval") { Description = "Seconds between AQI evaluation rounds: each round recomputes every site-day that received data since the last one, so a shorter interval costs CPU in proportion to the stations sending (docs/gateway.md \"What happens to a frame\"). Default 10.", DefaultValueFactory = _ => DefaultEvaluationIntervalSeconds };
        cmd.Options.Add(evaluationInterval);
        var sourceRules = new Option<string?>("--source-rules") { Description = "Rule file of the outlet (CEMS) evaluation, issue 16 (docs/sources.md \"Rule file\"): flags judged/valid, 传输率/有效率 denominators, O₂ guard, alert severity thresholds, run-rate days. Default: the embedded source-rules.tsv." };
        cmd.Options.Add(sourceRules);
        // issue 17 P3: hazardous-waste labels (docs/waste.md "Labels and the public container view").
        var publicUrl = new Option<string?>("--public-url") { Description = "Public address of the platform (e.g. https://hb.example.gov.cn): the QR code of a hazardous-waste label opens PUBLIC-URL/hw/c/IDENTIFIER. Default: the address of the request that prints the label." };
        cmd.Options.Add(publicUrl);
        var labelFont = new Option<string?>("--label-font") { Description = "CJK font file for hazardous-waste labels. Default: the Debian fonts-wqy-microhei / fonts-noto-cjk files; none → label requests answer 503 naming fonts-wqy-microhei." };
        cmd.Options.Add(labelFont);
        var importLimits = new ImportLimitOptions("--import-");
        importLimits.AddTo(cmd);
        cmd.SetAction(async (parseResult, invocationToken) =>
        {
            // Ctrl+C and SIGTERM stop the server cleanly (the synchronous Invoke does not wire them itself).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
            void OnSignal(PosixSignalContext c) { c.Cancel = true; stop.Cancel(); }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            var ct = stop.Token;
            SmartEnv.Hj212.Codes.Hj212FactorAliases aliases;
            try { aliases = FactorAliasFile.Load(parseResult.GetValue(factorAliases)); }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: --factor-aliases: " + ex.Message);
                return 2;
            }
            SmartEnv.Supervision.Monitoring.SourceRules? rules = null;
            if (parseResult.GetValue(sourceRules) is { } rulesPath)
            {
                try { rules = SmartEnv.Supervision.Monitoring.SourceRuleFile.Parse(File.ReadAllText(rulesPath), Path.GetFileName(rulesPath)); }
                catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
                {
                    context.Err.WriteLine("error: --source-rules: " + ex.Message);
                    return 2;
                }
            }
            var alertOptions = new SmartEnv.Alerts.AlertOptions { SourceSeverityMultiples = (rules ?? SmartEnv.Supervision.Monitoring.SourceRuleFile.Default).SeverityMultiples };
            if (!importLimits.TryGet(parseResult, context.Err, out var limits)) return 2;
            if (parseResult.GetValue(evaluationInterval) is < 0.1 or > 300 or double.NaN)
            {
                context.Err.WriteLine("error: --evaluation-interval must be 0.1–300 seconds");
                return 2;
            }
            if (parseResult.GetValue(clusterLease) < 3)
            {
                context.Err.WriteLine("error: --cluster-lease must be at least 3 seconds");
                return 2;
            }
            var cluster = new SmartEnv.Storage.Cluster.ClusterOptions { Lease = TimeSpan.FromSeconds(parseResult.GetValue(clusterLease)) };
            var dir = Path.GetFullPath(parseResult.GetValue(dataDir)!);
            var storeOptions = StoreOptions.Parse(parseResult.GetValue(db), dir);
            var store = new SmartEnvStore(storeOptions);
            var readiness = new Readiness("store", "http", "hj212");
            FileStream? serveLock = null;
            try
            {
                var seeded = await store.MigrateAndSeedAsync(ct);
                // Held while serving, so `store restore` refuses to replace the file under this server (ServeLock).
                // SQLite serves ONE instance: a second serve on the same file is refused (several instances need PostgreSQL,
                // docs/operations.md "Running several instances (scaleout)"). PostgreSQL stores have no such lock.
                try { serveLock = SmartEnv.Storage.Maintenance.ServeLock.Take(storeOptions); }
                catch (IOException)
                {
                    context.Err.WriteLine("error: another smartenv serve is running on this SQLite store (it holds the serve lock); a SQLite store is served by one instance — use PostgreSQL (--db \"Host=…\") to run several");
                    return 1;
                }
                foreach (var line in await SmartEnv.Storage.ImportRecovery.RecoverAsync(store, ct: ct)) context.Out.WriteLine("import recovery: " + line);
                foreach (var orphan in SmartEnv.Web.UploadDirectories.RemoveOrphans()) context.Out.WriteLine("import recovery: removed the orphaned upload " + orphan);
                readiness.MarkReady("store");
                context.Out.WriteLine($"store: {storeOptions.Provider.ToString().ToLowerInvariant()} {storeOptions.Redacted} — migrated{(seeded > 0 ? $", seeded {seeded} Jiangbei sites" : "")}");
                await using (var accounts = AccountsSetup.Open(store))
                    if (await accounts.Accounts.EnsureBootstrapAdminAsync(ct) is { } oneTime)
                        context.Out.WriteLine($"admin account created — user {AccountRules.BootstrapAdminName}, one-time password (shown once; change it at the first sign-in on /signin): {oneTime}");
                var token = AdminToken.Load(dir);
                if (token is not null)
                    context.Out.WriteLine($"legacy admin token {Path.Combine(dir, AdminToken.FileName)} is honoured as admin until revoked (smartenv users revoke-bootstrap-token)");
                await using var platform = SmartEnvPlatform.Create(new PlatformOptions
                {
                    Store = store,
                    EvaluationInterval = TimeSpan.FromSeconds(parseResult.GetValue(evaluationInterval)),
                    Gateway = new GatewayOptions { Port = parseResult.GetValue(hj212Port), MaxConnectionsPerAddress = parseResult.GetValue(perAddress), MaxInFlightPackets = Math.Max(1, parseResult.GetValue(inFlight)) },
                    // Verified device PWs survive a restart as keyed digests in the data folder (docs/security.md).
                    Intake = new IntakeOptions { FactorAliases = aliases, PasswordDigestDirectory = dir },
                    Cluster = cluster,
                    SourceRules = rules,
                    Alerts = alertOptions,
                    Web = new SmartEnvWebOptions
                    {
                        Alerts = alertOptions,
                        Store = store, AdminToken = token, Readiness = readiness, HttpPort = parseResult.GetValue(httpPort),
                        PlanAirStations = parseResult.GetValue(planAir) is { Length: > 0 } pa ? pa : null,
                        FactorAliases = aliases, ImportLimits = limits, Cluster = cluster,
                        ExplanationAttachmentDirectory = Path.Combine(dir, "attachments"), // 异常说明 files (issue 16)
                        Labels = new SmartEnv.Waste.Labels.LabelOptions { PublicBaseUrl = parseResult.GetValue(publicUrl), FontPath = parseResult.GetValue(labelFont) },
                    },
                });
                await platform.StartAsync(ct);
                readiness.MarkReady("hj212");
                var gateway = platform.Gateway!;
                readiness.Watch("hj212", () => gateway.Listening); // closed while the intake cannot commit (docs/gateway.md "Limits")
                readiness.MarkReady("http");
                if (storeOptions.Provider == SmartEnv.Storage.StoreProvider.Postgres)
                    context.Out.WriteLine($"cluster: instance {cluster.Instance} — evaluation claims lease {cluster.Lease.TotalSeconds:0} s, singleton jobs taken over within {cluster.SingletonTakeover.TotalSeconds:0} s of a leader's death");
                context.Out.WriteLine($"hj212: tcp port {platform.Gateway!.Port} — register loggers with PUT /api/devices/{{mn}}");
                var url = platform.HttpAddress;
                context.Out.WriteLine($"http: {url} — API docs {new Uri(url, "/scalar")}, readiness {new Uri(url, "/health")}, liveness {new Uri(url, "/health/live")}");
                context.Out.Flush();
                try { await Task.Delay(Timeout.Infinite, ct); }
                catch (OperationCanceledException) { }
                context.Out.WriteLine("stopping");
                await platform.DisposeAsync();
                return 0;
            }
            catch (SmartEnv.Scheduling.ScheduleConfigurationException ex)
            {
                // A bad SmartEnv:Schedules setting: one line naming the setting, the value and the reason (docs/operations.md "Schedules").
                context.Err.WriteLine("error: " + ex.Message);
                return 2;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
            catch (SocketException ex)
            {
                context.Err.WriteLine($"error: cannot listen for HJ 212: {ex.Message} (is another smartenv serve running? choose --hj212-port)");
                return 1;
            }
            catch (IOException ex) when (ex.InnerException is SocketException || ex is IOException { Message: var m } && m.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                context.Err.WriteLine($"error: cannot listen: {ex.Message} (is another smartenv serve running? choose --http-port)");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
            finally
            {
                serveLock?.Dispose();
            }
        });
        return cmd;
    }
}
