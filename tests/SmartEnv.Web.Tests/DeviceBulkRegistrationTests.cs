using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Gateway;
using SmartEnv.Hj212;
using SmartEnv.Host;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 15: registering 10,000 loggers one <c>PUT /api/devices/{mn}</c> each cost one PBKDF2 run per device (≈ 23 min),
/// and the gateway ran PBKDF2 again on each logger's first packet. <c>PUT /api/devices</c> registers a list in one
/// transaction, hashing each distinct PW once; a repeat changes nothing; a bad item refuses the whole request, named by
/// position; and the gateway of the same process accepts the registered loggers' first packets without a PBKDF2 run.
/// Expected counts are worked out by hand from the request (three loggers, two PWs).
/// </summary>
public abstract class DeviceBulkRegistrationTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static byte[] Upload(string mn, string pw) => Hj212Serializer.ToBytes(new Hj212Packet
    {
        Qn = "20261204080000001", St = "22", Cn = "2061", Pw = pw, Mn = mn, Flag = 5,
        Cp =
        [
            new Hj212CpEntry("DataTime", Hj212Time.Format(new DateTimeOffset(2026, 11, 2, 0, 0, 0, BeijingTime.Offset), BeijingTime.Offset)),
            new Hj212CpEntry("a34004-Avg", "35"), new Hj212CpEntry("a34004-Flag", "N"),
        ],
    });

    private static async Task<JsonElement> PutAsync(HttpClient http, object body, HttpStatusCode expected)
    {
        var r = await http.PutAsJsonAsync("/api/devices", body);
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(expected == r.StatusCode, $"{(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_list_is_registered_in_one_request_each_PW_hashed_once_all_or_nothing_and_the_gateway_needs_no_PBKDF2()
    {
        var (store, _) = await db.MigratedAsync();
        var dataDir = Path.Combine(Path.GetTempPath(), "smartenv-bulkdev-" + Guid.NewGuid().ToString("N")[..12]);
        var readiness = new Readiness("http");
        await using var platform = SmartEnvPlatform.Create(new PlatformOptions
        {
            Store = store, RunEvaluationQueue = false,
            Gateway = new GatewayOptions { Port = 0, BindAddress = IPAddress.Loopback },
            Web = new SmartEnvWebOptions { Store = store, AdminToken = AdminToken.LoadOrCreate(dataDir), Readiness = readiness, HttpPort = 0, BindAddress = IPAddress.Loopback },
        });
        await platform.StartAsync();
        readiness.MarkReady("http");
        try
        {
            var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
            var site = "BULK-" + tag;
            await using (var ctx = store.CreateContext())
            {
                ctx.Sites.Add(new Site { Code = site, NameZh = "批量登记" + tag, Kind = SiteKind.Air, IsPublic = false });
                await ctx.SaveChangesAsync();
            }
            using var http = new HttpClient { BaseAddress = platform.HttpAddress };
            string[] mns = [$"BK{tag}A", $"BK{tag}B", $"BK{tag}C"];
            object[] list =
            [
                new { mn = mns[0], password = "123456", site_code = site },
                new { mn = mns[1], password = "123456", site_code = site },
                new { mn = mns[2], password = "654321", site_code = site, enabled = false },
            ];
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PutAsJsonAsync("/api/devices", list)).StatusCode);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken.LoadOrCreate(dataDir).Value);
            long Audits() { using var c = store.CreateContext(); return c.AuditEntries.LongCount(e => e.TargetType == "device" && e.TargetId!.StartsWith("BK" + tag)); }

            var first = await PutAsync(http, list, HttpStatusCode.OK);
            Assert.Equal((3, 3, 0, 0, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("created").GetInt32(),
                first.GetProperty("updated").GetInt32(), first.GetProperty("unchanged").GetInt32(), first.GetProperty("password_hashes").GetInt32()));
            Assert.Equal(3, Audits());
            await using (var ctx = store.CreateContext())
            {
                var d = await ctx.Devices.AsNoTracking().Where(x => mns.Contains(x.Mn)).OrderBy(x => x.Mn).ToListAsync();
                Assert.Equal(mns, d.Select(x => x.Mn));
                Assert.Equal(d[0].PasswordHash, d[1].PasswordHash); // one hash per distinct PW in the request
                Assert.NotEqual(d[0].PasswordHash, d[2].PasswordHash);
                Assert.True(DevicePasswords.Verify(d[0].PasswordHash, "123456"));
                Assert.True(DevicePasswords.Verify(d[2].PasswordHash, "654321"));
                Assert.Equal([true, true, false], d.Select(x => x.Enabled));
            }

            // The same request again: nothing changes, nothing is hashed or audited.
            var again = await PutAsync(http, list, HttpStatusCode.OK);
            Assert.Equal((0, 0, 3, 0), (again.GetProperty("created").GetInt32(), again.GetProperty("updated").GetInt32(),
                again.GetProperty("unchanged").GetInt32(), again.GetProperty("password_hashes").GetInt32()));
            Assert.Equal(3, Audits());

            // A bad item refuses the whole request, named by position; nothing is stored.
            var bad = await PutAsync(http, new object[]
            {
                new { mn = mns[0], password = "999999", site_code = site },
                new { mn = $"BK{tag}D", password = "123456", site_code = "NO-SUCH-" + tag },
                new { mn = mns[0], password = "123456", site_code = site },
            }, HttpStatusCode.BadRequest);
            Assert.True(bad.GetProperty("errors").TryGetProperty("[2].mn", out _), bad.ToString());
            bad = await PutAsync(http, new object[]
            {
                new { mn = mns[0], password = "999999", site_code = site },
                new { mn = $"BK{tag}D", password = "123456", site_code = "NO-SUCH-" + tag },
            }, HttpStatusCode.BadRequest);
            Assert.True(bad.GetProperty("errors").TryGetProperty("[1].site_code", out _), bad.ToString());
            await using (var ctx = store.CreateContext())
            {
                Assert.False(await ctx.Devices.AnyAsync(x => x.Mn == $"BK{tag}D"));
                Assert.True(DevicePasswords.Verify((await ctx.Devices.SingleAsync(x => x.Mn == mns[0])).PasswordHash, "123456"));
            }
            Assert.Equal(3, Audits());
            var tooMany = Enumerable.Range(0, SmartEnv.Web.Apis.SitesApi.MaxBulkDevices + 1).Select(i => new { mn = $"X{i}", password = "1", site_code = site }).ToArray();
            await PutAsync(http, tooMany, HttpStatusCode.BadRequest);

            // The gateway of this process accepts the first packets of the registered loggers without a PBKDF2 run.
            var runs = platform.Intake.Devices.PasswordHashRuns;
            foreach (var mn in mns[..2])
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, platform.Hj212Port);
                var stream = client.GetStream();
                await stream.WriteAsync(Upload(mn, "123456"));
                var buf = new byte[1024];
                var answer = new StringBuilder();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                while (!answer.ToString().Contains("CN=9014", StringComparison.Ordinal))
                {
                    var n = await stream.ReadAsync(buf, cts.Token);
                    Assert.True(n > 0, "the gateway closed the connection");
                    answer.Append(Encoding.ASCII.GetString(buf, 0, n));
                }
            }
            Assert.Equal(runs, platform.Intake.Devices.PasswordHashRuns);

            // A changed PW: one hash, one audited update; the old PW no longer verifies.
            var changed = await PutAsync(http, new object[] { new { mn = mns[1], password = "777777", site_code = site } }, HttpStatusCode.OK);
            Assert.Equal((1, 1), (changed.GetProperty("updated").GetInt32(), changed.GetProperty("password_hashes").GetInt32()));
            Assert.Equal(4, Audits());
            await using (var ctx = store.CreateContext())
                Assert.False(DevicePasswords.Verify((await ctx.Devices.SingleAsync(x => x.Mn == mns[1])).PasswordHash, "123456"));
        }
        finally
        {
            if (Directory.Exists(dataDir)) Directory.Delete(dataDir, true);
        }
    }
}

public sealed class SqliteDeviceBulkRegistrationTests(SqliteTestDatabase db) : DeviceBulkRegistrationTests<SqliteTestDatabase>(db);

public sealed class PostgresDeviceBulkRegistrationTests(PostgresTestDatabase db) : DeviceBulkRegistrationTests<PostgresTestDatabase>(db);
