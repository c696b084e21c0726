using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using SmartEnv.Accounts;
using SmartEnv.Gateway;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Accounts;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Telemetry;
using SmartEnv.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 15 "Observability": <c>GET /metrics</c> is staff only (anonymous 401, enterprise 403, a viewer's read-only token
/// 200) and, after real HJ 212 traffic over loopback (4 accepted uploads, 1 with a wrong PW) and one evaluation round,
/// shows the packets by outcome and reject reason, the ack latency histogram, batch size and commit time, the queue
/// depths, open connections and the evaluation lag, every series with this process's <c>instance</c> label. The
/// instruments are process-wide (other test classes may add traffic at the same time), so counts are compared as
/// deltas with "at least"; the wrong PW's log line carries event id 2205 <c>WrongPassword</c>. Bounded: one connection, 5 frames; each wait is for an answer or for a scrape, with a deadline.
/// </summary>
public abstract class MetricsEndpointTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string Pw = "481516";

    /// <summary>Log lines with their event ids.</summary>
    private sealed class Capture : Microsoft.Extensions.Logging.ILoggerProvider, Microsoft.Extensions.Logging.ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(Microsoft.Extensions.Logging.EventId Id, string Text)> Lines { get; } = new();
        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((eventId, formatter(state, exception)));
        public void Dispose() { }
    }

    private static byte[] Upload(string mn, string pw, int n) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = "20261204080000" + n.ToString("000", CultureInfo.InvariantCulture), St = "22", Cn = "2061", Pw = pw, Mn = mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(new DateTimeOffset(2026, 11, 2, 0, 0, 0, BeijingTime.Offset).AddHours(n), BeijingTime.Offset)),
            new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34004-Flag", "N"),
        ],
    });

    /// <summary>Sum of the values of every series of <paramref name="name"/> whose labels contain all of <paramref name="labels"/>.</summary>
    private static double Sum(string text, string name, params string[] labels)
    {
        var total = 0.0;
        foreach (Match m in Regex.Matches(text, "^" + Regex.Escape(name) + @"\{([^}]*)\} (\S+)", RegexOptions.Multiline))
            if (labels.All(l => m.Groups[1].Value.Contains(l, StringComparison.Ordinal)))
                total += double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return total;
    }

    private static async Task<string> ScrapeAsync(HttpClient http, string token)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var res = await http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return await res.Content.ReadAsStringAsync();
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the exporter caches a response for a moment) or 30 s pass.</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient http, string token, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        while (!done(text = await ScrapeAsync(http, token)) && DateTime.UtcNow < deadline) await Task.Delay(100);
        return text;
    }

    [Fact]
    public async Task Metrics_are_staff_only_and_count_packets_acks_batches_queues_and_evaluation_lag()
    {
        var (store, _) = await db.MigratedAsync();
        var dataDir = Path.Combine(Path.GetTempPath(), "smartenv-metrics-" + Guid.NewGuid().ToString("N")[..12]);
        var readiness = new Readiness("http");
        var log = new Capture();
        using var loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        await using var platform = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, EvaluationInterval = TimeSpan.FromMilliseconds(200), Logging = loggers,
            Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
            Web = new SmartEnvWebOptions { Store = store, AdminToken = AdminToken.LoadOrCreate(dataDir), Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback },
        });
        await platform.StartAsync();
        readiness.MarkReady("http");
        try
        {
            var viewer = await TestAccounts.TokenAsync(store, "metrics-viewer-" + Guid.NewGuid().ToString("N")[..8], [SmartEnvRoles.Viewer], readOnly: true);
            var enterprise = await TestAccounts.TokenAsync(store, "metrics-ent-" + Guid.NewGuid().ToString("N")[..8], [SmartEnvRoles.Enterprise], ["91500105MA5U0RT001"]);
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = platform.HttpAddress };

            // Access: anonymous and enterprise users are refused; a viewer's read-only token reads.
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/metrics")).StatusCode);
            using (var req = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
            {
                req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", enterprise);
                Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(req)).StatusCode);
            }
            var before = await ScrapeAsync(http, viewer);
            var instance = $"instance=\"{SmartEnvMetrics.Instance}\"";

            var mn = "MT" + Guid.NewGuid().ToString("N")[..22].ToUpperInvariant();
            await using (var ctx = store.CreateContext())
            {
                ctx.Devices.Add(new Device { Mn = mn, Password = Pw, Site = new Site { Code = mn, NameZh = "指标测试" + mn[^4..], Kind = SiteKind.Air } });
                await ctx.SaveChangesAsync();
            }
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, platform.Hj212Port);
            var stream = client.GetStream();
            var answers = new StringBuilder();
            var buf = new byte[4096];
            async Task AwaitAnswersAsync(int n)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (Regex.Matches(answers.ToString(), "CN=9014").Count < n)
                {
                    var read = await stream.ReadAsync(buf, cts.Token);
                    Assert.True(read > 0, "the gateway closed the connection");
                    answers.Append(Encoding.ASCII.GetString(buf, 0, read));
                }
            }
            for (var i = 0; i < 3; i++) await stream.WriteAsync(Upload(mn, Pw, i));
            await AwaitAnswersAsync(3);
            // A wrong PW is quarantined (no answer); the 4th upload's answer comes after its read was committed.
            await stream.WriteAsync(Upload(mn, "000000", 3));
            await stream.WriteAsync(Upload(mn, Pw, 4));
            await AwaitAnswersAsync(4);

            var after = await ScrapeUntilAsync(http, viewer, t =>
                Sum(t, "smartenv_evaluation_lag_seconds_count", instance) > Sum(before, "smartenv_evaluation_lag_seconds_count", instance)
                && Sum(t, "smartenv_hj212_packets_total", "outcome=\"quarantined\"", "reason=\"wrong_password\"") > Sum(before, "smartenv_hj212_packets_total", "outcome=\"quarantined\"", "reason=\"wrong_password\""));
            double Delta(string name, params string[] labels) => Sum(after, name, labels) - Sum(before, name, labels);

            Assert.True(Delta("smartenv_hj212_packets_total", "outcome=\"stored\"", instance) >= 4, after);
            Assert.True(Delta("smartenv_hj212_packets_total", "outcome=\"quarantined\"", "reason=\"wrong_password\"", instance) >= 1, after);
            Assert.True(Delta("smartenv_hj212_ack_duration_seconds_count", instance) >= 4, after);
            // Every ack took less than the 30 s of the last bucket: the +Inf and 30 s buckets agree.
            Assert.Equal(Sum(after, "smartenv_hj212_ack_duration_seconds_bucket", "le=\"+Inf\"", instance), Sum(after, "smartenv_hj212_ack_duration_seconds_bucket", "le=\"30\"", instance));
            Assert.True(Delta("smartenv_intake_batch_size_count", instance) >= 1, after);
            Assert.True(Delta("smartenv_intake_batch_size_sum", instance) >= 5, after);
            Assert.True(Delta("smartenv_intake_commit_duration_seconds_count", instance) >= 1, after);
            Assert.True(Delta("smartenv_evaluation_days_total", "outcome=\"done\"", instance) >= 1, after);
            Assert.True(Delta("smartenv_evaluation_lag_seconds_count", instance) >= 1, after);
            Assert.Matches("smartenv_queue_depth\\{[^}]*queue=\"intake\"", after);
            Assert.Matches("smartenv_queue_depth\\{[^}]*queue=\"evaluation_dirty\"", after);
            Assert.True(Sum(after, "smartenv_hj212_connections", instance) >= 1, after); // this test's connection is open
            Assert.Contains("process_", after); // runtime metrics (System.Runtime) are exported too
            // The wrong PW's log line carries its event id (docs/operations.md "Log events").
            Assert.Contains(log.Lines, l => l.Id.Id == 2205 && l.Id.Name == nameof(SmartEnvLogEvents.WrongPassword) && l.Text.Contains(mn, StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, true);
        }
    }
}

public sealed class SqliteMetricsEndpointTests(SqliteTestDatabase db) : MetricsEndpointTests<SqliteTestDatabase>(db);

public sealed class PostgresMetricsEndpointTests(PostgresTestDatabase db) : MetricsEndpointTests<PostgresTestDatabase>(db);
