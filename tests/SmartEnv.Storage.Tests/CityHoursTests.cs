using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Evaluation;
using SmartEnv.Ingestion.Files;
using SmartEnv.Standards.Air;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The bulk hour read behind the city assessment (issue 15 goal 6: <c>AirEvaluator.LoadCitySeriesAsync</c> reads all
/// stations at once) gives what the file path gives: the 16 Chongqing assessment stations of the CNEMC 2019 file
/// (<c>china_sites_2019_chongqing.csv.gz</c>, the stations of 城市 重庆 in the CNEMC station list without the control point
/// 1414A, as <c>smartenv air assess --city 重庆</c> picks them) for July 2019 are stored as hour values, then
/// <c>AssessCityAsync</c> over the store must equal the HJ 663 assessment of <see cref="AirHour.CityMean"/> over the file's
/// own hours (<see cref="AirHourFiles.ReadStations"/> → <see cref="Hj663Assessment.Assess"/>, the CLI's path, which never
/// touches the store), and each station's loaded hours must equal its file hours. Both engines.
/// </summary>
public abstract class CityHoursTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static readonly DateOnly From = new(2019, 7, 1);
    private static readonly DateOnly To = new(2019, 7, 31);

    private static Dictionary<string, List<AirHour>> FileHours()
    {
        var list = AirHourFiles.ReadStationList(RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/StationList-2020.01.01.csv"));
        var codes = list.Where(s => s.City == "重庆" && !s.IsControlPoint).Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var file = RepoPaths.SharedFile("data/raw/cnemc_china_sites_2019/china_sites_2019_chongqing.csv.gz");
        var lo = AirEvaluator.HourStart(From, 1);
        var hi = AirEvaluator.HourStart(To.AddDays(1), 0).AddHours(1);
        return AirHourFiles.ReadStations(AirFileFormat.CnemcSites, [file], codes).ToDictionary(k => k.Key,
            k => k.Value.Where(h => AirEvaluator.HourStart(h.LabelDate, h.LabelHour) is var s && s >= lo && s < hi)
                .Where(h => Enumerable.Range(0, 6).Any(p => h.Get((AirPollutant)p) is not null)).ToList());
    }

    private async Task<(SmartEnvStore Store, Dictionary<string, long> Ids, Dictionary<string, List<AirHour>> File)> StoredAsync()
    {
        var (store, _) = await db.MigratedAsync();
        var file = FileHours();
        var ids = new Dictionary<string, long>();
        var values = new List<ObservationInput>();
        await using (var ctx = store.CreateContext())
        {
            foreach (var code in file.Keys.Order(StringComparer.Ordinal))
            {
                var site = await ctx.Sites.SingleOrDefaultAsync(s => s.Code == "CH-" + code);
                if (site is null)
                {
                    ctx.Sites.Add(site = new Site { Code = "CH-" + code, NameZh = "城市小时测试 " + code, Kind = SiteKind.Air, IsPublic = false, InDistrict = false });
                    await ctx.SaveChangesAsync();
                }
                ids[code] = site.Id;
            }
        }
        foreach (var (code, hours) in file)
            foreach (var h in hours)
                for (var p = 0; p < 6; p++)
                    if (h.Get((AirPollutant)p) is { } v)
                        values.Add(new ObservationInput(ids[code], null, AirParameterCodes.Of((AirPollutant)p), PeriodType.Hour,
                            AirEvaluator.HourStart(h.LabelDate, h.LabelHour), v, v.ToString(CultureInfo.InvariantCulture)));
        await new ObservationWriter(store).UpsertAsync(values); // idempotent: a second test of the class writes nothing new
        return (store, ids, file);
    }

    [Fact]
    public async Task City_assessment_from_the_store_equals_the_assessment_of_the_file_city_mean()
    {
        var (store, ids, file) = await StoredAsync();
        Assert.Equal(16, file.Count);
        Assert.DoesNotContain("1414A", file.Keys); // 缙云山（对照点）

        var expected = Hj663Assessment.Assess(AirHour.CityMean(file.Values), From, To);
        var (actual, excluded) = await new AirEvaluator(store).AssessCityAsync([.. ids.Values], From, To);

        Assert.Empty(excluded);
        Assert.Equal(31, actual.Days.Count);
        Assert.True(actual.ValidAqiDays > 0);
        Assert.Equal(Json(expected), Json(actual));
    }

    [Fact]
    public async Task Loaded_hours_of_each_station_and_of_the_city_equal_the_file_hours()
    {
        var (store, ids, file) = await StoredAsync();
        var lo = AirEvaluator.HourStart(From, 1);
        var hi = AirEvaluator.HourStart(To.AddDays(1), 0).AddHours(1);
        await using var ctx = store.CreateContext();
        foreach (var (code, id) in ids)
        {
            var loaded = await AirEvaluator.LoadHoursAsync(ctx, id, lo, hi);
            Assert.Equal(file[code].OrderBy(h => h.LabelDate).ThenBy(h => h.LabelHour), loaded.Select(h => h.Hour));
            Assert.All(loaded, h => Assert.Equal(AirEvaluator.HourStart(h.Hour.LabelDate, h.Hour.LabelHour), h.Start));
        }
        var (city, excluded) = await AirEvaluator.LoadCityHoursAsync(ctx, [.. ids.Values], lo, hi);
        Assert.Equal(AirHour.CityMean(file.Values), city);
        Assert.Empty(excluded);
    }

    private static string Json(AirAssessment a) => JsonSerializer.Serialize(new
    {
        a.From, a.To, a.Days, a.ValidAqiDays, a.GoodDays, a.GoodDayRatioPercent, a.DaysPerLevel, a.PrimaryPollutantDays, a.Statistics,
        Composite = a.Composite?.Value,
    });
}

public sealed class SqliteCityHoursTests(SqliteTestDatabase db) : CityHoursTests<SqliteTestDatabase>(db);

public sealed class PostgresCityHoursTests(PostgresTestDatabase db) : CityHoursTests<PostgresTestDatabase>(db);
