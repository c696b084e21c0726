using Microsoft.EntityFrameworkCore;
using SmartEnv.Credit;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Credit;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// The public red and black lists of <see cref="CreditService.PublicListsAsync"/> (issue 19 item "repair and the lists")
/// and <see cref="CreditService.LatestPerEnterpriseAsync"/>, on both engines, with hand dates. Rules: the embedded
/// credit-rules.tsv — list.black = 严重, repair.serious shortest 12 / longest 36 months; base 100, 不良 below 60.
/// Boundary convention (CreditRepair, 民法典 Art. 201 reading): the publication day is not counted; a period of n months
/// ends on the same day number n months later, which is still inside the period. So information published 2025-03-01:
/// shortest period ends 2026-03-01 (repair accepted from 2026-03-02), longest ends 2028-03-01 (its last listed day; gone
/// from 2028-03-02).
/// </summary>
public abstract class CreditListsTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "lists-test");

    private const string F = "91500105MA5U0F1F0X", G = "91500105MA5U0G1G0Y";

    /// <summary>The lists of <paramref name="day"/> restricted to F and G (other tests of the class share the database).</summary>
    private static async Task<(List<CreditListing> Red, List<CreditListing> Black)> ListsAsync(CreditService s, DateOnly day)
    {
        var l = await s.PublicListsAsync(day);
        return ([.. l.Red.Where(r => r.Uscc is F or G)], [.. l.Black.Where(r => r.Uscc is F or G)]);
    }

    [Fact]
    public async Task A_严重_listing_stays_36_months_repair_opens_after_12_and_an_approved_repair_removes_it_the_day_of_approval()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2025, 3, 1));
        await using var ctx = store.CreateContext();
        ctx.Enterprises.Add(new SmartEnv.Storage.Entities.Enterprise { Uscc = F, Name = "重庆江北己化工有限公司", CreatedAt = clock.Now });
        await ctx.SaveChangesAsync();
        var s = new CreditService(ctx, clock);
        // No evidence: 100; adjustment −50 → 50 → 不良 (below 60), stored 2025-03-01 (Beijing) → published 2025-03-01.
        var poor = await s.AdjustAsync(F, 2024, -50m, "重大环境违法经查属实", Actor);
        Assert.Equal((50m, StoredCreditGrade.Poor), (poor.Evaluation.Score, poor.Evaluation.Grade));
        await s.EvaluateAsync(G, 2024, Actor); // no evidence → 100 → 诚信 (red list, no period)
        var info = "E" + poor.Evaluation.Id;

        var black = Assert.Single((await ListsAsync(s, new DateOnly(2025, 3, 1))).Black);
        Assert.Equal(new CreditListing(F, "重庆江北己化工有限公司", StoredCreditGrade.Poor, 2024, info, new DateOnly(2025, 3, 1), new DateOnly(2028, 3, 1)), black);
        Assert.Equal([G], (await ListsAsync(s, new DateOnly(2025, 3, 1))).Red.Select(r => r.Uscc));
        // Within the longest period (36 months → last day 2028-03-01) it is listed; the day after it is gone without repair.
        Assert.Contains(F, (await ListsAsync(s, new DateOnly(2026, 3, 1))).Black.Select(r => r.Uscc));
        Assert.Contains(F, (await ListsAsync(s, new DateOnly(2028, 3, 1))).Black.Select(r => r.Uscc));
        Assert.Empty((await ListsAsync(s, new DateOnly(2028, 3, 2))).Black);
        Assert.Equal([G], (await ListsAsync(s, new DateOnly(2028, 3, 2))).Red.Select(r => r.Uscc));

        // Repair refused inside the shortest period (12 months, last day 2026-03-01), accepted from 2026-03-02.
        foreach (var day in new[] { Bj(2025, 9, 1), Bj(2026, 2, 28), Bj(2026, 3, 1, 23) })
        {
            clock.Now = day;
            Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.ApplyRepairAsync(F, info, StoredCreditInfoSeverity.Serious, new DateOnly(2025, 3, 1), "已整改", Actor))).Status);
        }
        clock.Now = Bj(2026, 3, 2, 9);
        // The listing's own severity and first day are enforced: 一般 (shorter periods) or a later first day are refused.
        Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.ApplyRepairAsync(F, info, StoredCreditInfoSeverity.General, new DateOnly(2025, 3, 1), "已整改", Actor))).Status);
        Assert.Equal(409, (await Assert.ThrowsAsync<CreditException>(() => s.ApplyRepairAsync(F, info, StoredCreditInfoSeverity.Serious, new DateOnly(2025, 1, 1), "已整改", Actor))).Status);
        Assert.False(await ctx.CreditRepairApplications.AnyAsync(a => a.Uscc == F));
        var app = await s.ApplyRepairAsync(F, info, StoredCreditInfoSeverity.Serious, new DateOnly(2025, 3, 1), "已完成整改并通过验收", Actor);
        clock.Now = Bj(2026, 3, 5);
        await s.FireRepairAsync(app.Id, CreditRepairTrigger.StartReview, null, Actor);
        Assert.Contains(F, (await ListsAsync(s, new DateOnly(2026, 3, 9))).Black.Select(r => r.Uscc)); // under review: still listed
        clock.Now = Bj(2026, 3, 10, 16);
        await s.FireRepairAsync(app.Id, CreditRepairTrigger.Approve, "整改到位", Actor);
        Assert.Contains(F, (await ListsAsync(s, new DateOnly(2026, 3, 9))).Black.Select(r => r.Uscc)); // the day before approval
        Assert.Empty((await ListsAsync(s, new DateOnly(2026, 3, 10))).Black);                          // the day of approval
        Assert.Empty((await ListsAsync(s, new DateOnly(2026, 6, 1))).Black);
        // The grade itself is not changed by the repair (it is the information that is no longer published), and the
        // history is kept for staff.
        Assert.Equal(StoredCreditGrade.Poor, await s.CurrentGradeAsync(F));
        Assert.Equal(["apply", "start_review", "approve"], (await s.RepairHistoryAsync(app.Id)).Select(h => h.Trigger));
    }

    [Fact]
    public async Task A_new_不良_evaluation_after_a_repair_is_new_information_and_listed_again()
    {
        var (store, _) = await db.MigratedAsync();
        const string H = "91500105MA5U0H1H0Z";
        var clock = new Clock(Bj(2025, 3, 1));
        await using var ctx = store.CreateContext();
        var s = new CreditService(ctx, clock);
        var first = await s.AdjustAsync(H, 2024, -50m, "一", Actor);
        clock.Now = Bj(2026, 3, 2);
        var app = await s.ApplyRepairAsync(H, "E" + first.Evaluation.Id, StoredCreditInfoSeverity.Serious, new DateOnly(2025, 3, 1), "已整改", Actor);
        await s.FireRepairAsync(app.Id, CreditRepairTrigger.StartReview, null, Actor);
        await s.FireRepairAsync(app.Id, CreditRepairTrigger.Approve, null, Actor);
        Assert.DoesNotContain(H, (await s.PublicListsAsync(new DateOnly(2026, 3, 2))).Black.Select(r => r.Uscc));
        clock.Now = Bj(2026, 4, 1);
        var again = await s.EvaluateAsync(H, 2025, Actor); // the 2024 adjustment does not count for 2025: 100 → 诚信
        Assert.Equal(StoredCreditGrade.Trustworthy, again.Evaluation.Grade);
        var worse = await s.AdjustAsync(H, 2025, -45m, "二", Actor); // 100 − 45 = 55 → 不良, published 2026-04-01
        var row = Assert.Single((await s.PublicListsAsync(new DateOnly(2026, 4, 1))).Black, r => r.Uscc == H);
        Assert.Equal(("E" + worse.Evaluation.Id, new DateOnly(2026, 4, 1), (DateOnly?)new DateOnly(2029, 4, 1)), (row.InfoRecordId, row.PublishedOn, row.LastDay));
    }

    [Fact]
    public async Task The_latest_evaluation_per_enterprise_and_year_is_the_highest_id()
    {
        var (store, _) = await db.MigratedAsync();
        const string J = "91500105MA5U0J1J01", K = "91500105MA5U0K1K02";
        var clock = new Clock(Bj(2025, 12, 1));
        await using var ctx = store.CreateContext();
        var s = new CreditService(ctx, clock);
        await s.EvaluateAsync(J, 2023, Actor);
        var j2023 = await s.AdjustAsync(J, 2023, -1m, "补录", Actor); // second row of (J, 2023): 99
        var k2024 = await s.EvaluateAsync(K, 2024, Actor);
        var all = (await s.LatestPerEnterpriseAsync()).Where(e => e.Uscc is J or K).ToList();
        Assert.Equal([(K, 2024, k2024.Evaluation.Id, 100m), (J, 2023, j2023.Evaluation.Id, 99m)], all.Select(e => (e.Uscc, e.Year, e.Id, e.Score)));
        Assert.Equal([(J, 99m)], (await s.LatestPerEnterpriseAsync(2023)).Where(e => e.Uscc is J or K).Select(e => (e.Uscc, e.Score)));
    }

    [Fact]
    public async Task Low_transmission_months_and_hazardous_waste_facts_are_read_as_evidence_with_the_caps_of_the_table()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await SmartEnv.Tests.WasteSeed.SeedAsync(store);
        const string R = SmartEnv.Tests.WasteSeed.UsccR; // a 经营单位 (is_business_unit) with storage facility TS001
        var clock = new Clock(Bj(2027, 1, 5));
        await using var ctx = store.CreateContext();
        var outlet = new SmartEnv.Storage.Entities.Site { Code = "CREDIT-R-DA001", NameZh = "丁公司废气排口", Kind = SmartEnv.Storage.Entities.SiteKind.Source, EnterpriseUscc = R, IsPublic = false };
        ctx.Sites.Add(outlet);
        await ctx.SaveChangesAsync();
        void Day(int y, int m, int d, int expected, int received, int valid) => ctx.SourceDayRates.Add(new SmartEnv.Storage.Entities.Sources.SourceDayRate
            { SiteId = outlet.Id, Day = new DateOnly(y, m, d), Expected = expected, Received = received, Valid = valid, RuleVersion = "test" });
        // 有效传输率 = received/expected × valid/received (source-rules.tsv denominators), month = Σ day counts:
        Day(2026, 1, 1, 24, 24, 24); Day(2026, 1, 2, 24, 12, 6); // Σ 48/36/30: 36/48 × 30/36 = 0.625 < 0.75 → evidence
        Day(2026, 3, 1, 24, 24, 18);                             // 18/24 = 0.75, not below the mark → none
        Day(2026, 4, 1, 24, 0, 0);                               // nothing received: 传输率 0 (product undefined) → evidence
        Day(2026, 5, 1, 0, 0, 0);                                // nothing expected (excused) → none
        Day(2025, 12, 1, 24, 6, 6);                              // low, but 2025 → not counted for 2026
        // Containers of R (a 经营单位, limit 365 days): C1 stored 2025-01-10 still stored → age 366 first on 2026-01-11 → counted;
        // C2 stored 2025-01-10, left 2026-01-10 (age 365) → not; C3 stored 2024-12-01 → over on 2025-12-02 (year 2025) → not.
        SmartEnv.Storage.Entities.Waste.WasteContainer Container(string n, DateTimeOffset stored, DateTimeOffset? left) => new()
        {
            Identifier = R + "90024908" + n, IdentifierFormat = "test", Uscc = R, ListVersion = "2021", WasteCode = "900-249-08", Category = "HW08", Name = "废矿物油",
            GeneratedAt = stored, QuantityT = 0.1m, QuantityAsGiven = 100m, UnitAsGiven = "kg", FacilityId = ids.FacilityR,
            State = left is null ? SmartEnv.Storage.Entities.Waste.WasteLedgerStage.Stored : SmartEnv.Storage.Entities.Waste.WasteLedgerStage.Transferred,
            StoredAt = stored, LeftAt = left, CreatedBy = "test", CreatedAt = stored,
        };
        var c1 = Container("C1", Bj(2025, 1, 10), null);
        ctx.WasteContainers.AddRange(c1, Container("C2", Bj(2025, 1, 10), Bj(2026, 1, 10, 15)), Container("C3", Bj(2024, 12, 1), null));
        // Manifests received by R: due 2026-03-10 unconfirmed → counted; confirmed 2026-03-12 for due 03-10 → late, counted;
        // confirmed on the due day → not; due 2026-12-20 unconfirmed → counted.
        SmartEnv.Storage.Entities.Waste.WasteManifest Manifest(string number, DateOnly due, DateTimeOffset? confirmed) => new()
        {
            Number = number, Kind = "hazardous", State = confirmed is null ? "arrived" : "accepted", GeneratorUscc = SmartEnv.Tests.WasteSeed.UsccA, GeneratorName = "甲",
            CarrierUscc = SmartEnv.Tests.WasteSeed.UsccC, CarrierName = "丙", ReceiverUscc = R, ReceiverName = "丁", FromFacilityId = ids.FacilityA, ToFacilityId = ids.FacilityR,
            ReceiptDue = due, ConfirmedAt = confirmed, CreatedBy = "test", CreatedAt = Bj(2026, 1, 1),
        };
        ctx.WasteManifests.AddRange(Manifest("50010526000001", new DateOnly(2026, 3, 10), null), Manifest("50010526000002", new DateOnly(2026, 3, 10), Bj(2026, 3, 12)),
            Manifest("50010526000003", new DateOnly(2026, 3, 10), Bj(2026, 3, 10, 23)), Manifest("50010526000004", new DateOnly(2026, 12, 20), null));
        await ctx.SaveChangesAsync();

        var s = new CreditService(ctx, clock);
        var e = await s.EvaluateAsync(R, 2026, Actor);
        // pollution.transmission 2 × 1 = 2 (cap 5); pollution.hazardous_waste 4 × 1.5 = 6 → cap 5; 100 − 2 − 5 = 93 → 良好.
        Assert.Equal((7m, 93m, StoredCreditGrade.Good), (e.Evaluation.DeductionTotal, e.Evaluation.Score, e.Evaluation.Grade));
        Assert.Equal([("pollution.transmission", 2, 2m, 2m), ("pollution.hazardous_waste", 4, 6m, 5m)], e.Lines.Select(l => (l.ItemCode, l.Occurrences, l.Uncapped, l.Points)));
        Assert.Equal([("CREDIT-R-DA001/2026-01", StoredCreditEvidenceKind.TransmissionRate), ("CREDIT-R-DA001/2026-04", StoredCreditEvidenceKind.TransmissionRate)],
            e.Lines[0].Evidence.Select(x => (x.RecordId, x.Kind)));
        Assert.Equal(["C" + c1.Id, "50010526000001", "50010526000002", "50010526000004"], e.Lines[1].Evidence.Select(x => x.RecordId));
        Assert.All(e.Lines[1].Evidence, x => Assert.Equal(StoredCreditEvidenceKind.HwNoncompliance, x.Kind));
    }
}

public sealed class SqliteCreditListsTests(SqliteTestDatabase db) : CreditListsTests<SqliteTestDatabase>(db);

public sealed class PostgresCreditListsTests(PostgresTestDatabase db) : CreditListsTests<PostgresTestDatabase>(db);
