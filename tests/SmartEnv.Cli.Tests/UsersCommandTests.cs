using System.Text.Json;
using SmartEnv.Accounts;
using SmartEnv.Storage;
using SmartEnv.Storage.Tests;
using SmartEnv.Web;

namespace SmartEnv.Cli.Tests;

/// <summary>
/// <c>smartenv users add|token|list|disable|reset-password|revoke-bootstrap-token</c> in-process against a real store,
/// on SQLite and PostgreSQL (<c>--db</c>): the printed secrets work (checked through <see cref="AccountService"/> on the
/// same store), refusals exit 1 with the reason, and nothing but the secret reaches standard output.
/// </summary>
public abstract class UsersCommandTests<TDb>(TDb db) : IClassFixture<TDb> where TDb : class, ITestDatabase
{
    private async Task<(SmartEnvStore Store, string Db)> StoreAsync()
    {
        var (store, _) = await db.MigratedAsync();
        return (store, store.Options.ConnectionString);
    }

    [Fact]
    public async Task Add_prints_a_one_time_password_that_signs_in_and_list_shows_the_user()
    {
        var (store, conn) = await StoreAsync();
        var r = CliRunner.Run("", "users", "add", "cli-ent", "--role", "enterprise", "--enterprise", "91500105MA5U000011", "--enterprise", "91500105MA5U000012", "--display-name", "重庆某化工", "--db", conn);
        Assert.Equal(0, r.ExitCode);
        var pw = r.Out.TrimEnd('\n');
        Assert.Equal(16, pw.Length);
        Assert.DoesNotContain('\n', pw);
        Assert.Contains("one-time password", r.Err, StringComparison.OrdinalIgnoreCase);
        await using (var s = AccountsSetup.Open(store))
            Assert.True(await s.Accounts.Users.CheckPasswordAsync((await s.Accounts.FindAsync("cli-ent"))!, pw));

        var json = CliRunner.Run("", "users", "list", "--json", "--db", conn);
        Assert.Equal(0, json.ExitCode);
        var row = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("user_name").GetString() == "cli-ent");
        Assert.Equal(["enterprise"], row.GetProperty("roles").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["91500105MA5U000011", "91500105MA5U000012"], row.GetProperty("enterprises").EnumerateArray().Select(x => x.GetString()));
        Assert.True(row.GetProperty("must_change_password").GetBoolean());
        Assert.Equal("重庆某化工", row.GetProperty("display_name").GetString());

        var table = CliRunner.Run("", "users", "list", "--db", conn);
        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("user", lines[0]);
        var line = lines.Single(l => l.StartsWith("cli-ent ", StringComparison.Ordinal));
        Assert.Contains("重庆某化工", line);
        Assert.Contains("enterprise", line);
        Assert.Contains("91500105MA5U000011,91500105MA5U000012", line);
        Assert.Contains("one-time password", line);
    }

    [Fact]
    public async Task Refusals_exit_1_with_the_reason_and_print_no_secret()
    {
        var (_, conn) = await StoreAsync();
        var bad = CliRunner.Run("", "users", "add", "cli-bad", "--role", "leader", "--db", conn);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("unknown role 'leader'", bad.Err);
        Assert.Equal("", bad.Out);
        var noRole = CliRunner.Run("", "users", "add", "cli-bad2", "--db", conn);
        Assert.Equal(1, noRole.ExitCode); // --role is required: a parse error
        var nobody = CliRunner.Run("", "users", "token", "nobody-here", "--db", conn);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("no user 'nobody-here'", nobody.Err);
        Assert.Equal("", nobody.Out);
    }

    [Fact]
    public async Task Token_prints_a_working_token_and_disable_revokes_it()
    {
        var (store, conn) = await StoreAsync();
        Assert.Equal(0, CliRunner.Run("", "users", "add", "cli-mon", "--role", "monitoring", "--role", "viewer", "--db", conn).ExitCode);
        var t = CliRunner.Run("", "users", "token", "cli-mon", "--name", "nightly-import", "--expires", "7", "--read-only", "--db", conn);
        Assert.Equal(0, t.ExitCode);
        var token = t.Out.TrimEnd('\n');
        Assert.StartsWith("se_pat_", token);
        Assert.Equal(50, token.Length);
        Assert.Contains("read-only", t.Err);
        var before = DateTimeOffset.UtcNow;
        await using (var s = AccountsSetup.Open(store))
        {
            var who = await s.Accounts.VerifyTokenAsync(token);
            Assert.NotNull(who);
            Assert.Equal(["monitoring", "viewer"], who.Roles);
            Assert.True(who.ReadOnly);
            var listed = (await s.Accounts.ListTokensAsync("cli-mon")).Single();
            Assert.Equal("nightly-import", listed.Name);
            Assert.InRange(listed.ExpiresAt!.Value - before, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }
        Assert.Equal(1, CliRunner.Run("", "users", "token", "cli-mon", "--expires", "0", "--db", conn).ExitCode);

        var d = CliRunner.Run("", "users", "disable", "cli-mon", "--db", conn);
        Assert.Equal(0, d.ExitCode);
        Assert.Contains("1 token(s) revoked", d.Out);
        await using (var s = AccountsSetup.Open(store))
            Assert.Null(await s.Accounts.VerifyTokenAsync(token));
        Assert.Contains("disabled", CliRunner.Run("", "users", "list", "--db", conn).Out.Split('\n').Single(l => l.StartsWith("cli-mon ", StringComparison.Ordinal)));
        Assert.Equal(1, CliRunner.Run("", "users", "token", "cli-mon", "--db", conn).ExitCode); // a disabled user gets no token
    }

    [Fact]
    public async Task Reset_password_prints_a_new_one_time_password()
    {
        var (store, conn) = await StoreAsync();
        var first = CliRunner.Run("", "users", "add", "cli-plan", "--role", "planning", "--db", conn).Out.TrimEnd('\n');
        var r = CliRunner.Run("", "users", "reset-password", "cli-plan", "--db", conn);
        Assert.Equal(0, r.ExitCode);
        var second = r.Out.TrimEnd('\n');
        Assert.NotEqual(first, second);
        await using var s = AccountsSetup.Open(store);
        var user = (await s.Accounts.FindAsync("cli-plan"))!;
        Assert.False(await s.Accounts.Users.CheckPasswordAsync(user, first));
        Assert.True(await s.Accounts.Users.CheckPasswordAsync(user, second));
    }
}

public sealed class SqliteUsersCommandTests(SqliteTestDatabase db) : UsersCommandTests<SqliteTestDatabase>(db);

public sealed class PostgresUsersCommandTests(PostgresTestDatabase db) : UsersCommandTests<PostgresTestDatabase>(db);

/// <summary><c>smartenv users revoke-bootstrap-token</c>: the legacy <c>admin-token</c> stops matching at once.</summary>
public sealed class RevokeBootstrapTokenTests
{
    [Fact]
    public void Revoking_deletes_the_file_and_the_loaded_token_stops_matching()
    {
        var dir = Path.Combine(Path.GetTempPath(), "smartenv-revoke-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var created = AdminToken.LoadOrCreate(dir);
            var loaded = AdminToken.Load(dir)!;
            Assert.True(loaded.Matches(created.Value));
            var r = CliRunner.Run("", "users", "revoke-bootstrap-token", "--data-dir", dir);
            Assert.Equal(0, r.ExitCode);
            Assert.Contains("revoked", r.Out);
            Assert.False(File.Exists(Path.Combine(dir, AdminToken.FileName)));
            Assert.False(loaded.Matches(created.Value));
            Assert.True(loaded.IsRevoked);
            Assert.Null(AdminToken.Load(dir));
            Assert.Contains("nothing to revoke", CliRunner.Run("", "users", "revoke-bootstrap-token", "--data-dir", dir).Out);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
