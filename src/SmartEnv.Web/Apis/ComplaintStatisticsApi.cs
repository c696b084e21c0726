using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SmartEnv.Accounts;
using SmartEnv.Complaints.Statistics;
using SmartEnv.Storage;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Apis;

/// <summary>
/// HTTP API of issue 18 P4 (docs/complaints.md "Statistics, hotspots and Excel (P4)"), staff only
/// (<see cref="SmartEnvPolicies.StaffRead"/>; an enterprise user and the public get nothing):
/// <list type="bullet">
/// <item><c>GET /api/complaints/stats?month=yyyy-MM</c>: the month's bulletin (<see cref="BulletinReport"/>; default the
///   previous month).</item>
/// <item><c>GET /api/complaints/stats.xlsx?month=</c>: the same as a workbook (<see cref="BulletinWorkbook"/>, one sheet per
///   table, names and headers from the texts of the caller's language); an expensive request (<see cref="ExpensiveRequests"/>).</item>
/// <item><c>GET /api/complaints/hotspots?type=&amp;from=&amp;to=&amp;cell=</c>: grid hotspots (<see cref="HotspotView"/>; default the
///   last 90 days, 500 m cells).</item>
/// <item><c>GET /api/complaints/streets?from=&amp;to=</c>: the per-street table (<see cref="StreetTableView"/>).</item>
/// </list>
/// No reporter data is read or returned. Bad parameters → 400 naming the field. Dates are Beijing calendar dates.
/// </summary>
public static class ComplaintStatisticsApi
{
    /// <summary>Maps the routes.</summary>
    /// <param name="app">Route builder.</param>
    public static IEndpointRouteBuilder MapComplaintStatisticsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/complaints").WithTags("complaints");
        g.MapGet("/stats", StatsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintStats")
            .WithSummary("Monthly complaint bulletin for ?month=yyyy-MM (default the previous month): totals, by channel, pollution type and sub-type, street, industry section and status, overdue, verified and satisfaction rates, month-on-month and year-on-year (staff).");
        g.MapGet("/stats.xlsx", StatsXlsxAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintStatsXlsx")
            .WithSummary("The monthly complaint bulletin as an Excel workbook, one sheet per table, without reporter data (staff).");
        g.MapGet("/hotspots", HotspotsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintHotspots")
            .WithSummary("Complaint hotspots: located cases of ?from= to ?to= (default the last 90 days), optionally of one ?type=, clustered into square grid cells of ?cell= metres (default 500) (staff).");
        g.MapGet("/streets", StreetsAsync).RequireAuthorization(SmartEnvPolicies.StaffRead).WithName("ComplaintStreets")
            .WithSummary("Complaints per street or town of ?from= to ?to= (default the last 90 days): cases, accepted, closed, overdue, verified and per pollution type (staff).");
        return app;
    }

    /// <summary>Labels of the bulletin workbook from the texts (<c>complaints.tsv</c>) in the current UI culture
    /// (zh-CN unless the caller chose English); type names from complaint-categories.tsv (Chinese, or English when the UI
    /// culture is English).</summary>
    public static BulletinLabels Labels()
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return new BulletinLabels
        {
            SheetSummary = Texts.Complaints.StatsSheetSummary, SheetChannel = Texts.Complaints.StatsSheetChannel,
            SheetType = Texts.Complaints.StatsSheetType, SheetStreet = Texts.Complaints.StatsSheetStreet,
            SheetIndustry = Texts.Complaints.StatsSheetIndustry, SheetStatus = Texts.Complaints.StatsSheetStatus,
            ColItem = Texts.Complaints.StatsColItem, ColValue = Texts.Complaints.StatsColValue, ColCount = Texts.Complaints.StatsColCount,
            ColShare = Texts.Complaints.StatsColShare, ColPrevMonth = Texts.Complaints.StatsColPrevMonth, ColLastYear = Texts.Complaints.StatsColLastYear,
            ColMoM = Texts.Complaints.StatsColMoM, ColYoY = Texts.Complaints.StatsColYoY, ColChannel = Texts.Complaints.StatsColChannel,
            ColType = Texts.Complaints.StatsColType, ColParent = Texts.Complaints.StatsColParent, ColStreet = Texts.Complaints.StatsColStreet,
            ColSection = Texts.Complaints.StatsColSection, ColStatus = Texts.Complaints.StatsColStatus,
            Month = Texts.Complaints.StatsMonth, Total = Texts.Complaints.StatsTotal, PrevTotal = Texts.Complaints.StatsPrevTotal,
            LastYearTotal = Texts.Complaints.StatsLastYearTotal, Accepted = Texts.Complaints.StatsAccepted, NotAccepted = Texts.Complaints.StatsNotAccepted,
            Closed = Texts.Complaints.StatsClosed, Overdue = Texts.Complaints.StatsOverdue, AcceptanceRate = Texts.Complaints.StatsAcceptanceRate,
            ClosureRate = Texts.Complaints.StatsClosureRate, TrueRate = Texts.Complaints.StatsTrueRate, SatisfactionRate = Texts.Complaints.StatsSatisfactionRate,
            Unlocated = Texts.Complaints.StatsUnlocated, NoIndustry = Texts.Complaints.StatsNoIndustry, NoBase = Texts.Complaints.StatsNoBase,
            ShareNote = Texts.Complaints.StatsShareNote, RateNote = Texts.Complaints.StatsRateNote,
            Channel = Texts.Complaints.StatsChannel, Status = Texts.Complaints.StatsStatus,
            Type = code => PollutionTypes.Find(code) is { } p ? (english ? p.NameEn : p.NameZh) : code,
        };
    }

    private static async Task<Results<Ok<BulletinReport>, ValidationProblem>> StatsAsync(string? month, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new ComplaintStatisticsService(db, time);
        try
        {
            var (y, m) = s.ParseMonth(month);
            return TypedResults.Ok(await s.MonthAsync(y, m, ct));
        }
        catch (ComplaintStatisticsException e)
        {
            return ApiValidation.Invalid(e.Field, e.Reason);
        }
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> StatsXlsxAsync(string? month, SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        var s = new ComplaintStatisticsService(db, time);
        try
        {
            var (y, m) = s.ParseMonth(month);
            var report = await s.MonthAsync(y, m, ct);
            return TypedResults.File(BulletinWorkbook.ToBytes(report, Labels()), PlanApi.XlsxType, $"complaints-{y:D4}-{m:D2}.xlsx");
        }
        catch (ComplaintStatisticsException e)
        {
            return ApiValidation.Invalid(e.Field, e.Reason);
        }
    }

    private static async Task<Results<Ok<HotspotView>, ValidationProblem>> HotspotsAsync(string? type, DateOnly? from, DateOnly? to, double? cell,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await new ComplaintStatisticsService(db, time).HotspotsAsync(type, from, to, cell, ct));
        }
        catch (ComplaintStatisticsException e)
        {
            return ApiValidation.Invalid(e.Field, e.Reason);
        }
    }

    private static async Task<Results<Ok<StreetTableView>, ValidationProblem>> StreetsAsync(DateOnly? from, DateOnly? to,
        SmartEnvDbContext db, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await new ComplaintStatisticsService(db, time).StreetsAsync(from, to, ct));
        }
        catch (ComplaintStatisticsException e)
        {
            return ApiValidation.Invalid(e.Field, e.Reason);
        }
    }
}
