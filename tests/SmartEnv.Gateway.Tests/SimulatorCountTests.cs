using System.Net;
using System.Net.Sockets;
using System.Text;
using SmartEnv.Simulation;
using SmartEnv.Hj212;
using Xunit.Abstractions;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// The simulator's counts against a scripted server on loopback: a packet the logger queued counts as sent even when the
/// connection breaks while it is being written (it stays pending and is resent), so acknowledged never exceeds sent —
/// the durability test's "acknowledged &gt; sent" on a loaded machine, where the killed server's reset met a write.
/// </summary>
public sealed class SimulatorCountTests(ITestOutputHelper output)
{
    /// <summary>Bytes queued for sending on the loopback socket 127.0.0.1:local → 127.0.0.1:remote (Linux /proc/net/tcp tx_queue).</summary>
    private static long SendQueue(int local, int remote)
    {
        var key = $"0100007F:{local:X4} 0100007F:{remote:X4}";
        foreach (var line in File.ReadLines("/proc/net/tcp"))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length > 4 && $"{f[1]} {f[2]}" == key)
                return Convert.ToInt64(f[4].Split(':')[0], 16);
        }
        return -1;
    }

    [Fact]
    public async Task A_packet_whose_write_fails_on_a_reset_is_counted_as_sent_once_and_acked_once()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        // A small advertised segment size keeps the logger's send buffer small (Linux sizes it from the MSS), so a few
        // hundred unanswered packets fill it instead of megabytes: TCP_MAXSEG = 536 (IPPROTO_TCP 6, option 2).
        listener.SetRawSocketOption(6, 2, BitConverter.GetBytes(536));
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        // One logger sending a new packet every millisecond, never resending on time-out (only after a reconnect).
        var options = new SimulatorOptions
        {
            Port = port, Stations = 1, Interval = TimeSpan.FromMilliseconds(1), Duration = TimeSpan.FromSeconds(8),
            AckTimeout = TimeSpan.FromMinutes(10), Drain = TimeSpan.FromSeconds(60), MnPrefix = "CNT",
        };
        var run = new Hj212Simulator(options).RunAsync();

        // First connection: never read, so both socket buffers fill and the logger blocks in the write of a new packet;
        // wait for that (the bytes waiting at the server stop growing), then reset the connection under that write.
        using (var first = await listener.AcceptAsync())
        {
            var peer = (IPEndPoint)first.RemoteEndPoint!;
            long last = -1;
            var still = 0;
            for (var i = 0; i < 1200 && still < 20; i++)
            {
                await Task.Delay(50);
                var now = SendQueue(peer.Port, port);
                still = now > 0 && now == last ? still + 1 : 0;
                last = now;
            }
            Assert.True(still >= 20, "the logger never filled the connection");
            output.WriteLine($"reset with {first.Available} bytes unread at the server, {last} queued at the logger");
            first.LingerState = new LingerOption(true, 0);
            first.Close(); // RST
        }

        // Later connections: answer every upload with its 9014 and count the distinct QNs the logger delivered.
        var qns = new HashSet<string>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource();
        var server = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var s = await listener.AcceptAsync(stop.Token);
                var buf = new byte[65536];
                var text = new StringBuilder();
                while (true)
                {
                    int n;
                    try { n = await s.ReceiveAsync(buf, SocketFlags.None, stop.Token); }
                    catch (SocketException) { break; }
                    if (n == 0) break;
                    text.Append(Encoding.ASCII.GetString(buf, 0, n));
                    int lf;
                    while ((lf = text.ToString().IndexOf('\n')) >= 0)
                    {
                        var line = text.ToString(0, lf + 1);
                        text.Remove(0, lf + 1);
                        var p = Hj212Parser.Parse(line, Hj212ParsePolicy.Tolerant).Packet;
                        if (p?.Qn is not { } qn) continue;
                        lock (qns) qns.Add(qn);
                        await s.SendAsync(Hj212Serializer.ToBytes(Hj212Builder.DataAnswer9014(p)), SocketFlags.None, stop.Token);
                    }
                }
            }
        });

        var result = await run;
        await stop.CancelAsync();
        try { await server; } catch (OperationCanceledException) { }
        output.WriteLine($"sent {result.Sent}, acked {result.Acked}, retransmitted {result.Retransmitted}, server saw {qns.Count}");
        Assert.True(result.Retransmitted > 0, "the reset left nothing to resend");
        Assert.Equal(qns.Count, result.Sent);   // every packet the server received once counted as sent, once
        Assert.Equal(qns.Count, result.Acked);  // and acknowledged once
    }
}
