namespace SmartEnv.Web.Tests;

/// <summary>Issue 14 item 7: a server start removes the uploads a crashed import left in the temporary folder, and only those
/// (<see cref="UploadDirectories.RemoveOrphans"/>), in a private root so that no real upload is touched.</summary>
public sealed class UploadDirectoriesTests
{
    [Fact]
    public void Orphaned_uploads_are_removed_and_live_or_fresh_ones_kept()
    {
        var root = Path.Combine(Path.GetTempPath(), "smartenv-uploadtest-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        try
        {
            string Upload(string name)
            {
                var d = Path.Combine(root, UploadDirectories.Prefix + name);
                Directory.CreateDirectory(d);
                File.WriteAllText(Path.Combine(d, "china_sites.csv"), "date,hour,type,1420A\n");
                return d;
            }
            var crashed = Upload("crashed"); // its import's process died: the lock file is there, nobody holds it
            File.WriteAllText(Path.Combine(crashed, UploadDirectories.LockFileName), "");
            var live = Upload("live"); // an import of this (or another) process is running on it
            using var held = UploadDirectories.Lock(live);
            var copying = Upload("copying"); // still being uploaded: no lock yet, fresh
            var old = Upload("old"); // no lock, left for longer than the grace period (an earlier release's crash)
            var now = DateTimeOffset.UtcNow;
            Directory.SetLastWriteTimeUtc(old, now.UtcDateTime - UploadDirectories.Grace - TimeSpan.FromMinutes(1));
            var other = Path.Combine(root, "not-an-upload");
            Directory.CreateDirectory(other);
            Directory.SetLastWriteTimeUtc(other, now.UtcDateTime.AddDays(-2));

            var removed = UploadDirectories.RemoveOrphans(root, now);

            Assert.Equal(new[] { crashed, old }.Order(StringComparer.Ordinal), removed.Order(StringComparer.Ordinal));
            Assert.False(Directory.Exists(crashed));
            Assert.False(Directory.Exists(old));
            Assert.True(File.Exists(Path.Combine(live, "china_sites.csv")));
            Assert.True(File.Exists(Path.Combine(copying, "china_sites.csv")));
            Assert.True(Directory.Exists(other));
        }
        finally { Directory.Delete(root, true); }
    }
}
