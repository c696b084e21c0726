using SmartEnv.PlanTracking;
using SmartEnv.Planning.Indicators;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Tests;
using SmartEnv.Standards.Common;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Plan indicator #7 (share of 国控/市控 sections at or better than Ⅲ) computed from stored water values on SQLite,
/// against a hand-worked value.
/// </summary>
public sealed class PlanWaterIndicatorTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-plan7-" + Guid.NewGuid().ToString("N")[..12]);
    private SmartEnvStore _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = new SmartEnvStore(StoreOptions.Sqlite(Path.Combine(_dir, "smartenv.db")));
        await _store.MigrateAndSeedAsync();
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private async Task<long> SiteAsync(string code)
    {
        await using var db = _store.CreateContext();
        return db.Sites.Single(s => s.Code == code).Id;
    }

    /// <summary>One sample: pH, DO, CODMn, NH3-N, TP (mg/L) under their HJ 212 codes, as a cnemc-water import stores them.</summary>
    private static IEnumerable<ObservationInput> Sample(long site, DateTimeOffset at, decimal ph, decimal dO, decimal codmn, decimal nh3n, decimal tp) =>
        new[] { ("w01001", ph), ("w01009", dO), ("w01019", codmn), ("w21003", nh3n), ("w21011", tp) }
            .Select(x => new ObservationInput(site, "test:water", x.Item1, PeriodType.Hour, at, x.Item2, x.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Share_of_control_sections_at_or_better_than_III_is_the_annual_mean_class_ratio()
    {
        var repo = new PlanRepository(_store);
        Assert.True((await repo.ImportAsync(RepoPaths.SharedFile("data/plan"))).Ok);
        // Before any water value: a gap saying no data.
        var (_, gaps0) = await repo.ComputeAsync(2021);
        Assert.Contains(gaps0, g => g.IndicatorNumber == 7 && g.Reason.Contains("no data", StringComparison.Ordinal));

        long ct = await SiteAsync("JB-W-CT"), yjq = await SiteAsync("JB-W-YJQ"), dlh = await SiteAsync("JB-W-AUTO-DLH");
        var values = new List<ObservationInput>();
        // 寸滩 (国控): sample 2 alone is Ⅳ (NH3-N 1.30), but the annual mean is DO 7.5 Ⅰ, CODMn 2.5 Ⅱ, NH3-N 0.90 Ⅲ, TP 0.15 Ⅲ → Ⅲ.
        // Sample 1 at 2021-01-01 00:00 Beijing (2020-12-31 16:00 UTC) belongs to 2021.
        values.AddRange(Sample(ct, Bj(2021, 1, 1, 0), 7.8m, 8.0m, 2.0m, 0.50m, 0.10m));
        values.AddRange(Sample(ct, Bj(2021, 6, 1, 8), 8.0m, 7.0m, 3.0m, 1.30m, 0.20m));
        // 跃进桥 (市控): mean NH3-N 1.40 Ⅳ, TP 0.24 Ⅳ → Ⅳ. The clean sample of 2020-12-31 23:00 Beijing (2021 in UTC) is
        // outside 2021; counted, it would make the mean NH3-N 0.967, TP 0.1667 → Ⅲ and the share 100 %.
        values.AddRange(Sample(yjq, Bj(2021, 3, 1, 8), 7.5m, 6.5m, 3.0m, 1.20m, 0.22m));
        values.AddRange(Sample(yjq, Bj(2021, 9, 1, 8), 7.5m, 6.5m, 3.0m, 1.60m, 0.26m));
        values.AddRange(Sample(yjq, Bj(2020, 12, 31, 23), 7.5m, 8.0m, 1.0m, 0.10m, 0.02m));
        // 栋梁河自动站 (区控): class Ⅰ, not a national/municipal section, so not counted (else 2/3).
        values.AddRange(Sample(dlh, Bj(2021, 5, 1, 8), 7.5m, 8.0m, 1.0m, 0.10m, 0.01m));
        await new ObservationWriter(_store).UpsertAsync(values);

        var (recorded, gaps) = await repo.ComputeAsync(2021);
        Assert.DoesNotContain(gaps, g => g.IndicatorNumber == 7);
        var v7 = Assert.Single(recorded, v => v.IndicatorNumber == 7);
        // Hand-worked: 寸滩 Ⅲ, 跃进桥 Ⅳ → 1 of 2 → 50.0 %.
        Assert.Equal(50.0m, v7.Value);
        Assert.Equal(ValueSource.Computed, v7.Source);
        Assert.Contains("JB-W-CT 长江寸滩 Ⅲ", v7.Evidence, StringComparison.Ordinal);
        Assert.Contains("JB-W-YJQ", v7.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("JB-W-AUTO-DLH", v7.Evidence, StringComparison.Ordinal);
        // Kept in the stored history; asking again adds no version.
        var (again, _) = await repo.ComputeAsync(2021);
        Assert.DoesNotContain(again, v => v.IndicatorNumber == 7);
        var plan = await repo.LoadAsync();
        Assert.Equal(50.0m, plan!.Board.Series(7).Current(2021)!.Value);
        Assert.Single(plan.Board.Series(7).History(2021));
    }
}
