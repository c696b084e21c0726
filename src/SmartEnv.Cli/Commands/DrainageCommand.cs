using System.CommandLine;
using System.Text.Json;
using SmartEnv.Drainage;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv drainage …</c> (issue 20 part A, docs/drainage.md): the 入河排水口 registry over the store named by
/// <c>--data-dir</c>/<c>--db</c>, through <see cref="DrainageService"/> (an operator's tool; an import is audited as the CLI
/// user):
/// <list type="bullet">
/// <item><c>smartenv drainage import FILE</c> — imports a registry file (.csv UTF-8 or .xlsx; header row 编码 名称 河流 类型
/// …); every row valid and new → all stored; otherwise each bad row with its number and reason, nothing stored.</item>
/// <item><c>smartenv drainage list [--river R] [--type T] [--status S] [--street X]</c> — outlets and 整治 progress as
/// indented JSON.</item>
/// </list>
/// Exit 0 done; 1 a rejected file, a missing file or a store failure.
/// </summary>
public static class DrainageCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("drainage", "Drainage outlets into rivers (入河排水口): import the registry, list with progress.");
        cmd.Subcommands.Add(Import(context));
        cmd.Subcommands.Add(List(context));
        return cmd;
    }

    private static Task<int> WithServiceAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<DrainageService, Task<int>> action, CancellationToken ct) =>
        CliStore.WithContextAsync(context, pr, o, ctx => action(new DrainageService(ctx, TimeProvider.System)), ct);

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Registry file, .csv (UTF-8) or .xlsx; row 1 the header (编码 名称 河流 类型 …)." };
        var cmd = new Command("import", "Import a drainage outlet registry file: all rows stored, or none with each bad row's number and reason.");
        cmd.Arguments.Add(file);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) =>
        {
            var path = pr.GetValue(file)!;
            if (!File.Exists(path))
            {
                context.Err.WriteLine($"error: no file {path}");
                return Task.FromResult(1);
            }
            return WithServiceAsync(context, pr, store, async svc =>
            {
                await using var s = File.OpenRead(path);
                var r = await svc.ImportAsync(s, path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase), Path.GetFileName(path), AuditActor.Cli(), ct);
                foreach (var e in r.Errors) context.Err.WriteLine($"row {e.Row}: {e.Reason}");
                if (r.Errors.Count > 0)
                {
                    context.Err.WriteLine($"error: {r.Errors.Count} row(s) rejected; nothing stored");
                    return 1;
                }
                context.Out.WriteLine($"stored {r.Stored} outlet(s)");
                return 0;
            }, ct);
        });
        return cmd;
    }

    private static Command List(CliContext context)
    {
        var river = new Option<string?>("--river") { Description = "River key or name (drainage-rules.tsv)." };
        var type = new Option<string?>("--type") { Description = "Outlet type key or name." };
        var status = new Option<string?>("--status") { Description = "整治 status key or name." };
        var street = new Option<string?>("--street") { Description = "Street or town code or name." };
        var cmd = new Command("list", "Drainage outlets of the filters and their rectification progress, as indented JSON.");
        foreach (var o in new[] { river, type, status, street }) cmd.Options.Add(o);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, async svc =>
        {
            var list = await svc.ListAsync(pr.GetValue(river), pr.GetValue(type), pr.GetValue(status), pr.GetValue(street), ct);
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                outlets = list.Select(o => new { o.Code, o.Name, o.River, o.Type, o.Status, o.StreetCode, o.Longitude, o.Latitude, o.TargetClass }),
                progress = svc.Progress(list),
                target_year = svc.Rules.TargetYear,
            }, CliJson.Indented));
            return 0;
        }, ct));
        return cmd;
    }
}
