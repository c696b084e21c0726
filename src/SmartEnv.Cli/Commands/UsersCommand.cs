using SmartEnv.Storage.Audit;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Accounts;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Web;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv users add|token|list|disable|enable|reset-password|revoke-bootstrap-token</c>: accounts of the platform
/// for operators and scripts (docs/security.md), on the store named by <c>--data-dir</c>/<c>--db</c> as <c>serve</c>.
/// Secrets (one-time passwords, tokens) go alone to standard output, shown once; explanations go to standard error.
/// Exit codes: 0 done, 1 refused (the reason on standard error), 2 usage.
/// </summary>
public static class UsersCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to write to.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("users", "Accounts: add, token, list, disable, enable, reset-password, revoke-bootstrap-token. 用户与令牌。");
        cmd.Subcommands.Add(Add(context));
        cmd.Subcommands.Add(Token(context));
        cmd.Subcommands.Add(List(context));
        cmd.Subcommands.Add(Disable(context));
        cmd.Subcommands.Add(Enable(context));
        cmd.Subcommands.Add(ResetPassword(context));
        cmd.Subcommands.Add(RevokeBootstrapToken(context));
        return cmd;
    }

    private sealed record Store(Option<string> DataDir, Option<string?> Db)
    {
        public static Store Add(Command cmd)
        {
            var s = new Store(
                new Option<string>("--data-dir") { Description = "Data directory (SQLite file, admin-token). Default ./data.", DefaultValueFactory = _ => "./data" },
                new Option<string?>("--db") { Description = "Database: PostgreSQL connection string or SQLite file path (as `serve`). Default DATA_DIR/smartenv.db." });
            cmd.Options.Add(s.DataDir);
            cmd.Options.Add(s.Db);
            return s;
        }
    }

    private static Argument<string> NameArgument() => new("name") { Description = "User name (letters, digits, - . _ @ +)." };

    /// <summary>Runs <paramref name="body"/> with an account service over the store; maps refusals to exit code 1.</summary>
    private static async Task<int> WithAccountsAsync(CliContext context, ParseResult pr, Store src, Func<AccountService, Task<int>> body, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(src.Db), Path.GetFullPath(pr.GetValue(src.DataDir)!)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await using var session = AccountsSetup.Open(store);
            session.Accounts.Auditor = AuditActor.Cli;
            return await body(session.Accounts);
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
        catch (AccountException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static Command Add(CliContext context)
    {
        var name = NameArgument();
        var role = new Option<string[]>("--role") { Description = "Role (repeatable): admin, monitoring, enforcement, planning, viewer, enterprise.", Required = true, AllowMultipleArgumentsPerToken = false };
        var enterprise = new Option<string[]>("--enterprise") { Description = "统一社会信用代码 of an enterprise the user belongs to (repeatable; enterprise role only).", AllowMultipleArgumentsPerToken = false };
        var display = new Option<string?>("--display-name") { Description = "Name shown in the UI (e.g. 张三)." };
        var cmd = new Command("add", "Create a user; prints a one-time password (shown once, to be changed at first sign-in).") { name, role, enterprise, display };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            var created = await accounts.CreateUserAsync(pr.GetValue(name)!, pr.GetValue(role) ?? [], pr.GetValue(enterprise) ?? [], pr.GetValue(display), ct);
            context.Err.WriteLine($"user {created.Account.UserName} created (roles: {string.Join(", ", created.Account.Roles)}" +
                                  (created.Account.Enterprises.Count > 0 ? $"; enterprises: {string.Join(", ", created.Account.Enterprises)}" : "") +
                                  "). One-time password (shown once; the user must change it at first sign-in):");
            context.Out.WriteLine(created.OneTimePassword);
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Token(CliContext context)
    {
        var name = NameArgument();
        var tokenName = new Option<string>("--name") { Description = "What the token is for (1–64 characters). Default cli.", DefaultValueFactory = _ => "cli" };
        var expires = new Option<int>("--expires") { Description = "Lifetime in days (1–3650). Default 90.", DefaultValueFactory = _ => (int)AccountRules.DefaultTokenLifetime.TotalDays };
        var readOnly = new Option<bool>("--read-only") { Description = "A read-only token: every state-changing endpoint refuses it." };
        var cmd = new Command("token", "Issue a personal access token for `Authorization: Bearer …`; prints it (shown once).") { name, tokenName, expires, readOnly };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            var issued = await accounts.IssueTokenAsync(pr.GetValue(name)!, pr.GetValue(tokenName)!, TimeSpan.FromDays(pr.GetValue(expires)), pr.GetValue(readOnly), ct);
            var s = issued.Summary;
            context.Err.WriteLine($"token {s.Prefix}… for {s.UserName} ({s.Name}{(s.ReadOnly ? ", read-only" : "")}) valid until {Beijing(s.ExpiresAt)} (Beijing time). Shown once:");
            context.Out.WriteLine(issued.Token);
            return 0;
        }, ct));
        return cmd;
    }

    private static Command List(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "One JSON array (snake_case, as the API) instead of the table." };
        var cmd = new Command("list", "List users: roles, enterprises, state, creation time.") { json };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            var all = await accounts.ListAsync(ct);
            if (pr.GetValue(json))
            {
                context.Out.WriteLine(JsonSerializer.Serialize(all, CliJson.Options));
                return 0;
            }
            string[] head = ["user", "display name", "roles", "enterprises", "state", "created (Beijing)"];
            var rows = all.Select(a => new[]
            {
                a.UserName, a.DisplayName ?? "", string.Join(",", a.Roles), string.Join(",", a.Enterprises), State(a), Beijing(a.CreatedAt),
            }).ToList();
            WriteTable(context.Out, head, rows);
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Disable(CliContext context)
    {
        var name = NameArgument();
        var cmd = new Command("disable", "Disable a user: no sign-in, every token revoked, signed out everywhere.") { name };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            var revoked = await accounts.DisableAsync(pr.GetValue(name)!, ct);
            context.Out.WriteLine($"user {pr.GetValue(name)!.Trim()} disabled; {revoked} token(s) revoked; signed out everywhere");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Enable(CliContext context)
    {
        var name = NameArgument();
        var cmd = new Command("enable", "Enable a disabled user again (revoked tokens stay revoked).") { name };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            await accounts.EnableAsync(pr.GetValue(name)!);
            context.Out.WriteLine($"user {pr.GetValue(name)!.Trim()} enabled");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command ResetPassword(CliContext context)
    {
        var name = NameArgument();
        var cmd = new Command("reset-password", "Give a user a new one-time password (clears a lockout, ends its sessions); prints it (shown once).") { name };
        var src = Store.Add(cmd);
        cmd.SetAction((pr, ct) => WithAccountsAsync(context, pr, src, async accounts =>
        {
            var pw = await accounts.ResetPasswordAsync(pr.GetValue(name)!, ct);
            context.Err.WriteLine($"new one-time password for {pr.GetValue(name)!.Trim()} (shown once; must be changed at the next sign-in):");
            context.Out.WriteLine(pw);
            return 0;
        }, ct));
        return cmd;
    }

    private static Command RevokeBootstrapToken(CliContext context)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory holding admin-token. Default ./data.", DefaultValueFactory = _ => "./data" };
        var cmd = new Command("revoke-bootstrap-token", "Revoke the legacy admin token: deletes DATA_DIR/admin-token; a running serve refuses it from the next request on.") { dataDir };
        cmd.SetAction(pr =>
        {
            var dir = Path.GetFullPath(pr.GetValue(dataDir)!);
            if (!AdminToken.Revoke(dir))
            {
                context.Out.WriteLine($"no admin token in {dir}: nothing to revoke");
                return 0;
            }
            context.Out.WriteLine($"admin token revoked ({Path.Combine(dir, AdminToken.FileName)} deleted); sign in with an account or use a personal access token");
            return 0;
        });
        return cmd;
    }

    private static string State(AccountSummary a) =>
        a.Disabled ? "disabled" : a.LockedOutUntil is { } until ? $"locked until {Beijing(until)}" : a.MustChangePassword ? "one-time password" : "active";

    private static string Beijing(DateTimeOffset? instant) =>
        instant is { } i ? BeijingTime.ToBeijing(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";

    private static void WriteTable(TextWriter w, string[] head, List<string[]> rows)
    {
        var widths = head.Select((h, i) => rows.Select(r => Width(r[i])).Append(Width(h)).Max()).ToArray();
        void Line(string[] cells) => w.WriteLine(string.Join("  ", cells.Select((c, i) => c + new string(' ', widths[i] - Width(c)))).TrimEnd());
        Line(head);
        Line(widths.Select(n => new string('-', n)).ToArray());
        foreach (var r in rows) Line(r);
    }

    /// <summary>Display width: CJK characters take two columns in a terminal.</summary>
    private static int Width(string s) => s.Sum(c => c >= '\u2E80' ? 2 : 1);
}
