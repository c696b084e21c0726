using System.CommandLine;
using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Waste.Generators;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// Issue 17 P5 commands on the store named by <c>--data-dir</c>/<c>--db</c> (operator's tools: unrestricted scope):
/// <list type="bullet">
/// <item><c>smartenv hw declarations [--overdue | --status overdue|due|submitted]</c>: the management plans and declarations
/// of last year and this year across generators (HJ 1259-2022 §5.2/§7.2, <see cref="GeneratorService.StaffListAsync"/>), as
/// of today in Beijing, one JSON object per line (<see cref="WasteFilingView"/>), in due order.</item>
/// <item><c>smartenv hw class --uscc USCC [--year YYYY]</c>: the management class (HJ 1259-2022 §4.2) as one JSON object
/// (<see cref="WasteClassView"/>); the stored one with its override when there is one, else computed now (not stored).</item>
/// </list>
/// Exit 0 done (also when nothing is listed); 1 a store failure or an unknown enterprise; 2 a usage error.
/// </summary>
public static partial class HwCommand
{
    static partial void AddDeclarations(Command hw, CliContext context)
    {
        var overdue = new Option<bool>("--overdue") { Description = "Only overdue filings (not submitted, due day passed)." };
        var status = new Option<string?>("--status") { Description = "overdue | due | submitted (default: all of them)." };
        status.AcceptOnlyFromAmong("overdue", "due", "submitted");
        var (dataDir, db) = DeclarationStoreOptions();
        var list = new Command("declarations", "Hazardous-waste management plans and declarations (管理计划、申报) of last year and this year, as JSON lines; --overdue lists the overdue ones.");
        foreach (var o in new Option[] { overdue, status, dataDir, db }) list.Options.Add(o);
        list.SetAction(async (pr, ct) => await DeclarationStoreAsync(context, pr.GetValue(dataDir)!, pr.GetValue(db), async ctx =>
        {
            var s = pr.GetValue(overdue) ? "overdue" : pr.GetValue(status);
            foreach (var f in await new GeneratorService(ctx, TimeProvider.System).StaffListAsync(s, ct))
                context.Out.WriteLine(JsonSerializer.Serialize(f, CliJson.Options));
            return 0;
        }, ct));
        hw.Subcommands.Add(list);

        var uscc = new Option<string>("--uscc") { Description = "The enterprise (统一社会信用代码).", Required = true };
        var year = new Option<int?>("--year") { Description = "Class year (default: this year, Beijing)." };
        var (dataDir2, db2) = DeclarationStoreOptions();
        var cls = new Command("class", "The hazardous-waste management class (重点监管/简化管理/登记管理, HJ 1259-2022 §4.2) of an enterprise as JSON.");
        foreach (var o in new Option[] { uscc, year, dataDir2, db2 }) cls.Options.Add(o);
        cls.SetAction(async (pr, ct) => await DeclarationStoreAsync(context, pr.GetValue(dataDir2)!, pr.GetValue(db2), async ctx =>
        {
            try
            {
                var v = await new GeneratorService(ctx, TimeProvider.System).GetClassAsync(pr.GetValue(uscc)!, pr.GetValue(year) ?? BeijingTime.Today(TimeProvider.System).Year, ct);
                context.Out.WriteLine(JsonSerializer.Serialize(v, CliJson.Options));
                return 0;
            }
            catch (KeyNotFoundException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        }, ct));
        hw.Subcommands.Add(cls);
    }

    private static (Option<string> DataDir, Option<string?> Db) DeclarationStoreOptions() =>
        (new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" },
         new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." });

    private static async Task<int> DeclarationStoreAsync(CliContext context, string dataDir, string? db, Func<SmartEnvDbContext, Task<int>> run, CancellationToken ct)
    {
        var store = new SmartEnvStore(SmartEnv.Storage.StoreOptions.Parse(db, Path.GetFullPath(dataDir)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await using var ctx = store.CreateContext();
            return await run(ctx);
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }
}
