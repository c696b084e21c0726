using System.CommandLine;
using System.Text.Json;
using SmartEnv.Complaints.Open311;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv complaints open311-key add|disable|list</c> (issue 18 P5): the <c>api_key</c>s of Open311 GeoReport v2
/// clients (<see cref="Open311ApiKeys"/>; docs/complaints.md "Open311 GeoReport v2 (P5)") in the store named by
/// <c>--data-dir</c>/<c>--db</c>.
/// <list type="bullet">
/// <item><c>add NAME</c> — creates a client and prints its key ONCE on standard output (only its salted hash is stored);
/// audited <c>complaint_api_client.create</c>. Exit 2 for a bad or taken name.</item>
/// <item><c>disable NAME</c> — refuses its key from now on; audited <c>complaint_api_client.disable</c>. Exit 2 for an
/// unknown name; 0 when already disabled (nothing written, a note on standard error).</item>
/// <item><c>list</c> — the clients as JSON lines (name, created_at, disabled_at; never keys or hashes).</item>
/// </list>
/// Operator's tool: unrestricted scope. Exit 1 for a store failure.
/// </summary>
public static partial class ComplaintsCommand
{
    static partial void AddOpen311(Command complaints, CliContext context);

    static partial void AddOpen311(Command complaints, CliContext context)
    {
        var group = new Command("open311-key", "API keys of Open311 GeoReport v2 clients (POST /open311/v2/requests needs one).");
        group.Subcommands.Add(KeyCommand("add", "Create an Open311 client and print its api_key once.", context, async (db, name, ct) =>
        {
            var key = await Open311ApiKeys.CreateAsync(db, name!, AuditActor.Cli(), TimeProvider.System, ct);
            context.Out.WriteLine(key);
            context.Err.WriteLine($"Open311 client {name} created; the key above is shown only now: hand it to the client over a safe channel.");
        }));
        group.Subcommands.Add(KeyCommand("disable", "Disable an Open311 client: its api_key is refused from now on.", context, async (db, name, ct) =>
        {
            if (!await Open311ApiKeys.DisableAsync(db, name!, AuditActor.Cli(), TimeProvider.System, ct))
                context.Err.WriteLine($"Open311 client {name} was already disabled.");
        }));
        group.Subcommands.Add(KeyCommand("list", "List Open311 clients as JSON lines (never their keys).", context, async (db, _, ct) =>
        {
            foreach (var c in await Open311ApiKeys.ListAsync(db, ct))
                context.Out.WriteLine(JsonSerializer.Serialize(c, CliJson.Options));
        }, takesName: false));
        complaints.Subcommands.Add(group);
    }

    private static Command KeyCommand(string verb, string description, CliContext context, Func<SmartEnvDbContext, string?, CancellationToken, Task> run, bool takesName = true)
    {
        var name = new Argument<string>("NAME") { Description = "Client name: 1–48 letters, digits, '.', '_' or '-'." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var cmd = new Command(verb, description);
        if (takesName) cmd.Arguments.Add(name);
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                await run(ctx, takesName ? pr.GetValue(name) : null, ct);
                return 0;
            }
            catch (Open311KeyException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 2;
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
