using System.CommandLine;
using System.Text.Json;
using SmartEnv.Complaints.Handling;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// Issue 18 P3: handling complaints from the command line over the store named by <c>--data-dir</c>/<c>--db</c>, through
/// <see cref="ComplaintService"/> (an operator's tool: unrestricted scope; every change audited as the CLI user):
/// <list type="bullet">
/// <item><c>smartenv complaints list [--state S] [--overdue] [--channel C] [--type T] [--street S] [--from D] [--to D]
/// [--text T] [--limit N]</c> — one JSON <see cref="ComplaintRow"/> per line, newest first (no reporter data).</item>
/// <item><c>smartenv complaints show NUMBER [--with-reporter]</c> — the case as indented JSON (<see cref="ComplaintView"/>);
/// the reporter block only with <c>--with-reporter</c>.</item>
/// <item><c>smartenv complaints accept|decline|assign|findings|reply|visit|close NUMBER …</c> — one workflow action;
/// prints the case after it.</item>
/// <item><c>smartenv complaints extend NUMBER --days D --approver A --reason R</c>; <c>merge MASTER DUPLICATE</c>.</item>
/// <item><c>smartenv complaints overdue [--date yyyy-MM-dd]</c> — cases overdue on that Beijing day (default today).</item>
/// </list>
/// Exit 0 done; 1 no such case, a refused or invalid action (the message names the field and, for a refusal, the actions
/// permitted now) or a store failure.
/// </summary>
public static partial class ComplaintsCommand
{
    static partial void AddHandling(Command complaints, CliContext context)
    {
        complaints.Subcommands.Add(HandlingList(context));
        complaints.Subcommands.Add(HandlingShow(context));
        complaints.Subcommands.Add(HandlingOverdue(context));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Accept, "Accept the case (受理); the handling due day is set (60 days)."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Decline, "Do not accept the case (不予受理) with a reason; the reporter reads what to do instead."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Assign, "Assign the case (交办) to a street/town, a section or another department."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.RecordFindings, "Record the site check (核查): findings and 属实/部分属实/不属实."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Reply, "Record the written reply (办结答复); it reaches every merged case too."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Visit, "Record the follow-up visit (回访) with the reporter's satisfaction."));
        complaints.Subcommands.Add(HandlingAction(context, ComplaintTrigger.Close, "Close the case (结案)."));
        complaints.Subcommands.Add(HandlingExtend(context));
        complaints.Subcommands.Add(HandlingMerge(context));
    }

    private static (Option<string> DataDir, Option<string?> Db) HandlingStoreOptions(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static async Task<int> WithHandlingAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<ComplaintService, Task> action, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(o.Db), Path.GetFullPath(pr.GetValue(o.DataDir)!)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await using var ctx = store.CreateContext();
            await action(new ComplaintService(ctx, TimeProvider.System));
            return 0;
        }
        catch (ComplaintHandlingException ex)
        {
            context.Err.WriteLine("error: " + ex.Message + (ex.Allowed.Count > 0 ? " (allowed now: " + string.Join(", ", ex.Allowed) + ")" : ""));
            return 1;
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static bool HandlingEnum<T>(CliContext context, string? text, string option, out T? value) where T : struct, Enum
    {
        value = null;
        if (text is null) return true;
        if (ComplaintNames.TryParse<T>(text, out var v)) { value = v; return true; }
        context.Err.WriteLine($"error: {option} must be one of " + string.Join(", ", Enum.GetValues<T>().Select(x => ComplaintNames.Snake(x))));
        return false;
    }

    private static Command HandlingList(CliContext context)
    {
        var state = new Option<string?>("--state") { Description = "registered, accepted, not_accepted, assigned, handling, replied, visited, closed, under_review, under_recheck, merged." };
        var overdue = new Option<bool>("--overdue") { Description = "Only cases past their acceptance or handling due day today." };
        var channel = new Option<string?>("--channel") { Description = "phone, we_chat, online, letter, visit, transferred, other." };
        var type = new Option<string?>("--type") { Description = "Pollution type code (noise, air.odour, …)." };
        var street = new Option<string?>("--street") { Description = "Street/town code or name." };
        var from = new Option<DateOnly?>("--from") { Description = "First registration day (Beijing), yyyy-MM-dd." };
        var to = new Option<DateOnly?>("--to") { Description = "Last registration day, yyyy-MM-dd." };
        var text = new Option<string?>("--text") { Description = "Part of the number, content, address or reported unit." };
        var limit = new Option<int>("--limit") { Description = "Most rows (1–1000). Default 500.", DefaultValueFactory = _ => 500 };
        var cmd = new Command("list", "Complaints, newest first, as JSON lines (no reporter data).");
        foreach (var o in new Option[] { state, overdue, channel, type, street, from, to, text, limit }) cmd.Options.Add(o);
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            if (!HandlingEnum<ComplaintState>(context, pr.GetValue(state), "--state", out var s) || !HandlingEnum<ComplaintChannel>(context, pr.GetValue(channel), "--channel", out var c)) return 1;
            return await WithHandlingAsync(context, pr, store, async svc =>
            {
                var filter = new ComplaintFilter(s, pr.GetValue(overdue) ? true : null, c, pr.GetValue(type), pr.GetValue(street), pr.GetValue(from), pr.GetValue(to),
                    pr.GetValue(text), pr.GetValue(limit));
                foreach (var r in await svc.ListAsync(filter, ct)) context.Out.WriteLine(JsonSerializer.Serialize(r, CliJson.Options));
            }, ct);
        });
        return cmd;
    }

    private static Command HandlingShow(CliContext context)
    {
        var number = new Argument<string>("NUMBER") { Description = "Case number (TS + yyyyMMdd + 4 digits)." };
        var withReporter = new Option<bool>("--with-reporter") { Description = "Include the reporter's name and contact (for the staff handling the case)." };
        var cmd = new Command("show", "One complaint with types, photos, events, duplicates, extensions and deadlines, as indented JSON.");
        cmd.Arguments.Add(number);
        cmd.Options.Add(withReporter);
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction((pr, ct) => WithHandlingAsync(context, pr, store, async svc =>
        {
            var v = await svc.GetAsync(pr.GetValue(number)!, pr.GetValue(withReporter), ct)
                ?? throw new ComplaintHandlingException(404, "number", $"no complaint {pr.GetValue(number)}");
            context.Out.WriteLine(JsonSerializer.Serialize(v, CliJson.Indented));
        }, ct));
        return cmd;
    }

    private static Command HandlingOverdue(CliContext context)
    {
        var date = new Option<DateOnly?>("--date") { Description = "The Beijing day judged, yyyy-MM-dd. Default today." };
        var cmd = new Command("overdue", "Complaints past their acceptance answer day or handling due day, as JSON lines.");
        cmd.Options.Add(date);
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction((pr, ct) => WithHandlingAsync(context, pr, store, async svc =>
        {
            foreach (var r in await svc.OverdueAsync(pr.GetValue(date) ?? BeijingTime.Today(TimeProvider.System), ct))
                context.Out.WriteLine(JsonSerializer.Serialize(r, CliJson.Options));
        }, ct));
        return cmd;
    }

    private static Command HandlingAction(CliContext context, ComplaintTrigger trigger, string description)
    {
        var number = new Argument<string>("NUMBER") { Description = "Case number." };
        var note = new Option<string?>("--note") { Description = "Note (decline outside_remit: where the reporter should go; visit, close)." };
        var version = new Option<int?>("--expected-version") { Description = "The version read with show (refused when the case changed since)." };
        var cmd = new Command(ComplaintNames.Action(trigger), description);
        cmd.Arguments.Add(number);
        cmd.Options.Add(note);
        cmd.Options.Add(version);
        Option<string?>? reason = null, linked = null, kind = null, code = null, name = null, findings = null, verification = null, industry = null, reply = null, satisfaction = null;
        Option<DateTimeOffset?>? checkedAt = null;
        Option<string?> Add(string n, string d, bool required = false)
        {
            var o = new Option<string?>(n) { Description = d, Required = required };
            cmd.Options.Add(o);
            return o;
        }
        switch (trigger)
        {
            case ComplaintTrigger.Decline:
                reason = Add("--reason", "outside_remit, legal_proceedings, already_accepted, repeat_after_reply or unclear.", true);
                linked = Add("--linked", "already_accepted: the number of the case accepted for the same matter.");
                break;
            case ComplaintTrigger.Assign:
                kind = Add("--kind", "street, section or department.", true);
                code = Add("--code", "Street code (or name), or the section's/department's code.");
                name = Add("--name", "Section or department name.");
                break;
            case ComplaintTrigger.RecordFindings:
                findings = Add("--findings", "What the site check found.", true);
                verification = Add("--verification", "true, partly_true or false (属实, 部分属实, 不属实).", true);
                industry = Add("--industry", "GB/T 4754 industry code of the reported unit (2–4 digits).");
                checkedAt = new Option<DateTimeOffset?>("--checked-at") { Description = "When the site check took place (ISO 8601). Default now." };
                cmd.Options.Add(checkedAt);
                break;
            case ComplaintTrigger.Reply:
                reply = Add("--reply", "The written reply to the reporter.", true);
                break;
            case ComplaintTrigger.Visit:
                satisfaction = Add("--satisfaction", "satisfied, basically_satisfied or dissatisfied.", true);
                break;
        }
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            string? V(Option<string?>? o) => o is null ? null : pr.GetValue(o);
            if (!HandlingEnum<NotAcceptedReason>(context, V(reason), "--reason", out var r) || !HandlingEnum<AssigneeKind>(context, V(kind), "--kind", out var k)
                || !HandlingEnum<Verification>(context, V(verification), "--verification", out var v) || !HandlingEnum<Satisfaction>(context, V(satisfaction), "--satisfaction", out var s))
                return 1;
            var input = new ComplaintActionInput(pr.GetValue(version), pr.GetValue(note), r, V(linked), k, V(code), V(name), V(findings), v,
                checkedAt is null ? null : pr.GetValue(checkedAt), V(industry), V(reply), s);
            return await WithHandlingAsync(context, pr, store, async svc =>
                context.Out.WriteLine(JsonSerializer.Serialize(await svc.FireAsync(pr.GetValue(number)!, trigger, input, AuditActor.Cli(), ct), CliJson.Indented)), ct);
        });
        return cmd;
    }

    private static Command HandlingExtend(CliContext context)
    {
        var number = new Argument<string>("NUMBER") { Description = "Case number." };
        var days = new Option<int>("--days") { Description = "Days to add (1–30).", Required = true };
        var approver = new Option<string>("--approver") { Description = "The leader who approved the extension.", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why (the reporter is told).", Required = true };
        var cmd = new Command("extend", "Extend the handling period once by at most 30 days (《信访工作条例》 Art. 34).");
        cmd.Arguments.Add(number);
        foreach (var o in new Option[] { days, approver, reason }) cmd.Options.Add(o);
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction((pr, ct) => WithHandlingAsync(context, pr, store, async svc =>
            context.Out.WriteLine(JsonSerializer.Serialize(await svc.ExtendAsync(pr.GetValue(number)!, pr.GetValue(days), pr.GetValue(approver)!, pr.GetValue(reason)!,
                AuditActor.Cli(), ct), CliJson.Indented)), ct));
        return cmd;
    }

    private static Command HandlingMerge(CliContext context)
    {
        var master = new Argument<string>("MASTER") { Description = "The case that is handled." };
        var duplicate = new Argument<string>("DUPLICATE") { Description = "The case that follows it (its reporter gets the master's reply)." };
        var cmd = new Command("merge", "Merge a duplicate complaint into the case that is handled.");
        cmd.Arguments.Add(master);
        cmd.Arguments.Add(duplicate);
        var store = HandlingStoreOptions(cmd);
        cmd.SetAction((pr, ct) => WithHandlingAsync(context, pr, store, async svc =>
            context.Out.WriteLine(JsonSerializer.Serialize(await svc.MergeAsync(pr.GetValue(master)!, pr.GetValue(duplicate)!, AuditActor.Cli(), ct), CliJson.Indented)), ct));
        return cmd;
    }
}
