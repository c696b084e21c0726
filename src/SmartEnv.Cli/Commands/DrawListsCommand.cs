using System.CommandLine;
using System.Text.Json;
using SmartEnv.Inspections;
using SmartEnv.Inspections.Roster;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv draw-lists …</c> (issue 19, docs/inspections.md "Setting up the lists"): the lists a 双随机 plan is frozen
/// from (一单两库), over the store named by <c>--data-dir</c>/<c>--db</c>, through <see cref="DrawListsService"/> (every change
/// audited as the CLI user):
/// <list type="bullet">
/// <item><c>smartenv draw-lists inspectors [--json]</c> — the 执法检查人员名录库 in certificate order (the order a plan is
/// frozen in), with department and declared conflicts.</item>
/// <item><c>smartenv draw-lists set-inspector USER --certificate C [--department D]</c> — makes an account an inspector
/// (or, with <c>--certificate ""</c>, takes it off the roster).</item>
/// <item><c>smartenv draw-lists conflict USER --uscc U [--note N] [--withdraw]</c> — a declared conflict of interest
/// (the inspector is never drawn for that enterprise).</item>
/// <item><c>smartenv draw-lists object USCC [--special-reason R] [--positive-list]</c> — the enterprise's class in the
/// 监管对象库: 特殊监管对象 with its reason (empty clears it), 正面清单 (drawn tasks off-site).</item>
/// </list>
/// Exit 0 done; 1 a refusal of the service (the reason on standard error) or a store failure.
/// </summary>
public static class DrawListsCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("draw-lists", "双随机 lists (一单两库): inspectors, their certificates, departments and conflicts; special objects and the 正面清单.");
        cmd.Subcommands.Add(Inspectors(context));
        cmd.Subcommands.Add(SetInspector(context));
        cmd.Subcommands.Add(Conflict(context));
        cmd.Subcommands.Add(Object(context));
        return cmd;
    }

    private static Task<int> WithServiceAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<DrawListsService, Task<int>> action, CancellationToken ct) =>
        CliStore.WithContextAsync(context, pr, o, ctx => action(new DrawListsService(ctx, TimeProvider.System)), ct, ex => ex is InspectionException);

    private static Command Inspectors(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var cmd = new Command("inspectors", "The inspector roster in certificate order (the order a plan is frozen in).") { json };
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, async svc =>
        {
            var roster = await svc.RosterAsync(ct);
            if (pr.GetValue(json)) context.Out.WriteLine(JsonSerializer.Serialize(roster, CliJson.Indented));
            else
                foreach (var r in roster)
                    context.Out.WriteLine($"{r.Certificate}\t{r.UserName}\t{r.DisplayName}\t{r.Department}\t{(r.Disabled ? "disabled" : "enabled")}\t{string.Join(",", r.Conflicts)}");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command SetInspector(CliContext context)
    {
        var user = new Argument<string>("USER") { Description = "The account's user name." };
        var certificate = new Option<string>("--certificate") { Description = "执法证号 (enforcement certificate); \"\" takes the account off the roster.", Required = true };
        var department = new Option<string?>("--department") { Description = "Department (科室/大队), e.g. 执法一大队." };
        var cmd = new Command("set-inspector", "Make an account an inspector: certificate and department (audited).") { user, certificate, department };
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, async svc =>
        {
            var r = await svc.SetInspectorAsync(pr.GetValue(user)!, pr.GetValue(certificate), pr.GetValue(department), AuditActor.Cli(), ct);
            context.Err.WriteLine(r is null ? $"{pr.GetValue(user)}: off the roster" : $"{r.UserName}: certificate {r.Certificate}, department {r.Department ?? "-"}");
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Conflict(CliContext context)
    {
        var user = new Argument<string>("USER") { Description = "The inspector's user name." };
        var uscc = new Option<string>("--uscc") { Description = "The enterprise's 统一社会信用代码.", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, e.g. 亲属在该企业任职." };
        var withdraw = new Option<bool>("--withdraw") { Description = "Remove the declaration instead." };
        var cmd = new Command("conflict", "Record (or withdraw) an inspector's declared conflict of interest with an enterprise (audited).") { user, uscc, note, withdraw };
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, async svc =>
        {
            await svc.DeclareConflictAsync(pr.GetValue(user)!, pr.GetValue(uscc)!, pr.GetValue(note), pr.GetValue(withdraw), AuditActor.Cli(), ct);
            context.Err.WriteLine($"{pr.GetValue(user)} / {pr.GetValue(uscc)}: " + (pr.GetValue(withdraw) ? "conflict withdrawn" : "conflict declared"));
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Object(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise's 统一社会信用代码." };
        var reason = new Option<string?>("--special-reason") { Description = "Why it is a 特殊监管对象 (e.g. 上年受处罚, 挂牌督办); omitted or \"\" = not special." };
        var positive = new Option<bool>("--positive-list") { Description = "On the 正面清单 (drawn tasks off-site); omitted = not on it." };
        var cmd = new Command("object", "Set an enterprise's class in the object list: special reason and 正面清单 (audited).") { uscc, reason, positive };
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, async svc =>
        {
            await svc.SetSupervisionAsync(pr.GetValue(uscc)!, pr.GetValue(reason), pr.GetValue(positive), AuditActor.Cli(), ct);
            context.Err.WriteLine($"{pr.GetValue(uscc)}: special {(string.IsNullOrWhiteSpace(pr.GetValue(reason)) ? "no" : pr.GetValue(reason))}, 正面清单 {(pr.GetValue(positive) ? "yes" : "no")}");
            return 0;
        }, ct));
        return cmd;
    }
}
