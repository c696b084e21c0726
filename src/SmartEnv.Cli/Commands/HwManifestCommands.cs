using System.CommandLine;
using System.Text.Json;
using SmartEnv.Storage;
using SmartEnv.Waste.Manifests;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv hw manifests [--overdue] [--uscc USCC]</c> (issue 17 P4): transfer manifests (联单) of the store named by
/// <c>--data-dir</c>/<c>--db</c>, newest first, one JSON object per line (<see cref="ManifestView"/>). <c>--overdue</c>: only
/// those arrived and unconfirmed after their receipt due day (5 working days, 《危险废物转移管理办法》 Art. 18) or paper-pending
/// after their back-fill due day (10 working days, Art. 20), as of today in Beijing; <c>--uscc</c>: only those the
/// enterprise is a party to. Operator's tool: unrestricted scope. Exit 0 done (also when none); 1 a store failure.
/// </summary>
public static partial class HwCommand
{
    static partial void AddManifests(Command hw, CliContext context)
    {
        var overdue = new Option<bool>("--overdue") { Description = "Only overdue manifests: receipt after 5 working days of arrival, or paper not back-filled within 10." };
        var uscc = new Option<string?>("--uscc") { Description = "Only manifests this enterprise is a party to (移出人, 承运人 or 接受人)." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var cmd = new Command("manifests", "Transfer manifests (转移联单), newest first, as JSON lines; --overdue lists the overdue ones.");
        foreach (var o in new Option[] { overdue, uscc, dataDir, db }) cmd.Options.Add(o);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var service = new ManifestService(ctx, TimeProvider.System);
                var list = await service.ListAllAsync(pr.GetValue(overdue), ct);
                var party = pr.GetValue(uscc);
                foreach (var m in list.Where(m => party is null || m.GeneratorUscc == party || m.CarrierUscc == party || m.ReceiverUscc == party))
                    context.Out.WriteLine(JsonSerializer.Serialize(m, CliJson.Options));
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        hw.Subcommands.Add(cmd);
    }
}
