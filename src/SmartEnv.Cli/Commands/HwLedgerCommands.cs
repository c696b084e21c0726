using System.CommandLine;
using System.Text.Json;
using SmartEnv.Standards.Common;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;
using SmartEnv.Storage.Entities.Waste;
using SmartEnv.Waste.Ledger;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// Issue 17 P2 over the store named by <c>--data-dir</c>/<c>--db</c> (as <c>serve</c>), unrestricted (an operator's tool),
/// audited as the CLI user:
/// <list type="bullet">
/// <item><c>smartenv hw party add USCC --roles generator,carrier,receiver,medical_institution,medical_disposal
///   [--hw-licence N] [--transport-licence N] [--division 500105] [--business-unit]</c> — writes the waste profile of a
///   registered enterprise; prints its <see cref="PartyView"/>.</item>
/// <item><c>smartenv hw facility add USCC --code TS001 --kind storage|production|utilisation|disposal|medical_temporary
///   --name NAME [--capacity-t T]</c> — registers a facility (and its site); prints its <see cref="FacilityView"/>; an
///   existing facility of that code and kind is printed unchanged.</item>
/// <item><c>smartenv hw stock --uscc USCC [--date yyyy-MM-dd]</c> — stock per storage facility at the end of that Beijing
///   day (default today), one JSON <see cref="StockLine"/> per facility.</item>
/// </list>
/// Exit 0 done; 1 invalid input (the message names the field), an unknown enterprise, or a store failure.
/// </summary>
public static partial class HwCommand
{
    static partial void AddLedger(Command hw, CliContext context)
    {
        var party = new Command("party", "Waste party profiles (危险废物相关方: roles and licences).");
        party.Subcommands.Add(PartyAdd(context));
        hw.Subcommands.Add(party);
        var facility = new Command("facility", "Waste facilities (贮存/利用/处置设施, 暂存间).");
        facility.Subcommands.Add(FacilityAdd(context));
        hw.Subcommands.Add(facility);
        hw.Subcommands.Add(Stock(context));
    }

    private static (Option<string> DataDir, Option<string?> Db) LedgerStoreOptions(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static async Task<int> WithLedgerAsync(CliContext context, string? db, string dataDir, Func<LedgerService, Task> action, CancellationToken ct)
    {
        var store = new SmartEnvStore(StoreOptions.Parse(db, Path.GetFullPath(dataDir)));
        try
        {
            await store.MigrateAndSeedAsync(ct);
            await using var ctx = store.CreateContext();
            await action(new LedgerService(ctx, TimeProvider.System));
            return 0;
        }
        catch (LedgerException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
        catch (KeyNotFoundException ex)
        {
            context.Err.WriteLine("error: " + ex.Message + " (register it with smartenv enterprises add)");
            return 1;
        }
        catch (StoreUnavailableException ex)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static Command PartyAdd(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码 of a registered enterprise." };
        var roles = new Option<string>("--roles") { Description = "Comma-separated: generator, carrier, receiver, medical_institution, medical_disposal.", Required = true };
        var licence = new Option<string?>("--hw-licence") { Description = "危险废物经营许可证 number (required for receiver, medical_disposal)." };
        var transport = new Option<string?>("--transport-licence") { Description = "道路运输经营许可证 number (required for carrier)." };
        var division = new Option<string?>("--division") { Description = "GB/T 2260 six-digit division code (default 500105)." };
        var business = new Option<bool>("--business-unit") { Description = "A 危险废物经营单位 (固废法 Art. 81: the one-year storage limit is legal)." };
        var cmd = new Command("add", "Write the waste profile of an enterprise (roles, licences); prints it as JSON.");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { roles, licence, transport, division, business }) cmd.Options.Add(o);
        var (dataDir, db) = LedgerStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            if (!PartyView.TryParseRoles(pr.GetValue(roles)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out var r))
            {
                context.Err.WriteLine("error: --roles are generator, carrier, receiver, medical_institution, medical_disposal");
                return 1;
            }
            return await WithLedgerAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async ledger =>
            {
                var p = await ledger.UpsertPartyAsync(pr.GetValue(uscc)!, new PartyInput(r, pr.GetValue(licence), pr.GetValue(transport), pr.GetValue(division),
                    pr.GetValue(business)), AuditActor.Cli(), ct);
                context.Out.WriteLine(JsonSerializer.Serialize(PartyView.Of(p), CliJson.Options));
            }, ct);
        });
        return cmd;
    }

    private static Command FacilityAdd(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码 of a registered enterprise." };
        var code = new Option<string>("--code") { Description = "设施编码, e.g. TS001.", Required = true };
        var kind = new Option<WasteFacilityKind>("--kind") { Description = "storage | production | utilisation | disposal | medical_temporary.", Required = true };
        var name = new Option<string>("--name") { Description = "Name, e.g. 1#危废贮存库.", Required = true };
        var capacity = new Option<decimal?>("--capacity-t") { Description = "Design capacity in tonnes." };
        var cmd = new Command("add", "Register a waste facility with its site; prints it as JSON.");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { code, kind, name, capacity }) cmd.Options.Add(o);
        var (dataDir, db) = LedgerStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) => await WithLedgerAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async ledger =>
        {
            var f = await ledger.EnsureFacilityAsync(pr.GetValue(uscc)!, new FacilityInput(pr.GetValue(code)!, pr.GetValue(kind), pr.GetValue(name)!,
                pr.GetValue(capacity)), AuditActor.Cli(), ct);
            context.Out.WriteLine(JsonSerializer.Serialize(FacilityView.Of(f), CliJson.Options));
        }, ct));
        return cmd;
    }

    private static Command Stock(CliContext context)
    {
        var uscc = new Option<string>("--uscc") { Description = "统一社会信用代码 of the enterprise.", Required = true };
        var date = new Option<DateOnly?>("--date") { Description = "Beijing date, yyyy-MM-dd (default today): stock at the end of that day." };
        var cmd = new Command("stock", "Stock per storage facility at the end of a Beijing day, replayed from the ledger; one JSON object per facility.");
        cmd.Options.Add(uscc);
        cmd.Options.Add(date);
        var (dataDir, db) = LedgerStoreOptions(cmd);
        cmd.SetAction(async (pr, ct) => await WithLedgerAsync(context, pr.GetValue(db), pr.GetValue(dataDir)!, async ledger =>
        {
            var day = pr.GetValue(date) ?? BeijingTime.Today(TimeProvider.System);
            foreach (var line in await ledger.StockAsync(pr.GetValue(uscc)!, day, ct))
                context.Out.WriteLine(JsonSerializer.Serialize(line, CliJson.Options));
        }, ct));
        return cmd;
    }
}
