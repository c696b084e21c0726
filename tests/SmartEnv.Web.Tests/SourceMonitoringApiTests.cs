using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// Issue 16 P4 API over stored compliance rows of A's site (the fixture's enterprises A and B): the loopback hours (30 N,
/// 40 N exceeding 35 with 0.1429 → shown 0.14, 50 D not judged); month rates are Σ day counts, never a mean of ratios:
/// day 1 24/3/2 (8.33 %) and day 2 12/12/12 (a day in progress, 100 %) → month 36/15/14 → 有效传输率 14/36 = 38.89 %
/// (the mean of the daily ratios would be 54.17 %); totals 13.69 + 12
/// = 25.69 kg for January; A's user gets B's outlet as 404 and staff see A's.
/// </summary>
public abstract class SourceMonitoringApiTests<TDb>(ScopeAppFixture<TDb> app) : IClassFixture<ScopeAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    private const string Base = "/api/enterprises/" + ScopeAppFixture<TDb>.UsccA + "/outlets/" + ScopeAppFixture<TDb>.SiteA;

    private async Task SeedAsync()
    {
        await using var db = app.Store.CreateContext();
        var site = await db.Sites.Where(s => s.Code == ScopeAppFixture<TDb>.SiteA).Select(s => s.Id).SingleAsync();
        if (await db.SourceHours.AnyAsync(h => h.SiteId == site)) return;
        DateTimeOffset Hour(int h) => BeijingTime.At(new DateOnly(2027, 1, 5), new TimeOnly(h, 0)).ToUniversalTime();
        SourceHour Row(int h, decimal v, bool judged, string? flag, bool exceeds, decimal? m) => new()
        {
            SiteId = site, ParameterCode = "a21026", HourStart = Hour(h), PermitVersionId = 1, Basis = SourceHourBasis.ZsAvg, Value = v, LimitValue = 35m,
            Judged = judged, NotJudgedFlag = flag, Exceeds = exceeds, Multiple = m, RuleVersion = "source-rules.tsv:test", ComputedAt = DateTimeOffset.UtcNow,
        };
        db.SourceHours.AddRange(Row(10, 30m, true, null, false, null), Row(11, 40m, true, null, true, 0.1429m), Row(12, 50m, false, "D", false, null));
        db.SourceExceedances.Add(new SourceExceedance { SiteId = site, ParameterCode = "a21026", HourStart = Hour(11), Value = 40m, Limit = 35m, Multiple = 0.1429m, Basis = SourceHourBasis.ZsAvg, RuleVersion = "source-rules.tsv:test" });
        db.SourceDayRates.AddRange(
            new SourceDayRate { SiteId = site, Day = new DateOnly(2027, 1, 5), Expected = 24, Received = 3, Valid = 2, Transmission = 0.125m, Effectiveness = 2m / 3m, Effective = 6m / 72m, RuleVersion = "source-rules.tsv:test" },
            new SourceDayRate { SiteId = site, Day = new DateOnly(2027, 1, 6), Expected = 12, Received = 12, Valid = 12, Transmission = 1m, Effectiveness = 1m, Effective = 1m, RuleVersion = "source-rules.tsv:test" });
        db.SourceDayTotals.AddRange(
            new SourceDayTotal { SiteId = site, ParameterCode = "a21026", Day = new DateOnly(2027, 1, 1), Kg = 13.69m, HoursCou = 23, HoursFlowConc = 1, RuleVersion = "source-rules.tsv:test" },
            new SourceDayTotal { SiteId = site, ParameterCode = "a21026", Day = new DateOnly(2027, 1, 2), Kg = 12m, HoursCou = 24, RuleVersion = "source-rules.tsv:test" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_enterprise_reads_its_outlets_hours_exceedances_rates_and_totals()
    {
        await SeedAsync();
        using var a = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, ScopeAppFixture<TDb>.UsccA);
        var hours = await a.GetFromJsonAsync<JsonElement>(Base + "/hours?from=2027-01-05&to=2027-01-05");
        Assert.Equal(3, hours.GetArrayLength());
        Assert.Equal(("zs_avg", true, 0.14m), (hours[1].GetProperty("basis").GetString(), hours[1].GetProperty("exceeds").GetBoolean(), hours[1].GetProperty("multiple_shown").GetDecimal()));
        Assert.Equal((false, "D"), (hours[2].GetProperty("judged").GetBoolean(), hours[2].GetProperty("not_judged_flag").GetString()));

        var ex = await a.GetFromJsonAsync<JsonElement>(Base + "/exceedances?from=2027-01-01&to=2027-01-31");
        Assert.Equal((1, 0.1429m, 0.14m), (ex.GetArrayLength(), ex[0].GetProperty("multiple").GetDecimal(), ex[0].GetProperty("multiple_shown").GetDecimal()));

        var month = await a.GetFromJsonAsync<JsonElement>(Base + "/rates?period=month&from=2027-01-01&to=2027-01-31");
        Assert.Equal(("2027-01", 36, 15, 14), (month[0].GetProperty("period").GetString(), month[0].GetProperty("expected").GetInt32(), month[0].GetProperty("received").GetInt32(), month[0].GetProperty("valid").GetInt32()));
        Assert.Equal(38.89m, month[0].GetProperty("effective_percent").GetDecimal()); // 14/36 = 0.3888… (Σ counts)

        var totals = await a.GetFromJsonAsync<JsonElement>(Base + "/totals?period=month&from=2027-01-01&to=2027-01-31");
        Assert.Equal(("2027-01", 25.69m, 2, 47, 1), (totals[0].GetProperty("period").GetString(), totals[0].GetProperty("kg").GetDecimal(), totals[0].GetProperty("days").GetInt32(),
            totals[0].GetProperty("hours_cou").GetInt32(), totals[0].GetProperty("hours_flow_conc").GetInt32()));
    }

    [Fact]
    public async Task Another_enterprises_outlet_is_a_404_and_a_bad_period_a_400()
    {
        await SeedAsync();
        using var b = await TestPrincipals.EnterpriseAsync(app.Address, app.Store, ScopeAppFixture<TDb>.UsccB);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(Base + "/hours")).StatusCode);
        var crossed = "/api/enterprises/" + ScopeAppFixture<TDb>.UsccB + "/outlets/" + ScopeAppFixture<TDb>.SiteA + "/hours";
        using var staff = await TestPrincipals.StaffAsync(app.Address, app.Store);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(crossed)).StatusCode); // A's site is not B's outlet
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Base + "/quantity")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync(Base + "/totals?period=week")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestPrincipals.Anonymous(app.Address).GetAsync(Base + "/hours")).StatusCode);
    }
}

public sealed class SqliteSourceMonitoringApiTests(ScopeAppFixture<SqliteTestDatabase> app) : SourceMonitoringApiTests<SqliteTestDatabase>(app);

public sealed class PostgresSourceMonitoringApiTests(ScopeAppFixture<PostgresTestDatabase> app) : SourceMonitoringApiTests<PostgresTestDatabase>(app);
