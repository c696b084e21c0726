namespace SmartEnv.Storage.Maintenance;

/// <summary>
/// The lock a running <c>smartenv serve</c> holds on its SQLite store: the file <c>NAME.serve.lock</c> beside the store,
/// opened with <see cref="FileShare.None"/> (on Unix an advisory <c>flock</c>, released by the kernel when the process
/// ends, also on kill -9). <c>smartenv store restore</c> refuses while it is held, because replacing the file under a
/// running server loses what the server writes and forks the audit chain (found by a new operator's trial). SmartEnv
/// rule. PostgreSQL stores have no such file (their restore is done with pg_restore). Static; thread-safe.
/// </summary>
public static class ServeLock
{
    /// <summary>Suffix of the lock file beside the SQLite store.</summary>
    public const string Suffix = ".serve.lock";

    /// <summary>Takes the lock for the lifetime of the returned handle, or returns null for a PostgreSQL store.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The open lock file (dispose to release), or null when the store is not a SQLite file.</returns>
    /// <exception cref="IOException">Another process holds it (a running serve), or the folder is not writable.</exception>
    public static FileStream? Take(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Provider != StoreProvider.Sqlite) return null;
        var path = StoreHealthProbe.SqlitePath(store) + Suffix;
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }
}
