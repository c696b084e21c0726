using Microsoft.Data.Sqlite;

namespace SmartEnv.Storage;

/// <summary>
/// Creates the store's files owner-only on Unix: the data directory <c>0700</c> (rwx------) and the SQLite file
/// <c>0600</c> (rw-------); SQLite gives its <c>-wal</c>, <c>-shm</c> and journal files the permissions of the database
/// file. The store holds device PW hashes, account password hashes, tokens' hashes and the raw packets, so no other
/// local user needs to read it. SmartEnv rule (issue 14 item 4); no standard names file modes. Only what this class
/// creates is changed: an existing directory or file keeps the mode its owner gave it. On Windows (ACLs) it creates
/// without a mode. Thread-safe (stateless).
/// </summary>
public static class StoreFiles
{
    /// <summary>Mode of a data directory the platform creates: <c>0700</c>.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Mode of a SQLite store file the platform creates: <c>0600</c>.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and missing parents (each created one <see cref="DirectoryMode"/> on
    /// Unix). An existing directory is left as it is.</summary>
    /// <param name="path">Directory path.</param>
    public static void CreateDirectoryOwnerOnly(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates the (empty) database file of a SQLite connection string with <see cref="FileMode"/> before SQLite
    /// opens it, when it does not exist yet; SQLite treats an empty file as an empty database. In-memory and
    /// <c>Mode=Memory</c> databases are left alone.</summary>
    /// <param name="connectionString">A SQLite connection string (<c>Data Source=…</c>).</param>
    public static void CreateSqliteFileOwnerOnly(string connectionString)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        var path = b.DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || b.Mode == SqliteOpenMode.Memory || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return;
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) CreateDirectoryOwnerOnly(dir);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(full, options);
        }
        catch (IOException) when (File.Exists(full))
        {
            // created by another process in between: theirs stands
        }
    }
}
