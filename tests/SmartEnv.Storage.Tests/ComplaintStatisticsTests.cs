using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartEnv.Complaints.Statistics;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints.Statistics;
using SmartEnv.Tests;
using SmartEnv.Web.Apis;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Acceptance "bulletin statistics for a set of hand-made cases equal a hand tally", through the store on both engines:
/// <see cref="ComplaintSeed"/>'s five September 2024 cases (S1–S5) plus six written here (A6–A11), the clock at
/// 2024-10-15 10:00 Beijing. Every expected figure is counted by hand from this table:
/// <code>
///  case  registered  channel  types                 street    industry  state (→ bulletin)          dues / answers
///  S1    09-20       phone    noise.construction    观音桥     -         registered (待受理)          acc. due 10-08, none → overdue
///  S2    09-22       online   noise.construction    观音桥     -         registered (待受理)          acc. due 10-08 → overdue
///  S3    09-22       wechat   noise.industrial      观音桥     -         registered (待受理)          acc. due 10-08 → overdue
///  S4    09-23       letter   air.odour             寸滩       4411 D    accepted (受理中)            accepted 09-23; handling due 11-22
///  S5    09-25       visit    water.industrial      寸滩       4411 D    replied (已办结), 属实        replied 10-12 ≤ 11-25
///  A6    09-26       phone    noise.construction    观音桥     -         merged into S1 (合并办理)    never overdue (merged)
///  A7    09-27       online   other                 -         -         not accepted, outside remit  declined 09-28 ≤ 10-14
///  A8    09-28       phone    air.cooking           五里店     6210 H    visited (已办结), 部分属实, 基本满意
///  A9    09-30       wechat   noise.social          五里店     -         closed (已办结), 不属实, 不满意  replied 10-12 &gt; due 10-09 → overdue
///  A10   08-15       phone    noise.construction    观音桥     -         closed                       (环比 base)
///  A11   08-20       letter   air.odour             寸滩       -         closed                       (环比 base)
///  A12   10-02       phone    noise.construction    观音桥     -         registered                   (another month)
/// </code>
/// (A9's stored handling due is set by hand to 10-09 so that its reply is late.) No case of September 2023: 同比 is "—".
/// </summary>
public abstract class ComplaintStatisticsTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static readonly TimeProvider Now = new Clock(Bj(2024, 10, 15));

    private const string Gyq = "500105006000", Cuntan = "500105005000", Wld = "500105007000";

    private async Task<SmartEnvStore> SeededAsync()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await ComplaintSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        if (await ctx.Complaints.AnyAsync(c => c.Number == "TS202409260001")) return store;
        Complaint Case(string number, DateTimeOffset at, StoredComplaintChannel ch, StoredComplaintState state, string? street, DateOnly acceptanceDue,
            params string[] types)
        {
            var c = new Complaint
            {
                Number = number, Channel = ch, State = state, Urgency = StoredComplaintUrgency.None, RegisteredAt = at.ToUniversalTime(),
                RegisteredOn = BeijingTime.Date(at), Content = "统计测试", StreetCode = street, CreatedBy = "p4-test", QueryCodeHash = "x",
                QueryCodeSalt = "x", AcceptanceDue = acceptanceDue, UpdatedAt = at.ToUniversalTime(),
            };
            foreach (var t in types) c.Types.Add(new ComplaintType { Code = t });
            return c;
        }
        var a6 = Case("TS202409260001", Bj(2024, 9, 26), StoredComplaintChannel.Phone, StoredComplaintState.Merged, Gyq, new(2024, 10, 11), "noise", "noise.construction");
        a6.Latitude = 29.5751; a6.Longitude = 106.5321; a6.MergedIntoId = ids.Noise1;
        var a7 = Case("TS202409270001", Bj(2024, 9, 27), StoredComplaintChannel.Online, StoredComplaintState.NotAccepted, null, new(2024, 10, 14), "other");
        a7.NotAcceptedReason = StoredNotAcceptedReason.OutsideRemit;
        var a8 = Case("TS202409280001", Bj(2024, 9, 28), StoredComplaintChannel.Phone, StoredComplaintState.Visited, Wld, new(2024, 10, 14), "air", "air.cooking");
        a8.IndustryCode = "6210"; a8.AcceptedAt = Bj(2024, 9, 28, 15).ToUniversalTime(); a8.HandlingDue = new(2024, 11, 27);
        a8.RepliedAt = Bj(2024, 10, 10).ToUniversalTime(); a8.Verification = StoredVerification.PartlyTrue; a8.Satisfaction = StoredSatisfaction.BasicallySatisfied;
        var a9 = Case("TS202409300001", Bj(2024, 9, 30), StoredComplaintChannel.WeChat, StoredComplaintState.Closed, Wld, new(2024, 10, 15), "noise", "noise.social");
        a9.AcceptedAt = Bj(2024, 9, 30, 15).ToUniversalTime(); a9.HandlingDue = new(2024, 10, 9); a9.RepliedAt = Bj(2024, 10, 12).ToUniversalTime();
        a9.Verification = StoredVerification.False; a9.Satisfaction = StoredSatisfaction.Dissatisfied;
        var a10 = Case("TS202408150001", Bj(2024, 8, 15), StoredComplaintChannel.Phone, StoredComplaintState.Closed, Gyq, new(2024, 8, 30), "noise", "noise.construction");
        var a11 = Case("TS202408200001", Bj(2024, 8, 20), StoredComplaintChannel.Letter, StoredComplaintState.Closed, Cuntan, new(2024, 9, 4), "air", "air.odour");
        var a12 = Case("TS202410020001", Bj(2024, 10, 2), StoredComplaintChannel.Phone, StoredComplaintState.Registered, Gyq, new(2024, 10, 17), "noise", "noise.construction");
        ctx.Complaints.AddRange(a6, a7, a8, a9, a10, a11, a12);
        await ctx.SaveChangesAsync();
        ctx.ComplaintEvents.Add(new ComplaintEvent
        {
            ComplaintId = a7.Id, Trigger = "decline", FromState = StoredComplaintState.Registered, ToState = StoredComplaintState.NotAccepted,
            By = "p4-test", At = Bj(2024, 9, 28).ToUniversalTime(),
        });
        await ctx.SaveChangesAsync();
        return store;
    }

    [Fact]
    public async Task September_2024_equals_the_hand_tally()
    {
        var store = await SeededAsync();
        await using var ctx = store.CreateContext();
        var r = await new ComplaintStatisticsService(ctx, Now).MonthAsync(2024, 9);
        // S1–S5, A6–A9 = 9 (merged A6 included); August A10 A11 = 2; September 2023 none
        Assert.Equal((9, 2, 0), (r.Total, r.PreviousMonthTotal, r.LastYearTotal));
        Assert.Equal(3.5m, r.MonthOnMonth); // (9 − 2) ÷ 2
        Assert.Null(r.YearOnYear);          // base 0 → "—"
        // phone S1 A6 A8 = 3; wechat S3 A9 = 2; online S2 A7 = 2; letter S4; visit S5
        Assert.Equal(["Phone:3", "WeChat:2", "Online:2", "Letter:1", "Visit:1", "Transferred:0", "Other:0"], r.ByChannel.Select(x => $"{x.Key}:{x.Count}"));
        TypeRow T(string code) => Assert.Single(r.ByType, x => x.Code == code);
        // noise S1 S2 S3 A6 A9 = 5 (construction S1 S2 A6 = 3, industrial S3, social A9); air S4 A8 = 2; water S5; other A7
        Assert.Equal((5, 3, 1, 1, 2, 1, 1), (T("noise").Count, T("noise.construction").Count, T("noise.industrial").Count, T("noise.social").Count,
            T("air").Count, T("water").Count, T("other").Count));
        Assert.Equal(4m, T("noise").MonthOnMonth);  // (5 − 1) ÷ 1
        Assert.Equal(1m, T("air").MonthOnMonth);    // (2 − 1) ÷ 1
        Assert.Null(T("water").MonthOnMonth);       // August had none
        // 观音桥 S1 S2 S3 A6 = 4; 寸滩 S4 S5 = 2; 五里店 A8 A9 = 2; 未定位 A7 = 1
        TallyRow S(string key) => Assert.Single(r.ByStreet, x => x.Key == key);
        Assert.Equal((4, 2, 2, 1), (S(Gyq).Count, S(Cuntan).Count, S(Wld).Count, S(BulletinTally.None).Count));
        // 4411 → D: S4 S5; 6210 → H: A8; none: S1 S2 S3 A6 A7 A9 = 6
        Assert.Equal(["D:2", "H:1", ":6"], r.ByIndustry.Select(x => $"{x.Key}:{x.Count}"));
        // 待受理 S1 S2 S3; 受理中 S4; 已办结 S5 A8 A9; 不属于职责 A7; 合并 A6
        Assert.Equal(["Pending:3", "Handling:1", "Closed:3", "NotAcceptedUnclear:0", "NotAcceptedOutsideRemit:1", "NotAcceptedOther:0", "Merged:1"],
            r.ByStatus.Select(x => $"{x.Key}:{x.Count}"));
        Assert.Equal((4, 1, 3), (r.Accepted, r.NotAccepted, r.Closed));
        Assert.Equal((new TallyRate(4, 9), new TallyRate(3, 4)), (r.AcceptanceRate, r.ClosureRate));
        // 超期: S1 S2 S3 (no answer, today 10-15 > 10-08) + A9 (reply 10-12 > 10-09) = 4; A6 merged, A7 declined in time
        Assert.Equal(4, r.Overdue);
        // 属实率: S5 属实, A8 部分属实 of S5 A8 A9 = 2 ÷ 3; 满意率: A8 基本满意 of A8 A9 = 1 ÷ 2
        Assert.Equal((new TallyRate(2, 3), new TallyRate(1, 2)), (r.TrueRate, r.SatisfactionRate));
    }

    [Fact]
    public async Task Hotspots_and_streets()
    {
        var store = await SeededAsync();
        await using var ctx = store.CreateContext();
        var s = new ComplaintStatisticsService(ctx, Now);
        // noise of September located: S1 (29.575000, 106.532000), S2 (29.576349), S3 (29.579497), A6 (29.5751, 106.5321); A9 has no point.
        // 500 m cells from (29.55, 106.45): north S1 0.025 × 111 195.08 = 2 779.9 m, S2 2 929.9, A6 2 791.0 → row 5; S3 3 279.9 → row 6;
        // east 0.082 × 96 669.18 = 7 926.9 m (A6 0.0821 → 7 936.5) → column 15
        var h = await s.HotspotsAsync("noise", new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 30), 500);
        Assert.Equal((4, 1), (h.Located, h.Unlocated));
        Assert.Equal(["15,5:3", "15,6:1"], h.Hotspots.Select(x => $"{x.Column},{x.Row}:{x.Count}"));
        Assert.Equal([ComplaintSeed.NumberNoise1, ComplaintSeed.NumberNoise2, "TS202409260001"], h.Hotspots[0].Numbers);
        // air: S4 located, A8 not
        var air = await s.HotspotsAsync("air", new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 30), null);
        Assert.Equal((1, 1, 500d), (air.Located, air.Unlocated, air.CellMetres));
        await Assert.ThrowsAsync<ComplaintStatisticsException>(() => s.HotspotsAsync("smell", null, null, null));
        await Assert.ThrowsAsync<ComplaintStatisticsException>(() => s.HotspotsAsync(null, new DateOnly(2024, 10, 1), new DateOnly(2024, 9, 1), null));

        var streets = await s.StreetsAsync(new DateOnly(2024, 9, 1), new DateOnly(2024, 9, 30));
        Assert.Equal(13, streets.Rows.Count);
        // 观音桥: S1 S2 S3 A6 = 4; none accepted (3 pending, A6 merged); overdue S1 S2 S3 = 3; noise 4
        var gyq = Assert.Single(streets.Rows, x => x.StreetCode == Gyq);
        Assert.Equal((4, 0, 0, 3, 0, 4), (gyq.Count, gyq.Accepted, gyq.Closed, gyq.Overdue, gyq.Verified, gyq.ByTopType["noise"]));
        // 五里店: A8 A9 = 2, both accepted and closed; overdue A9; 属实 A8 (部分属实); air 1, noise 1
        var wld = Assert.Single(streets.Rows, x => x.StreetCode == Wld);
        Assert.Equal((2, 2, 2, 1, 1, 1, 1), (wld.Count, wld.Accepted, wld.Closed, wld.Overdue, wld.Verified, wld.ByTopType["air"], wld.ByTopType["noise"]));
    }

    [Fact]
    public async Task Workbook_reads_back_with_the_hand_figures_and_no_reporter_data()
    {
        var store = await SeededAsync();
        await using var ctx = store.CreateContext();
        var r = await new ComplaintStatisticsService(ctx, Now).MonthAsync(2024, 9);
        var before = CultureInfo.CurrentUICulture;
        byte[] bytes;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            bytes = BulletinWorkbook.ToBytes(r, ComplaintStatisticsApi.Labels());
        }
        finally { CultureInfo.CurrentUICulture = before; }

        using var ms = new MemoryStream(bytes);
        Assert.Equal(["汇总", "按渠道", "按污染类型", "按街道", "按行业", "按办理状态"], MiniExcel.GetSheetNames(ms));
        List<IDictionary<string, object?>> Sheet(string name)
        {
            ms.Position = 0;
            return MiniExcel.Query(ms, useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object?>>().ToList();
        }
        object? Cell(List<IDictionary<string, object?>> rows, string first, string column) =>
            Assert.Single(rows, x => Equals(x["A"], first))[column];

        var summary = Sheet("汇总");
        Assert.Equal(("项目", "数值"), (summary[0]["A"], summary[0]["B"]));
        Assert.Equal("2024-09", Cell(summary, "统计月份", "B"));
        Assert.Equal(9d, Convert.ToDouble(Cell(summary, "举报件数", "B"), CultureInfo.InvariantCulture));
        Assert.Equal(350d, Convert.ToDouble(Cell(summary, "环比（%）", "B"), CultureInfo.InvariantCulture));   // +350 %
        Assert.Equal("—", Cell(summary, "同比（%）", "B"));
        Assert.Equal(66.7d, Convert.ToDouble(Cell(summary, "属实率（%）", "B"), CultureInfo.InvariantCulture)); // 2 ÷ 3 = 66.67 → 66.7

        var channel = Sheet("按渠道");
        Assert.Equal(3d, Convert.ToDouble(Cell(channel, "电话（12369）", "B"), CultureInfo.InvariantCulture));
        Assert.Equal(33.3d, Convert.ToDouble(Cell(channel, "电话（12369）", "C"), CultureInfo.InvariantCulture)); // 3 ÷ 9

        var type = Sheet("按污染类型");
        Assert.Equal(5d, Convert.ToDouble(Cell(type, "噪声", "C"), CultureInfo.InvariantCulture));
        Assert.Equal("噪声", Cell(type, "建设施工噪声", "B"));
        Assert.Equal(400d, Convert.ToDouble(Cell(type, "噪声", "G"), CultureInfo.InvariantCulture)); // 环比 +400 %
        Assert.Equal("—", Cell(type, "水", "G"));

        Assert.Equal(4d, Convert.ToDouble(Cell(Sheet("按街道"), "观音桥街道", "B"), CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(Cell(Sheet("按街道"), "未定位", "B"), CultureInfo.InvariantCulture));
        Assert.Equal(2d, Convert.ToDouble(Cell(Sheet("按行业"), "D 电力、热力、燃气及水生产和供应业", "B"), CultureInfo.InvariantCulture));
        Assert.Equal(1d, Convert.ToDouble(Cell(Sheet("按办理状态"), "合并办理", "B"), CultureInfo.InvariantCulture));

        // no reporter name, phone or case content anywhere
        var all = new[] { "汇总", "按渠道", "按污染类型", "按街道", "按行业", "按办理状态" }
            .SelectMany(Sheet).SelectMany(x => x.Values).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();
        Assert.DoesNotContain(all, v => v.Contains("王女士") || v.Contains("13800000001") || v.Contains("打桩") || v.Contains("TS2024"));
    }
}

public sealed class SqliteComplaintStatisticsTests(SqliteTestDatabase db) : ComplaintStatisticsTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintStatisticsTests(PostgresTestDatabase db) : ComplaintStatisticsTests<PostgresTestDatabase>(db);
