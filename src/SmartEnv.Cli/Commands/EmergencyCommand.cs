using System.CommandLine;
using System.Text.Json;
using SmartEnv.Emergency;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv emergency …</c> (issue 20, docs/emergency.md):
/// <list type="bullet">
/// <item><c>smartenv emergency classify [JSON]</c> — the Annex 1 level (国办函〔2014〕119号) of criteria given as JSON
/// (argument, or standard input when omitted or <c>-</c>): <c>{"deaths":2,"injured":0,"evacuated":12000,"loss_yuan":0,
/// "water_intake":"township","cross_boundary":"county","circumstances":["drinking_water"]}</c>; prints the level, its
/// numeral, the deciding criterion, every criterion's level and the 初报 hours (令第17号 Art. 3–4) as indented JSON. No
/// store.</item>
/// <item><c>smartenv emergency due [--data-dir D | --db C]</c> — plans whose filing, check or refile is overdue, or whose
/// review is due within the warning days or overdue, on today's Beijing day, as indented JSON (unrestricted scope).</item>
/// </list>
/// Exit 0 done; 1 malformed JSON or criteria, or a store failure.
/// </summary>
public static class EmergencyCommand
{
    private sealed record ClassifyInput(int? Deaths, int? Injured, int? Evacuated, decimal? LossYuan, string? WaterIntake, string? CrossBoundary, string[]? Circumstances);

    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("emergency", "Environmental emergencies (环境应急): classify an event, list due and overdue plan filings.");
        cmd.Subcommands.Add(Classify(context));
        cmd.Subcommands.Add(Due(context));
        return cmd;
    }

    private static Command Classify(CliContext context)
    {
        var json = new Argument<string?>("JSON") { Description = "Criteria as JSON; '-' or omitted: read standard input.", Arity = ArgumentArity.ZeroOrOne };
        var cmd = new Command("classify", "The Annex 1 level of an event from its criteria (JSON), the deciding criterion and the initial-report hours.");
        cmd.Arguments.Add(json);
        cmd.SetAction(pr =>
        {
            var text = pr.GetValue(json) is { } t && t != "-" ? t : context.In.ReadToEnd();
            ClassifyInput? input;
            try { input = JsonSerializer.Deserialize<ClassifyInput>(text, CliJson.Options); }
            catch (JsonException ex)
            {
                context.Err.WriteLine("error: criteria JSON: " + ex.Message);
                return 1;
            }
            if (input is null)
            {
                context.Err.WriteLine("error: criteria JSON: null");
                return 1;
            }
            try
            {
                var c = EventLevels.Classify(new EventCriteria(input.Deaths, input.Injured, input.Evacuated, input.LossYuan, input.WaterIntake, input.CrossBoundary));
                var d = EventReporting.Deadline(c.Level, input.Circumstances ?? [], DateTimeOffset.UnixEpoch);
                context.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    level = c.Level is { } l ? EmergencyLevels.Code(l) : null,
                    level_zh = c.Level is { } z ? EmergencyLevels.Zh(z) : null,
                    roman = c.Level is { } r ? EmergencyLevels.Roman(r) : null,
                    decided_by = c.Decisive?.Criterion,
                    rule = c.Decisive?.Rule,
                    by_criterion = c.ByCriterion.Select(x => new { criterion = x.Criterion, level = EmergencyLevels.Code(x.Level), rule = x.Rule }),
                    report_as = EmergencyLevels.Code(d.ReportAs),
                    report_hours = d.Hours,
                    report_reason = d.Reason,
                    rules = c.RulesVersion,
                }, CliJson.Indented));
                return 0;
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException or KeyNotFoundException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command Due(CliContext context)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var cmd = new Command("due", "Plans with an overdue filing, check or refile, or a review due soon or overdue, today (Beijing), as indented JSON.");
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(Storage.StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var s = new EmergencyService(ctx, TimeProvider.System);
                var rows = (await s.PlansAsync(null, ct)).Where(r => r.Status.Any).Select(r => new
                {
                    id = r.Plan.Id, uscc = r.Plan.Uscc, enterprise = r.EnterpriseName, version = r.Plan.PlanVersion, state = r.Plan.State,
                    signed_on = r.Plan.SignedOn, filing_due = r.Plan.FilingDue, check_due = r.Plan.CheckDue, refile_by = r.Plan.RefileBy, review_due = r.Plan.ReviewDue,
                    filing_overdue = r.Status.FilingOverdue, check_overdue = r.Status.CheckOverdue, refile_overdue = r.Status.RefileOverdue,
                    review_due_soon = r.Status.ReviewDueSoon, review_overdue = r.Status.ReviewOverdue,
                });
                context.Out.WriteLine(JsonSerializer.Serialize(new { today = BeijingTime.Today(TimeProvider.System), plans = rows }, CliJson.Indented));
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
