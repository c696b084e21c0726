using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmartEnv.Storage;

/// <summary>
/// SQLite flavour of the store. SQLite has no decimal or instant type, so two conventions apply:
/// <c>decimal</c> is stored as its invariant text (scale kept: <c>1.230</c> stays <c>1.230</c>), and
/// <c>DateTimeOffset</c> as UTC milliseconds since the Unix epoch (INTEGER), so range queries compare numbers.
/// Migrations: <c>Migrations/Sqlite</c>.
/// </summary>
public sealed class SqliteSmartEnvDbContext : SmartEnvDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">SQLite options.</param>
    public SqliteSmartEnvDbContext(DbContextOptions<SqliteSmartEnvDbContext> options) : base(options) { }

    /// <inheritdoc />
    public override StoreProvider Provider => StoreProvider.Sqlite;

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder c)
    {
        c.Properties<decimal>().HaveConversion<DecimalTextConverter>();
        c.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    /// <summary>decimal ↔ invariant text, scale preserved.</summary>
    public sealed class DecimalTextConverter : ValueConverter<decimal, string>
    {
        /// <summary>Creates the converter.</summary>
        public DecimalTextConverter() : base(v => v.ToString(CultureInfo.InvariantCulture), s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)) { }
    }

    /// <summary>DateTimeOffset ↔ UTC Unix milliseconds (sub-millisecond parts are dropped).</summary>
    public sealed class UnixMillisecondsConverter : ValueConverter<DateTimeOffset, long>
    {
        /// <summary>Creates the converter.</summary>
        public UnixMillisecondsConverter() : base(v => v.ToUnixTimeMilliseconds(), ms => DateTimeOffset.FromUnixTimeMilliseconds(ms)) { }
    }
}
