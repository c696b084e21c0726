using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmartEnv.Evaluation;
using SmartEnv.Imports;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Issue #12 point 3: a store at the schema of the previous release (last migration <c>SeedPositionsNotPlaceholders</c>,
/// observations keyed by mn/cn/data_time/parameter_code) is filled with raw SQL in that schema — device packets, a CNEMC
/// import with its moving means under the invented codes (<c>a34004_24h</c> …) and pseudo-MN <c>file:cnemc:CODE</c>, the
/// same hours of the device's site also imported from a file with other values, and CNEMC water rows — then upgraded to
/// the latest schema. Every value must be where the new key puts it with its text unchanged, and every figure must be the
/// hand-worked one: daily and hourly AQI recomputed after the upgrade, and the water class.
/// </summary>
/// <remarks>
/// Hand-worked figures (HJ 633-2012 Table 1; GB 3838-2002 Table 1):
/// all day long PM2.5 75, PM10 50, SO2 10, NO2 20, O3 50 μg/m³, CO 0.5 mg/m³ → daily IAQI PM2.5 (24-h 75) = 100,
/// PM10 50 → 50, NO2 20 → 25, O3 8-h 50 → 25, CO 0.5 → 13 (12.5 rounded up), SO2 10 → 10: daily AQI 100, primary PM2.5.
/// Every hour: 1-h IAQI PM2.5 (24-h breakpoints) 100, the others lower → hourly AQI 100. The file rows of the device's site
/// say PM2.5 500 for hours 0–5: the old readers used the lowest MN (the device, "UPGDEV…" &lt; "file:…" ordinal), so a
/// figure above 100 would mean the upgrade kept the wrong row. Water: pH 7.5 (I), DO 6.0 (II, ≥ 6), CODMn 4.0 (II, ≤ 4),
/// NH3-N 0.50 (II, ≤ 0.5), TP 0.10 (II, ≤ 0.1 river) → class II.
/// </remarks>
public abstract class MeasurementUpgradeTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private const string LastReleaseMigration = "SeedPositionsNotPlaceholders";
    private const string DeviceMn = "UPGDEV0000000001";
    private static readonly DateTimeOffset Day0 = new(2019, 3, 1, 0, 0, 0, BeijingTime.Offset); // hour label 1 starts here
    private static readonly DateOnly Day = new(2019, 3, 1);

    /// <summary>(code, value text) of the six pollutants, constant all day.</summary>
    private static readonly (string Code, string Text)[] Constant =
        [("a34004", "75"), ("a34002", "50"), ("a21026", "10"), ("a21004", "20"), ("a05024", "50"), ("a21005", "0.500")];

    /// <summary>CNEMC moving statistics under the old invented codes and what the new key makes of them.</summary>
    private static readonly (string OldCode, string Text, string Code, PeriodType Period)[] Moving =
    [
        ("a34004_24h", "74", "a34004", PeriodType.Moving24h), ("a34002_24h", "51", "a34002", PeriodType.Moving24h),
        ("a21026_24h", "9", "a21026", PeriodType.Moving24h), ("a21004_24h", "21", "a21004", PeriodType.Moving24h),
        ("a21005_24h", "0.6", "a21005", PeriodType.Moving24h), ("a05024_8h", "48", "a05024", PeriodType.Moving8h),
        ("a05024_24hmax", "55", "a05024", PeriodType.Max1hOf24h), ("a05024_8h_24h", "49", "a05024", PeriodType.Max8hOf24h),
    ];

    private static readonly (string Code, string Text, string Unit)[] Water =
        [("w01001", "7.5", ""), ("w01009", "6.0", "mg/L"), ("w01019", "4.0", "mg/L"), ("w21003", "0.50", "mg/L"), ("w21011", "0.10", "mg/L")];

    private sealed record Row(long Site, string Code, PeriodType Period, DateTimeOffset Time, string Text);

    [Fact]
    public async Task A_store_of_the_previous_release_upgrades_in_place_with_every_value_and_figure_unchanged()
    {
        var store = new SmartEnvStore(db.Options);
        await using (var ctx = store.CreateContext())
            await ctx.GetService<IMigrator>().MigrateAsync(LastReleaseMigration);

        var expected = new List<Row>();
        long air, cnemc, water, importRun, waterRun;
        await using (var ctx = store.CreateContext())
        {
            var conn = ctx.Database.GetDbConnection();
            await conn.OpenAsync();
            var sql = new OldSchema(conn, store.Options.Provider == StoreProvider.Sqlite);
            air = await sql.SiteAsync("UPG-A", "air");
            cnemc = await sql.SiteAsync("UPG-B", "air");
            water = await sql.SiteAsync("UPG-W", "water");
            importRun = await sql.ImportLogAsync("cnemc-sites", 24 * (Constant.Length + Moving.Length) + 6);
            waterRun = await sql.ImportLogAsync("cnemc-water", 2 * Water.Length);
            await sql.ExecAsync("INSERT INTO devices (mn, password, site_id, enabled) VALUES (@p0, '123456', @p1, @p2)", DeviceMn, air, true);
            for (var h = 0; h < 24; h++)
            {
                var start = Day0.AddHours(h);
                var packet = await sql.PacketAsync(DeviceMn, start);
                foreach (var (code, text) in Constant)
                {
                    await sql.ObservationAsync(air, DeviceMn, "2061", code, "hour", start, text, packet);
                    expected.Add(new(air, code, PeriodType.Hour, start, text));
                    await sql.ObservationAsync(cnemc, "file:cnemc:UPG-B", "2061", code, "hour", start, text, null);
                    expected.Add(new(cnemc, code, PeriodType.Hour, start, text));
                }
                foreach (var (old, text, code, period) in Moving)
                {
                    await sql.ObservationAsync(cnemc, "file:cnemc:UPG-B", "2061", old, "hour", start, text, null);
                    expected.Add(new(cnemc, code, period, start, text));
                }
                if (h < 6) // the device's site also in a file, other values: the device's row is the one the readers used
                    await sql.ObservationAsync(air, "file:cnemc:UPG-A", "2061", "a34004", "hour", start, "500", null);
            }
            foreach (var t in new[] { Day0.AddHours(4), Day0.AddHours(12) })
                foreach (var (code, text, _) in Water)
                {
                    await sql.ObservationAsync(water, "file:water:UPG-W", "2061", code, "hour", t, text, null);
                    expected.Add(new(water, code, PeriodType.Hour, t, text));
                }
        }

        await store.MigrateAndSeedAsync(); // the upgrade, as `smartenv` runs it at start

        await using (var ctx = store.CreateContext())
        {
            var rows = await ctx.Observations.AsNoTracking().Where(o => o.SiteId == air || o.SiteId == cnemc || o.SiteId == water).ToListAsync();
            // Every value unchanged, under the new key (the file's PM2.5 500 of the device's site is gone: the device's stays).
            Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), rows.Select(o => Key(new(o.SiteId, o.ParameterCode, o.Period, o.DataTime, o.ValueText!))).Order(StringComparer.Ordinal));
            Assert.All(rows, o => Assert.Equal(decimal.Parse(o.ValueText!, CultureInfo.InvariantCulture), o.Value));
            // Provenance: device rows keep MN and packet; imported rows name the run and no MN.
            Assert.All(rows.Where(o => o.SiteId == air), o => Assert.Equal((DeviceMn, true, (long?)null), (o.Mn, o.RawPacketId is not null, o.ImportLogId)));
            Assert.All(rows.Where(o => o.SiteId == cnemc), o => Assert.Equal(((string?)null, (long?)null, (long?)importRun), (o.Mn, o.RawPacketId, o.ImportLogId)));
            Assert.All(rows.Where(o => o.SiteId == water), o => Assert.Equal(((string?)null, (long?)waterRun), (o.Mn, o.ImportLogId)));
            // Units from the registry: ambient air μg/m³, CO mg/m³; water as App. B (pH dimensionless).
            Assert.All(rows.Where(o => o.SiteId != water), o => Assert.Equal(o.ParameterCode == "a21005" ? "mg/m³" : "μg/m³", o.Unit));
            Assert.All(rows.Where(o => o.SiteId == water), o => Assert.Equal(Water.Single(w => w.Code == o.ParameterCode).Unit, o.Unit));
        }

        // Figures: AQI recomputed on the upgraded store.
        await AqiRecomputation.RunAsync(store, [new AqiSpan(air, Day, Day), new AqiSpan(cnemc, Day, Day)]);
        await using (var ctx = store.CreateContext())
        {
            foreach (var site in new[] { air, cnemc })
            {
                var daily = await ctx.DailyAqi.AsNoTracking().SingleAsync(d => d.SiteId == site && d.Date == Day);
                Assert.Equal(100, daily.Aqi);
                Assert.Contains("pm25_24h", daily.PrimaryPollutants);
                var hourly = await ctx.HourlyAqi.AsNoTracking().Where(h => h.SiteId == site && h.HourStart >= Day0 && h.HourStart < Day0.AddDays(1)).ToListAsync();
                Assert.Equal(24, hourly.Count);
                Assert.All(hourly, h => Assert.Equal(100, h.Aqi));
            }
            var samples = await WaterSamples.ReadAsync(ctx, [water], null, null);
            Assert.Equal(2, samples[water].Count);
            Assert.All(samples[water], s => Assert.Equal(WaterClass.II, WaterClassifier.Classify(s.Values, WaterItemSets.Auto5).Class));
        }

        // After the upgrade a retransmission of a device value and a re-import of a file value hit the same rows.
        var writer = new ObservationWriter(store);
        var again = await writer.UpsertAsync([
            new ObservationInput(air, DeviceMn, "a34004", PeriodType.Hour, Day0, 75m, "75") { Unit = "μg/m³" },
            new ObservationInput(cnemc, null, "a34004", PeriodType.Moving24h, Day0, 74m, "74") { Unit = "μg/m³", ImportLogId = importRun },
        ]);
        Assert.Equal((0, 0, 2), (again.ObservationsInserted, again.ObservationsChanged, again.ObservationsUnchanged));
    }

    private static string Key(Row r) => $"{r.Site}|{r.Code}|{r.Period}|{r.Time.UtcTicks}|{r.Text}";

    /// <summary>Raw SQL in the previous release's schema, with each engine's literal types (SQLite: instants as Unix ms,
    /// decimals as text, booleans as 0/1).</summary>
    private sealed class OldSchema(DbConnection conn, bool sqlite)
    {
        private object P(object? v) => v switch
        {
            null => DBNull.Value,
            DateTimeOffset t => sqlite ? t.ToUnixTimeMilliseconds() : t.ToUniversalTime(),
            bool b => sqlite ? (b ? 1 : 0) : b,
            decimal d => sqlite ? d.ToString(CultureInfo.InvariantCulture) : d,
            _ => v,
        };

        private DbCommand Command(string text, object?[] args)
        {
            var cmd = conn.CreateCommand();
            cmd.CommandText = text;
            for (var i = 0; i < args.Length; i++)
            {
                var p = cmd.CreateParameter();
                p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                p.Value = P(args[i]);
                cmd.Parameters.Add(p);
            }
            return cmd;
        }

        public async Task ExecAsync(string text, params object?[] args)
        {
            await using var cmd = Command(text, args);
            await cmd.ExecuteNonQueryAsync();
        }

        private async Task<long> InsertAsync(string text, params object?[] args)
        {
            await using var cmd = Command(text + " RETURNING id", args);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        public Task<long> SiteAsync(string code, string kind) => InsertAsync(
            "INSERT INTO sites (code, name_zh, kind, coordinates_approximate, is_public, in_district) VALUES (@p0, @p0, @p1, @p2, @p3, @p3)",
            code, kind, true, true);

        public Task<long> ImportLogAsync(string format, int inserted) => InsertAsync(
            "INSERT INTO import_logs (format, file_name, sha256, started_at, finished_at, rows_read, values_accepted, values_inserted, rejected) "
            + "VALUES (@p0, @p1, @p2, @p3, @p3, @p4, @p4, @p4, 0)",
            format, format + ".csv", new string('0', 64), Day0.AddDays(2), inserted);

        public Task<long> PacketAsync(string mn, DateTimeOffset start) => InsertAsync(
            "INSERT INTO raw_packets (received_at, peer, mn, cn, qn, text, crc_valid, status, framing_diagnostics) "
            + "VALUES (@p0, '127.0.0.1:50000', @p1, '2061', NULL, @p2, @p3, 'accepted', 'length=bytes;crc=ok;tail=crlf')",
            start.AddHours(1), mn, $"QN=;ST=22;CN=2061;PW=123456;MN={mn};CP=&&DataTime={start.ToOffset(BeijingTime.Offset):yyyyMMddHHmmss}&&", true);

        public Task ObservationAsync(long site, string mn, string cn, string code, string period, DateTimeOffset start, string text, long? packet) => ExecAsync(
            "INSERT INTO observations (site_id, mn, cn, parameter_code, period, data_time, value, value_text, min, max, flag, raw_packet_id, stored_at) "
            + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, NULL, NULL, NULL, @p8, @p9)",
            site, mn, cn, code, period, start, decimal.Parse(text, CultureInfo.InvariantCulture), text, packet, Day0.AddDays(2));
    }
}

public sealed class SqliteMeasurementUpgradeTests(SqliteTestDatabase db) : MeasurementUpgradeTests<SqliteTestDatabase>(db);

public sealed class PostgresMeasurementUpgradeTests(PostgresTestDatabase db) : MeasurementUpgradeTests<PostgresTestDatabase>(db);
