using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Complaints.Intake;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Complaints;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// Intake commands of issue 18 P2 (docs/complaints.md "Intake"), on the store named by <c>--data-dir</c>/<c>--db</c>:
/// <list type="bullet">
/// <item><c>smartenv complaints submit --channel phone --content TEXT --types noise.construction [--address …] [--street …]
/// [--lat … --lon …] [--occurred-at …] [--reported-name …] [--reported-uscc …] [--reporter-name …] [--reporter-phone …]
/// [--reporter-email …] [--anonymous] [--urgency …] [--source-ref …] [--photo FILE]…</c> — staff entry of a case received
/// by telephone, visit, letter or transfer (<see cref="ComplaintIntakeService.SubmitAsync(ComplaintSubmission, IReadOnlyList{PhotoUpload}, AuditActor, CancellationToken)"/>,
/// audited as the operator). Prints one JSON line <c>{number, query_code, acceptance_due}</c>; the query code is shown
/// only here.</item>
/// <item><c>smartenv complaints query NUMBER CODE</c> — what the public sees with that number and code (one JSON line of
/// <see cref="PublicComplaintView"/>); exit 3 when there is no such case or the code is wrong (same answer).</item>
/// </list>
/// Exit codes: 0 done; 1 a store failure; 2 a refused field (<c>error: FIELD: REASON</c> on stderr, nothing stored);
/// 3 not found.
/// </summary>
public static partial class ComplaintsCommand
{
    static partial void AddIntake(Command complaints, CliContext context)
    {
        complaints.Subcommands.Add(IntakeSubmit(context));
        complaints.Subcommands.Add(IntakeQuery(context));
    }

    private static (Option<string> DataDir, Option<string?> Db) IntakeStoreOptions(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static Command IntakeSubmit(CliContext context)
    {
        var channel = new Option<string>("--channel") { Description = "How it came in: phone | we_chat | online | letter | visit | transferred | other.", Required = true };
        var content = new Option<string>("--content") { Description = "What is reported (≤ 2000 characters).", Required = true };
        var types = new Option<string[]>("--types") { Description = "Pollution type codes (complaint-categories.tsv), e.g. noise.construction; repeat or comma-separate.", Required = true, AllowMultipleArgumentsPerToken = true };
        var address = new Option<string?>("--address") { Description = "Where (free text); the street is inferred when exactly one street name is in it." };
        var street = new Option<string?>("--street") { Description = "Street/town code or name (jiangbei-streets.tsv)." };
        var lat = new Option<double?>("--lat") { Description = "WGS-84 latitude (with --lon)." };
        var lon = new Option<double?>("--lon") { Description = "WGS-84 longitude (with --lat)." };
        var occurred = new Option<string?>("--occurred-at") { Description = "When it happened: ISO 8601 with offset or Beijing local yyyy-MM-dd HH:mm." };
        var reportedName = new Option<string?>("--reported-name") { Description = "Name of the reported unit (an exact registry name links the enterprise)." };
        var reportedUscc = new Option<string?>("--reported-uscc") { Description = "统一社会信用代码 of the reported unit." };
        var reporterName = new Option<string?>("--reporter-name") { Description = "Reporter's name." };
        var reporterPhone = new Option<string?>("--reporter-phone") { Description = "Reporter's telephone." };
        var reporterEmail = new Option<string?>("--reporter-email") { Description = "Reporter's e-mail." };
        var anonymous = new Option<bool>("--anonymous") { Description = "The reporter stays anonymous (no name or contact)." };
        var urgency = new Option<string?>("--urgency") { Description = "none | environmental_emergency | mass_incident." };
        var sourceRef = new Option<string?>("--source-ref") { Description = "Reference of the channel (e.g. the 12369 platform's number)." };
        var photos = new Option<FileInfo[]>("--photo") { Description = "A photo (JPEG, PNG or WebP; ≤ 10 MiB; repeat up to 4 times)." };
        var cmd = new Command("submit", "Register a complaint received by telephone, visit, letter or transfer (staff entry); prints the number and the query code.");
        foreach (var o in new Option[] { channel, content, types, address, street, lat, lon, occurred, reportedName, reportedUscc, reporterName, reporterPhone, reporterEmail, anonymous, urgency, sourceRef, photos })
            cmd.Options.Add(o);
        var (dataDir, db) = IntakeStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            if (!ComplaintEnumMap.TryParseKey(pr.GetValue(channel), out ComplaintChannel ch))
                return IntakeRefused(context, "channel", "one of " + string.Join('|', Enum.GetValues<ComplaintChannel>().Select(ComplaintEnumMap.Key)));
            var urg = ComplaintUrgency.None;
            if (pr.GetValue(urgency) is { Length: > 0 } u && !ComplaintEnumMap.TryParseKey(u, out urg))
                return IntakeRefused(context, "urgency", "one of " + string.Join('|', Enum.GetValues<ComplaintUrgency>().Select(ComplaintEnumMap.Key)));
            DateTimeOffset? at = null;
            if (pr.GetValue(occurred) is { Length: > 0 } o)
            {
                if (BeijingTime.TryParseLocal(o, out var local)) at = local;
                else if (DateTimeOffset.TryParse(o, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) at = iso;
                else return IntakeRefused(context, "occurred_at", "ISO 8601 with offset, or Beijing local yyyy-MM-dd HH:mm");
            }
            var typeList = (pr.GetValue(types) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var submission = new ComplaintSubmission(ch, pr.GetValue(content) ?? "", pr.GetValue(address), pr.GetValue(street), pr.GetValue(lat), pr.GetValue(lon), at,
                typeList, pr.GetValue(reportedName), pr.GetValue(reportedUscc), pr.GetValue(reporterName), pr.GetValue(reporterPhone), pr.GetValue(reporterEmail),
                pr.GetValue(anonymous), urg, pr.GetValue(sourceRef));
            var streams = new List<Stream>();
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                var uploads = new List<PhotoUpload>();
                foreach (var f in pr.GetValue(photos) ?? [])
                {
                    if (!f.Exists) return IntakeRefused(context, "photos", $"no file {f.FullName}");
                    var s = f.OpenRead();
                    streams.Add(s);
                    uploads.Add(new PhotoUpload(f.Name, s));
                }
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var receipt = await new ComplaintIntakeService(ctx, TimeProvider.System).SubmitAsync(submission, uploads, AuditActor.Cli(), ct);
                context.Out.WriteLine(JsonSerializer.Serialize(new { receipt.Number, QueryCode = QueryCode.Display(receipt.QueryCode), receipt.AcceptanceDue }, CliJson.Options));
                return 0;
            }
            catch (ComplaintInputException ex)
            {
                return IntakeRefused(context, ex.Field, ex.Reason);
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
            finally
            {
                foreach (var s in streams) await s.DisposeAsync();
            }
        });
        return cmd;
    }

    private static Command IntakeQuery(CliContext context)
    {
        var number = new Argument<string>("NUMBER") { Description = "Case number, e.g. TS202409200001." };
        var code = new Argument<string>("CODE") { Description = "Query code (XXXXX-XXXXX; case, spaces and dashes do not matter)." };
        var cmd = new Command("query", "What the public sees of a complaint with its number and query code (JSON line); exit 3 when none.");
        cmd.Arguments.Add(number);
        cmd.Arguments.Add(code);
        var (dataDir, db) = IntakeStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var view = await new ComplaintIntakeService(ctx, TimeProvider.System).QueryAsync(pr.GetValue(number)!, pr.GetValue(code)!, ct);
                if (view is null)
                {
                    context.Err.WriteLine("no complaint with this number and query code");
                    return 3;
                }
                context.Out.WriteLine(JsonSerializer.Serialize(view, CliJson.Options));
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

    private static int IntakeRefused(CliContext context, string field, string reason)
    {
        context.Err.WriteLine($"error: {field}: {reason}");
        return 2;
    }
}
