using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Credit;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv credit …</c> (issue 19 P5, docs/credit.md): enterprise environmental credit over the store named by
/// <c>--data-dir</c>/<c>--db</c>, through <see cref="CreditService"/> (an operator's tool: unrestricted scope; an evaluation
/// is audited as the CLI user):
/// <list type="bullet">
/// <item><c>smartenv credit evaluate USCC --year Y</c> — evaluates the year from the stored evidence (decided penalties,
/// inspection findings, unfinished rectification orders, exceedance days, verified complaints, adjustments), stores a new
/// evaluation and prints it with its lines and evidence as indented JSON.</item>
/// <item><c>smartenv credit show USCC [--year Y]</c> — the current grade and the latest evaluation of the year (default the
/// latest year evaluated), as indented JSON.</item>
/// </list>
/// Exit 0 done; 1 no such enterprise, nothing evaluated (show), a refusal of the service or a store failure.
/// </summary>
public static class CreditCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("credit", "Enterprise environmental credit (企业环境信用): evaluate a year, show the record.");
        cmd.Subcommands.Add(Evaluate(context));
        cmd.Subcommands.Add(Show(context));
        return cmd;
    }

    private static Task<int> WithServiceAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o, string uscc,
        Func<CreditService, SmartEnvDbContext, Task<int>> action, CancellationToken ct) =>
        CliStore.WithContextAsync(context, pr, o, async ctx =>
        {
            if (!await ctx.Enterprises.AnyAsync(e => e.Uscc == uscc, ct))
            {
                context.Err.WriteLine($"error: no enterprise {uscc}");
                return 1;
            }
            return await action(new CreditService(ctx, TimeProvider.System), ctx);
        }, ct, ex => ex is CreditException);

    private static object View(StoredEvaluation s) => new
    {
        s.Evaluation.Uscc, s.Evaluation.Year, s.Evaluation.BaseScore, s.Evaluation.DeductionTotal, s.Evaluation.BonusTotal, s.Evaluation.AdjustmentTotal,
        s.Evaluation.Score, s.Evaluation.Grade, s.Evaluation.Vetoed, s.Evaluation.RulesVersion, s.Evaluation.EvaluatedAt,
        Lines = s.Lines.Select(l => new { l.ItemCode, l.Kind, l.Occurrences, l.Uncapped, l.Points, Evidence = l.Evidence.Select(e => new { e.Kind, e.RecordId, e.Occurrences }) }),
    };

    private static Command Evaluate(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise's 统一社会信用代码." };
        var year = new Option<int>("--year") { Description = "The year evaluated (evidence dated in it, Beijing time).", Required = true };
        var cmd = new Command("evaluate", "Evaluate an enterprise's credit for a year from the evidence in the store and print the stored evaluation.");
        cmd.Arguments.Add(uscc);
        cmd.Options.Add(year);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, pr.GetValue(uscc)!, async (svc, _) =>
        {
            context.Out.WriteLine(JsonSerializer.Serialize(View(await svc.EvaluateAsync(pr.GetValue(uscc)!, pr.GetValue(year), AuditActor.Cli(), ct)), CliJson.Indented));
            return 0;
        }, ct));
        return cmd;
    }

    private static Command Show(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "The enterprise's 统一社会信用代码." };
        var year = new Option<int?>("--year") { Description = "The year. Default the latest year evaluated." };
        var cmd = new Command("show", "An enterprise's current grade and latest evaluation, as indented JSON.");
        cmd.Arguments.Add(uscc);
        cmd.Options.Add(year);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => WithServiceAsync(context, pr, store, pr.GetValue(uscc)!, async (svc, db) =>
        {
            var u = pr.GetValue(uscc)!;
            var y = pr.GetValue(year) ?? await db.CreditEvaluations.Where(e => e.Uscc == u).OrderByDescending(e => e.Year).Select(e => (int?)e.Year).FirstOrDefaultAsync(ct);
            var latest = y is { } yy ? await svc.LatestAsync(u, yy, ct) : null;
            if (latest is null)
            {
                context.Err.WriteLine($"error: {u} has no evaluation" + (y is null ? "" : $" for {y}"));
                return 1;
            }
            context.Out.WriteLine(JsonSerializer.Serialize(new { uscc = u, current_grade = await svc.CurrentGradeAsync(u, ct), latest = View(latest) }, CliJson.Indented));
            return 0;
        }, ct));
        return cmd;
    }
}
