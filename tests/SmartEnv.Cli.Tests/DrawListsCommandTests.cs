using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Cli.Tests;

/// <summary>Issue 19 (a trial found no way to set up the draw's lists without SQL): <c>smartenv draw-lists</c> makes two
/// accounts inspectors, records a declared conflict, classes an enterprise special and another on the 正面清单, lists the
/// roster in certificate order, and refuses an unknown account, a certificate held by another account, a conflict with an
/// enterprise outside the registry and a repeated declaration (exit 1, nothing changed); every change is audited.</summary>
public sealed class DrawListsCommandTests : IDisposable
{
    private const string A = "91500105MA5U0A1661", B = "91500105MA5U0B169H";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartenv-drawlists-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task Staff_set_up_inspectors_conflicts_and_object_classes_from_the_command_line()
    {
        var store = new SmartEnvStore(StoreOptions.Parse(null, _dir));
        await store.MigrateAndSeedAsync();
        await using (var db = store.CreateContext())
        {
            var at = new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
            db.Enterprises.AddRange(new Enterprise { Uscc = A, Name = "重庆江北甲化工有限公司", CreatedAt = at }, new Enterprise { Uscc = B, Name = "重庆江北乙热电有限公司", CreatedAt = at });
            await db.SaveChangesAsync();
        }
        foreach (var u in new[] { "zhang", "li" })
            Assert.Equal(0, CliRunner.Run("", "users", "add", u, "--role", "enforcement", "--data-dir", _dir).ExitCode);

        Ok("draw-lists", "set-inspector", "zhang", "--certificate", "JB-002", "--department", "执法一大队");
        Ok("draw-lists", "set-inspector", "li", "--certificate", "JB-001", "--department", "执法二大队");
        Ok("draw-lists", "conflict", "zhang", "--uscc", A, "--note", "亲属在该企业任职");
        Ok("draw-lists", "object", A, "--special-reason", "上年受处罚");
        Ok("draw-lists", "object", B, "--positive-list");

        Refused("draw-lists", "set-inspector", "nobody", "--certificate", "JB-009");          // no such account
        Refused("draw-lists", "set-inspector", "li", "--certificate", "JB-002");              // zhang holds JB-002
        Refused("draw-lists", "conflict", "li", "--uscc", "91500105MA5U0Z0000");              // not in the registry
        Refused("draw-lists", "conflict", "zhang", "--uscc", A);                               // declared already

        // Certificate order (JB-001 li, then JB-002 zhang), the order a plan is frozen in.
        var list = CliRunner.Run("", "draw-lists", "inspectors", "--json", "--data-dir", _dir);
        Assert.True(list.ExitCode == 0, list.Err);
        var roster = JsonDocument.Parse(list.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal([("li", "JB-001", "执法二大队", ""), ("zhang", "JB-002", "执法一大队", A)],
            roster.Select(r => (r.GetProperty("user_name").GetString(), r.GetProperty("certificate").GetString(), r.GetProperty("department").GetString(),
                string.Join(",", r.GetProperty("conflicts").EnumerateArray().Select(x => x.GetString())))));

        await using (var db = store.CreateContext())
        {
            var e = await db.Enterprises.AsNoTracking().OrderBy(x => x.Uscc).Select(x => new { x.SpecialSupervisionReason, x.OnPositiveList }).ToListAsync();
            Assert.Equal([("上年受处罚", false), ((string?)null, true)], e.Select(x => (x.SpecialSupervisionReason, x.OnPositiveList)));
            // Five changes, five audit entries; the refusals wrote none.
            Assert.Equal(2, await db.AuditEntries.CountAsync(x => x.Action == "inspector.set"));
            Assert.Equal(1, await db.AuditEntries.CountAsync(x => x.Action == "inspector.conflict"));
            Assert.Equal(2, await db.AuditEntries.CountAsync(x => x.Action == "enterprise.supervision"));
        }
        Ok("draw-lists", "conflict", "zhang", "--uscc", A, "--withdraw");
        await using (var db = store.CreateContext())
            Assert.False(await db.InspectorConflicts.AnyAsync());
    }

    private void Ok(params string[] args)
    {
        var r = CliRunner.Run("", [.. args, "--data-dir", _dir]);
        Assert.True(r.ExitCode == 0, string.Join(' ', args) + ": " + r.Err);
    }

    private void Refused(params string[] args)
    {
        var r = CliRunner.Run("", [.. args, "--data-dir", _dir]);
        Assert.True(r.ExitCode == 1, string.Join(' ', args) + $": exit {r.ExitCode} {r.Err}");
        Assert.StartsWith("error: ", r.Err, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }
}
