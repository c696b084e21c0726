using System.CommandLine;
using SmartEnv.Storage;

namespace SmartEnv.Cli;

/// <summary>
/// The store options every store command shares (<c>--data-dir</c>, default <c>./data</c>; <c>--db</c>, a PostgreSQL
/// connection string or SQLite path, default <c>DATA_DIR/smartenv.db</c>) and the run-and-report frame around a command's
/// action: open and migrate the store, run, and turn a store failure (<see cref="StoreUnavailableException"/>) or a refusal
/// of the module's service into <c>error: MESSAGE</c> on stderr and exit code 1. Pure helpers; thread-safe.
/// </summary>
public static class CliStore
{
    /// <summary>Adds <c>--data-dir</c> and <c>--db</c> to a command.</summary>
    /// <param name="cmd">The command.</param>
    /// <returns>The two options (read them with <see cref="Open"/>).</returns>
    public static (Option<string> DataDir, Option<string?> Db) AddOptions(Command cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    /// <summary>The store the options name (not opened).</summary>
    /// <param name="pr">Parse result.</param>
    /// <param name="o">The options of <see cref="AddOptions"/>.</param>
    public static SmartEnvStore Open(ParseResult pr, (Option<string> DataDir, Option<string?> Db) o) =>
        new(StoreOptions.Parse(pr.GetValue(o.Db), Path.GetFullPath(pr.GetValue(o.DataDir)!)));

    /// <summary>Opens and migrates the store, runs <paramref name="action"/> and reports failures.</summary>
    /// <param name="context">Streams.</param>
    /// <param name="pr">Parse result.</param>
    /// <param name="o">Store options.</param>
    /// <param name="action">The command's work; returns the exit code.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="refusal">Which exceptions are the module's refusals (reported like a store failure), or null.</param>
    /// <returns>The action's exit code, or 1 after a reported failure.</returns>
    public static async Task<int> RunAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<SmartEnvStore, Task<int>> action, CancellationToken ct, Func<Exception, bool>? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var store = Open(pr, o);
        try
        {
            await store.MigrateAndSeedAsync(ct);
            return await action(store);
        }
        catch (Exception ex) when (ex is StoreUnavailableException || refusal?.Invoke(ex) == true)
        {
            context.Err.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    /// <summary><see cref="RunAsync"/> with one unrestricted context (the CLI is an operator's tool) for the action.</summary>
    /// <param name="context">Streams.</param>
    /// <param name="pr">Parse result.</param>
    /// <param name="o">Store options.</param>
    /// <param name="action">The command's work on the context; returns the exit code.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="refusal">Which exceptions are the module's refusals, or null.</param>
    public static Task<int> WithContextAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<SmartEnvDbContext, Task<int>> action, CancellationToken ct, Func<Exception, bool>? refusal = null) =>
        RunAsync(context, pr, o, async store =>
        {
            await using var ctx = store.CreateContext();
            return await action(ctx);
        }, ct, refusal);
}
