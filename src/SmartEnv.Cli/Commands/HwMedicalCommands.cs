using System.CommandLine;
using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Supervision.Waste.Medical;
using SmartEnv.Waste.Medical;
using SmartEnv.Web.Apis;

namespace SmartEnv.Cli.Commands;

// issue 17 P6: smartenv hw medical handover|collect|report|overview (docs/waste.md "Medical waste and plan indicator #17").
public static partial class HwCommand
{
    static partial void AddMedical(Command hw, CliContext context)
    {
        var cmd = new Command("medical", "Medical waste (医疗废物): handovers into the 暂存间, collections, annual reports, overview with indicator #17.");
        cmd.Subcommands.Add(MedicalHandover(context));
        cmd.Subcommands.Add(MedicalCollect(context));
        cmd.Subcommands.Add(MedicalReport(context));
        cmd.Subcommands.Add(MedicalOverview(context));
        hw.Subcommands.Add(cmd);
    }

    private static (Option<string> DataDir, Option<string?> Db) MedicalStoreOptions(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    /// <summary>Runs <paramref name="body"/> on the migrated store; exit 1 with the message on a refusal or a store failure.</summary>
    private static async Task<int> MedicalRunAsync(CliContext context, string? db, string dataDir, Func<MedicalWasteService, Task<object>> body, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(db, Path.GetFullPath(dataDir)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await using var ctx = store.CreateContext();
            var result = await body(new MedicalWasteService(ctx, TimeProvider.System));
            context.Out.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
            return 0;
        }
        catch (Exception ex) when (ex is StoreUnavailableException or KeyNotFoundException or MedicalWasteException)
        {
            context.Err.WriteLine("error: " + (ex is KeyNotFoundException k ? k.Message.Trim('\'') : ex.Message));
            return 1;
        }
    }

    private static Command MedicalHandover(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码 of the medical institution." };
        var facility = new Option<string>("--facility") { Description = "Code of its 暂存间 (waste facility of kind medical_temporary).", Required = true };
        var category = new Option<string>("--category") { Description = "infectious | sharps | pathological | pharmaceutical | chemical (or 841-00x-01, 感染性废物 …).", Required = true };
        var kg = new Option<decimal>("--kg") { Description = "Weight in kg (> 0, to the gram).", Required = true };
        var packages = new Option<int>("--packages") { Description = "Packages (default 1).", DefaultValueFactory = _ => 1 };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Handover instant, ISO 8601 with offset (default now)." };
        var dept = new Option<string>("--department") { Description = "科室.", Required = true };
        var handedBy = new Option<string>("--handed-by") { Description = "Who handed it over.", Required = true };
        var receivedBy = new Option<string>("--received-by") { Description = "Who received it into the 暂存间.", Required = true };
        var cmd = new Command("handover", "Record a handover into the 暂存间; prints it as JSON (exit 1 when refused).");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { facility, category, kg, packages, at, dept, handedBy, receivedBy }) cmd.Options.Add(o);
        var (dataDir, db) = MedicalStoreOptions(cmd);
        cmd.SetAction((pr, ct) => MedicalRunAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async s =>
        {
            var h = await s.RecordHandoverAsync(pr.GetValue(uscc)!, new HandoverInput(pr.GetValue(facility)!, pr.GetValue(at) ?? DateTimeOffset.UtcNow,
                pr.GetValue(category)!, pr.GetValue(kg), pr.GetValue(packages), pr.GetValue(dept)!, pr.GetValue(handedBy)!, pr.GetValue(receivedBy)!), AuditActor.Cli(), ct);
            return MedicalWasteApi.Dto(h, null, DateTimeOffset.UtcNow);
        }, ct));
        return cmd;
    }

    private static Command MedicalCollect(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码 of the medical institution." };
        var facility = new Option<string>("--facility") { Description = "Code of its 暂存间.", Required = true };
        var collector = new Option<string>("--collector") { Description = "统一社会信用代码 of the collector (a registered waste party).", Required = true };
        var handovers = new Option<long[]>("--handover") { Description = "Id of a held handover taken (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var kg = new Option<decimal?>("--kg") { Description = "Weighed kg (default the handovers' sum)." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Collection instant, ISO 8601 with offset (default now)." };
        var manifest = new Option<string?>("--manifest") { Description = "Medical-waste manifest number (14 digits)." };
        var cmd = new Command("collect", "Record a collection that takes held handovers; prints it as JSON (exit 1 when refused).");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { facility, collector, handovers, kg, at, manifest }) cmd.Options.Add(o);
        var (dataDir, db) = MedicalStoreOptions(cmd);
        cmd.SetAction((pr, ct) => MedicalRunAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async s =>
            (object)await s.RecordCollectionAsync(pr.GetValue(uscc)!, new CollectionInput(pr.GetValue(facility)!, pr.GetValue(collector)!,
                pr.GetValue(at) ?? DateTimeOffset.UtcNow, pr.GetValue(handovers) ?? [], pr.GetValue(kg), pr.GetValue(manifest)), AuditActor.Cli(), ct), ct));
        return cmd;
    }

    private static Command MedicalReport(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码 of the medical institution." };
        var year = new Option<int>("--year") { Description = "Calendar year.", Required = true };
        var submit = new Option<bool>("--submit") { Description = "Submit the report (an ended year) instead of only printing it." };
        var note = new Option<string?>("--note") { Description = "Note of the submission." };
        var cmd = new Command("report", "Print (or --submit) an institution's annual medical-waste generation report as JSON.");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { year, submit, note }) cmd.Options.Add(o);
        var (dataDir, db) = MedicalStoreOptions(cmd);
        cmd.SetAction((pr, ct) => MedicalRunAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async s => pr.GetValue(submit)
            ? await s.SubmitReportAsync(pr.GetValue(uscc)!, pr.GetValue(year), pr.GetValue(note), AuditActor.Cli(), ct)
            : (object)await s.ReportAsync(pr.GetValue(uscc)!, pr.GetValue(year), ct), ct));
        return cmd;
    }

    private static Command MedicalOverview(CliContext context)
    {
        var year = new Option<int?>("--year") { Description = "Calendar year (default this year, Beijing)." };
        var cmd = new Command("overview", "Medical waste per institution for a year and indicator #17 (城镇医疗废物集中无害化处置率) with its rule, as JSON.");
        cmd.Options.Add(year);
        var (dataDir, db) = MedicalStoreOptions(cmd);
        cmd.SetAction((pr, ct) => MedicalRunAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async s =>
        {
            var o = await s.OverviewAsync(pr.GetValue(year) ?? BeijingTime.Today(TimeProvider.System).Year, MedicalStorageRules.DefaultMax, ct);
            return new MedicalWasteApi.OverviewDto(o, o.Rate.Value, CentralDisposalRate.RuleZh, CentralDisposalRate.RuleEn);
        }, ct));
        return cmd;
    }
}
