using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>Issue 14 item 4: device PWs stored as salted hashes, and the upgrade of a store that kept them in plaintext
/// (migration <c>DevicePasswords</c> + <see cref="DevicePasswords.HashPlaintextAsync"/>), on both engines.</summary>
public abstract class DevicePasswordStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    /// <summary>The migration before DevicePasswords (the previous release's schema: plaintext <c>devices.password</c>).</summary>
    private const string PreviousMigration = "DataReview";

    [Fact]
    public async Task A_store_with_plaintext_device_PWs_upgrades_to_salted_hashes_that_verify()
    {
        var store = new SmartEnvStore(db.Options);
        await using (var ctx = store.CreateContext())
        {
            await ctx.GetService<IMigrator>().MigrateAsync(PreviousMigration);
            var site = new Site { Code = "PWUPG", NameZh = "口令升级", Kind = SiteKind.Air };
            ctx.Sites.Add(site);
            await ctx.SaveChangesAsync();
            await ctx.Database.ExecuteSqlRawAsync("INSERT INTO devices (mn, password, site_id, enabled) VALUES ({0}, {1}, {2}, {3})", "UPG-MN-1", "382917", site.Id, true);
            await ctx.Database.ExecuteSqlRawAsync("INSERT INTO devices (mn, password, site_id, enabled) VALUES ({0}, {1}, {2}, {3})", "UPG-MN-2", "382917", site.Id, true);
        }

        await store.MigrateAndSeedAsync();

        Dictionary<string, string> hashes;
        await using (var ctx = store.CreateContext())
            hashes = await ctx.Devices.AsNoTracking().Where(d => d.Mn.StartsWith("UPG-MN-")).ToDictionaryAsync(d => d.Mn, d => d.PasswordHash);
        Assert.Equal(2, hashes.Count);
        foreach (var h in hashes.Values)
        {
            Assert.DoesNotContain("382917", h);
            Assert.Equal(DevicePasswords.HashLength, h.Length);
            Assert.True(DevicePasswords.Verify(h, "382917"));
            Assert.False(DevicePasswords.Verify(h, "382918"));
            Assert.False(DevicePasswords.Verify(h, "382917 "));
        }
        Assert.NotEqual(hashes["UPG-MN-1"], hashes["UPG-MN-2"]); // salted: one PW, two hashes

        // A second start changes nothing.
        await store.MigrateAndSeedAsync();
        await using (var ctx = store.CreateContext())
            Assert.Equal(hashes["UPG-MN-1"], (await ctx.Devices.AsNoTracking().SingleAsync(d => d.Mn == "UPG-MN-1")).PasswordHash);
    }

    [Fact]
    public void Setting_a_PW_stores_only_a_salted_hash()
    {
        var d = new Device { Mn = "X", Password = "123456" };
        Assert.Equal(DevicePasswords.HashLength, d.PasswordHash.Length);
        Assert.True(DevicePasswords.IsHash(d.PasswordHash));
        Assert.False(DevicePasswords.IsHash("123456"));
        Assert.True(DevicePasswords.Verify(d.PasswordHash, "123456"));
        Assert.False(DevicePasswords.Verify(d.PasswordHash, "123457"));
        Assert.False(DevicePasswords.Verify(d.PasswordHash, null));
        Assert.False(DevicePasswords.Verify("123456", "123456")); // a plaintext left in the column never matches
        // Identity's V3 format: marker 0x01, PRF HMAC-SHA512 (2), 100,000 iterations, 16-byte salt (big-endian fields).
        var bytes = Convert.FromBase64String(d.PasswordHash);
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, (uint)(bytes[1] << 24 | bytes[2] << 16 | bytes[3] << 8 | bytes[4]));
        Assert.Equal(100_000u, (uint)(bytes[5] << 24 | bytes[6] << 16 | bytes[7] << 8 | bytes[8]));
        Assert.Equal(16u, (uint)(bytes[9] << 24 | bytes[10] << 16 | bytes[11] << 8 | bytes[12]));
    }
}

public sealed class SqliteDevicePasswordStoreTests(SqliteTestDatabase db) : DevicePasswordStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresDevicePasswordStoreTests(PostgresTestDatabase db) : DevicePasswordStoreTests<PostgresTestDatabase>(db);

/// <summary>Issue 14 item 4: the data folder and the SQLite store are created owner-only (Unix 0700 / 0600).</summary>
public sealed class StoreFilesTests
{
    [Fact]
    public async Task The_data_directory_and_the_SQLite_files_are_created_owner_only()
    {
        if (OperatingSystem.IsWindows()) return; // ACLs, not modes
        var root = Path.Combine(Path.GetTempPath(), "smartenv-perm-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var dataDir = Path.Combine(root, "data");
            var options = StoreOptions.Parse(null, dataDir);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
            await new SmartEnvStore(options).MigrateAndSeedAsync();
            var file = Path.Combine(dataDir, StoreOptions.DefaultSqliteFileName);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            // WAL mode: while a connection is open SQLite keeps -wal and -shm beside the file, with the file's mode.
            await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection(options.ConnectionString))
            {
                await conn.OpenAsync();
                await using var cmd = conn.CreateCommand();
                cmd.CommandText = "SELECT count(*) FROM sites";
                Assert.True(Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0);
                foreach (var side in new[] { file + "-wal", file + "-shm" })
                {
                    Assert.True(File.Exists(side), side);
                    Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(side));
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(root)) Directory.Delete(root, true);
        }
    }
}
