using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Complaints;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Tests;

namespace SmartEnv.Storage.Tests;

/// <summary>
/// <see cref="ComplaintIntakeService"/> on both engines. Each test registers on its own Beijing day so that the case numbers
/// are known by hand (the first case of day D is <c>TS</c> + D + <c>0001</c>). Acceptance deadlines are counted by hand in
/// ComplaintDeadlinesTests (P1); here the stored value follows the clock across the National Day 2024 holiday.
/// </summary>
public abstract class ComplaintIntakeServiceTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static DateTimeOffset Bj(int y, int mo, int d, int h = 10, int mi = 0) => new(y, mo, d, h, mi, 0, BeijingTime.Offset);

    private static readonly AuditActor Staff = new(AuditActorKind.User, "intake-test");

    private static ComplaintSubmission Noise(string content = "工地夜间施工噪声扰民，晚上十一点后仍在打桩。") =>
        new(ComplaintChannel.Phone, content, "重庆市江北区观音桥步行街东侧工地", null, 29.575, 106.532, null, ["noise.construction"], null, null,
            "王女士", "138 0000 0001", null, false, ComplaintUrgency.None, "12369-0001");

    private static byte[] Png(int w, int h)
    {
        using var surface = SKSurface.Create(new SKImageInfo(w, h));
        surface.Canvas.Clear(SKColors.Green);
        using var img = surface.Snapshot();
        return img.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static PhotoUpload Photo(byte[] bytes, string name = "photo.jpg") => new(name, new MemoryStream(bytes));

    private static async Task<(int Complaints, int Photos, int Reporters, int Events, int Audit, int Serials)> CountsAsync(SmartEnvStore store)
    {
        await using var c = store.CreateContext();
        return (await c.Complaints.CountAsync(), await c.ComplaintPhotos.CountAsync(), await c.ComplaintReporters.CountAsync(),
            await c.ComplaintEvents.CountAsync(), await c.AuditEntries.CountAsync(), await c.ComplaintSerials.CountAsync());
    }

    [Fact]
    public async Task A_phone_complaint_is_numbered_per_day_due_after_the_holiday_and_found_only_with_its_code()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2024, 9, 20, 10));
        await using var ctx = store.CreateContext();
        var s = new ComplaintIntakeService(ctx, clock);
        var r1 = await s.SubmitAsync(Noise(), [Photo(Png(2400, 1200))], Staff);
        Assert.Equal("TS202409200001", r1.Number);
        Assert.Equal(new DateOnly(2024, 10, 8), r1.AcceptanceDue); // 20 Sep + 15 = Sat 5 Oct (holiday 1–7 Oct) → Tue 8 Oct
        Assert.Equal(10, r1.QueryCode.Length);
        clock.Now = Bj(2024, 9, 20, 23, 59);
        var r2 = await s.SubmitAsync(Noise("同一工地，凌晨仍有噪声。"), [], Staff);
        Assert.Equal("TS202409200002", r2.Number);
        clock.Now = Bj(2024, 9, 21, 0, 0); // next Beijing day (20 Sep 16:00 UTC)
        Assert.Equal("TS202409210001", (await s.SubmitAsync(Noise("第二天又有噪声。"), [], Staff)).Number);

        var c = await ctx.Complaints.AsNoTracking().Include(x => x.Types).SingleAsync(x => x.Number == r1.Number);
        Assert.Equal((StoredComplaintChannel.Phone, StoredComplaintState.Registered, "500105006000", "intake-test", "12369-0001"),
            (c.Channel, c.State, c.StreetCode, c.CreatedBy, c.SourceRef)); // street inferred from 观音桥 in the address
        Assert.Equal(["noise", "noise.construction"], c.Types.Select(t => t.Code).Order(StringComparer.Ordinal)); // the parent is implied
        Assert.Equal(new DateOnly(2024, 9, 20), c.RegisteredOn);
        Assert.DoesNotContain(r1.QueryCode, c.QueryCodeHash + c.QueryCodeSalt); // only the hash and salt are kept
        Assert.True(QueryCode.Verify(r1.QueryCode, c.QueryCodeHash, c.QueryCodeSalt));
        var reporter = await ctx.ComplaintReporters.AsNoTracking().SingleAsync(x => x.ComplaintId == c.Id);
        Assert.Equal(("王女士", "138 0000 0001", false, true), (reporter.Name, reporter.Phone, reporter.Anonymous, reporter.WantsReply));
        var photo = await ctx.ComplaintPhotos.AsNoTracking().SingleAsync(x => x.ComplaintId == c.Id);
        Assert.Equal((1, 1600, 800, "png"), (photo.Seq, photo.Width, photo.Height, photo.OriginalFormat)); // 2400 × 1200 → long edge 1600
        Assert.Equal(photo.Content.Length, photo.Bytes);
        var ev = await ctx.ComplaintEvents.AsNoTracking().SingleAsync(x => x.ComplaintId == c.Id);
        Assert.Equal(("register", (StoredComplaintState?)null, StoredComplaintState.Registered), (ev.Trigger, ev.FromState, ev.ToState));
        var audit = await ctx.AuditEntries.AsNoTracking().Where(a => a.TargetId == r1.Number).SingleAsync();
        Assert.Equal(("complaint.register", "complaint", "intake-test"), (audit.Action, audit.TargetType, audit.ActorName));
        Assert.DoesNotContain("138", audit.After!); // no contact data in the audit trail
        Assert.DoesNotContain("王女士", audit.After!);

        var view = await s.QueryAsync(r1.Number, QueryCode.Display(r1.QueryCode).ToLowerInvariant(), default);
        Assert.NotNull(view);
        Assert.Equal(("registered", new DateOnly(2024, 10, 8), "观音桥街道", (string?)null), (view.StateKey, view.AcceptanceDue, view.StreetName, view.Reply));
        Assert.Equal(["noise", "noise.construction"], view.Types);
        Assert.Null(await s.QueryAsync(r1.Number, r2.QueryCode, default)); // another case's code
        Assert.Null(await s.QueryAsync("TS202409200009", r1.QueryCode, default)); // no such case
        Assert.Null(await s.QueryAsync("not-a-number", r1.QueryCode, default));
        Assert.Null(await s.QueryAsync(r1.Number, "", default));
    }

    [Fact]
    public async Task Every_refused_field_is_named_and_nothing_is_stored()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2024, 3, 4));
        var before = await CountsAsync(store);
        var good = Noise();
        var cases = new (ComplaintSubmission S, PhotoUpload[] P, string Field)[]
        {
            (good with { Content = "   " }, [], "content"),
            (good with { Content = new string('噪', 2001) }, [], "content"), // 2001 > TextMaxChars 2000
            (good with { Content = "噪声\u0000" }, [], "content"),
            (good with { Types = ["noise.fireworks"] }, [], "types"),
            (good with { Types = [] }, [], "types"),
            (good with { StreetCode = "不存在街道" }, [], "street"),
            (good with { Latitude = 31.23, Longitude = 121.47 }, [], "latitude"), // Shanghai
            (good with { Latitude = 29.6, Longitude = null }, [], "longitude"),
            (good with { ReportedUscc = "91500105MA5U0A1662" }, [], "reported_uscc"), // wrong check character (…1661 is valid)
            (good with { Anonymous = true }, [], "anonymous"), // anonymous with a name and a phone
            (good with { ReporterPhone = "call me" }, [], "reporter_phone"),
            (good with { ReporterEmail = "nobody" }, [], "reporter_email"),
            (good with { OccurredAt = Bj(2024, 3, 5) }, [], "occurred_at"), // tomorrow
            (good, [Photo(Png(100, 100)), Photo("not an image"u8.ToArray(), "evil.jpg")], "photos"), // the second photo is bad
            (good, [.. Enumerable.Range(0, 5).Select(_ => Photo(Png(10, 10)))], "photos"), // 5 > PhotosMax 4
        };
        foreach (var (sub, photos, field) in cases)
        {
            await using var ctx = store.CreateContext();
            var e = await Assert.ThrowsAsync<ComplaintInputException>(() => new ComplaintIntakeService(ctx, clock).SubmitAsync(sub, photos, Staff));
            Assert.Equal(field, e.Field);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }
        Assert.Equal(before, await CountsAsync(store));
        await using (var ctx = store.CreateContext())
        {
            var e = await Assert.ThrowsAsync<ComplaintInputException>(() => new ComplaintIntakeService(ctx, clock)
                .SubmitAsync(good, [Photo(Png(100, 100)), Photo("not an image"u8.ToArray(), "evil.jpg")], Staff));
            Assert.StartsWith("photo 2 (evil.jpg): not a JPEG, PNG or WebP", e.Reason);
            // Still nothing: the first good submission of the day is number 0001.
            Assert.Equal("TS202403040001", (await new ComplaintIntakeService(ctx, clock).SubmitAsync(good, [], Staff)).Number);
        }
    }

    [Fact]
    public async Task Parallel_registrations_of_one_day_get_distinct_consecutive_numbers()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2024, 5, 6));
        var tasks = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var ctx = store.CreateContext();
            return (await new ComplaintIntakeService(ctx, clock).SubmitAsync(Noise("并发登记 " + i), [], Staff)).Number;
        });
        var numbers = await Task.WhenAll(tasks);
        // 8 registrations → serials 1…8 of 6 May 2024, each once
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"TS20240506{n:D4}"), numbers.Order(StringComparer.Ordinal));
        await using var c = store.CreateContext();
        Assert.Equal(9, await c.ComplaintSerials.Where(x => x.Day == "20240506").Select(x => x.Next).SingleAsync());
    }

    [Fact]
    public async Task The_reported_unit_is_linked_by_exact_name_or_uscc_and_its_industry_copied()
    {
        var (store, _) = await db.MigratedAsync();
        await SourceSeed.SeedAsync(store); // A = 91500105MA5U0A1661 重庆江北甲化工有限公司, industry 4411
        var clock = new Clock(Bj(2024, 6, 3));
        await using var ctx = store.CreateContext();
        var s = new ComplaintIntakeService(ctx, clock);
        var odour = Noise("化工厂傍晚有刺鼻异味。") with { Types = ["air.odour"], Address = "寸滩", Latitude = null, Longitude = null };
        var byName = await s.SubmitAsync(odour with { ReportedName = "重庆江北甲化工有限公司" }, [], Staff);
        var byUscc = await s.SubmitAsync(odour with { ReportedUscc = "91500105ma5u0a1661" }, [], Staff); // upper-cased
        var unknown = await s.SubmitAsync(odour with { ReportedName = "某某小作坊" }, [], Staff);
        var rows = await ctx.Complaints.AsNoTracking().Where(c => c.RegisteredOn == new DateOnly(2024, 6, 3))
            .ToDictionaryAsync(c => c.Number, c => (c.ReportedUscc, c.ReportedName, c.IndustryCode, c.StreetCode));
        Assert.Equal((SourceSeed.UsccA, "重庆江北甲化工有限公司", "4411", "500105005000"), rows[byName.Number]); // 寸滩 → 寸滩街道
        Assert.Equal((SourceSeed.UsccA, "重庆江北甲化工有限公司", "4411", "500105005000"), rows[byUscc.Number]);
        Assert.Equal(((string?)null, "某某小作坊", (string?)null, "500105005000"), rows[unknown.Number]);
    }

    [Fact]
    public async Task A_merged_case_shows_its_masters_state_and_reply_and_an_anonymous_report_keeps_no_contact()
    {
        var (store, _) = await db.MigratedAsync();
        var clock = new Clock(Bj(2024, 7, 1));
        await using var ctx = store.CreateContext();
        var s = new ComplaintIntakeService(ctx, clock);
        var master = await s.SubmitAsync(Noise(), [], Staff);
        var dup = await s.SubmitAsync(Noise("同一工地噪声。") with { ReporterName = null, ReporterPhone = null, Anonymous = true }, [], new AuditActor(AuditActorKind.User, "anonymous"));
        var m = await ctx.Complaints.SingleAsync(c => c.Number == master.Number);
        m.State = StoredComplaintState.Replied; m.AcceptedAt = Bj(2024, 7, 2).ToUniversalTime(); m.HandlingDue = new DateOnly(2024, 8, 31);
        m.RepliedAt = Bj(2024, 7, 10).ToUniversalTime(); m.Reply = "已责令工地夜间停止施工。";
        var d = await ctx.Complaints.SingleAsync(c => c.Number == dup.Number);
        d.State = StoredComplaintState.Merged; d.MergedIntoId = m.Id; d.LinkedNumber = m.Number;
        await ctx.SaveChangesAsync();

        var view = await s.QueryAsync(dup.Number, dup.QueryCode, default);
        Assert.NotNull(view);
        Assert.Equal((dup.Number, "replied", master.Number, "已责令工地夜间停止施工。", new DateOnly(2024, 8, 31)),
            (view.Number, view.StateKey, view.LinkedNumber, view.Reply, view.HandlingDue));
        Assert.Null(await s.QueryAsync(dup.Number, master.QueryCode, default)); // the master's code does not open the duplicate
        var reporter = await ctx.ComplaintReporters.AsNoTracking().SingleAsync(r => r.ComplaintId == d.Id);
        Assert.Equal(((string?)null, (string?)null, true, false), (reporter.Name, reporter.Phone, reporter.Anonymous, reporter.WantsReply));
        Assert.Equal(ComplaintIntakeService.PublicAuthor, d.CreatedBy);
    }

    [Fact]
    public void The_storage_twins_have_the_rule_enums_members()
    {
        static void Same<TRule, TStored>() where TRule : struct, Enum where TStored : struct, Enum =>
            Assert.Equal(Enum.GetNames<TRule>(), Enum.GetNames<TStored>());
        Same<ComplaintChannel, StoredComplaintChannel>();
        Same<ComplaintUrgency, StoredComplaintUrgency>();
        Same<ComplaintState, StoredComplaintState>();
        Same<ComplaintTrigger, StoredComplaintTrigger>();
        Same<NotAcceptedReason, StoredNotAcceptedReason>();
        Same<Verification, StoredVerification>();
        Same<Satisfaction, StoredSatisfaction>();
        Same<AssigneeKind, StoredAssigneeKind>();
        Same<DuplicateReason, StoredDuplicateReason>();
        Assert.Equal("we_chat", ComplaintEnumMap.Key(ComplaintChannel.WeChat));
        Assert.True(ComplaintEnumMap.TryParseKey("environmental_emergency", out ComplaintUrgency u) && u == ComplaintUrgency.EnvironmentalEmergency);
        Assert.False(ComplaintEnumMap.TryParseKey("3", out ComplaintChannel _));
    }
}

public sealed class SqliteComplaintIntakeServiceTests(SqliteTestDatabase db) : ComplaintIntakeServiceTests<SqliteTestDatabase>(db);

public sealed class PostgresComplaintIntakeServiceTests(PostgresTestDatabase db) : ComplaintIntakeServiceTests<PostgresTestDatabase>(db);
