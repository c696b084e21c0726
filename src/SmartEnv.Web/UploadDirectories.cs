namespace SmartEnv.Web;

/// <summary>
/// The temporary directories of uploaded import files (<c>TEMP/smartenv-upload-GUID/</c>, one file each; created by
/// <c>POST /api/import</c> and the 数据 page) and their clean-up after a crash (issue 14 item 7). While an import of an upload
/// runs, <see cref="OperationRegistry.StartImport"/> holds <see cref="LockFileName"/> in its directory open with
/// <see cref="FileShare.None"/> (on Unix an advisory <c>flock</c>, released by the kernel when the process dies). At start,
/// <c>smartenv serve</c> calls <see cref="RemoveOrphans"/>: a directory whose lock file can be taken belongs to no live process
/// and is deleted; one without a lock file (an upload still being copied, or left by an earlier release) only when it is older
/// than <see cref="Grace"/>, so a server starting beside another never deletes that one's upload in progress. SmartEnv rule;
/// no standard covers it. Static; thread-safe.
/// </summary>
public static class UploadDirectories
{
    /// <summary>Name prefix of an upload directory in the temporary folder.</summary>
    public const string Prefix = "smartenv-upload-";

    /// <summary>Lock file held while the upload's import runs.</summary>
    public const string LockFileName = ".import.lock";

    /// <summary>Age after which an upload directory without a lock file counts as orphaned: 1 hour (longer than copying the
    /// largest accepted upload takes on a slow link).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromHours(1);

    /// <summary>Takes the lock of an upload directory for the lifetime of the returned handle (dispose it before deleting
    /// the directory).</summary>
    /// <param name="directory">The upload directory.</param>
    /// <returns>The open lock file.</returns>
    /// <exception cref="IOException">Another process holds it, or the directory is gone.</exception>
    public static FileStream Lock(string directory) =>
        new(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

    /// <summary>Deletes the orphaned upload directories under <paramref name="root"/> (see the class remarks).</summary>
    /// <param name="root">Folder holding them; <see cref="Path.GetTempPath"/> when null.</param>
    /// <param name="now">Now (UTC); the system clock when null.</param>
    /// <returns>The directories deleted.</returns>
    public static IReadOnlyList<string> RemoveOrphans(string? root = null, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var removed = new List<string>();
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories(root ?? Path.GetTempPath(), Prefix + "*").ToList(); }
        catch (IOException) { return removed; }
        catch (UnauthorizedAccessException) { return removed; }
        foreach (var dir in dirs)
        {
            try
            {
                var lockPath = Path.Combine(dir, LockFileName);
                if (File.Exists(lockPath))
                {
                    using (Lock(dir)) { } // taken: no live import holds it
                }
                else if (at - new DateTimeOffset(Directory.GetLastWriteTimeUtc(dir), TimeSpan.Zero) < Grace) continue;
                Directory.Delete(dir, true);
                removed.Add(dir);
            }
            catch (IOException) { } // held by a live import (or vanished meanwhile)
            catch (UnauthorizedAccessException) { } // another user's
        }
        return removed;
    }
}
