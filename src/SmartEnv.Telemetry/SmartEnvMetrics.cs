using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace SmartEnv.Telemetry;

/// <summary>
/// THE definition of every SmartEnv metric instrument (issue 15 "Observability"; docs/operations.md "Metrics and load
/// harness"). One static <see cref="Meter"/> named <see cref="MeterName"/>; the web app's OpenTelemetry SDK exports it
/// on <c>GET /metrics</c> in the Prometheus text format (names there: dots → underscores, <c>_total</c> on counters,
/// <c>_seconds</c> for unit <c>s</c>). Every measurement carries the tag <c>instance</c> = <see cref="Instance"/>, so the
/// series of several <c>serve</c> processes on one database stay apart even behind one scrape target.
/// <para>Instruments (Prometheus name → meaning; tags):</para>
/// <list type="bullet">
/// <item><c>smartenv_hj212_packets_total</c> — frames by final outcome: <c>stored</c> (accepted and committed),
/// <c>quarantined</c> (stored as a quarantine row), <c>quarantine_counted</c> (beyond the quarantine quota: counted,
/// not stored), <c>failed</c> (the store refused the transaction: no 9014 was sent); tag <c>reason</c> = the
/// quarantine reason (<c>wrong_password</c>, <c>crc_mismatch</c>, …) or empty.</item>
/// <item><c>smartenv_hj212_ack_duration_seconds</c> — histogram, from the read that brought the frame to the 9014
/// written back (parse, trust checks, queue wait, group commit, answer).</item>
/// <item><c>smartenv_intake_batch_size</c> — histogram, packets per group-commit transaction.</item>
/// <item><c>smartenv_intake_commit_duration_seconds</c> — histogram, time of one group-commit transaction.</item>
/// <item><c>smartenv_queue_depth</c> — gauge; tag <c>queue</c>: <c>intake</c> (packets waiting for a commit),
/// <c>evaluation_dirty</c> (site-days marked but not yet written as pending).</item>
/// <item><c>smartenv_hj212_connections</c> — gauge, open logger connections.</item>
/// <item><c>smartenv_hj212_connections_refused_total</c> — connections refused on accept; tag <c>reason</c>
/// (<c>max_connections</c>, <c>max_per_address</c>).</item>
/// <item><c>smartenv_evaluation_days_total</c> — site-day recomputations; tag <c>outcome</c> (<c>done</c>, <c>failed</c>).</item>
/// <item><c>smartenv_evaluation_lag_seconds</c> — histogram, from a committed observation first marking its site-day
/// dirty to the recomputation of that day in this process (the freshness of the stored hourly AQI; issue 15 goal 1 asks
/// ≤ 60 s).</item>
/// </list>
/// Bucket boundaries are SmartEnv choices (the standards are silent): ack latency spans the targets (p50 &lt;
/// 50 ms, p99 &lt; 250 ms) up to the loggers' 10 s answer timeout (HJ 212-2017 table 1); evaluation lag spans the
/// 2 s evaluation round to the 60 s target and beyond.
/// Cost without a listener: one enabled-check per call. Thread-safe (static; instruments are thread-safe).
/// </summary>
public static class SmartEnvMetrics
{
    /// <summary>Name of the meter (what an OpenTelemetry <c>AddMeter</c> call subscribes to).</summary>
    public const string MeterName = "SmartEnv";

    /// <summary>Environment variable that names this process in the <c>instance</c> tag (docs/operations.md).</summary>
    public const string InstanceVariable = "SMARTENV_INSTANCE";

    /// <summary>This process's <c>instance</c> tag: <c>SMARTENV_INSTANCE</c> when set (give each instance a stable
    /// name), else <c>HOST-PID</c>. Read once at start.</summary>
    public static string Instance { get; } = Environment.GetEnvironmentVariable(InstanceVariable) is { Length: > 0 } v
        ? v : $"{Environment.MachineName}-{Environment.ProcessId}";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> PacketsCounter = Meter.CreateCounter<long>("smartenv.hj212.packets", "{packet}",
        "HJ 212 frames by final outcome (stored, quarantined, quarantine_counted, failed) and quarantine reason.");

    private static readonly Histogram<double> AckDuration = Meter.CreateHistogram<double>("smartenv.hj212.ack.duration", "s",
        "From the read that brought an upload to its 9014 answer written back.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });

    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("smartenv.intake.batch.size", "{packet}",
        "Packets per group-commit transaction.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000] });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>("smartenv.intake.commit.duration", "s",
        "Time of one group-commit transaction (raw packets + observations).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> RefusedCounter = Meter.CreateCounter<long>("smartenv.hj212.connections.refused", "{connection}",
        "HJ 212 connections refused on accept, by reason.");

    private static readonly Counter<long> EvaluationDays = Meter.CreateCounter<long>("smartenv.evaluation.days", "{day}",
        "Site-day AQI recomputations by outcome (done, failed).");

    private static readonly Histogram<double> EvaluationLagHistogram = Meter.CreateHistogram<double>("smartenv.evaluation.lag", "s",
        "From a committed observation marking its site-day dirty to that day's recomputation.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600] });

    // Observable sources, weakly held: an owner that is collected stops reporting without an unregister call.
    private static readonly ConditionalWeakTable<object, Source> Sources = [];

    private sealed record Source(string Gauge, string Name, Func<object, long> Read);

    // First-mark times of dirty site-days (Stopwatch ticks), bounded: beyond MaxTrackedDays new marks are not timed.
    private static readonly ConcurrentDictionary<(long Site, DateOnly Day), long> Marked = new();

    /// <summary>Site-days timed at once for <c>smartenv_evaluation_lag_seconds</c> (SmartEnv rule: 20,000 stations × a
    /// few days; beyond it a mark is not timed, so a backlog cannot grow this table without bound).</summary>
    public const int MaxTrackedDays = 100_000;

    static SmartEnvMetrics()
    {
        Meter.CreateObservableGauge("smartenv.queue.depth", () => Observe("queue"), "{item}", "Items waiting, by queue (intake, evaluation_dirty).");
        Meter.CreateObservableGauge("smartenv.hj212.connections", () => Observe("connections"), "{connection}", "Open HJ 212 logger connections.");
    }

    private static IEnumerable<Measurement<long>> Observe(string gauge)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (owner, s) in Sources)
        {
            if (s.Gauge != gauge) continue;
            long v;
            try { v = s.Read(owner); }
            catch (ObjectDisposedException) { continue; }
            sums[s.Name] = sums.GetValueOrDefault(s.Name) + v;
        }
        foreach (var (name, v) in sums)
            yield return gauge == "queue" ? new Measurement<long>(v, new("queue", name), new("instance", Instance)) : new Measurement<long>(v, new KeyValuePair<string, object?>("instance", Instance));
    }

    /// <summary>Counts <paramref name="count"/> frames with their final outcome.</summary>
    /// <param name="outcome"><c>stored</c>, <c>quarantined</c>, <c>quarantine_counted</c> or <c>failed</c>.</param>
    /// <param name="reason">Quarantine reason (an enum name, snake-cased here), or null.</param>
    /// <param name="count">Frames.</param>
    public static void Packet(string outcome, object? reason = null, long count = 1)
    {
        if (!PacketsCounter.Enabled) return;
        PacketsCounter.Add(count, new("outcome", outcome), new("reason", Snake(reason)), new("instance", Instance));
    }

    /// <summary>Records one 9014 written back.</summary>
    /// <param name="readTimestamp"><see cref="Stopwatch.GetTimestamp"/> of the read that brought the upload.</param>
    public static void AckSent(long readTimestamp)
    {
        if (AckDuration.Enabled) AckDuration.Record(Stopwatch.GetElapsedTime(readTimestamp).TotalSeconds, new KeyValuePair<string, object?>("instance", Instance));
    }

    /// <summary>Records one committed group-commit transaction.</summary>
    /// <param name="packets">Packets in it.</param>
    /// <param name="startTimestamp"><see cref="Stopwatch.GetTimestamp"/> before the transaction began.</param>
    public static void BatchCommitted(int packets, long startTimestamp)
    {
        var tag = new KeyValuePair<string, object?>("instance", Instance);
        if (BatchSize.Enabled) BatchSize.Record(packets, tag);
        if (CommitDuration.Enabled) CommitDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, tag);
    }

    /// <summary>Counts one connection refused on accept.</summary>
    /// <param name="reason"><c>max_connections</c> or <c>max_per_address</c>.</param>
    public static void ConnectionRefused(string reason)
    {
        if (RefusedCounter.Enabled) RefusedCounter.Add(1, new("reason", reason), new("instance", Instance));
    }

    /// <summary>Reports <paramref name="read"/>(<paramref name="owner"/>) as the depth of queue <paramref name="name"/>
    /// for as long as <paramref name="owner"/> lives (several owners of one name are summed).</summary>
    /// <typeparam name="T">Owner type.</typeparam>
    /// <param name="name">Queue name (<c>intake</c>, <c>evaluation_dirty</c>).</param>
    /// <param name="owner">The object holding the queue (held weakly).</param>
    /// <param name="read">Reads the depth; must be cheap and thread-safe.</param>
    public static void ObserveQueue<T>(string name, T owner, Func<T, long> read) where T : class =>
        Sources.AddOrUpdate(owner, new Source("queue", name, o => read((T)o)));

    /// <summary>Reports the open connections of <paramref name="owner"/> (a gateway) for as long as it lives.</summary>
    /// <typeparam name="T">Owner type.</typeparam>
    /// <param name="owner">The gateway (held weakly).</param>
    /// <param name="read">Reads the count.</param>
    public static void ObserveConnections<T>(T owner, Func<T, long> read) where T : class =>
        Sources.AddOrUpdate(owner, new Source("connections", "connections", o => read((T)o)));

    /// <summary>Notes that a committed observation marked site-day (<paramref name="site"/>, <paramref name="day"/>)
    /// dirty; the first mark since its last recomputation starts its lag clock.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="day">Natural day (Beijing).</param>
    public static void EvaluationMarked(long site, DateOnly day)
    {
        if (!EvaluationLagHistogram.Enabled || Marked.Count >= MaxTrackedDays) return;
        Marked.TryAdd((site, day), Stopwatch.GetTimestamp());
    }

    /// <summary>Records one site-day recomputation and, when its mark was timed, its lag.</summary>
    /// <param name="site">Site id.</param>
    /// <param name="day">Natural day (Beijing).</param>
    /// <param name="ok">False when the recomputation failed (the day stays marked).</param>
    public static void EvaluationDone(long site, DateOnly day, bool ok = true)
    {
        var tag = new KeyValuePair<string, object?>("instance", Instance);
        if (EvaluationDays.Enabled) EvaluationDays.Add(1, new("outcome", ok ? "done" : "failed"), tag);
        if (ok && Marked.TryRemove((site, day), out var t)) EvaluationLagHistogram.Record(Stopwatch.GetElapsedTime(t).TotalSeconds, tag);
    }

    /// <summary>snake_case of an enum name or text (<c>WrongPassword</c> → <c>wrong_password</c>); empty for null.</summary>
    /// <param name="value">Value.</param>
    public static string Snake(object? value)
    {
        var s = value?.ToString();
        if (string.IsNullOrEmpty(s)) return "";
        var b = new System.Text.StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsUpper(c)) { if (i > 0 && s[i - 1] != '_') b.Append('_'); b.Append(char.ToLowerInvariant(c)); }
            else b.Append(c);
        }
        return b.ToString();
    }
}
