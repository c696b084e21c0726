using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage.Audit;
using SmartEnv.Tests;
using SmartEnv.Waste.Generators;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// Migration <c>WasteDeclarations</c> (issue 17 P5) through <see cref="GeneratorService"/> on both engines: the class from
/// annual figures (HJ 1259 §4.2.3, hand-worked), the staff override with its reason, plans and declarations with due /
/// overdue / submitted, audit entries for every change, and the enterprise scope on the new tables. Clock 2026-02-16
/// 10:00 Beijing: the January 2026 monthly declaration was due 2026-02-15, so it is overdue; the 2026 plan (03-31) is due.
/// </summary>
public abstract class WasteGeneratorStoreTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly TimeProvider Time = new Clock(new DateTimeOffset(2026, 2, 16, 2, 0, 0, TimeSpan.Zero));
    private static readonly AuditActor Staff = new(AuditActorKind.User, "staff1");
    private static readonly JsonElement Empty = JsonDocument.Parse("{}").RootElement;

    private async Task<SmartEnvStore> StoreAsync()
    {
        var (store, _) = await db.MigratedAsync();
        await SourceSeed.SeedAsync(store);
        return store;
    }

    private static Task<int> AuditCountAsync(SmartEnvDbContext ctx, string action, string target) =>
        ctx.AuditEntries.CountAsync(e => e.Action == action && e.TargetId == target);

    [Fact]
    public async Task The_class_comes_from_the_last_three_years_and_is_stored_and_audited_once()
    {
        var store = await StoreAsync();
        await using var ctx = store.CreateContext();
        var s = new GeneratorService(ctx, Time);
        // B, class year 2030: 2026 150 t is four years back; 2027 12 t, 2028 8 t, 2029 9 t → max 12 t → simplified.
        foreach (var (y, t) in new[] { (2026, 150m), (2027, 12m), (2028, 8m), (2029, 9m) })
            await s.RecordAnnualAsync(SourceSeed.UsccB, y, t, "reported", Staff);
        var shown = await s.GetClassAsync(SourceSeed.UsccB, 2030);
        Assert.Equal(("simplified", 12m, "three_year_max", false), (shown.Class, shown.BasisTonnes, shown.Basis, shown.Stored));
        var stored = await s.ComputeClassAsync(SourceSeed.UsccB, 2030, Staff);
        Assert.True(stored.Stored);
        Assert.Equal("危险废物简化管理单位", stored.ClassZh);
        await s.ComputeClassAsync(SourceSeed.UsccB, 2030, Staff); // unchanged: no second entry
        Assert.Equal(1, await AuditCountAsync(ctx, GeneratorService.ActionClassCompute, SourceSeed.UsccB + "/2030"));
        Assert.Equal(4, await ctx.AuditEntries.CountAsync(e => e.Action == GeneratorService.ActionAnnualRecord && e.TargetId!.StartsWith(SourceSeed.UsccB)));
        // 2029 becomes 100 t: the recompute moves B to key and is audited again.
        await s.RecordAnnualAsync(SourceSeed.UsccB, 2029, 100m, "reported", Staff);
        Assert.Equal("key", (await s.ComputeClassAsync(SourceSeed.UsccB, 2030, Staff)).Class);
        Assert.Equal(2, await AuditCountAsync(ctx, GeneratorService.ActionClassCompute, SourceSeed.UsccB + "/2030"));
    }

    [Fact]
    public async Task The_bureau_overrides_with_a_reason_and_another_enterprise_sees_nothing()
    {
        var store = await StoreAsync();
        await using (var ctx = store.CreateContext())
        {
            var s = new GeneratorService(ctx, Time);
            var ex = await Assert.ThrowsAsync<GeneratorException>(() => s.OverrideClassAsync(SourceSeed.UsccA, 2031, "key", " ", Staff));
            Assert.Equal("reason", ex.Field);
            await Assert.ThrowsAsync<GeneratorException>(() => s.OverrideClassAsync(SourceSeed.UsccA, 2031, "major", "x", Staff));
            var v = await s.OverrideClassAsync(SourceSeed.UsccA, 2031, "key", "现场检查发现自建焚烧设施", Staff);
            Assert.Equal(("key", "registration", "现场检查发现自建焚烧设施", "staff1"), (v.Class, v.Computed, v.OverrideReason, v.OverrideBy));
            var entry = await ctx.AuditEntries.SingleAsync(e => e.Action == GeneratorService.ActionClassOverride && e.TargetId == SourceSeed.UsccA + "/2031");
            Assert.Equal("现场检查发现自建焚烧设施", entry.Reason);
        }
        await using var b = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccB]));
        Assert.Equal(0, await b.WasteClasses.CountAsync(c => c.Uscc == SourceSeed.UsccA));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => new GeneratorService(b, Time).GetClassAsync(SourceSeed.UsccA, 2031));
        await using var pub = store.CreateContext(DataScope.Public);
        Assert.Equal((0, 0, 0, 0, 0), (await pub.WasteClasses.CountAsync(), await pub.WasteAnnualGenerations.CountAsync(), await pub.WasteManagementPlans.CountAsync(),
            await pub.WasteDeclarations.CountAsync(), await pub.WasteReconciliations.CountAsync()));
    }

    [Fact]
    public async Task Plans_and_declarations_are_due_overdue_and_submitted_by_the_class_schedule()
    {
        var store = await StoreAsync();
        await using var ctx = store.CreateContext();
        var s = new GeneratorService(ctx, Time);
        await s.OverrideClassAsync(SourceSeed.UsccA, 2026, "key", "重点监管名录", Staff);
        var filings = await s.FilingsAsync(SourceSeed.UsccA, 2026);
        Assert.Equal(14, filings.Count);
        var jan = filings.Single(f => f.Period == "2026-01");
        Assert.Equal((new DateOnly(2026, 2, 15), "overdue"), (jan.DueOn, jan.Status));
        Assert.Equal("due", filings.Single(f => f.Kind == "plan").Status);

        // Not owed by a key unit; period not over; then January late, the plan on time, a second January is a conflict.
        Assert.Equal("period", (await Assert.ThrowsAsync<GeneratorException>(() => s.SubmitDeclarationAsync(SourceSeed.UsccA, "quarterly", "2026-Q1", Empty, Staff))).Field);
        await Assert.ThrowsAsync<GeneratorException>(() => s.SubmitDeclarationAsync(SourceSeed.UsccA, "monthly", "2026-02", Empty, Staff));
        var late = await s.SubmitDeclarationAsync(SourceSeed.UsccA, "monthly", "2026-01", JsonDocument.Parse("{\"generated_t\":1.5}").RootElement, Staff);
        Assert.Equal("submitted_late", late.Status);
        Assert.True((await Assert.ThrowsAsync<GeneratorException>(() => s.SubmitDeclarationAsync(SourceSeed.UsccA, "monthly", "2026-01", Empty, Staff))).Conflict);
        var plan = await s.SubmitPlanAsync(SourceSeed.UsccA, 2026, Empty, Staff);
        Assert.Equal(("submitted", "HWP-2026-" + SourceSeed.UsccA), (plan.Status, plan.FilingNumber));
        Assert.True((await Assert.ThrowsAsync<GeneratorException>(() => s.SubmitPlanAsync(SourceSeed.UsccA, 2026, Empty, Staff))).Conflict);
        Assert.Equal(1, await AuditCountAsync(ctx, GeneratorService.ActionDeclarationSubmit, SourceSeed.UsccA + "/monthly/2026-01"));
        Assert.Equal(1, await AuditCountAsync(ctx, GeneratorService.ActionPlanSubmit, SourceSeed.UsccA + "/plan/2026"));

        // Staff lists (A's rows only; other tests add other enterprises): 2025 had no override → registration for A
        // (no figures): its 2025 plan (due 2025-03-31) is overdue, its 2025 annual (due 2026-03-31) is due.
        var overdue = (await s.StaffListAsync("overdue")).Where(f => f.Uscc == SourceSeed.UsccA).Select(f => (f.Kind, f.Period)).ToList();
        Assert.Equal([("plan", "2025")], overdue);
        var due = (await s.StaffListAsync("due")).Where(f => f.Uscc == SourceSeed.UsccA).Select(f => (f.Kind, f.Period)).ToList();
        Assert.Equal([("annual", "2025")], due);
        var submitted = (await s.StaffListAsync("submitted")).Where(f => f.Uscc == SourceSeed.UsccA).Select(f => (f.Kind, f.Period)).ToList();
        Assert.Equal([("monthly", "2026-01"), ("plan", "2026")], submitted);
    }
}

public sealed class SqliteWasteGeneratorStoreTests(SqliteTestDatabase db) : WasteGeneratorStoreTests<SqliteTestDatabase>(db);

public sealed class PostgresWasteGeneratorStoreTests(PostgresTestDatabase db) : WasteGeneratorStoreTests<PostgresTestDatabase>(db);
