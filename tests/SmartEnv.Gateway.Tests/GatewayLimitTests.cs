using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Per-connection flood limits over loopback (docs/gateway.md "Limits"): an endless frame is quarantined once and the
/// connection closed; quarantined frames or garbage bytes in a row close the connection at the limit; a well-behaved
/// logger on another connection is acked throughout.
/// </summary>
public abstract class GatewayLimitTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private async Task<(SmartEnvStore Store, SmartEnvPlatform Gateway)> StartAsync(GatewayOptions options, IntakeOptions? intake = null)
    {
        var (store, _) = await db.MigratedAsync();
        var gw = SmartEnvPlatform.Create(new PlatformOptions { Store = store, Gateway = options with { Port = 0, BindAddress = IPAddress.Loopback }, Intake = intake ?? new IntakeOptions() });
        await gw.StartAsync();
        return (store, gw);
    }

    private static async Task<string> RegisterAsync(SmartEnvStore store)
    {
        var mn = "LM" + Guid.NewGuid().ToString("N")[..22].ToUpperInvariant();
        await using var ctx = store.CreateContext();
        // Its own site: the tests of this class send the same hours, and a measurement is keyed by site, parameter,
        // period and time (another logger's same value at a shared site would be the same row).
        ctx.Devices.Add(new Device { Mn = mn, Password = "123456", Site = new Site { Code = mn, NameZh = mn, Kind = SiteKind.Air } });
        await ctx.SaveChangesAsync();
        return mn;
    }

    private static byte[] Upload(string mn, string qn, int hour) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = qn, St = "22", Cn = "2061", Pw = "123456", Mn = mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(new DateTimeOffset(2026, 11, 3, hour, 0, 0, Beijing), Beijing)),
            new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34004-Flag", "N"),
        ],
    });

    private static async Task<List<RawPacket>> RowsAsync(SmartEnvStore store, string peer)
    {
        await using var ctx = store.CreateContext();
        return await ctx.RawPackets.AsNoTracking().Where(r => r.Peer == peer).OrderBy(r => r.Id).ToListAsync();
    }

    // Streams bytes until the server closes (a write fails) or all are sent; returns the bytes written.
    private static async Task<long> StreamAsync(FakeLogger logger, byte[] head, byte fill, int total)
    {
        long sent = 0;
        var chunk = new byte[8192];
        Array.Fill(chunk, fill);
        head.CopyTo(chunk, 0);
        try
        {
            while (sent < total)
            {
                var n = (int)Math.Min(chunk.Length, total - sent);
                await logger.SendAsync(chunk[..n]);
                if (sent == 0) Array.Fill(chunk, fill, 0, head.Length);
                sent += n;
            }
        }
        catch (IOException) { }
        return sent;
    }

    [Fact]
    public async Task An_endless_frame_is_quarantined_once_and_closes_its_connection_while_another_logger_is_acked()
    {
        var (store, gw) = await StartAsync(new GatewayOptions());
        await using var running = gw;
        var mn = await RegisterAsync(store);
        await using var good = await FakeLogger.ConnectAsync(gw.Hj212Port);
        await using var flood = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var peer = flood.LocalEndPoint;

        var streaming = StreamAsync(flood, "##9999"u8.ToArray(), (byte)'A', 1024 * 1024); // 1 MB, no terminator
        for (var h = 0; h < 3; h++)
        {
            await good.SendAsync(Upload(mn, $"2026110300000{h:D4}", h));
            Assert.Contains($"QN=2026110300000{h:D4};ST=91;CN=9014", await good.ReadLineAsync(TimeSpan.FromSeconds(10)));
        }
        Assert.True(await flood.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        await streaming; // ends when a write fails after the close (or all was buffered by the kernel)

        var rows = await RowsAsync(store, peer);
        var row = Assert.Single(rows);
        Assert.Equal((PacketStatus.Quarantined, QuarantineReason.Malformed), (row.Status, row.QuarantineReason));
        Assert.StartsWith("framing: frame_too_large: ", row.QuarantineDetail);
        // Stored head: "##9999" + 250 'A' = 256 bytes (GatewayOptions.UnknownPeerGarbageBytes: this peer never sent an
        // accepted packet; issue 14 item 1 — it was 2 KiB before); at least the 16 KiB cap was received.
        Assert.Equal("##9999" + new string('A', 256 - 6), row.Text);
        var truncated = long.Parse(row.FramingDiagnostics!.Split(';')[0]["truncated=".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(truncated, 16 * 1024, 1024 * 1024);
        await using var ctx = store.CreateContext();
        Assert.Equal(3, await ctx.Observations.CountAsync(o => o.Mn == mn));
    }

    [Fact]
    public async Task Ten_quarantined_frames_in_a_row_close_the_connection_and_an_accepted_packet_resets_the_count()
    {
        var (store, gw) = await StartAsync(new GatewayOptions());
        await using var running = gw;
        var mn = await RegisterAsync(store);
        // A well-formed upload with a wrong CRC (HJ 212-2017 §6.3: CRC16 of the segment) → crc_mismatch.
        static byte[] BadCrc(byte[] packet)
        {
            var b = (byte[])packet.Clone();
            var c = b.Length - 6; // first CRC digit, before "XXXX\r\n"
            b[c] = b[c] == (byte)'0' ? (byte)'1' : (byte)'0';
            return b;
        }

        // 9 rejects, 1 accepted (resets), 9 rejects: still open.
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var peer = logger.LocalEndPoint;
        for (var i = 0; i < 9; i++) await logger.SendAsync(BadCrc(Upload(mn, $"2026110301{i:D7}", 1)));
        await logger.SendAsync(Upload(mn, "20261103020000000", 2));
        Assert.Contains("QN=20261103020000000;ST=91;CN=9014", await logger.ReadLineAsync(TimeSpan.FromSeconds(10)));
        for (var i = 0; i < 9; i++) await logger.SendAsync(BadCrc(Upload(mn, $"2026110303{i:D7}", 3)));
        Assert.False(await logger.ClosedByServerAsync(TimeSpan.FromMilliseconds(500)));
        // 10th reject in a row → stored, then closed; the 11th to 15th (same write) are dropped.
        await logger.SendAsync(Enumerable.Range(9, 6).SelectMany(i => BadCrc(Upload(mn, $"2026110303{i:D7}", 3))).ToArray());
        Assert.True(await logger.ClosedByServerAsync(TimeSpan.FromSeconds(10)));

        var rows = await RowsAsync(store, peer);
        Assert.Equal(9 + 1 + 10, rows.Count);
        Assert.Equal(19, rows.Count(r => r.QuarantineReason == QuarantineReason.CrcMismatch));
        Assert.Contains("QN=20261103030000009;", rows[^1].Text); // a CRC fault leaves the QN unparsed: found in the text
    }

    [Fact]
    public async Task Garbage_without_headers_closes_the_connection_after_64_KiB()
    {
        var (store, gw) = await StartAsync(new GatewayOptions());
        await using var running = gw;
        await using var logger = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var peer = logger.LocalEndPoint;
        // 1 MB of "x" and, on a second connection, of spaces (skipped silently, but counted as bytes).
        _ = await StreamAsync(logger, [], (byte)'x', 1024 * 1024);
        Assert.True(await logger.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        var rows = await RowsAsync(store, peer);
        Assert.InRange(rows.Count, 1, 10);
        Assert.All(rows, r => Assert.True(r.Text.Length <= 2048, $"kept {r.Text.Length} chars"));
        Assert.All(rows, r => Assert.Equal(QuarantineReason.Malformed, r.QuarantineReason));

        await using var blank = await FakeLogger.ConnectAsync(gw.Hj212Port);
        var blankPeer = blank.LocalEndPoint;
        _ = await StreamAsync(blank, [], (byte)' ', 1024 * 1024);
        Assert.True(await blank.ClosedByServerAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(await RowsAsync(store, blankPeer));
    }
}

public sealed class SqliteGatewayLimitTests(SqliteTestDatabase db) : GatewayLimitTests<SqliteTestDatabase>(db);

public sealed class PostgresGatewayLimitTests(PostgresTestDatabase db) : GatewayLimitTests<PostgresTestDatabase>(db);
