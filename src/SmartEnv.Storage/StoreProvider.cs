namespace SmartEnv.Storage;

/// <summary>The database engine behind the store.</summary>
public enum StoreProvider
{
    /// <summary>Embedded SQLite file (default: <c>./data/smartenv.db</c>).</summary>
    Sqlite,
    /// <summary>PostgreSQL server (connection string with <c>Host=</c>).</summary>
    Postgres,
}
