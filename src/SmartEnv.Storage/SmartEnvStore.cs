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
        _open = options;
    }

    /// <summary>Provider and connection string.</summary>
    public StoreOptions Options { get; }

    // What contexts open: Options until MigrateAndSeedAsync has created and migrated a SQLite file, then the same file
    // without create (Mode=ReadWrite), so a store file removed under a running server is reported unreachable
    // (SQLITE_CANTOPEN → 503, readiness "unreachable") instead of silently re-created empty.
    private volatile StoreOptions _open;

    /// <summary>A new unrestricted context (<see cref="DataScope.All"/>; caller disposes it): for background jobs (intake,
    /// evaluation, imports, alerts) and the CLI.</summary>
    public SmartEnvDbContext CreateContext() => CreateContext(_open);

    /// <summary>A new context that reads only what <paramref name="scope"/> lets through (caller disposes it): the web's
    /// per-request context, built from the signed-in principal.</summary>
    /// <param name="scope">All, public or the caller's enterprises.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> is null.</exception>
    public SmartEnvDbContext CreateContext(DataScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return CreateContext(() => scope);
    }

    /// <summary>A new context whose scope is asked of <paramref name="scope"/> at each query (caller disposes it): the web's
    /// per-request context, whose principal is known only after authentication has run.</summary>
    /// <param name="scope">Returns all, public or the caller's enterprises; called once per query; must not return null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="scope"/> is null.</exception>
    public SmartEnvDbContext CreateContext(Func<DataScope> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var db = CreateContext(_open);
        db.UseScope(scope);
        return db;
    }

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
    /// Creates the database if needed (a SQLite file owner-only, <see cref="StoreFiles"/>), applies pending migrations of
    /// this provider, turns on SQLite WAL mode, hashes device PWs a store older than migration <c>DevicePasswords</c> kept
    /// in plaintext (<see cref="DevicePasswords.HashPlaintextAsync"/>), creates the PostgreSQL month partitions around
    /// now (<see cref="Maintenance.PostgresPartitions.EnsureMonthsAsync"/>), and seeds the registry from <c>Seed/jiangbei-sites.json</c> when the sites table is empty.
    /// </summary>
    /// <param name="ct">Cancellation.</param>
    /// <returns>Number of sites seeded (0 when the registry already had sites).</returns>
    /// <exception cref="StoreUnavailableException">The database cannot be reached or migrated; the message says how to fix it.</exception>
    public async Task<int> MigrateAndSeedAsync(CancellationToken ct = default)
    {
        try
        {
            if (Options.Provider == StoreProvider.Sqlite) StoreFiles.CreateSqliteFileOwnerOnly(Options.ConnectionString);
            await using var db = CreateContext();
            await db.Database.MigrateAsync(ct);
            // PostgreSQL: month partitions of observations / raw_packets from last month to MonthsAhead ahead (issue 15).
            await Maintenance.PostgresPartitions.EnsureMonthsAsync(this, DateTimeOffset.UtcNow, ct);
            if (Options.Provider == StoreProvider.Sqlite)
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await DevicePasswords.HashPlaintextAsync(db, ct); // stores before migration DevicePasswords held plaintext PWs
            int seeded;
            if (await db.Sites.AnyAsync(ct))
            {
                await QueueDistrictBackfillAsync(db, ct);
                seeded = 0;
            }
            else
            {
                var seed = LoadSeed();
                db.Sites.AddRange(seed);
                await db.SaveChangesAsync(ct);
                seeded = seed.Count;
            }
            _open = WithoutCreate(Options);
            return seeded;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException
                                   || (ex is InvalidOperationException && ex.InnerException is Npgsql.NpgsqlException))
        {
            throw new StoreUnavailableException(Options, ex);
        }
    }

    /// <summary>A SQLite file store opened read-write without create (<c>Mode=ReadWrite</c>) unless its connection string
    /// names a mode itself (e.g. <c>Mode=Memory</c>); other stores unchanged.</summary>
    private static StoreOptions WithoutCreate(StoreOptions options)
    {
        if (options.Provider != StoreProvider.Sqlite) return options;
        var b = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString);
        if (b.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.ReadWriteCreate || b.DataSource is "" or ":memory:") return options;
        b.Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite;
        return options with { ConnectionString = b.ToString() };
    }

    /// <summary>Codes of the district's air stations whose HJ 663-2013 city mean is the district's series: the codes of the
    /// checked-in Jiangbei registry (the seed; the rule the 空气 / 总览 district figures used before they were stored).
    /// <see cref="Site.InDistrict"/> is not used: it also covers stations a national import matched by area and sites
    /// the bureau registers, so it would change the district figures.</summary>
    public static IReadOnlySet<string> DistrictStationCodes => DistrictCodes.Value;

    private static readonly Lazy<IReadOnlySet<string>> DistrictCodes = new(() => LoadSeed().Select(s => s.Code).ToHashSet(StringComparer.Ordinal));

    /// <summary>Ids of the district's air stations (<see cref="DistrictStationCodes"/>, kind air) in this store.</summary>
    /// <param name="db">Context.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<List<long>> DistrictStationIdsAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var codes = DistrictStationCodes.ToList();
        return await db.Sites.AsNoTracking().Where(s => s.Kind == SiteKind.Air && codes.Contains(s.Code)).OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
    }

    /// <summary>Id of the district aggregate pseudo-site (<see cref="Site.DistrictAggregateCode"/>), or null when the store
    /// has none yet.</summary>
    /// <param name="db">Context.</param>
    /// <param name="ct">Cancellation.</param>
    public static Task<long?> DistrictSiteIdAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Sites.AsNoTracking().Where(s => s.Code == Site.DistrictAggregateCode).Select(s => (long?)s.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Id of the district aggregate pseudo-site, created when missing (kind air, not public, not in the district's
    /// station set, named after the seeded district, <see cref="DistrictScope.Seeded"/>).</summary>
    /// <param name="db">Context (its pending changes are saved).</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<long> EnsureDistrictSiteAsync(SmartEnvDbContext db, CancellationToken ct = default)
    {
        if (await DistrictSiteIdAsync(db, ct) is { } id) return id;
        var scope = DistrictScope.Seeded;
        var site = new Site
        {
            Code = Site.DistrictAggregateCode, NameZh = scope.NameZh, NameEn = scope.NameEn, Kind = SiteKind.Air,
            IsPublic = false, InDistrict = false,
            Note = "district aggregate: HJ 663-2013 city mean of the district's air stations (stored series, not a station)",
            CoordinateSource = "none: an aggregate of the district's stations has no position of its own",
        };
        db.Sites.Add(site);
        await db.SaveChangesAsync(ct);
        return site.Id;
    }

    /// <summary>
    /// Upgrade step of a store that has station figures but no district series (stores from before the district was
    /// stored): creates the district pseudo-site and marks pending in <c>evaluation_days</c> every natural day on which a
    /// district station has a stored daily row and the district has none, so the next evaluation run
    /// (<c>EvaluationQueue</c>) computes them. Cheap when nothing is missing (two queries).
    /// </summary>
    private static async Task QueueDistrictBackfillAsync(SmartEnvDbContext db, CancellationToken ct)
    {
        var stations = await DistrictStationIdsAsync(db, ct);
        if (stations.Count == 0) return;
        var stationDays = await db.DailyAqi.AsNoTracking().Where(d => stations.Contains(d.SiteId)).Select(d => d.Date).Distinct().ToListAsync(ct);
        if (stationDays.Count == 0) return;
        var district = await EnsureDistrictSiteAsync(db, ct);
        var have = (await db.DailyAqi.AsNoTracking().Where(d => d.SiteId == district).Select(d => d.Date).ToListAsync(ct))
            .Concat(await db.EvaluationDays.AsNoTracking().Where(e => e.SiteId == district).Select(e => e.Day).ToListAsync(ct))
            .ToHashSet();
        var now = DateTimeOffset.UtcNow;
        foreach (var day in stationDays.Where(d => !have.Contains(d)).Distinct())
            db.EvaluationDays.Add(new EvaluationDay { SiteId = district, Day = day, State = EvaluationState.Pending, UpdatedAt = now });
        await db.SaveChangesAsync(ct);
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
