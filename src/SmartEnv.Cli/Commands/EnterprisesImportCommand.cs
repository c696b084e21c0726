using System.CommandLine;
using System.Text.Json;
using SmartEnv.Sources.Excel;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv enterprises import FILE --table enterprises|permits|outlets|limits [--dry-run]</c> and
/// <c>smartenv enterprises export --table T --out FILE</c> over the store named by <c>--data-dir</c>/<c>--db</c> (issue 16,
/// plan §2.4): the registry's Excel templates (<see cref="RegistryWorkbook"/>, <see cref="RegistryImporter"/>). The CLI is
/// an operator's tool: unrestricted scope, audit actor <see cref="AuditActor.Cli"/>.
/// <para>Import: stdout one JSON object, the <see cref="RegistryImportResult"/>; stderr one line per fault,
/// <c>row N, COLUMN: MESSAGE</c> (Excel row numbers, header = row 1), after one line <c>row N, COLUMN: warning: MESSAGE</c>
/// per warning (GB 11714 position 17 and the like, <see cref="RegistrySheet.Warnings"/>; they do not stop the import). Any fault → nothing stored. Exit 0 valid (stored, or
/// checked with <c>--dry-run</c>); 1 a fault in the file, an unreadable file or a store failure; 2 an unknown table.</para>
/// <para>Export: writes the workbook (template layout, current permit versions) to <c>--out</c> (<c>--template</c>: the
/// empty template instead); stdout <c>{"table":…,"rows":N,"out":PATH}</c>. Exit 0; 1 a store or file failure; 2 an unknown table.</para>
/// </summary>
public static class EnterprisesImportCommand
{
    /// <summary>The two sub-commands, added to <c>smartenv enterprises</c> by <see cref="EnterprisesCommand.Create"/>.</summary>
    /// <param name="context">Streams.</param>
    public static IEnumerable<Command> Create(CliContext context) => [Import(context), Export(context)];

    private static Option<string> TableOption() =>
        new("--table") { Description = "Registry table: enterprises, permits, outlets or limits.", Required = true };

    private static (Option<string> DataDir, Option<string?> Db) StoreOptionsOf(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static bool TryTable(CliContext context, string? name, out RegistryTable table)
    {
        if (RegistryTables.TryParse(name, out table)) return true;
        context.Err.WriteLine($"error: --table must be one of {string.Join(", ", RegistryTables.All.Select(RegistryTables.Name))}, not '{name}'");
        return false;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "Filled template (.xlsx)." };
        var table = TableOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row against the file's rules and the store; store nothing." };
        var cmd = new Command("import", "Import a filled registry template (.xlsx); nothing is stored when any row fails.");
        cmd.Arguments.Add(file);
        cmd.Options.Add(table);
        cmd.Options.Add(dryRun);
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            if (!TryTable(context, pr.GetValue(table), out var t)) return 2;
            var path = pr.GetValue(file)!;
            if (!File.Exists(path))
            {
                context.Err.WriteLine($"error: no such file {path}");
                return 1;
            }
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                await using var input = File.OpenRead(path);
                var result = await new RegistryImporter(ctx, TimeProvider.System).ImportAsync(input, t, Path.GetFileName(path), AuditActor.Cli(), pr.GetValue(dryRun), ct);
                context.Out.WriteLine(JsonSerializer.Serialize(result, CliJson.Options));
                foreach (var w in result.Warnings)
                    context.Err.WriteLine($"row {w.Row}, {w.Column}: warning: {w.Message}");
                foreach (var e in result.Errors)
                    context.Err.WriteLine(e.Row == 0 ? $"{result.File}: {e.Message}" : $"row {e.Row}{(e.Column.Length > 0 ? ", " + e.Column : "")}: {e.Message}");
                return result.Errors.Count == 0 ? 0 : 1;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command Export(CliContext context)
    {
        var table = TableOption();
        var output = new Option<string>("--out") { Description = "Workbook to write (.xlsx); replaced if it exists.", Required = true };
        var template = new Option<bool>("--template") { Description = "Write the empty template instead of the stored rows (no store needed)." };
        var cmd = new Command("export", "Export a registry table as an Excel file in its template's layout.");
        cmd.Options.Add(table);
        cmd.Options.Add(output);
        cmd.Options.Add(template);
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            if (!TryTable(context, pr.GetValue(table), out var t)) return 2;
            var path = Path.GetFullPath(pr.GetValue(output)!);
            try
            {
                IReadOnlyList<RegistryRow> rows = [];
                if (!pr.GetValue(template))
                {
                    var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
                    await store.MigrateAndSeedAsync(ct);
                    await using var ctx = store.CreateContext();
                    rows = await new RegistryImporter(ctx, TimeProvider.System).ExportRowsAsync(t, ct);
                }
                using (var ms = new MemoryStream())
                {
                    RegistryWorkbook.Write(ms, t, rows);
                    await File.WriteAllBytesAsync(path, ms.ToArray(), ct);
                }
                context.Out.WriteLine(JsonSerializer.Serialize(new { table = RegistryTables.Name(t), rows = rows.Count, @out = path }, CliJson.Options));
                return 0;
            }
            catch (Exception ex) when (ex is StoreUnavailableException or IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }
}
