using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using SmartEnv.Hj212;
using SmartEnv.Standards.Common;

namespace SmartEnv.Simulation;

/// <summary>
/// HJ 212 traffic generator for demos, tests and load: N loggers, each on its own TCP connection, upload real-time data
/// (CN 2011, ST 22 air, Flag 5 = answer required) every interval with plausible values for the six AQI pollutants, wait
/// for the 9014 echoing each QN, resend a packet after the answer timeout and after a reconnect, as a logger would
/// (HJ 212-2017 §6.2 table 1, §6.5). In replay mode (<see cref="SimulatorOptions.Replay"/>) each logger sends its
/// station's recorded hours as CN 2061 packets instead, one per interval, and stops when they are all answered. In noise
/// mode (<see cref="SimulatedKind.Noise"/>) each logger sends consecutive simulated hours as CN 2061 noise packets (ST 23,
/// <c>-Data</c> fields), one per interval. In CEMS mode (<see cref="SimulatedKind.Cems"/>, <see cref="CemsTraffic"/>) each
/// logger is a flue-gas (ST 31) or waste-water (ST 32) monitor of an outlet and sends, per interval, one simulated hour:
/// its CN 2061 (with <see cref="CemsData.All"/> also a 2011 and six 2051 before it) and after a complete Beijing day that
/// day's 2031; the exceedances of acknowledged hours are counted. Thread-safe; one run per instance.
/// </summary>
public sealed class Hj212Simulator
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;
    private readonly SimulatorOptions _o;
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentBag<(string, string, string)> _acked = [];
    private readonly ConcurrentBag<CemsExceedance> _exceedances = [];
    private long _sent, _retransmitted;
    private DateTimeOffset _origin;
    private DateTimeOffset _firstHour;

    /// <summary>Creates the simulator.</summary>
    /// <param name="options">Settings.</param>
    /// <exception cref="ArgumentOutOfRangeException">Stations &lt; 1 or a non-positive interval.</exception>
    public Hj212Simulator(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Stations, 1, nameof(options));
        if (options.Interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "interval must be positive");
        if (options.Replay is { } r && r.Count < options.Stations) throw new ArgumentOutOfRangeException(nameof(options), "more stations than replayed stations");
        _o = options;
    }

    /// <summary>Runs every station until <see cref="SimulatorOptions.Duration"/> plus drain, or cancellation.</summary>
    /// <param name="ct">Cancellation.</param>
    public async Task<SimulatorResult> RunAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        _origin = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond)).AddSeconds(1);
        var bj = now.ToOffset(Beijing);
        // Far enough back that the last simulated hour is not in the future (the gateway quarantines DataTimes more than
        // 1 h ahead, DataTimePlausibility): at least 24 h, more when the run sends more packets per station.
        var packets = _o.Interval > TimeSpan.Zero ? Math.Min(100_000, (int)Math.Ceiling(_o.Duration / _o.Interval)) : 24;
        var currentHour = new DateTimeOffset(bj.Year, bj.Month, bj.Day, bj.Hour, 0, 0, Beijing);
        _firstHour = _o.Kind == SimulatedKind.Cems
            ? _o.Cems?.FirstHour ?? currentHour.AddHours(-Math.Max(24, _o.Cems?.Hours ?? packets))
            : _o.NoiseFirstHour ?? currentHour.AddHours(-Math.Max(24, packets));
        await Task.WhenAll(Enumerable.Range(0, _o.Stations).Select(i => Task.Run(() => StationAsync(i, clock, ct), ct)));
        var lat = _latencies.Order().ToArray();
        double? P(double q) => lat.Length == 0 ? null : Math.Round(lat[Math.Min(lat.Length - 1, (int)Math.Ceiling(q * lat.Length) - 1)], 1);
        var acked = _acked.ToArray();
        return new SimulatorResult(Interlocked.Read(ref _sent), lat.Length, Interlocked.Read(ref _retransmitted), P(0.50), P(0.99), acked)
        {
            P90Ms = P(0.90), P999Ms = P(0.999), MaxMs = lat.Length == 0 ? null : Math.Round(lat[^1], 1),
            LoggersWithoutAck = _o.Stations - acked.Select(a => a.Item1).Distinct(StringComparer.Ordinal).Count(),
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
            Exceedances = _o.Kind == SimulatedKind.Cems && _o.Replay is null
                ? [.. _exceedances.OrderBy(e => e.Mn, StringComparer.Ordinal).ThenBy(e => e.DataTime, StringComparer.Ordinal).ThenBy(e => e.Code, StringComparer.Ordinal)]
                : null,
        };
    }

    private sealed class Pending(string qn, string dataTime, byte[] bytes, long firstSentTicks, IReadOnlyList<CemsExceedance>? exceedances = null)
    {
        public IReadOnlyList<CemsExceedance> Exceedances { get; } = exceedances ?? [];
        public string Qn { get; } = qn;
        public string DataTime { get; } = dataTime;
        public byte[] Bytes { get; } = bytes;
        public long FirstSentTicks { get; } = firstSentTicks;
        public long LastSentTicks { get; set; } = firstSentTicks;
    }

    private async Task StationAsync(int index, Stopwatch clock, CancellationToken ct)
    {
        var mn = _o.Mn(index);
        var rng = new Random(_o.Seed + index);
        var pending = new ConcurrentDictionary<string, Pending>(StringComparer.Ordinal);
        var stopGenerating = _o.Duration;
        var stopAll = _o.Duration + _o.Drain;
        // Stagger the stations across one interval so load is even.
        var next = TimeSpan.FromTicks(_o.Interval.Ticks * index / _o.Stations);
        long seq = 0;
        var replay = _o.Replay?[index];
        var replayed = 0;
        var cems = replay is null && _o.Kind == SimulatedKind.Cems
            ? new CemsTraffic(_o.Cems ?? new CemsSettings(), (_o.Cems ?? new CemsSettings()).MediumOf(index), mn, _o.Password, rng,
                () => DateTimeOffset.UtcNow.ToOffset(Beijing).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + (seq++ % 1000).ToString("D3", CultureInfo.InvariantCulture))
            : null;
        var cemsHours = 0;
        bool Exhausted() => (replay is not null && replayed >= replay.Hours.Count)
            || (cems is not null && _o.Cems?.Hours is { } h && cemsHours >= h);
        while (!ct.IsCancellationRequested && clock.Elapsed < stopAll)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
            try { await client.ConnectAsync(_o.Host, _o.Port, ct); }
            catch (SocketException) { await Task.Delay(250, ct).ConfigureAwait(false); continue; }
            var stream = client.GetStream();
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var reader = Task.Run(() => ReadAcksAsync(stream, pending, clock, mn, connection.Token), connection.Token);
            try
            {
                foreach (var p in pending.Values.OrderBy(p => p.FirstSentTicks)) // resend what was not answered before the break
                {
                    p.LastSentTicks = clock.ElapsedTicks;
                    await stream.WriteAsync(p.Bytes, ct);
                    Interlocked.Increment(ref _retransmitted);
                }
                while (!ct.IsCancellationRequested && clock.Elapsed < stopAll && !reader.IsCompleted)
                {
                    if (clock.Elapsed < stopGenerating && clock.Elapsed >= next && !Exhausted())
                    {
                        // DataTime is the scheduled sampling moment (a late send keeps its slot, as a logger's buffer
                        // would); HJ 212 DataTime has 1 s resolution, so intervals below 1 s reuse a DataTime.
                        var now = _origin + next;
                        IReadOnlyList<SimulatedPacket> batch;
                        if (cems is not null) batch = cems.Hour(_firstHour.AddHours(cemsHours++)); // one simulated hour: its packets queued together
                        else
                        {
                            var qn = DateTimeOffset.UtcNow.ToOffset(Beijing).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
                            qn = qn[..14] + (seq++ % 1000).ToString("D3", CultureInfo.InvariantCulture); // unique per station
                            var hour = replay?.Hours[replayed++];
                            var noise = replay is null && _o.Kind == SimulatedKind.Noise;
                            var noiseHour = _firstHour.AddHours(seq - 1);
                            var dataTime = Hj212Time.Format(hour?.Start ?? (noise ? noiseHour : now), Beijing);
                            var bytes = hour is not null ? HourPacket(mn, qn, dataTime, hour)
                                : noise ? NoisePacket(mn, qn, dataTime, noiseHour.ToOffset(Beijing).Hour, rng) : Packet(mn, qn, dataTime, rng);
                            batch = [new SimulatedPacket(hour is not null || noise ? "2061" : "2011", qn, dataTime, bytes, [])];
                        }
                        foreach (var b in batch)
                            if (pending.TryAdd(b.Qn, new Pending(b.Qn, b.DataTime, b.Bytes, clock.ElapsedTicks, b.Exceedances)))
                            {
                                // Counted when queued, before the write: a write that fails on a broken link leaves the
                                // packet pending, and it is resent and acknowledged later, so it was sent once.
                                Interlocked.Increment(ref _sent);
                                await stream.WriteAsync(b.Bytes, ct);
                            }
                        next += _o.Interval;
                    }
                    else if ((clock.Elapsed >= stopGenerating || Exhausted()) && pending.IsEmpty) return;
                    foreach (var p in pending.Values)
                        if (Stopwatch.GetElapsedTime(p.LastSentTicks, clock.ElapsedTicks) >= _o.AckTimeout)
                        {
                            p.LastSentTicks = clock.ElapsedTicks;
                            await stream.WriteAsync(p.Bytes, ct);
                            Interlocked.Increment(ref _retransmitted);
                        }
                    var wait = clock.Elapsed < stopGenerating ? (next - clock.Elapsed).TotalMilliseconds : 100;
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(wait, 1, 100)), ct);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException) { }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            finally
            {
                await connection.CancelAsync();
                try { await reader; } catch (Exception) { /* the reader ends with the connection */ }
            }
            if ((clock.Elapsed >= stopGenerating || Exhausted()) && pending.IsEmpty) return;
            await Task.Delay(250, ct); // reconnect as a logger would after a broken link
        }
    }

    private async Task ReadAcksAsync(NetworkStream stream, ConcurrentDictionary<string, Pending> pending, Stopwatch clock, string mn, CancellationToken ct)
    {
        var buf = new byte[4096];
        var line = new StringBuilder();
        while (!ct.IsCancellationRequested)
        {
            int n;
            try { n = await stream.ReadAsync(buf, ct); }
            catch (Exception) { return; }
            if (n == 0) return;
            line.Append(Encoding.UTF8.GetString(buf, 0, n));
            int lf;
            while ((lf = line.ToString().IndexOf('\n')) >= 0)
            {
                var text = line.ToString(0, lf + 1);
                line.Remove(0, lf + 1);
                var r = Hj212Parser.Parse(text, Hj212ParsePolicy.Tolerant);
                if (r.Packet is { Cn: "9014", Qn: { } qn } && pending.TryRemove(qn, out var p))
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(p.FirstSentTicks, clock.ElapsedTicks).TotalMilliseconds);
                    _acked.Add((mn, qn, p.DataTime));
                    foreach (var e in p.Exceedances) _exceedances.Add(e);
                }
            }
        }
    }

    /// <summary>A CN 2061 hour upload of a replayed hour (<c>-Avg</c> and flag N per factor).</summary>
    private byte[] HourPacket(string mn, string qn, string dataTime, ReplayHour hour)
    {
        var cp = new List<Hj212CpEntry> { new("DataTime", dataTime) };
        foreach (var (code, value) in hour.Values) { cp.Add(new(code + "-Avg", value)); cp.Add(new(code + "-Flag", "N")); }
        return Hj212Serializer.ToBytes(new Hj212Packet { Qn = qn, St = "22", Cn = "2061", Pw = _o.Password, Mn = mn, Flag = 5, Cp = cp });
    }

    /// <summary>
    /// A CN 2061 noise hour upload (ST 23, <c>-Data</c> fields, dB(A) to 0.1) of a roadside-urban profile: Leq about
    /// 57 dB(A) by day with morning and evening peaks, about 46 by night (lowest near 03:00), ±1.5 dB random; L10 above,
    /// L50 and L90 below Leq, LMx 8–18 dB above Leq, LMn below L90.
    /// </summary>
    private byte[] NoisePacket(string mn, string qn, string dataTime, int beijingHour, Random rng)
    {
        double U(double lo, double hi) => lo + rng.NextDouble() * (hi - lo);
        string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
        var baseLevel = beijingHour switch
        {
            >= 7 and <= 9 or >= 17 and <= 19 => 59.5,
            >= 6 and < 22 => 56.5,
            22 or 23 or 5 => 49.0,
            _ => 45.5,
        };
        var leq = Math.Round(baseLevel + U(-1.5, 1.5), 1);
        var l10 = Math.Round(leq + U(1.5, 3.5), 1);
        var l50 = Math.Round(leq - U(1.0, 3.0), 1);
        var l90 = Math.Round(l50 - U(3.0, 6.0), 1);
        var cp = new List<Hj212CpEntry>
        {
            new("DataTime", dataTime), new("Leq-Data", F(leq)), new("L10-Data", F(l10)), new("L50-Data", F(l50)),
            new("L90-Data", F(l90)), new("LMx-Data", F(leq + U(8, 18))), new("LMn-Data", F(l90 - U(1, 3))),
        };
        return Hj212Serializer.ToBytes(new Hj212Packet { Qn = qn, St = "23", Cn = "2061", Pw = _o.Password, Mn = mn, Flag = 5, Cp = cp });
    }

    /// <summary>A CN 2011 upload with plausible urban values (μg/m³; CO mg/m³) and flag N.</summary>
    private byte[] Packet(string mn, string qn, string dataTime, Random rng) => AirPacket(mn, qn, _o.Password, dataTime, rng);

    /// <summary>The CN 2011 real-time air upload every simulated logger sends (ST 22, Flag 5): DataTime and the six AQI
    /// pollutants (<c>a34004</c> PM2.5, <c>a34002</c> PM10, <c>a21026</c> SO2, <c>a21004</c> NO2, <c>a05024</c> O3 in
    /// μg/m³, <c>a21005</c> CO in mg/m³), each <c>-Rtd</c> with a plausible urban value drawn from
    /// <paramref name="rng"/> and <c>-Flag=N</c>. With a 24-character MN, a 17-digit QN and a 6-character PW it is
    /// 290–294 bytes on the wire. Also used by the HJ 212 benchmarks (bench/SmartEnv.Benchmarks). Thread-safe when
    /// <paramref name="rng"/> is not shared.</summary>
    /// <param name="mn">The logger's MN.</param>
    /// <param name="qn">The request code (17 digits).</param>
    /// <param name="password">The logger's PW.</param>
    /// <param name="dataTime">DataTime, 14 digits (Beijing time).</param>
    /// <param name="rng">Value generator.</param>
    /// <returns>The packet bytes with length and CRC.</returns>
    public static byte[] AirPacket(string mn, string qn, string password, string dataTime, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        string V(double lo, double hi, int decimals) => Math.Round(lo + rng.NextDouble() * (hi - lo), decimals).ToString("F" + decimals, CultureInfo.InvariantCulture);
        var cp = new List<Hj212CpEntry> { new("DataTime", dataTime) };
        void Add(string code, string value) { cp.Add(new(code + "-Rtd", value)); cp.Add(new(code + "-Flag", "N")); }
        Add("a34004", V(10, 120, 0));
        Add("a34002", V(20, 180, 0));
        Add("a21026", V(3, 20, 0));
        Add("a21004", V(10, 80, 0));
        Add("a05024", V(10, 200, 0));
        Add("a21005", V(0.3, 1.5, 1));
        return Hj212Serializer.ToBytes(new Hj212Packet { Qn = qn, St = "22", Cn = "2011", Pw = password, Mn = mn, Flag = 5, Cp = cp });
    }
}
