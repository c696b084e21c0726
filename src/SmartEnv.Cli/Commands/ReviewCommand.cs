using SmartEnv.Storage.Audit;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Evaluation;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Web.Apis;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv review mark|restore|list</c> (数据审核): a thin shell over <see cref="ReviewBook"/> — the same records, rules
/// and refusals as <c>POST /api/review/marks</c>. <c>mark</c> and <c>restore</c> append a record, then recompute the queued
/// days at once (<see cref="EvaluationQueue.FlushAsync"/>), and print the record as one JSON line (the API's
/// <c>ReviewMarkDto</c>); <c>list</c> prints one line per record. Exit code 0 on success, 1 for a refused request or an
/// unavailable store (the reason on stderr), 2 for a usage error.
/// </summary>
public static class ReviewCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("review", "Monitoring-data review (数据审核): mark values invalid with a reason, restore, list.");
        cmd.Subcommands.Add(Mark(context));
        cmd.Subcommands.Add(Restore(context));
        cmd.Subcommands.Add(List(context));
        return cmd;
    }

    private static (Option<string> DataDir, Option<string?> Db) StoreOptionsOf(Command c)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        c.Options.Add(dataDir);
        c.Options.Add(db);
        return (dataDir, db);
    }

    private static Option<string> By(Command c)
    {
        var by = new Option<string>("--by") { Description = "Who reviews (recorded with the mark). Default: the operating-system user.", DefaultValueFactory = _ => Environment.UserName };
        c.Options.Add(by);
        return by;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o, Func<SmartEnvStore, Task> body, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(o.Db), Path.GetFullPath(pr.GetValue(o.DataDir)!)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await body(store);
            return 0;
        }
        catch (ReviewException ex)
        {
            context.Err.WriteLine($"error: {ex.Field}: {ex.Message}");
            return 1;
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static async Task PrintAsync(CliContext context, SmartEnvStore store, ReviewMark m, bool active, bool recompute, CancellationToken ct)
    {
        if (recompute)
        {
            await using var queue = new EvaluationQueue(store, TimeSpan.FromHours(1));
            await queue.FlushAsync(ct);
        }
        await using var db = store.CreateContext();
        var code = db.Sites.Where(s => s.Id == m.SiteId).Select(s => s.Code).Single();
        context.Out.WriteLine(JsonSerializer.Serialize(ReviewApi.ToDto(code, m, active), CliJson.Options));
    }

    private static Command Mark(CliContext context)
    {
        var c = new Command("mark", "Mark an observation (--observation ID) or a station-hour range (--site, --from, --to; optional --parameter) invalid.");
        var observation = new Option<long?>("--observation") { Description = "Observation id (GET /api/sites/{code}/observations)." };
        var site = new Option<string?>("--site") { Description = "Site code of a range." };
        var parameter = new Option<string?>("--parameter") { Description = "Factor code of a range (e.g. a34004); default every parameter." };
        var from = new Option<string?>("--from") { Description = "First hour start, ISO 8601 (e.g. 2019-01-08T15:00+08:00)." };
        var to = new Option<string?>("--to") { Description = "Last hour start (inclusive), ISO 8601." };
        var reason = new Option<string>("--reason") { Description = "instrument_fault (仪器故障), calibration_maintenance (校准/维护), shutdown (停运), external_interference (外部干扰), other (其他, needs --text).", Required = true };
        var text = new Option<string?>("--text") { Description = "Explanation." };
        foreach (var opt in new Option[] { observation, site, parameter, from, to, reason, text }) c.Options.Add(opt);
        var store = StoreOptionsOf(c);
        var by = By(c);
        c.SetAction(async (pr, ct) =>
        {
            if (!TryReason(pr.GetValue(reason)!, out var r))
            {
                context.Err.WriteLine($"error: --reason must be instrument_fault, calibration_maintenance, shutdown, external_interference or other; got '{pr.GetValue(reason)}'");
                return 2;
            }
            if (!TryInstant(pr.GetValue(from), out var f) || !TryInstant(pr.GetValue(to), out var t))
            {
                context.Err.WriteLine("error: --from/--to must be ISO 8601 instants with an offset, e.g. 2019-01-08T15:00+08:00");
                return 2;
            }
            return await RunAsync(context, pr, store, async s =>
            {
                var m = await new ReviewBook(s) { Auditor = AuditActor.Cli() with { Name = pr.GetValue(by)! } }.MarkAsync(new ReviewMarkRequest(pr.GetValue(observation), pr.GetValue(site), pr.GetValue(parameter), f, t, r, pr.GetValue(text)), pr.GetValue(by)!, ct);
                await PrintAsync(context, s, m, true, true, ct);
            }, ct);
        });
        return c;
    }

    private static Command Restore(CliContext context)
    {
        var c = new Command("restore", "Restore a mark (appends a restore record).");
        var id = new Argument<long>("MARK_ID") { Description = "Id of the mark." };
        var text = new Option<string?>("--text") { Description = "Note." };
        c.Arguments.Add(id);
        c.Options.Add(text);
        var store = StoreOptionsOf(c);
        var by = By(c);
        c.SetAction(async (pr, ct) => await RunAsync(context, pr, store, async s =>
        {
            var m = await new ReviewBook(s) { Auditor = AuditActor.Cli() with { Name = pr.GetValue(by)! } }.RestoreAsync(pr.GetValue(id), pr.GetValue(by)!, pr.GetValue(text), ct);
            await PrintAsync(context, s, m, false, true, ct);
        }, ct));
        return c;
    }

    private static Command List(CliContext context)
    {
        var c = new Command("list", "List the review records of a site (oldest first).");
        var site = new Option<string>("--site") { Description = "Site code.", Required = true };
        var from = new Option<string?>("--from") { Description = "Window start, ISO 8601 (optional)." };
        var to = new Option<string?>("--to") { Description = "Window end, ISO 8601 (optional, exclusive)." };
        foreach (var opt in new Option[] { site, from, to }) c.Options.Add(opt);
        var store = StoreOptionsOf(c);
        c.SetAction(async (pr, ct) =>
        {
            if (!TryInstant(pr.GetValue(from), out var f) || !TryInstant(pr.GetValue(to), out var t))
            {
                context.Err.WriteLine("error: --from/--to must be ISO 8601 instants with an offset");
                return 2;
            }
            return await RunAsync(context, pr, store, async s =>
            {
                foreach (var (m, active) in await new ReviewBook(s).ListAsync(pr.GetValue(site)!, f, t, ct))
                    context.Out.WriteLine(JsonSerializer.Serialize(ReviewApi.ToDto(pr.GetValue(site)!, m, active), CliJson.Options));
            }, ct);
        });
        return c;
    }

    private static bool TryReason(string text, out ReviewReason reason)
    {
        reason = default;
        return !int.TryParse(text, out _) && Enum.TryParse(text.Replace("_", "", StringComparison.Ordinal), true, out reason) && Enum.IsDefined(reason);
    }

    private static bool TryInstant(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var v) || !HasOffset(text)) return false;
        value = v;
        return true;
    }

    /// <summary>An instant must say its offset (Z or ±hh:mm): a bare local time would be read in the machine's zone.</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d{2}:?\d{2}$");
}
