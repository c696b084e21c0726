using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SmartEnv.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteSmartEnvDbContext --output-dir Migrations/Sqlite</c>
/// build the SQLite model without a running app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSmartEnvDbContext>
{
    /// <inheritdoc />
    public SqliteSmartEnvDbContext CreateDbContext(string[] args) =>
        (SqliteSmartEnvDbContext)SmartEnvStore.CreateContext(new StoreOptions(StoreProvider.Sqlite, "Data Source=design.db"));
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresSmartEnvDbContext --output-dir Migrations/Postgres</c>
/// build the PostgreSQL model without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSmartEnvDbContext>
{
    /// <inheritdoc />
    public PostgresSmartEnvDbContext CreateDbContext(string[] args) =>
        (PostgresSmartEnvDbContext)SmartEnvStore.CreateContext(new StoreOptions(StoreProvider.Postgres, "Host=127.0.0.1;Database=smartenv_design"));
}
