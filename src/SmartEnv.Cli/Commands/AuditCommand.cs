using System.CommandLine;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv audit verify [--data-dir ./data] [--db CONN]</c>: re-verifies the audit chain of the store
/// (<see cref="AuditVerifier"/>; docs/security.md "Audit trail"). Exit code 0 and
/// <c>audit chain intact: N entries; head seq S hash H</c> on stdout when every entry is intact; exit code 1 and
/// <c>audit chain broken at seq S (id I): KIND: explanation</c> on stdout naming the <b>first</b> broken entry when an
/// entry was altered (content hash mismatch), deleted (missing seq), reordered (ids out of order) or re-linked (prev_hash
/// mismatch) directly in the database; exit code 1 with <c>error: …</c> on stderr when the store cannot be opened.
/// </summary>
public static class AuditCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("audit", "Audit trail (审计日志): verify the SHA-256 chain.");
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var verify = new Command("verify", "Re-verify every entry of the audit chain; exit 1 naming the first altered, deleted or reordered entry.");
        verify.Options.Add(dataDir);
        verify.Options.Add(db);
        verify.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var v = await AuditVerifier.VerifyAsync(ctx, ct);
                if (v.FirstBreak is { } b)
                {
                    context.Out.WriteLine($"audit chain broken at seq {b.Seq} (id {b.Id}): {Kind(b.Kind)}: {b.Message}");
                    return 1;
                }
                context.Out.WriteLine(v.HeadSeq is null
                    ? "audit chain intact: 0 entries"
                    : $"audit chain intact: {v.Entries} entries; head seq {v.HeadSeq} hash {v.HeadHash}");
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        cmd.Subcommands.Add(verify);
        return cmd;
    }

    private static string Kind(AuditBreakKind k) => k switch
    {
        AuditBreakKind.ContentHashMismatch => "content hash mismatch (altered)",
        AuditBreakKind.PrevHashMismatch => "prev_hash mismatch (re-linked)",
        AuditBreakKind.Missing => "gap in seq (deleted)",
        _ => "out of order (reordered)",
    };
}
