using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage;

/// <summary>
/// Opens the monitoring store: creates contexts for the configured provider, applies that provider's migrations and
/// seeds the Jiangbei registry on first run. Thread-safe (holds only immutable options).
/// </summary>
public sealed class SmartEnvStore
{
    /// <summary>Creates a store handle.</summary>
    /// <param name="options">Provider and connection.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public SmartEnvStore(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>Provider and connection string.</summary>
    public StoreOptions Options { get; }

    /// <summary>A new context (caller disposes it).</summary>
    public SmartEnvDbContext CreateContext() => CreateContext(Options);

    /// <summary>A new context for the given options (caller disposes it).</summary>
    /// <param name="options">Provider and connection.</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown provider.</exception>
    public static SmartEnvDbContext CreateContext(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case StoreProvider.Sqlite:
                var so = new DbContextOptionsBuilder<SqliteSmartEnvDbContext>()
                    .UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                    .Options;
                return new SqliteSmartEnvDbContext(so);
            case StoreProvider.Postgres:
                var po = new DbContextOptionsBuilder<PostgresSmartEnvDbContext>()
                    .UseNpgsql(options.ProviderConnectionString, o => o.MigrationsHistoryTable("__ef_migrations_history"))
                    .Options;
                return new PostgresSmartEnvDbContext(po);
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "unknown store provider");
        }
    }

    /// <summary>
    /// Creates the database if needed, applies pending migrations of this provider, turns on SQLite WAL mode, and
    /// seeds the registry from <c>Seed/jiangbei-sites.json</c> when the sites table is empty.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Number of sites seeded (0 when the registry already had sites).</returns>
    /// <exception cref="StoreUnavailableException">The database cannot be reached or migrated; the message says how to fix it.</exception>
    public async Task<int> MigrateAndSeedAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = CreateContext();
            await db.Database.MigrateAsync(ct);
            if (Options.Provider == StoreProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            if (await db.Sites.AnyAsync(ct)) return 0;
            var seed = LoadSeed();
            db.Sites.AddRange(seed);
            await db.SaveChangesAsync(ct);
            return seed.Count;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException
                                   || (ex is InvalidOperationException && ex.InnerException is Npgsql.NpgsqlException))
        {
            throw new StoreUnavailableException(Options, ex);
        }
    }

    /// <summary>The checked-in Jiangbei registry (embedded <c>Seed/jiangbei-sites.json</c>) as new, unsaved sites.</summary>
    public static List<Site> LoadSeed()
    {
        using var s = OpenSeed();
        var file = JsonSerializer.Deserialize<SeedFile>(s, SeedJson) ?? throw new InvalidOperationException("empty seed file");
        return file.Sites.Select(x => new Site
        {
            Code = x.Code,
            NameZh = x.NameZh,
            NameEn = x.NameEn,
            Kind = Enum.Parse<SiteKind>(x.Kind, true),
            Longitude = x.Lon,
            Latitude = x.Lat,
            CoordinatesApproximate = x.Approximate,
            CoordinateSource = x.CoordinateSource,
            ControlLevel = x.ControlLevel is null ? null : Enum.Parse<ControlLevel>(x.ControlLevel, true),
            WaterTargetClass = x.WaterTargetClass,
            WaterBody = x.WaterBody,
            Note = x.Note,
        }).ToList();
    }

    /// <summary>The embedded seed file (caller disposes it).</summary>
    internal static Stream OpenSeed() =>
        typeof(SmartEnvStore).Assembly.GetManifestResourceStream("SmartEnv.Storage.Seed.jiangbei-sites.json")
            ?? throw new InvalidOperationException("embedded seed SmartEnv.Storage.Seed.jiangbei-sites.json missing from the build");

    private static readonly JsonSerializerOptions SeedJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record SeedFile(List<SeedSite> Sites);

    private sealed record SeedSite(
        string Code, string NameZh, string? NameEn, string Kind, decimal? Lon, decimal? Lat, bool Approximate,
        string? CoordinateSource, string? ControlLevel, string? WaterTargetClass, string? WaterBody, string? Note);
}
