namespace SmartEnv.Storage;

/// <summary>
/// Which database the store uses. Immutable; thread-safe.
/// </summary>
/// <param name="Provider">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">ADO.NET connection string for that provider.</param>
public sealed record StoreOptions(StoreProvider Provider, string ConnectionString)
{
    /// <summary>Default SQLite file name inside the data directory.</summary>
    public const string DefaultSqliteFileName = "smartenv.db";

    /// <summary>
    /// Reads a <c>--db</c> value: a string containing <c>Host=</c> is a PostgreSQL connection string; one starting
    /// with <c>Data Source=</c> is a SQLite connection string; anything else is a SQLite file path. Null or empty means
    /// <c>DATA_DIR/smartenv.db</c>.
    /// </summary>
    /// <param name="db">The <c>--db</c> value, or null.</param>
    /// <param name="dataDirectory">Data directory for the default SQLite file (created if missing).</param>
    /// <exception cref="ArgumentException"><paramref name="dataDirectory"/> is empty.</exception>
    public static StoreOptions Parse(string? db, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (string.IsNullOrWhiteSpace(db))
        {
            Directory.CreateDirectory(dataDirectory);
            return Sqlite(Path.Combine(dataDirectory, DefaultSqliteFileName));
        }
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return new StoreOptions(StoreProvider.Postgres, db);
        if (db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)) return new StoreOptions(StoreProvider.Sqlite, db);
        return Sqlite(db);
    }

    /// <summary>SQLite options for a file path (directory created if missing). Pooling is off so the file is
    /// released when the last context is disposed.</summary>
    /// <param name="path">Database file path.</param>
    public static StoreOptions Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        return new StoreOptions(StoreProvider.Sqlite, $"Data Source={full};Pooling=False");
    }

    /// <summary>The connection string with any password replaced by <c>***</c>, for logs and messages.</summary>
    public string Redacted => System.Text.RegularExpressions.Regex.Replace(ConnectionString, @"(?i)(password|pwd)=[^;]*", "$1=***");
}
