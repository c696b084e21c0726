using Microsoft.EntityFrameworkCore;

namespace SmartEnv.Storage;

/// <summary>
/// PostgreSQL flavour of the store: <c>decimal</c> → unconstrained <c>numeric</c> (exact, scale kept),
/// <c>DateTimeOffset</c> → <c>timestamptz</c> (values must have offset 0; the store always writes UTC).
/// Migrations: <c>Migrations/Postgres</c>.
/// </summary>
public sealed class PostgresSmartEnvDbContext : SmartEnvDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Npgsql options.</param>
    public PostgresSmartEnvDbContext(DbContextOptions<PostgresSmartEnvDbContext> options) : base(options) { }

    /// <inheritdoc />
    public override StoreProvider Provider => StoreProvider.Postgres;

    /// <inheritdoc />
    protected override bool TimePartitioned => true;

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder c) =>
        c.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();

    /// <summary>Normalises every written or compared instant to offset 0 (Npgsql refuses other offsets for
    /// <c>timestamptz</c>), so callers may pass Beijing-time values.</summary>
    public sealed class UtcConverter : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>
    {
        /// <summary>Creates the converter.</summary>
        public UtcConverter() : base(v => v.ToUniversalTime(), v => v) { }
    }
}
