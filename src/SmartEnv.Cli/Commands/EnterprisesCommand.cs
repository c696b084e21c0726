using SmartEnv.Storage.Audit;
using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Apis;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv enterprises add USCC --name NAME [--address A] [--street S] | list</c> over the store named by
/// <c>--data-dir</c>/<c>--db</c> (as <c>serve</c>): the enterprise registry of issue 13 (docs/security.md "Enterprise
/// scope"). The CLI is an operator's tool: unrestricted (<see cref="DataScope.All"/>). Output: one JSON object per
/// enterprise (the API's <see cref="EnterprisesApi.EnterpriseDto"/>). Exit 0 done; 1 a bad 统一社会信用代码 (GB 32100-2015,
/// the message names the position), an enterprise that exists, or a store failure.
/// </summary>
public static class EnterprisesCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("enterprises", "Enterprise registry (排污单位, by 统一社会信用代码).");
        cmd.Subcommands.Add(Add(context));
        cmd.Subcommands.Add(List(context));
        foreach (var c in EnterprisesImportCommand.Create(context)) cmd.Subcommands.Add(c);
        return cmd;
    }

    private static (Option<string> DataDir, Option<string?> Db) StoreOptionsOf(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static Command Add(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码, 18 characters, upper case (GB 32100-2015)." };
        var name = new Option<string>("--name") { Description = "Registered name (企业名称).", Required = true };
        var address = new Option<string?>("--address") { Description = "Address." };
        var street = new Option<string?>("--street") { Description = "Street or town (街道/镇)." };
        var cmd = new Command("add", "Register an enterprise.");
        cmd.Arguments.Add(uscc);
        cmd.Options.Add(name);
        cmd.Options.Add(address);
        cmd.Options.Add(street);
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var code = pr.GetValue(uscc)!;
            if (Uscc.Check(code) is { } fault)
            {
                context.Err.WriteLine("error: " + fault.Message);
                return 1;
            }
            var n = pr.GetValue(name)!.Trim();
            if (n.Length is 0 or > Enterprise.NameLength)
            {
                context.Err.WriteLine($"error: --name must be 1–{Enterprise.NameLength} characters");
                return 1;
            }
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                if (await ctx.Enterprises.AnyAsync(e => e.Uscc == code, ct))
                {
                    context.Err.WriteLine($"error: enterprise {code} exists");
                    return 1;
                }
                var e = new Enterprise
                {
                    Uscc = code, Name = n, CreatedAt = DateTimeOffset.UtcNow,
                    Address = string.IsNullOrWhiteSpace(pr.GetValue(address)) ? null : pr.GetValue(address)!.Trim(),
                    Street = string.IsNullOrWhiteSpace(pr.GetValue(street)) ? null : pr.GetValue(street)!.Trim(),
                };
                var dto = new EnterprisesApi.EnterpriseDto(e.Uscc, e.Name, e.Address, e.Street, e.CreatedAt);
                await using (var tx = await AuditTrail.BeginAsync(ctx, ct))
                {
                    ctx.Enterprises.Add(e);
                    await ctx.SaveChangesAsync(ct);
                    await AuditTrail.AppendAsync(ctx, AuditActor.Cli(), "enterprise.create", "enterprise", e.Uscc, null, dto, null, e.CreatedAt, ct);
                    await tx.CommitAsync(ct);
                }
                context.Out.WriteLine(JsonSerializer.Serialize(dto, CliJson.Options));
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command List(CliContext context)
    {
        var cmd = new Command("list", "List registered enterprises, one JSON object per line.");
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                foreach (var e in await ctx.Enterprises.AsNoTracking().OrderBy(e => e.Uscc).ToListAsync(ct))
                    context.Out.WriteLine(JsonSerializer.Serialize(new EnterprisesApi.EnterpriseDto(e.Uscc, e.Name, e.Address, e.Street, e.CreatedAt), CliJson.Options));
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }
}
