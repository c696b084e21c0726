using System.Net;
using System.Text.Json;
using SmartEnv.Storage.Entities;
using SmartEnv.Storage.Tests;

namespace SmartEnv.Web.Tests;

/// <summary>
/// <c>GET /api/quarantine/counts</c> (issue 14 item 1): the counts of quarantined HJ 212 frames, also those beyond the
/// quarantine quota, summed per address and reason over the windows starting in [from, to); monitoring staff only.
/// Hand-worked sums over seeded <c>quarantine_tallies</c> rows.
/// </summary>
public abstract class QuarantineCountsApiTests<TDb>(WebAppFixture<TDb> app) : IClassFixture<WebAppFixture<TDb>> where TDb : class, ITestDatabase, new()
{
    [Fact]
    public async Task Counts_are_summed_per_address_and_reason_over_the_windows_of_the_range()
    {
        var w = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        QuarantineTally T(DateTimeOffset start, string address, QuarantineReason reason, long frames, long bytes, long stored) => new()
        {
            WindowStart = start, WindowEnd = start.AddMinutes(10), Address = address, Reason = reason, Frames = frames, Bytes = bytes, Stored = stored,
        };
        await using (var db = app.Store.CreateContext())
        {
            db.QuarantineTallies.AddRange(
                T(w, "192.0.2.7", QuarantineReason.Malformed, 5000, 1_280_000, 100),
                T(w, "192.0.2.7", QuarantineReason.Malformed, 7, 1792, 0),                 // a second flush of the same window
                T(w.AddMinutes(10), "192.0.2.7", QuarantineReason.Malformed, 300, 76_800, 100),
                T(w, "192.0.2.7", QuarantineReason.UnknownMn, 20, 6000, 20),
                T(w, "198.51.100.1", QuarantineReason.WrongPassword, 3, 900, 3),
                T(w.AddHours(-1), "192.0.2.7", QuarantineReason.Malformed, 999, 1, 1));    // before the range
            await db.SaveChangesAsync();
        }
        using var anon = app.Client(admin: false);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anon.GetAsync("/api/quarantine/counts")).StatusCode);
        using var admin = app.Client(admin: true);
        var rows = JsonDocument.Parse(await admin.GetStringAsync("/api/quarantine/counts?from=2026-12-01T08:00:00Z&to=2026-12-01T09:00:00Z"))
            .RootElement.EnumerateArray()
            .Select(r => (r.GetProperty("address").GetString(), r.GetProperty("reason").GetString(), r.GetProperty("frames").GetInt64(), r.GetProperty("bytes").GetInt64(), r.GetProperty("stored").GetInt64()))
            .ToList();
        Assert.Equal(
            [("192.0.2.7", "malformed", 5307L, 1_358_592L, 200L), ("192.0.2.7", "unknown_mn", 20L, 6000L, 20L), ("198.51.100.1", "wrong_password", 3L, 900L, 3L)],
            rows);
        var bad = await admin.GetAsync("/api/quarantine/counts?from=2026-12-01T09:00:00Z&to=2026-12-01T08:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}

public sealed class SqliteQuarantineCountsApiTests(WebAppFixture<SqliteTestDatabase> app) : QuarantineCountsApiTests<SqliteTestDatabase>(app);

public sealed class PostgresQuarantineCountsApiTests(WebAppFixture<PostgresTestDatabase> app) : QuarantineCountsApiTests<PostgresTestDatabase>(app);
