using System.Diagnostics;
using SmartEnv.Intake;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Gateway.Tests;

/// <summary>
/// Issue 15: the PBKDF2 cost after a restart. A PW verified by one run of the server is kept as a keyed digest in the
/// data folder (<see cref="PasswordDigestFile"/>), so the next run accepts it without PBKDF2; a PW changed by staff, a
/// wrong PW or a tampered digest is never accepted from the file; the secret and the digests are owner-only.
/// </summary>
public abstract class PasswordDigestFileTests<TDb>(TDb db, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static async Task<string> RegisterAsync(SmartEnvStore store, string pw)
    {
        var mn = "PD" + Guid.NewGuid().ToString("N")[..22].ToUpperInvariant();
        await using var ctx = store.CreateContext();
        ctx.Devices.Add(new Device { Mn = mn, Password = pw, Site = new Site { Code = mn, NameZh = mn, Kind = SiteKind.Air } });
        await ctx.SaveChangesAsync();
        return mn;
    }

    private static async Task<PasswordVerdict> CheckAsync(DeviceRegistry registry, string mn, string pw) =>
        registry.CheckPassword((await registry.FindAsync(mn, default))!, pw, "10.0.0.1:5000", DateTimeOffset.UtcNow, out _);

    [Fact]
    public async Task A_PW_verified_before_a_restart_costs_no_PBKDF2_run_after_it_and_a_changed_PW_is_not_taken_from_the_file()
    {
        var (store, _) = await db.MigratedAsync();
        var mn = await RegisterAsync(store, "382917");
        var other = await RegisterAsync(store, "111111");
        var dir = Directory.CreateTempSubdirectory("smartenv-pwdigest-").FullName;
        try
        {
            // First run: one PBKDF2 run per device, then saved.
            var first = new DeviceRegistry(store, TimeSpan.FromSeconds(30), digests: new PasswordDigestFile(dir));
            var sw = Stopwatch.StartNew();
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(first, mn, "382917"));
            output.WriteLine($"first check with PBKDF2: {sw.Elapsed.TotalMilliseconds:F0} ms (load {File.ReadAllText("/proc/loadavg").Trim()})");
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(first, other, "111111"));
            Assert.Equal(2, first.PasswordHashRuns);
            var file = new PasswordDigestFile(dir);
            Assert.Equal(0, file.Count);
            // The registry's file object is what the intake saves; a fresh registry over a fresh object reads the saved one.
            var saved = new PasswordDigestFile(dir);
            var second = new DeviceRegistry(store, TimeSpan.FromSeconds(30), digests: saved);
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(second, mn, "382917")); // not saved yet: PBKDF2 again
            Assert.Equal(1, second.PasswordHashRuns);
            Assert.True(saved.Save());
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, PasswordDigestFile.KeyFileName)));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, PasswordDigestFile.DigestFileName)));
            }

            // "Restart": a new registry and a new file object over the same folder.
            var restarted = new DeviceRegistry(store, TimeSpan.FromSeconds(30), digests: new PasswordDigestFile(dir));
            sw.Restart();
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(restarted, mn, "382917"));
            output.WriteLine($"first check after the restart: {sw.Elapsed.TotalMilliseconds:F1} ms");
            Assert.Equal(0, restarted.PasswordHashRuns);
            Assert.Equal(PasswordVerdict.Wrong, await CheckAsync(restarted, mn, "382918"));
            Assert.Equal(1, restarted.PasswordHashRuns); // a wrong PW is checked by PBKDF2 (not in the file)
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(restarted, other, "111111"));
            Assert.Equal(2, restarted.PasswordHashRuns); // the other device's digest was not saved: verified again

            // Staff set a new PW: the old PW's digest covers the old hash and no longer matches.
            await using (var ctx = store.CreateContext())
            {
                var d = ctx.Devices.Single(x => x.Mn == mn);
                d.Password = "550011";
                await ctx.SaveChangesAsync();
            }
            var afterChange = new DeviceRegistry(store, TimeSpan.FromSeconds(30), digests: new PasswordDigestFile(dir));
            Assert.Equal(PasswordVerdict.Wrong, await CheckAsync(afterChange, mn, "382917"));
            Assert.Equal(PasswordVerdict.Accepted, await CheckAsync(afterChange, mn, "550011"));

            // A tampered digest file is not a key to the gateway.
            var digestPath = Path.Combine(dir, PasswordDigestFile.DigestFileName);
            File.WriteAllText(digestPath, $"{other}\t{Convert.ToBase64String(new byte[32])}\n");
            var tampered = new DeviceRegistry(store, TimeSpan.FromSeconds(30), digests: new PasswordDigestFile(dir));
            Assert.Equal(PasswordVerdict.Wrong, await CheckAsync(tampered, other, "222222"));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}

public sealed class SqlitePasswordDigestFileTests(SqliteTestDatabase db, Xunit.Abstractions.ITestOutputHelper output) : PasswordDigestFileTests<SqliteTestDatabase>(db, output);

public sealed class PostgresPasswordDigestFileTests(PostgresTestDatabase db, Xunit.Abstractions.ITestOutputHelper output) : PasswordDigestFileTests<PostgresTestDatabase>(db, output);
