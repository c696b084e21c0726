using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 14 item 4 (device PW guessing) and item 13 (NUL in an MN) over loopback, on both engines. The attacker speaks
/// from 127.0.0.2 (Linux routes all of 127/8 to loopback), the device's own logger from 127.0.0.1. Bounded: at most
/// 38 short connections of 10 frames each; every wait is for an answer or for the server's close, with a deadline.
/// </summary>
public abstract class DevicePasswordTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string SecretPw = "382917";

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
        public void Dispose() { }
    }

    private async Task<(SmartEnvStore Store, SmartEnvPlatform Platform, Capture Log)> StartAsync()
    {
        var (store, _) = await db.MigratedAsync();
        var log = new Capture();
        var loggers = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        var platform = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, Logging = loggers,
            Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
        });
        await platform.StartAsync();
        return (store, platform, log);
    }

    private static async Task<string> RegisterAsync(SmartEnvStore store, string pw)
    {
        var mn = "PW" + Guid.NewGuid().ToString("N")[..22].ToUpperInvariant();
        await using var ctx = store.CreateContext();
        ctx.Devices.Add(new Device { Mn = mn, Password = pw, Site = new Site { Code = mn, NameZh = "口令测试" + mn[^4..], Kind = SiteKind.Air } });
        await ctx.SaveChangesAsync();
        return mn;
    }

    private static byte[] Upload(string mn, string pw, int n) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = "20261204080000" + n.ToString("000", System.Globalization.CultureInfo.InvariantCulture), St = "22", Cn = "2061", Pw = pw, Mn = mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(new DateTimeOffset(2026, 11, 2, 0, 0, 0, BeijingTime.Offset).AddHours(n % 24), BeijingTime.Offset)),
            new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34004-Flag", "N"),
        ],
    });

    /// <summary>A TCP client bound to a chosen loopback address.</summary>
    private sealed class Peer : IAsyncDisposable
    {
        private readonly Socket _s = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        public string Local => _s.LocalEndPoint!.ToString()!;

        public static async Task<Peer> ConnectAsync(string from, int port)
        {
            var p = new Peer();
            p._s.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
            await p._s.ConnectAsync(IPAddress.Loopback, port);
            return p;
        }

        public async Task SendAsync(byte[] bytes) => await _s.SendAsync(bytes);

        /// <summary>Reads until a line arrives (true), the server closes (false) or the deadline passes (null).</summary>
        public async Task<bool?> AnswerOrCloseAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            var buf = new byte[512];
            try
            {
                var n = await _s.ReceiveAsync(buf, SocketFlags.None, cts.Token);
                return n > 0;
            }
            catch (OperationCanceledException) { return null; }
            catch (SocketException) { return false; }
        }

        public ValueTask DisposeAsync() { _s.Dispose(); return ValueTask.CompletedTask; }
    }

    private static async Task<List<RawPacket>> RowsAsync(SmartEnvStore store, string mn)
    {
        await using var ctx = store.CreateContext();
        return await ctx.RawPackets.AsNoTracking().Where(r => r.Mn == mn).OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task Guessing_a_6_digit_PW_is_locked_after_5_wrong_PWs_alerted_and_logged_while_the_device_is_still_answered()
    {
        var (store, platform, log) = await StartAsync();
        await using var running = platform;
        var mn = await RegisterAsync(store, SecretPw);

        // The device reports from its own address first: answered.
        await using (var device = await Peer.ConnectAsync("127.0.0.1", platform.Hj212Port))
        {
            await device.SendAsync(Upload(mn, SecretPw, 0));
            Assert.True(await device.AnswerOrCloseAsync(TimeSpan.FromSeconds(20)));
        }

        // The tester's attack: 380 guesses 000000…000379, then the right PW, 10 frames per connection (the gateway closes a
        // connection after 10 refused frames in a row, so each close also tells that its 10 frames were decided).
        var guesses = Enumerable.Range(0, 380).Select(i => i.ToString("000000", System.Globalization.CultureInfo.InvariantCulture)).Append(SecretPw).ToList();
        var answered = 0;
        for (var at = 0; at < guesses.Count; at += 10)
        {
            await using var attacker = await Peer.ConnectAsync("127.0.0.2", platform.Hj212Port);
            var chunk = guesses.Skip(at).Take(10).ToList();
            await attacker.SendAsync(chunk.SelectMany((g, k) => Upload(mn, g, at + k)).ToArray());
            // 10 refused frames → closed; the last chunk (1 frame) gets no answer either: wait out a bounded silence.
            var r = await attacker.AnswerOrCloseAsync(chunk.Count == 10 ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3));
            if (r == true) answered++;
            if (chunk.Count == 10) Assert.False(r is null, $"connection {at / 10} neither answered nor closed");
        }
        Assert.Equal(0, answered);

        // Rows: the first 5 guesses were checked and wrong, everything after (the right PW included) was refused unchecked.
        // (Tolerates a quarantine quota that keeps only some rows of a flood: the first rows are kept either way.)
        var rows = (await RowsAsync(store, mn)).Where(r => r.Peer!.StartsWith("127.0.0.2:", StringComparison.Ordinal)).ToList();
        Assert.InRange(rows.Count, 6, 381);
        Assert.All(rows.Take(5), r => Assert.Equal(QuarantineReason.WrongPassword, r.QuarantineReason));
        Assert.All(rows.Skip(5), r => Assert.Equal(QuarantineReason.PasswordLocked, r.QuarantineReason));
        Assert.Contains($"MN {mn} is locked", rows[5].QuarantineDetail);
        if (rows.Count == 381) Assert.Contains("PW=" + SecretPw + ";", rows[^1].Text); // the right PW, sent while locked: not even checked

        // The device at its known-good address is still answered while the guesser is locked out.
        await using (var device = await Peer.ConnectAsync("127.0.0.1", platform.Hj212Port))
        {
            await device.SendAsync(Upload(mn, SecretPw, 1));
            Assert.True(await device.AnswerOrCloseAsync(TimeSpan.FromSeconds(20)));
        }

        // One PBKDF2 run for the right PW (then its remembered digest), one per distinct wrong PW checked: 1 + 5.
        Assert.Equal(6, platform.Intake.Devices.PasswordHashRuns);

        // A log line naming the MN, and an alert (告警) naming it.
        Assert.Contains(log.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains(mn, StringComparison.Ordinal) && l.Text.Contains("locked", StringComparison.Ordinal));
        await platform.Alerts.ScanAsync();
        await using var ctx = store.CreateContext();
        var alert = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.DevicePasswordFailures && a.Detail == mn);
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Null(alert.ConditionClearedAt); // the device authenticated at its exempt address: its lock still runs for others
        Assert.Contains(mn, alert.MessageZh, StringComparison.Ordinal);
        Assert.Contains("设备口令错误", alert.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PW_is_verified_once_per_process_not_once_per_packet()
    {
        var (store, platform, _) = await StartAsync();
        await using var running = platform;
        var mn = await RegisterAsync(store, SecretPw);
        await using var device = await Peer.ConnectAsync("127.0.0.1", platform.Hj212Port);
        for (var i = 0; i < 20; i++)
        {
            await device.SendAsync(Upload(mn, SecretPw, i));
            Assert.True(await device.AnswerOrCloseAsync(TimeSpan.FromSeconds(20)));
        }
        Assert.Equal(1, platform.Intake.Devices.PasswordHashRuns);
    }

    [Fact]
    public async Task A_PW_set_by_staff_takes_effect_within_the_cache_time_and_lifts_the_lock_of_the_old_one()
    {
        var (store, _) = await db.MigratedAsync();
        var mn = await RegisterAsync(store, SecretPw);
        var time = new ManualClock(new DateTimeOffset(2026, 12, 6, 8, 0, 0, TimeSpan.Zero));
        var registry = new DeviceRegistry(store, TimeSpan.FromSeconds(30), time, new PasswordGuard());
        async Task<PasswordVerdict> CheckAsync(string pw, string peer) =>
            registry.CheckPassword((await registry.FindAsync(mn, default))!, pw, peer, time.GetUtcNow(), out _);

        Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(SecretPw, "10.0.0.1:5000"));
        for (var i = 0; i < 5; i++) Assert.Equal(PasswordVerdict.Wrong, await CheckAsync("00000" + i, "10.0.0.2:5000"));
        Assert.Equal(PasswordVerdict.Locked, await CheckAsync(SecretPw, "10.0.0.2:5000")); // the guessing address (the MN lock holds for the addresses that sent it a wrong PW)

        // Staff set a new PW (PUT /api/devices/{mn} does this); within the 30 s cache the old hash still rules.
        await using (var ctx = store.CreateContext())
        {
            var d = await ctx.Devices.SingleAsync(x => x.Mn == mn);
            d.Password = "550011";
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(PasswordVerdict.Locked, await CheckAsync("550011", "10.0.0.2:5000"));
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(PasswordVerdict.Accepted, await CheckAsync("550011", "10.0.0.2:5000")); // lock of the old PW lifted
        Assert.Equal(PasswordVerdict.Wrong, await CheckAsync(SecretPw, "10.0.0.1:5000"));    // the old PW no longer works
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public async Task A_packet_whose_MN_holds_NUL_is_quarantined_and_the_connection_goes_on()
    {
        var (store, platform, _) = await StartAsync();
        await using var running = platform;
        var mn = await RegisterAsync(store, SecretPw);
        var nulMn = mn[..10] + "\0" + mn[11..];
        await using var logger = await Peer.ConnectAsync("127.0.0.1", platform.Hj212Port);
        await logger.SendAsync(Upload(nulMn, SecretPw, 2));
        await logger.SendAsync(Upload(mn, SecretPw, 3)); // same connection: answered, so the NUL frame was decided first
        Assert.True(await logger.AnswerOrCloseAsync(TimeSpan.FromSeconds(20)));

        await using var ctx = store.CreateContext();
        var stored = await ctx.RawPackets.AsNoTracking().Where(r => r.Peer == logger.Local).OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.Equal(PacketStatus.Quarantined, stored[0].Status);
        Assert.Equal(QuarantineReason.Malformed, stored[0].QuarantineReason);
        Assert.Equal(mn[..10] + "\uFFFD" + mn[11..], stored[0].Mn);
        Assert.Contains("NUL", stored[0].QuarantineDetail);
        Assert.Equal(PacketStatus.Accepted, stored[1].Status);
    }
}

public sealed class SqliteDevicePasswordTests(SqliteTestDatabase db) : DevicePasswordTests<SqliteTestDatabase>(db);

public sealed class PostgresDevicePasswordTests(PostgresTestDatabase db) : DevicePasswordTests<PostgresTestDatabase>(db);
