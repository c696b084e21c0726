using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Storage behaviour that must hold on every provider. Each subclass runs these bodies against a real engine
/// (a SQLite file; a PostgreSQL database created for the class). Tests in one class share the database, so each
/// uses its own MNs.
/// </summary>
public abstract class StoreContractTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly TimeSpan Beijing = BeijingTime.Offset;

    private Task<(SmartEnvStore Store, int SeededOnFirstRun)> StoreAsync() => db.MigratedAsync();

    private static async Task<long> SiteIdAsync(SmartEnvStore store, string code)
    {
        await using var ctx = store.CreateContext();
        return await ctx.Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();
    }

    private static RawPacket Raw(string mn, string qn, DateTimeOffset at) => new()
    {
        Text = $"##0000QN={qn};ST=22;CN=2061;PW=123456;MN={mn};Flag=5;CP=&&DataTime=20190101000000&&0000",
        ReceivedAt = at, Peer = "127.0.0.1:50000", Mn = mn, Qn = qn,
        CrcValid = true, Status = PacketStatus.Accepted, FramingDiagnostics = "length=bytes;crc=ok;tail=crlf",
    };

    /// <summary>The engine's migrations and model snapshot describe the model exactly: a snapshot merged by hand from two
    /// branches, or an entity change without its migration, fails here (EF Core's own check).</summary>
    [Fact]
    public async Task Migrations_and_snapshot_match_the_model()
    {
        var (store, _) = await StoreAsync();
        await using var ctx = store.CreateContext();
        Assert.False(ctx.Database.HasPendingModelChanges(), "the model has changes that no migration of this engine holds");
        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task First_run_seeds_the_Jiangbei_registry_and_a_second_run_seeds_nothing()
    {
        var (store, seeded) = await StoreAsync();
        Assert.Equal(9, seeded); // 3 air + 長江寸滩 + 跃进桥 + 4 secondary-river automatic stations in Seed/jiangbei-sites.json
        Assert.Equal(0, await store.MigrateAndSeedAsync());

        await using var ctx = store.CreateContext();
        var sites = await ctx.Sites.AsNoTracking().ToListAsync();
        Assert.Equal(["港城", "观音桥", "唐家沱"], sites.Where(s => s.Kind == SiteKind.Air && s.Code != Site.DistrictAggregateCode).Select(s => s.NameZh).OrderBy(n => n == "唐家沱" ? 2 : n == "观音桥" ? 1 : 0));

        // 1420A against the CNEMC station list (an independent file): code,name,city,lon,lat.
        var listed = File.ReadLines(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/StationList-2020.01.01.csv"))
            .Select(l => l.Split(',')).Single(f => f[0] == "1420A");
        var tjt = sites.Single(s => s.Code == "1420A");
        Assert.Equal(listed[1], tjt.NameZh);
        Assert.Equal(decimal.Parse(listed[3], CultureInfo.InvariantCulture), tjt.Longitude);
        Assert.Equal(decimal.Parse(listed[4], CultureInfo.InvariantCulture), tjt.Latitude);
        Assert.False(tjt.CoordinatesApproximate);
        Assert.Equal(ControlLevel.National, tjt.ControlLevel);

        var cuntan = sites.Single(s => s.NameZh == "长江寸滩");
        Assert.Equal((SiteKind.Water, ControlLevel.National, "III", true), (cuntan.Kind, cuntan.ControlLevel, cuntan.WaterTargetClass, cuntan.CoordinatesApproximate));
        var yjq = sites.Single(s => s.NameZh == "栋梁河跃进桥");
        Assert.Equal((SiteKind.Water, ControlLevel.Municipal, "III"), (yjq.Kind, yjq.ControlLevel, yjq.WaterTargetClass));
        // Every other site either has no position (null) or an estimate flagged approximate, and says where it comes from.
        Assert.All(sites.Where(s => s.Code != "1420A"), s => Assert.True(s.Longitude is null ? s.Latitude is null : s.CoordinatesApproximate, s.NameZh));
        // No placeholder spot: no two sites share a position (the old seed put six sites on the 江北区 centroid 106.707045,
        // 29.613285, where the map drew them under each other). 港城 and 栋梁河跃进桥 have no published position.
        var placed = sites.Where(s => s.Longitude is not null).Select(s => (s.Longitude, s.Latitude)).ToList();
        Assert.Equal(placed.Count, placed.Distinct().Count());
        Assert.Null(sites.Single(s => s.NameZh == "港城").Longitude);
        Assert.Null(sites.Single(s => s.NameZh == "栋梁河跃进桥").Latitude);
        Assert.All(sites, s => Assert.False(string.IsNullOrWhiteSpace(s.CoordinateSource)));
    }

    [Fact]
    public async Task A_store_seeded_with_the_old_placeholder_position_loses_it_on_migration()
    {
        var (store, _) = await StoreAsync();
        await using (var ctx = store.CreateContext())
        {
            // What the seed of 2026-11-29 stored for 港城 (DataV centroid of 江北区 as a placeholder).
            var gc = await ctx.Sites.SingleAsync(s => s.Code == "JB-A-GC");
            (gc.Longitude, gc.Latitude, gc.CoordinatesApproximate) = (106.707045m, 29.613285m, true);
            gc.CoordinateSource = "approximate placeholder: DataV centroid of 江北区 (GCJ-02); station coordinates not found (shared/data/geo/SOURCES.md 'Not found')";
            await ctx.SaveChangesAsync();
            // Back to the migration before the fix (its Down changes nothing), then forward again as an upgrade would.
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(ctx);
            await migrator.MigrateAsync("DeviceLastDataReceived");
            await migrator.MigrateAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var gc = await ctx.Sites.AsNoTracking().SingleAsync(s => s.Code == "JB-A-GC");
            Assert.Equal((null, null, false, "no position: station coordinates not found (shared/data/geo/SOURCES.md 'Not found')"),
                (gc.Longitude, gc.Latitude, gc.CoordinatesApproximate, gc.CoordinateSource));
            // An estimate that is not the placeholder is kept (观音桥, EANET site).
            var gyq = await ctx.Sites.AsNoTracking().SingleAsync(s => s.Code == "JB-A-GYQ");
            Assert.Equal((106.5333m, 29.5833m, true), (gyq.Longitude, gyq.Latitude, gyq.CoordinatesApproximate));
        }
    }

    /// <summary>Migration <c>StoredAqiProvenance</c> upgrades stored AQI rows in place: the <c>;</c>-joined primary
    /// pollutants of the previous release become JSON arrays read as lists (<c>pm25_24h;o3_8h</c> → two keys, empty and
    /// NULL → none), and every stored day is queued for recomputation (pending) so it gains the provenance columns.</summary>
    [Fact]
    public async Task Stored_AQI_rows_of_the_previous_release_upgrade_in_place()
    {
        var (store, _) = await StoreAsync();
        var site = await SiteIdAsync(store, "JB-A-GYQ");
        await using (var ctx = store.CreateContext())
        {
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(ctx);
            await migrator.MigrateAsync("SeedPositionsNotPlaceholders"); // the schema of the previous release
            var at = new DateTimeOffset(2001, 1, 2, 0, 0, 0, TimeSpan.Zero);
            object When(DateTimeOffset t) => ctx.Provider == StoreProvider.Sqlite ? t.ToUnixTimeMilliseconds() : t;
            // NULL (a day without AQI) on PostgreSQL; SQLite's Down cannot make the column nullable again (no table rebuild
            // without the previous migration's model), so there the day without AQI holds "" as the previous release wrote
            // for AQI ≤ 50.
            string? none = ctx.Provider == StoreProvider.Sqlite ? "" : null;
            foreach (var (date, aqi, primary) in new (DateOnly, int?, string?)[] { (new(2001, 1, 1), 120, "pm25_24h;o3_8h"), (new(2001, 1, 2), 40, ""), (new(2001, 1, 3), null, none) })
            {
                // Literal NULLs: a null parameter has no type the providers can map.
                var sql = "INSERT INTO daily_aqi (site_id, date, aqi, primary_pollutants, valid, regime_id, calculated_at) VALUES ({0}, {1}, "
                    + (aqi is null ? "NULL" : aqi.Value.ToString(CultureInfo.InvariantCulture)) + ", " + (primary is null ? "NULL" : "'" + primary + "'") + ", {2}, {3}, {4})";
                await ctx.Database.ExecuteSqlRawAsync(sql, site, date, aqi is not null, "HJ633-2012", When(at));
            }
            await ctx.Database.ExecuteSqlRawAsync(
                "INSERT INTO hourly_aqi (site_id, hour_start, aqi, primary_pollutants, complete, regime_id, calculated_at) VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6})",
                site, When(at), 160, "pm25_1h", true, "HJ633-2012", When(at));
            await migrator.MigrateAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            var days = await ctx.DailyAqi.AsNoTracking().Where(d => d.SiteId == site && d.Date.Year == 2001).OrderBy(d => d.Date).ToListAsync();
            Assert.Equal(3, days.Count);
            Assert.Equal(["pm25_24h", "o3_8h"], days[0].PrimaryPollutants);
            Assert.Empty(days[1].PrimaryPollutants);
            Assert.Empty(days[2].PrimaryPollutants);
            Assert.Equal((120, 0, (int?)null), (days[0].Aqi, days[0].RuleVersion, days[0].ValidHours));
            var hour = await ctx.HourlyAqi.AsNoTracking().SingleAsync(h => h.SiteId == site && h.Aqi == 160);
            Assert.Equal(["pm25_1h"], hour.PrimaryPollutants);
            var states = await ctx.EvaluationDays.AsNoTracking().Where(e => e.SiteId == site && e.Day.Year == 2001).OrderBy(e => e.Day).ToListAsync();
            Assert.Equal([new DateOnly(2001, 1, 1), new(2001, 1, 2), new(2001, 1, 3)], states.Select(e => e.Day));
            Assert.All(states, e => Assert.Equal((EvaluationState.Pending, 0), (e.State, e.Attempts)));
            // Written back as a JSON array.
            var raw = await ctx.Database.SqlQuery<string>($"SELECT primary_pollutants AS \"Value\" FROM daily_aqi WHERE site_id = {site} AND aqi = 120").SingleAsync();
            Assert.Equal("[\"pm25_24h\",\"o3_8h\"]", raw);
            await ctx.EvaluationDays.Where(e => e.SiteId == site && e.Day.Year == 2001).ExecuteDeleteAsync();
            await ctx.DailyAqi.Where(d => d.SiteId == site && d.Date.Year == 2001).ExecuteDeleteAsync();
            await ctx.HourlyAqi.Where(h => h.SiteId == site && h.Aqi == 160).ExecuteDeleteAsync();
        }
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("-54.660")]
    [InlineData("1.230")]
    [InlineData("79228162514264.337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("123456789012.123456789")]
    public async Task Decimals_round_trip_exactly_with_their_scale(string text)
    {
        var (store, _) = await StoreAsync();
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var mn = "DEC" + Guid.NewGuid().ToString("N")[..12];
        var site = await SiteIdAsync(store, "1420A");
        var at = new DateTimeOffset(2019, 1, 1, 8, 0, 0, Beijing);
        await new ObservationWriter(store).UpsertAsync([new ObservationInput(site, mn, "a34004", PeriodType.Hour, at, value, text, value, value)]);

        await using var ctx = store.CreateContext();
        var o = await ctx.Observations.AsNoTracking().SingleAsync(x => x.Mn == mn);
        Assert.Equal(value, o.Value);
        Assert.Equal(text, o.Value!.Value.ToString(CultureInfo.InvariantCulture)); // scale kept: 1.230 is not 1.23
        Assert.Equal(text, o.Min!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(text, o.ValueText);
    }

    [Fact]
    public async Task A_retransmission_is_one_observation_and_a_corrected_resend_updates_it()
    {
        var (store, _) = await StoreAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "RT" + Guid.NewGuid().ToString("N")[..12];
        var at = new DateTimeOffset(2019, 3, 1, 10, 0, 0, Beijing);
        ObservationInput Obs(string code, string v, string flag = "N") =>
            new(site, mn, code, PeriodType.Hour, at, decimal.Parse(v, CultureInfo.InvariantCulture), v, Flag: flag);
        var writer = new ObservationWriter(store);

        var first = await writer.WriteAsync([new PacketWrite(Raw(mn, "20190301100000001", DateTimeOffset.UtcNow), [Obs("a34004", "35"), Obs("a34002", "60")])]);
        Assert.Equal(new WriteResult(1, 2, 0, 0), first);
        // Issue 15: a resend of the same (MN, QN) is not stored again (packet_keys); the same values under a new QN write nothing.
        var again = await writer.WriteAsync([new PacketWrite(Raw(mn, "20190301100000001", DateTimeOffset.UtcNow), [Obs("a34004", "35"), Obs("a34002", "60")])]);
        Assert.Equal(new WriteResult(0, 0, 0, 0) { Duplicates = 1 }, again);
        var sameValues = await writer.WriteAsync([new PacketWrite(Raw(mn, "20190301100000003", at.AddSeconds(15)), [Obs("a34004", "35"), Obs("a34002", "60")])]);
        Assert.Equal(new WriteResult(1, 0, 0, 2), sameValues);
        var corrected = await writer.WriteAsync([new PacketWrite(Raw(mn, "20190301100000002", at.AddSeconds(20)), [Obs("a34004", "36", "D"), Obs("a34002", "60")])]);
        Assert.Equal(new WriteResult(1, 0, 1, 1), corrected);

        await using var ctx = store.CreateContext();
        var rows = await ctx.Observations.AsNoTracking().Where(x => x.Mn == mn).OrderBy(x => x.ParameterCode).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal((36m, "D"), (rows.Single(r => r.ParameterCode == "a34004").Value!.Value, rows.Single(r => r.ParameterCode == "a34004").Flag));
        Assert.Equal(3, await ctx.RawPackets.CountAsync(r => r.Mn == mn)); // every packet but the resend of a stored (MN, QN) is kept raw
        var pm10 = rows.Single(r => r.ParameterCode == "a34002");
        var firstRawId = await ctx.RawPackets.Where(r => r.Mn == mn).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        Assert.Equal(firstRawId, pm10.RawPacketId); // unchanged value keeps pointing at the packet that first carried it
    }

    [Fact]
    public async Task DataTime_is_stored_as_an_instant_and_range_queries_cross_the_Beijing_day_boundary()
    {
        var (store, _) = await StoreAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "TZ" + Guid.NewGuid().ToString("N")[..12];
        // 2019-01-02 00:00 and 07:00 Beijing are 2019-01-01 16:00 and 23:00 UTC: the UTC date differs from the local one.
        var hours = Enumerable.Range(0, 10).Select(h => new DateTimeOffset(2019, 1, 1, 22, 0, 0, Beijing).AddHours(h)).ToList();
        await new ObservationWriter(store).UpsertAsync(hours.Select((t, i) => new ObservationInput(site, mn, "a21026", PeriodType.Hour, t, i, i.ToString(CultureInfo.InvariantCulture))));

        var from = new DateTimeOffset(2019, 1, 2, 0, 0, 0, Beijing);
        var to = from.AddDays(1);
        await using var ctx = store.CreateContext();
        var day = await ctx.Observations.AsNoTracking()
            .Where(o => o.Mn == mn && o.DataTime >= from && o.DataTime < to).OrderBy(o => o.DataTime).ToListAsync();
        Assert.Equal(8, day.Count); // 00:00 … 07:00 Beijing on 2 January
        Assert.Equal(new DateTimeOffset(2019, 1, 1, 16, 0, 0, TimeSpan.Zero), day[0].DataTime);
        Assert.Equal(TimeSpan.Zero, day[0].DataTime.Offset);
        Assert.Equal(2m, day[0].Value);
    }

    [Fact]
    public async Task A_quarantined_packet_is_kept_with_its_reason_and_yields_no_observation()
    {
        var (store, _) = await StoreAsync();
        var mn = "QU" + Guid.NewGuid().ToString("N")[..12];
        var raw = Raw(mn, "20190301100000009", DateTimeOffset.UtcNow);
        raw.Status = PacketStatus.Quarantined;
        raw.QuarantineReason = QuarantineReason.UnknownMn;
        raw.QuarantineDetail = $"MN {mn} is not registered";
        var r = await new ObservationWriter(store).WriteAsync([new PacketWrite(raw, [])]);
        Assert.Equal(new WriteResult(1, 0, 0, 0), r);

        await using var ctx = store.CreateContext();
        var q = await ctx.RawPackets.AsNoTracking().SingleAsync(p => p.Mn == mn);
        Assert.Equal((PacketStatus.Quarantined, QuarantineReason.UnknownMn), (q.Status, q.QuarantineReason));
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Mn == mn));
        // Enums are stored as readable text, not numbers.
        var conn = ctx.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT status || '/' || quarantine_reason FROM raw_packets WHERE id = {q.Id}";
        Assert.Equal("quarantined/unknown_mn", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_failing_batch_stores_nothing()
    {
        var (store, _) = await StoreAsync();
        var mn = "TX" + Guid.NewGuid().ToString("N")[..12];
        var at = new DateTimeOffset(2019, 3, 1, 10, 0, 0, Beijing);
        var good = new ObservationInput(await SiteIdAsync(store, "1420A"), mn, "a34004", PeriodType.Hour, at, 1m, "1");
        var badSite = good with { ParameterCode = "a34002", SiteId = 987654321 }; // no such site: foreign key violation
        await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            new ObservationWriter(store).WriteAsync([new PacketWrite(Raw(mn, "1", at), [good, badSite])]));

        await using var ctx = store.CreateContext();
        Assert.Equal(0, await ctx.RawPackets.CountAsync(p => p.Mn == mn));
        Assert.Equal(0, await ctx.Observations.CountAsync(o => o.Mn == mn));
    }

    [Fact]
    public async Task The_database_itself_rejects_a_duplicate_observation_key()
    {
        var (store, _) = await StoreAsync();
        var site = await SiteIdAsync(store, "1420A");
        var mn = "UQ" + Guid.NewGuid().ToString("N")[..12];
        var at = new DateTimeOffset(2019, 5, 1, 0, 0, 0, TimeSpan.Zero);
        Observation Row() => new() { SiteId = site, Mn = mn, ParameterCode = "a05024", Period = PeriodType.Hour, DataTime = at, Value = 1m, StoredAt = at };
        await using var ctx = store.CreateContext();
        ctx.Observations.AddRange(Row(), Row());
        await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
    }

    [Fact]
    public async Task Daily_AQI_rows_are_unique_per_site_day_and_regime()
    {
        var (store, _) = await StoreAsync();
        var site = await SiteIdAsync(store, "JB-A-GYQ");
        var now = DateTimeOffset.UtcNow;
        await using (var ctx = store.CreateContext())
        {
            ctx.DailyAqi.Add(new DailyAqi { SiteId = site, Date = new DateOnly(2019, 1, 1), Aqi = 86, PrimaryPollutants = ["pm25_24h"], RegimeId = "HJ633-2012", CalculatedAt = now });
            ctx.DailyAqi.Add(new DailyAqi { SiteId = site, Date = new DateOnly(2019, 1, 1), Aqi = 86, PrimaryPollutants = ["pm25_24h"], RegimeId = "CNEMC-2024", CalculatedAt = now });
            await ctx.SaveChangesAsync();
        }
        await using (var ctx = store.CreateContext())
        {
            ctx.DailyAqi.Add(new DailyAqi { SiteId = site, Date = new DateOnly(2019, 1, 1), Aqi = 90, RegimeId = "HJ633-2012", CalculatedAt = now });
            await Assert.ThrowsAsync<DbUpdateException>(() => ctx.SaveChangesAsync());
        }
        await using (var ctx = store.CreateContext())
        {
            var days = await ctx.DailyAqi.AsNoTracking().Where(d => d.SiteId == site && d.Date >= new DateOnly(2019, 1, 1) && d.Date < new DateOnly(2019, 1, 2)).ToListAsync();
            Assert.Equal(2, days.Count);
        }
    }
}

/// <summary>The storage contract on a SQLite file.</summary>
public sealed class SqliteStoreTests(SqliteTestDatabase db) : StoreContractTests<SqliteTestDatabase>(db);

/// <summary>The storage contract on a real PostgreSQL database.</summary>
public sealed class PostgresStoreTests(PostgresTestDatabase db) : StoreContractTests<PostgresTestDatabase>(db);
