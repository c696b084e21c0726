using Microsoft.EntityFrameworkCore;
using SmartEnv.Alerts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities;
using SmartEnv.Supervision.Waste.Manifests;
using SmartEnv.Tests;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="ManifestService"/> on both engines over <see cref="WasteSeed"/> (generator A, carrier C, receiver R, hospital
/// H, medical disposal unit D). Each test works in its own year so that the per-city serials are known by hand (the first
/// manifest of year Y in city 5001 is <c>Y5001000001</c>). Deadlines are counted by hand in ManifestDeadlinesTests (the
/// pure rule); here the stored <c>receipt_due</c>, the overdue list and alert rule 8 follow the clock across the same
/// Friday-before-National-Day 2024 case, and rule 9 follows a recorded discrepancy. Clock times are Beijing (+08:00).
/// </summary>
public abstract class ManifestServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Actor = new(AuditActorKind.User, "manifest-test");

    private static ManifestLineInput Oil(decimal t) => new("900-249-08", "废矿物油", null, "液态", "铁桶", 10, t);

    private static ManifestDraftInput Lines(params ManifestLineInput[] lines) =>
        new(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", null, null, lines);

    [Fact]
    public async Task Friday_arrival_before_national_day_is_overdue_on_11_October_and_raises_rule_8_until_confirmed()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2024, 9, 20));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await s.DraftAsync(WasteSeed.UsccA, new ManifestDraftInput(null, WasteSeed.UsccC, WasteSeed.UsccR, "TS001", "TS001", [WasteSeed.ContainerIdentifierA], null), Actor);
        Assert.Equal("20245001000001", m.Number);
        Assert.Equal(("draft", 1), (m.State, m.Version));
        var line = Assert.Single(m.Lines);
        Assert.Equal(("900-249-08", "HW08", "废矿物油", "T，I", 1, 0.18m), (line.WasteCode, line.Category, line.Name, line.Hazard, line.PackageCount, line.QuantityT));
        Assert.Equal(m.Number, await ctx.WasteContainers.Where(c => c.Identifier == WasteSeed.ContainerIdentifierA).Select(c => c.ManifestNumber).SingleAsync());

        await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
        clock.Now = Bj(2024, 9, 26, 9);
        await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), Actor);
        clock.Now = Bj(2024, 9, 27, 16);
        m = await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.Arrive, new(At: Bj(2024, 9, 27, 15)), Actor);
        Assert.Equal(("arrived", WasteSeed.TransportLicenceC), (m.State, m.TransportLicence));
        Assert.Equal(new DateOnly(2024, 10, 10), m.ReceiptDue); // hand count: Sun 29, Mon 30, Tue 8, Wed 9, Thu 10

        var scanner = new AlertScanner(store, new AlertOptions(), clock);
        clock.Now = Bj(2024, 10, 10, 23, 59);
        Assert.DoesNotContain(await s.ListAllAsync(overdue: true), x => x.Number == m.Number);
        await scanner.ScanAsync();
        Assert.False(await ctx.Alerts.AnyAsync(a => a.Rule == AlertRule.ManifestReceiptOverdue));

        clock.Now = Bj(2024, 10, 11, 0, 0);
        Assert.Contains(await s.ListAllAsync(overdue: true), x => x.Number == m.Number && x.ReceiptOverdue);
        await scanner.ScanAsync();
        var receiverSite = await ctx.WasteFacilities.Where(f => f.Id == ids.FacilityR).Select(f => f.SiteId).SingleAsync();
        var alert = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.ManifestReceiptOverdue);
        Assert.Equal((receiverSite, m.Number, 1m, (DateTimeOffset?)null), (alert.SiteId, alert.Detail, alert.PeakValue, alert.ConditionClearedAt));
        Assert.Equal(Bj(2024, 10, 11, 0, 0).ToUniversalTime(), alert.OpenedAt);
        Assert.Contains("联单超期未确认", alert.MessageZh);

        clock.Now = Bj(2024, 10, 11, 9);
        await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(), Actor)); // received quantity required
        Assert.Null(await ctx.WasteManifests.Where(x => x.Number == m.Number).Select(x => x.ConfirmedAt).SingleAsync()); // nothing of the refusal kept
        Assert.Null(ctx.WasteManifests.Local.Single(x => x.Number == m.Number).ConfirmedAt);
        m = await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 0.18m, "D10")]), Actor);
        Assert.Equal(("accepted", 0.18m, "D10"), (m.State, m.Lines[0].ReceivedT, m.Lines[0].Method));
        Assert.Empty(m.Discrepancies);
        await scanner.ScanAsync();
        alert = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.ManifestReceiptOverdue);
        Assert.Equal(Bj(2024, 10, 11, 9).ToUniversalTime(), alert.ConditionClearedAt);
        Assert.False(await ctx.Alerts.AnyAsync(a => a.Rule == AlertRule.ManifestDiscrepancy && a.Detail!.StartsWith(m.Number)));

        // Every transition is an event and an audit entry, and the chain is intact.
        var events = await s.EventsAsync(m.Number, WasteSeed.UsccA);
        Assert.Equal(["draft", "submit", "pick_up", "arrive", "accept"], events!.Select(e => e.Trigger));
        Assert.Equal(["generator", "generator", "carrier", "carrier", "receiver"], events!.Select(e => e.PartyRole));
        var audited = await ctx.AuditEntries.Where(e => e.TargetType == "manifest" && e.TargetId == m.Number).OrderBy(e => e.Seq).Select(e => e.Action).ToListAsync();
        Assert.Equal(["manifest.draft", "manifest.submit", "manifest.pick_up", "manifest.arrive", "manifest.accept"], audited);
        Assert.True((await AuditVerifier.VerifyAsync(ctx)).Intact);
    }

    [Fact]
    public async Task Each_party_fires_only_its_section_and_a_correction_after_signing_is_a_new_version()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2025, 3, 3));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await s.DraftAsync(WasteSeed.UsccA, Lines(Oil(2m)), Actor);
        Assert.Equal("20255001000001", m.Number);
        Assert.Equal("20255001000002", (await s.DraftAsync(WasteSeed.UsccA, Lines(Oil(1m)), Actor)).Number);

        Assert.Equal(403, (await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.Submit, new(), Actor))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(m.Number, SourceSeed.UsccB, ManifestTrigger.Submit, new(), Actor))).Status);
        await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
        Assert.Equal(403, (await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 2m, null)]), Actor))).Status);
        Assert.Equal(400, (await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Correct, new(Lines: [Oil(2.5m)]), Actor))).Status); // no reason

        m = await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Correct, new(Reason: "复磅后重量更正", Lines: [Oil(2.5m)]), Actor);
        Assert.Equal(("submitted", 2, 2.5m), (m.State, m.Version, m.Lines.Single().QuantityT));
        var versions = await s.VersionsAsync(m.Number, WasteSeed.UsccR);
        Assert.Equal([(1, false, "复磅后重量更正"), (2, true, (string?)null)], versions!.Select(v => (v.Version, v.Current, v.Reason)));
        Assert.Contains("\"quantityT\":2", System.Text.Json.JsonSerializer.Serialize(versions![0].Snapshot));
        Assert.Equal(2, await ctx.WasteManifestLines.CountAsync(l => ctx.WasteManifests.Any(x => x.Number == m.Number && x.Id == l.ManifestId))); // v1 line kept

        // Scope: the carrier and the receiver see it, B sees nothing.
        await using (var c = store.CreateContext(DataScope.ForEnterprises([WasteSeed.UsccC])))
            Assert.NotNull(await new ManifestService(c, clock).GetAsync(m.Number, WasteSeed.UsccC));
        await using (var b = store.CreateContext(DataScope.ForEnterprises([SourceSeed.UsccB])))
        {
            Assert.Null(await new ManifestService(b, clock).GetAsync(m.Number, null));
            Assert.Equal(0, await b.WasteManifestLines.CountAsync());
            Assert.Equal(0, await b.WasteManifestEvents.CountAsync());
        }
    }

    [Fact]
    public async Task A_discrepancy_beyond_the_tolerance_raises_rule_9_at_the_generator_and_one_within_does_not()
    {
        var (store, _) = await db.MigratedAsync();
        var ids = await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2023, 6, 5));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        async Task<string> ArrivedAsync()
        {
            var m = await s.DraftAsync(WasteSeed.UsccA, Lines(Oil(2m)), Actor);
            await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.Submit, new(), Actor);
            await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.PickUp, new(Vehicle: "渝A12345"), Actor);
            await s.FireAsync(m.Number, WasteSeed.UsccC, ManifestTrigger.Arrive, new(), Actor);
            return m.Number;
        }
        var within = await ArrivedAsync();
        var beyond = await ArrivedAsync();
        var w = await s.FireAsync(within, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1.98m, null)]), Actor); // 1 % of 2 t = 0.02 t: within
        Assert.Empty(w.Discrepancies);
        await Assert.ThrowsAsync<ManifestException>(() => s.FireAsync(beyond, WasteSeed.UsccR, ManifestTrigger.AcceptPartially, new(Received: [new(1, 1.96m, null)]), Actor)); // note required
        var b = await s.FireAsync(beyond, WasteSeed.UsccR, ManifestTrigger.AcceptPartially,
            new(Received: [new(1, 1.96m, null)], Declared: ManifestDiscrepancy.Packaging, Note: "两桶破损，少 40 kg"), Actor);
        Assert.Equal(["quantity", "packaging"], b.Discrepancies);

        clock.Now = Bj(2023, 6, 5, 11);
        await new AlertScanner(store, new AlertOptions(), clock).ScanAsync();
        var alert = await ctx.Alerts.AsNoTracking().SingleAsync(a => a.Rule == AlertRule.ManifestDiscrepancy);
        Assert.Equal((ids.FacilitySiteA, beyond + ":quantity,packaging,partial"), (alert.SiteId, alert.Detail));
        Assert.Contains("数量、包装、部分接受", alert.MessageZh);
        await new AlertScanner(store, new AlertOptions(), clock).ScanAsync(); // again: nothing new
        Assert.Equal(1, await ctx.Alerts.CountAsync(a => a.Rule == AlertRule.ManifestDiscrepancy));
    }

    [Fact]
    public async Task Paper_first_is_back_filled_within_ten_working_days_and_a_medical_manifest_carries_HW01_only()
    {
        var (store, _) = await db.MigratedAsync();
        await WasteSeed.SeedAsync(store);
        var clock = new Clock(Bj(2022, 9, 30, 17));
        await using var ctx = store.CreateContext();
        var s = new ManifestService(ctx, clock);
        var m = await s.DraftAsync(WasteSeed.UsccA, Lines(Oil(1m)), Actor);
        m = await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.RecordPaper, new(PaperTransferredOn: new DateOnly(2022, 9, 30)), Actor);
        // 2022 National Day: 10-01…10-07 holiday, Sat 10-08 and Sun 10-09 worked. Hand count from Fri 9-30: 8 = 1, 9 = 2,
        // Mon 10 = 3, 11 = 4, 12 = 5, 13 = 6, 14 = 7, Mon 17 = 8, 18 = 9, 19 = 10.
        Assert.Equal(("paper_pending", new DateOnly(2022, 10, 19)), (m.State, m.BackfillDue));
        clock.Now = Bj(2022, 10, 20, 9);
        Assert.Contains(await s.ListAllAsync(overdue: true), x => x.Number == m.Number);
        m = await s.FireAsync(m.Number, WasteSeed.UsccA, ManifestTrigger.BackFill, new(At: Bj(2022, 9, 30, 16)), Actor);
        Assert.Equal("arrived", m.State);
        Assert.Equal(new DateOnly(2022, 10, 27), m.ReceiptDue); // from the back-fill day Thu 20: 21, 24, 25, 26, 27
        await s.FireAsync(m.Number, WasteSeed.UsccR, ManifestTrigger.Accept, new(Received: [new(1, 1m, null)]), Actor); // leaves nothing overdue for the other tests

        var bad = new ManifestDraftInput("medical", WasteSeed.UsccC, WasteSeed.UsccD, "ZC001", null, null, [Oil(0.1m)]);
        Assert.Equal(400, (await Assert.ThrowsAsync<ManifestException>(() => s.DraftAsync(WasteSeed.UsccH, bad, Actor))).Status);
        var med = await s.DraftAsync(WasteSeed.UsccH, bad with { Lines = [new("841-001-01", "感染性废物", null, "固态", "周转箱", 3, 0.05m)] }, Actor);
        Assert.Equal(("medical", "In", WasteSeed.UsccD), (med.Kind, med.Lines.Single().Hazard, med.ReceiverUscc));
    }
}

public sealed class SqliteManifestServiceTests(SqliteTestDatabase db) : ManifestServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresManifestServiceTests(PostgresTestDatabase db) : ManifestServiceTests<PostgresTestDatabase>(db);
