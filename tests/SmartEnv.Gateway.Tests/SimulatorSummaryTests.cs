using System.Net;
using System.Net.Sockets;
using System.Text;
using SmartEnv.Hj212;
using SmartEnv.Simulation;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 15 (load harness): the simulator's summary names the starved loggers and the latency tail. A scripted loopback
/// server answers only the first of three loggers, so exactly two loggers had no packet acknowledged, and every answered
/// packet has a latency, with p50 ≤ p90 ≤ p99 ≤ p99.9 ≤ max. Bounded: 3 loggers × at most 4 packets, 4 s + 1 s drain.
/// </summary>
public sealed class SimulatorSummaryTests
{
    [Fact]
    public async Task The_summary_counts_loggers_without_an_ack_and_reports_the_latency_tail()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var options = new SimulatorOptions
        {
            Port = port, Stations = 3, Interval = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(4),
            AckTimeout = TimeSpan.FromMinutes(10), Drain = TimeSpan.FromSeconds(1), MnPrefix = "SUM",
        };
        var answered = options.Mn(0);
        using var stop = new CancellationTokenSource();
        var connections = new List<Task>();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Socket s;
                try { s = await listener.AcceptAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                lock (connections) connections.Add(Task.Run(async () =>
                {
                    using var _ = s;
                    var buf = new byte[65536];
                    var text = new StringBuilder();
                    while (true)
                    {
                        int n;
                        try { n = await s.ReceiveAsync(buf, SocketFlags.None, stop.Token); }
                        catch (Exception ex) when (ex is SocketException or OperationCanceledException) { return; }
                        if (n == 0) return;
                        text.Append(Encoding.ASCII.GetString(buf, 0, n));
                        int lf;
                        while ((lf = text.ToString().IndexOf('\n')) >= 0)
                        {
                            var line = text.ToString(0, lf + 1);
                            text.Remove(0, lf + 1);
                            var p = Hj212Parser.Parse(line, Hj212ParsePolicy.Tolerant).Packet;
                            if (p?.Mn == answered) await s.SendAsync(Hj212Serializer.ToBytes(Hj212Builder.DataAnswer9014(p)), SocketFlags.None);
                        }
                    }
                }));
            }
        });

        var result = await new Hj212Simulator(options).RunAsync();
        await stop.CancelAsync();
        await server;
        Task[] open;
        lock (connections) open = [.. connections];
        await Task.WhenAll(open);

        Assert.Equal(2, result.LoggersWithoutAck);
        Assert.InRange(result.Acked, 1, 4); // the first logger's packets (at most 4 s / 1 s; fewer only if it started late)
        Assert.Equal(result.Acked, result.AckedPackets.Count);
        Assert.All(result.AckedPackets, a => Assert.Equal(answered, a.Mn));
        Assert.NotNull(result.P90Ms);
        Assert.NotNull(result.P999Ms);
        Assert.NotNull(result.MaxMs);
        Assert.True(result.P50Ms <= result.P90Ms && result.P90Ms <= result.P99Ms && result.P99Ms <= result.P999Ms && result.P999Ms <= result.MaxMs,
            $"p50 {result.P50Ms}, p90 {result.P90Ms}, p99 {result.P99Ms}, p99.9 {result.P999Ms}, max {result.MaxMs}");
        Assert.InRange(result.Seconds, 4.0, 120.0); // generation ran, and the run ended by itself
    }
}
