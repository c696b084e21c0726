using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Tests;
using SmartEnv.Waste.Medical;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <see cref="MedicalWasteService"/> on a real engine: what it refuses (with the field), the category → list code, the
/// annual report by category, and that every change is in the audit chain. The two tests share the class's database, so
/// they count what they add.
/// </summary>
public abstract class MedicalWasteServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private static DateTimeOffset Bj(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = AuditActor.System("test");

    private static HandoverInput In(DateTimeOffset at, string category = "infectious", decimal kg = 1m, string facility = "ZC001") =>
        new(facility, at, category, kg, 1, "外科", "张护士", "李工");

    [Fact]
    public async Task Refusals_name_the_field_and_store_nothing()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        var s = new MedicalWasteService(ctx, TimeProvider.System);
        var past = Bj(2026, 2, 1, 9);
        var handovers0 = await ctx.MedicalWasteHandovers.CountAsync();
        var collections0 = await ctx.MedicalWasteCollections.CountAsync();
        // A is a generator, not a medical institution: a conflict.
        var notMedical = await Assert.ThrowsAsync<MedicalWasteException>(() => s.RecordHandoverAsync(WasteSeed.UsccA, In(past, facility: "TS001"), Actor));
        Assert.True(notMedical.Conflict);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => s.RecordHandoverAsync("91500105MA5U0X0000", In(past), Actor));
        foreach (var (input, field) in new[]
                 {
                     (In(past, category: "生活垃圾"), "category"),
                     (In(past, kg: 0m), "weight_kg"),
                     (In(past, kg: 1.2345m), "weight_kg"),
                     (In(past, facility: "ZC999"), "facility"),
                     (In(DateTimeOffset.UtcNow.AddHours(1)), "at"),
                     (In(past) with { Packages = 0 }, "packages"),
                     (In(past) with { Department = " " }, "department"),
                 })
        {
            var ex = await Assert.ThrowsAsync<MedicalWasteException>(() => s.RecordHandoverAsync(WasteSeed.UsccH, input, Actor));
            Assert.True(ex.Errors.ContainsKey(field), $"{field}: {ex.Message}");
        }
        Assert.Equal(handovers0, await ctx.MedicalWasteHandovers.CountAsync());

        var h = await s.RecordHandoverAsync(WasteSeed.UsccH, In(past, category: "药物性废物", kg: 2.5m), Actor);
        Assert.Equal(("pharmaceutical", "841-005-01"), (h.Category, h.WasteCode));
        // Collections: an unknown collector, a handover stored after the collection, a bad manifest number; then a second
        // collection of the same handover is a conflict.
        var c = (CollectionInput x) => s.RecordCollectionAsync(WasteSeed.UsccH, x, Actor);
        Assert.True((await Assert.ThrowsAsync<MedicalWasteException>(() => c(new("ZC001", "91500105MA5U0X0000", past.AddHours(1), [h.Id], null, null)))).Errors.ContainsKey("collector_uscc"));
        Assert.True((await Assert.ThrowsAsync<MedicalWasteException>(() => c(new("ZC001", WasteSeed.UsccD, past.AddHours(-1), [h.Id], null, null)))).Errors.ContainsKey("at"));
        Assert.True((await Assert.ThrowsAsync<MedicalWasteException>(() => c(new("ZC001", WasteSeed.UsccD, past.AddHours(1), [h.Id], null, "2025500100012")))).Errors.ContainsKey("manifest_number"));
        Assert.True((await Assert.ThrowsAsync<MedicalWasteException>(() => c(new("ZC001", WasteSeed.UsccD, past.AddHours(1), [], null, null)))).Errors.ContainsKey("handover_ids"));
        var first = await c(new("ZC001", WasteSeed.UsccD, past.AddHours(1), [h.Id], null, null));
        Assert.Equal(2.5m, first.WeightKg); // the handovers' sum when not weighed
        Assert.True((await Assert.ThrowsAsync<MedicalWasteException>(() => c(new("ZC001", WasteSeed.UsccD, past.AddHours(2), [h.Id], null, null)))).Conflict);
        Assert.Equal(collections0 + 1, await ctx.MedicalWasteCollections.CountAsync());
    }

    [Fact]
    public async Task The_annual_report_sums_by_category_and_every_change_is_in_the_audit_chain()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        await using var ctx = store.CreateContext();
        var s = new MedicalWasteService(ctx, TimeProvider.System);
        var audit0 = await ctx.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        var a = await s.RecordHandoverAsync(WasteSeed.UsccH, In(Bj(2025, 5, 1, 9), "infectious", 10.5m) with { Packages = 3 }, Actor);
        var b = await s.RecordHandoverAsync(WasteSeed.UsccH, In(Bj(2025, 5, 2, 9), "infectious", 4.25m), Actor);
        await s.RecordHandoverAsync(WasteSeed.UsccH, In(Bj(2025, 5, 2, 10), "sharps", 1.75m), Actor);
        await s.RecordCollectionAsync(WasteSeed.UsccH, new("ZC001", WasteSeed.UsccD, Bj(2025, 5, 3, 9), [a.Id, b.Id], 14.8m, null), Actor);

        // By hand: infectious 10.5 + 4.25 = 14.75 kg in 4 packages; sharps 1.75 kg; total 16.5 kg; centrally disposed 14.75 kg
        // (the collection's own weighing, 14.8 kg, is not what #17 counts: the handover weights are).
        var r = await s.SubmitReportAsync(WasteSeed.UsccH, 2025, "年度申报", Actor);
        Assert.Equal((16.5m, 14.75m, 3), (r.GeneratedKg, r.CentrallyDisposedKg, r.Handovers));
        Assert.Equal((14.75m, 4), (r.ByCategory.Single(x => x.Category == "infectious").Kg, r.ByCategory.Single(x => x.Category == "infectious").Packages));
        Assert.Equal(1.75m, r.ByCategory.Single(x => x.Category == "sharps").Kg);
        Assert.Equal(0m, r.ByCategory.Single(x => x.Category == "chemical").Kg);
        Assert.Equal(5, r.ByCategory.Count);
        Assert.Equal((16.5m, "年度申报"), (r.SubmittedGeneratedKg, r.Note));
        // The current year cannot be submitted.
        await Assert.ThrowsAsync<MedicalWasteException>(() => s.SubmitReportAsync(WasteSeed.UsccH, BeijingTime.Today(TimeProvider.System).Year, null, Actor));

        var actions = await ctx.AuditEntries.AsNoTracking().Where(e => e.Id > audit0 && e.Action.StartsWith("mw.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(["mw.handover.record", "mw.handover.record", "mw.handover.record", "mw.collection.record", "mw.report.submit"], actions);
        Assert.All(actions, x => Assert.Contains(x, AuditActions.Known));
        Assert.True((await AuditVerifier.VerifyAsync(ctx)).Intact);
    }
}

public sealed class SqliteMedicalWasteServiceTests(SqliteTestDatabase db) : MedicalWasteServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresMedicalWasteServiceTests(PostgresTestDatabase db) : MedicalWasteServiceTests<PostgresTestDatabase>(db);
