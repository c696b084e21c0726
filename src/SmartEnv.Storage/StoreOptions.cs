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
    /// <param name="dataDirectory">Data directory for the default SQLite file (created owner-only if missing,
    /// <see cref="StoreFiles"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="dataDirectory"/> is empty.</exception>
    public static StoreOptions Parse(string? db, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (string.IsNullOrWhiteSpace(db))
        {
            StoreFiles.CreateDirectoryOwnerOnly(dataDirectory); // 0700 on Unix when created (docs/security.md)
            return Sqlite(Path.Combine(dataDirectory, DefaultSqliteFileName));
        }
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase)) return new StoreOptions(StoreProvider.Postgres, db);
        if (db.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase)) return new StoreOptions(StoreProvider.Sqlite, db);
        return Sqlite(db);
    }

    /// <summary>SQLite options for a file path (directory created owner-only if missing, <see cref="StoreFiles"/>). Pooling is off so the file is
    /// released when the last context is disposed.</summary>
    /// <param name="path">Database file path.</param>
    public static StoreOptions Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) StoreFiles.CreateDirectoryOwnerOnly(dir);
        return new StoreOptions(StoreProvider.Sqlite, $"Data Source={full};Pooling=False");
    }

    /// <summary>
    /// Most connections the store opens to a PostgreSQL server at once (Npgsql <c>Maximum Pool Size</c>, whose own
    /// default is 100), unless the connection string sets its own. Requests beyond it wait for a free connection (up to
    /// the connection string's <c>Timeout</c>, 15 s by default). Without a cap, a burst — e.g. every logger
    /// reconnecting to the gateway after a restart, each looking its MN up — opened one server connection per request
    /// and could take all of a default server's <c>max_connections</c> (100 on Debian), starving the web UI, other
    /// processes and, on a loaded machine, timing out in connection set-up.
    /// </summary>
    public const int DefaultPostgresMaxPoolSize = 10;

    /// <summary>
    /// How long the PostgreSQL server lets one of the store's sessions sit idle inside an open transaction before it ends
    /// the session and rolls the transaction back (server setting <c>idle_in_transaction_session_timeout</c>, sent at
    /// connection start-up), unless the connection string's <c>Options</c> set it. Why: an instance that hangs or is frozen
    /// (a stopped process, a paused VM) mid-transaction keeps its row locks — e.g. on the <c>evaluation_days</c> row of the
    /// day it was evaluating — and every other instance's gateway writer, which marks the same day pending in its commit,
    /// would wait on that lock for as long as the hang lasts: one frozen instance stopped all storing (issue 16 CI, the
    /// scale-out test). 30 s is far above any pause the platform makes between two statements of one transaction (a day's
    /// evaluation computes in milliseconds to a second between its statements) and bounds the stall for the others
    /// (SmartEnv rule; PostgreSQL's default is 0 = never).
    /// </summary>
    public static readonly TimeSpan PostgresIdleInTransactionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The connection string handed to the provider: for PostgreSQL, <see cref="ConnectionString"/> with
    /// <c>Maximum Pool Size</c> = <see cref="DefaultPostgresMaxPoolSize"/> when it sets none, and
    /// <c>idle_in_transaction_session_timeout</c> = <see cref="PostgresIdleInTransactionTimeout"/> added to its start-up
    /// <c>Options</c> when they do not set it; for SQLite, unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">A PostgreSQL connection string Npgsql cannot read.</exception>
    public string ProviderConnectionString => Provider == StoreProvider.Postgres
        ? WithPostgresDefaults(ConnectionString)
        : ConnectionString;

    private static string WithPostgresDefaults(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // The builder reports the default (100) when unset; only a key present in the text is the user's choice.
        var set = System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(?i)(^|;)\s*max(imum)?\s*pool\s*size\s*=");
        if (!set) b.MaxPoolSize = DefaultPostgresMaxPoolSize;
        if (b.Options is not { } options || !options.Contains("idle_in_transaction_session_timeout", StringComparison.OrdinalIgnoreCase))
            b.Options = ((b.Options ?? "") + $" -c idle_in_transaction_session_timeout={(int)PostgresIdleInTransactionTimeout.TotalMilliseconds}").Trim();
        return b.ConnectionString;
    }

    /// <summary>The connection string with any password replaced by <c>***</c>, for logs and messages.</summary>
    public string Redacted => System.Text.RegularExpressions.Regex.Replace(ConnectionString, @"(?i)(password|pwd)=[^;]*", "$1=***");
}
