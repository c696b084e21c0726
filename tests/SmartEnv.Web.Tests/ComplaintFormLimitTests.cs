using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Tests;
using SmartEnv.Supervision.Complaints;
using SmartEnv.Web.Ui;

namespace SmartEnv.Web.Tests;

/// <summary>
/// The public form's per-address limits (<see cref="ComplaintsUiService"/>): a refused form (here a text file named
/// <c>photo.jpg</c>, refused by the intake's photo check) does not use up the registrations, so a citizen who gets a photo
/// wrong five times still files the case on the sixth try (a tester was locked out for an hour before, 2026-12-07); the
/// registrations stay limited to <see cref="ComplaintRules.PublicSubmissionsPerAddressPerHour"/> = 5 and refusals to
/// <see cref="ComplaintRules.PublicRefusalsPerAddressPerHour"/> = 20 per hour. Each test uses its own address (the
/// counters are per process).
/// </summary>
public sealed class ComplaintFormLimitTests : IAsyncLifetime
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly SqliteTestDatabase _db = new();
    private SmartEnvStore _store = null!;
    private readonly Clock _clock = new(new DateTimeOffset(2024, 9, 20, 2, 0, 0, TimeSpan.Zero)); // Friday 10:00 Beijing

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        (_store, _) = await _db.MigratedAsync();
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private static ComplaintForm Form()
    {
        var f = new ComplaintForm { Content = "夜间工地打桩噪声扰民。", Address = "江北区观音桥建新北路", Anonymous = true };
        f.Types.Add("noise.construction");
        return f;
    }

    private async Task<ComplaintFormResult> SubmitAsync(string address, bool badPhoto)
    {
        await using var db = _store.CreateContext();
        var ui = new ComplaintsUiService(db, _store, _clock);
        var photos = badPhoto ? new[] { new ComplaintFormPhoto("photo.jpg", "这不是图片"u8.ToArray()) } : [];
        return await ui.SubmitAsync(Form(), photos, new AuditActor(AuditActorKind.User, "anonymous", address), staff: false);
    }

    private static bool TooMany(ComplaintFormResult r) => r.Errors.TryGetValue("form", out var m) && m == Texts.Complaints.ErrTooMany;

    [Fact]
    public async Task Five_refused_photos_do_not_lock_out_the_sixth_valid_form_and_registrations_stay_limited_to_five()
    {
        const string address = "198.51.100.17";
        for (var i = 0; i < 5; i++)
        {
            var refused = await SubmitAsync(address, badPhoto: true);
            Assert.Null(refused.Receipt);
            Assert.True(refused.Errors.ContainsKey("photos"), $"try {i + 1}: {string.Join("; ", refused.Errors)}");
        }
        // Before the fix the sixth form was refused with 「提交过于频繁」: the five refusals had used the hour's five.
        for (var i = 0; i < 5; i++)
        {
            var ok = await SubmitAsync(address, badPhoto: false);
            Assert.True(ok.Receipt is not null, $"case {i + 1}: {string.Join("; ", ok.Errors)}");
        }
        Assert.True(TooMany(await SubmitAsync(address, badPhoto: false)), "a sixth registration within the hour");
        // An hour later the address may register again.
        _clock.Now = _clock.Now.AddHours(1).AddSeconds(1);
        Assert.NotNull((await SubmitAsync(address, badPhoto: false)).Receipt);
        await using var db = _store.CreateContext();
        Assert.Equal(6, db.Complaints.Count());
    }

    [Fact]
    public async Task Twenty_refusals_in_an_hour_stop_the_address_before_its_photos_are_checked()
    {
        const string address = "198.51.100.18";
        for (var i = 0; i < 20; i++)
            Assert.False(TooMany(await SubmitAsync(address, badPhoto: true)), $"refusal {i + 1} answered too many");
        Assert.True(TooMany(await SubmitAsync(address, badPhoto: true)), "the 21st refused form");
        Assert.True(TooMany(await SubmitAsync(address, badPhoto: false)), "a valid form from the same address in the same hour");
        // Another address is not affected.
        Assert.NotNull((await SubmitAsync("198.51.100.19", badPhoto: false)).Receipt);
    }
}
