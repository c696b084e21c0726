using Microsoft.EntityFrameworkCore;
using SmartEnv.Complaints.Signals;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="ComplaintSignals"/> on both engines (issue 18 P7: "a verified complaint against an enterprise appears on its
/// 一企一档 and counts for the inspection and credit modules") over hand-made cases of 2025 written through the EF model,
/// each named after what it tests (period 2025-01-01 … 2025-12-31, enterprise A = <see cref="SourceSeed.UsccA"/>):
/// <list type="table">
/// <item><term>TS202501010001</term><description>A, 部分属实, first day of the period (inclusive) — counted</description></item>
/// <item><term>TS202503100001</term><description>A, 属实, replied 2025-04-01 — counted</description></item>
/// <item><term>TS202504010001</term><description>A, 不属实 — not verified</description></item>
/// <item><term>TS202504020001</term><description>A, accepted, no finding yet — not verified</description></item>
/// <item><term>TS202504150001</term><description>B, 属实 — another enterprise</description></item>
/// <item><term>TS202506010001</term><description>A, 属实, merged into TS202503100001 — the matter counts once</description></item>
/// <item><term>TS202512310001</term><description>A, 属实, last day of the period (inclusive) — counted</description></item>
/// <item><term>TS202412310001</term><description>A, 属实, the day before the period — out</description></item>
/// <item><term>TS202601010001</term><description>A, 属实, the day after the period — out</description></item>
/// </list>
/// Registration instants are 23:30 Beijing, so the stored UTC instant falls on the previous UTC day 15:30: the period is
/// counted on the Beijing date, and a UTC-date mistake would move every case a day.
/// </summary>
public abstract class ComplaintSignalsTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static DateTimeOffset Bj(int y, int mo, int d, int h, int mi = 0) => new DateTimeOffset(y, mo, d, h, mi, 0, BeijingTime.Offset).ToUniversalTime();

    private static Complaint Case(string number, string? uscc, StoredVerification? verification, params string[] types)
    {
        var day = DateOnly.ParseExact(number[2..10], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var at = Bj(day.Year, day.Month, day.Day, 23, 30);
        var c = new Complaint
        {
            Number = number, Channel = StoredComplaintChannel.Phone, State = verification is null ? StoredComplaintState.Accepted : StoredComplaintState.Handling,
            Urgency = StoredComplaintUrgency.None, RegisteredAt = at, RegisteredOn = day, Content = "化工厂夜间异味（信号测试）", CreatedBy = "signals-test",
            QueryCodeHash = "x", QueryCodeSalt = "x", AcceptanceDue = day.AddDays(15), ReportedUscc = uscc, ReportedName = uscc is null ? null : "某单位",
            AcceptedAt = at.AddHours(1), AcceptedBy = "signals-test", HandlingDue = day.AddDays(75), Verification = verification,
            CheckedAt = verification is null ? null : at.AddDays(10), UpdatedAt = at,
        };
        foreach (var t in types) c.Types.Add(new ComplaintType { Code = t });
        return c;
    }

    private static async Task SeedAsync(SmartEnvStore store)
    {
        await SourceSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        if (await ctx.Complaints.AnyAsync(c => c.Number == "TS202503100001")) return;
        var a = SourceSeed.UsccA;
        var main = Case("TS202503100001", a, StoredVerification.True, "air.odour", "air");
        main.State = StoredComplaintState.Replied;
        main.RepliedAt = Bj(2025, 4, 1, 10);
        main.Reply = "经核查属实，已责令整改。";
        ctx.Complaints.AddRange(
            Case("TS202501010001", a, StoredVerification.PartlyTrue, "noise", "noise.industrial"),
            main,
            Case("TS202504010001", a, StoredVerification.False, "water"),
            Case("TS202504020001", a, null, "air"),
            Case("TS202504150001", SourceSeed.UsccB, StoredVerification.True, "air"),
            Case("TS202512310001", a, StoredVerification.True, "solid_waste"),
            Case("TS202412310001", a, StoredVerification.True, "air"),
            Case("TS202601010001", a, StoredVerification.True, "air"));
        await ctx.SaveChangesAsync();
        var merged = Case("TS202506010001", a, StoredVerification.True, "air", "air.odour");
        merged.State = StoredComplaintState.Merged;
        merged.MergedIntoId = main.Id;
        merged.LinkedNumber = main.Number;
        ctx.Complaints.Add(merged);
        // Reporters exist (the signals must not need them, and carry none of their data).
        await ctx.SaveChangesAsync();
        ctx.ComplaintReporters.Add(new ComplaintReporter { ComplaintId = main.Id, Name = "信号测试举报人", Phone = "13912345678", WantsReply = true });
        await ctx.SaveChangesAsync();
    }

    [Fact]
    public async Task Verified_cases_against_A_in_the_period_are_the_true_and_partly_true_ones_once_each()
    {
        var (store, _) = await db.MigratedAsync();
        await SeedAsync(store);
        await using var ctx = store.CreateContext();
        var from = new DateOnly(2025, 1, 1);
        var to = new DateOnly(2025, 12, 31);
        var rows = await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccA, from, to);
        // Hand list: 0101 (部分属实, first day), 0310 (属实), 1231 (属实, last day) = 3; not 0401 (不属实), 0402 (no finding),
        // 0415 (B), 0601 (merged into 0310), 20241231 and 20260101 (outside).
        Assert.Equal(["TS202501010001", "TS202503100001", "TS202512310001"], rows.Select(r => r.Number));
        Assert.Equal([Verification.PartlyTrue, Verification.True, Verification.True], rows.Select(r => r.Verification));
        var main = rows[1];
        Assert.Equal(new DateOnly(2025, 3, 10), main.RegisteredOn);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 15, 30, 0, TimeSpan.Zero), main.RegisteredAt); // 23:30 Beijing = 15:30 UTC
        Assert.Equal(["air", "air.odour"], main.Types);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 2, 0, 0, TimeSpan.Zero), main.RepliedAt); // 10:00 Beijing
        Assert.Equal(new DateTimeOffset(2025, 3, 20, 15, 30, 0, TimeSpan.Zero), main.CheckedAt);
        Assert.Equal("replied", main.State);
        Assert.Null(rows[0].RepliedAt);
        Assert.Equal("handling", rows[0].State);
        Assert.Equal(["noise", "noise.industrial"], rows[0].Types);

        // The record has no member that could carry reporter data (name, phone, e-mail, content, address).
        var members = typeof(VerifiedComplaint).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["CheckedAt", "Number", "RegisteredAt", "RegisteredOn", "RepliedAt", "State", "Types", "Verification"], members);

        // A lower-case code with spaces names the same enterprise; B has its own one case; the period narrowed to one day.
        Assert.Equal(3, (await ComplaintSignals.VerifiedAgainstAsync(ctx, " " + SourceSeed.UsccA.ToLowerInvariant() + " ", from, to)).Count);
        Assert.Equal(["TS202504150001"], (await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccB, from, to)).Select(r => r.Number));
        Assert.Equal(["TS202512310001"], (await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccA, to, to)).Select(r => r.Number));
        Assert.Empty(await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccA, to, from)); // reversed period
        // Widened by a day on each side: the two outside cases join (3 + 2 = 5).
        Assert.Equal(5, (await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccA, from.AddDays(-1), to.AddDays(1))).Count);
    }

    [Fact]
    public async Task Counts_name_every_case_and_verify_each_matter_once()
    {
        var (store, _) = await db.MigratedAsync();
        await SeedAsync(store);
        await using var ctx = store.CreateContext();
        // In 2025, A is named by 0101, 0310, 0401, 0402, 0601 (merged), 1231 = 6; verified 0101, 0310, 1231 = 3.
        Assert.Equal(new ComplaintCounts(6, 3), await ComplaintSignals.CountAgainstAsync(ctx, SourceSeed.UsccA, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        // Unbounded: + 20241231 and 20260101, both 属实 → 8 named, 5 verified.
        Assert.Equal(new ComplaintCounts(8, 5), await ComplaintSignals.CountAgainstAsync(ctx, SourceSeed.UsccA, null, null));
        Assert.Equal(new ComplaintCounts(1, 1), await ComplaintSignals.CountAgainstAsync(ctx, SourceSeed.UsccB, null, null));
        Assert.Equal(new ComplaintCounts(0, 0), await ComplaintSignals.CountAgainstAsync(ctx, "91500105MA5U0ZZZ00", null, null));
    }

    [Fact]
    public async Task Through_an_enterprise_or_public_scope_there_is_nothing()
    {
        var (store, _) = await db.MigratedAsync();
        await SeedAsync(store);
        foreach (var scope in new[] { DataScope.ForEnterprises([SourceSeed.UsccA]), DataScope.Public })
        {
            await using var ctx = store.CreateContext(scope);
            Assert.Empty(await ComplaintSignals.VerifiedAgainstAsync(ctx, SourceSeed.UsccA, DateOnly.MinValue, DateOnly.MaxValue));
            Assert.Equal(new ComplaintCounts(0, 0), await ComplaintSignals.CountAgainstAsync(ctx, SourceSeed.UsccA, null, null));
        }
    }
}

public sealed class SqliteComplaintSignalsTests(SqliteTestDatabase db) : ComplaintSignalsTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintSignalsTests(PostgresTestDatabase db) : ComplaintSignalsTests<PostgresTestDatabase>(db);
