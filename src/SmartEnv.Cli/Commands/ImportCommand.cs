using System.CommandLine;
using System.Text.Json;
using SmartEnv.Imports;
using SmartEnv.Intake;
using SmartEnv.Storage;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv import --format cnemc-sites|prsa|cnemc-water|hj212-log FILE… [--data-dir ./data] [--db CONN]
/// [--station CODE…] [--station-list PATH] [--all-sites] [--replace] [--source KEY]</c>: loads published history or logged HJ 212 packets into the store (the one
/// <c>smartenv serve</c> uses) through <see cref="FileImport"/>, recomputes hourly and daily AQI, and prints one JSON
/// summary line per file (rows read/skipped, values accepted/inserted/changed, sites created/matched, stations and rows
/// left out as outside the district, rejects with line and column). National files (cnemc-sites, cnemc-water) register only
/// the district's own stations unless <c>--all-sites</c> (<see cref="SmartEnv.Storage.DistrictScope"/>).
/// Each file is applied whole or not at all (staged, then applied in one transaction; <see cref="ImportStaging"/>); a file
/// that would change stored values is refused (its changes are listed on stderr, exit code 1) unless <c>--replace</c>, which
/// keeps the previous values in the audit trail. Before importing, runs left by a crashed import are rolled back
/// (<see cref="ImportRecovery"/>). Progress (phase, bytes, rows, values, rejects) is drawn on stderr when stderr is a terminal or with <c>--progress</c>;
/// stdout carries only the JSON summaries. Exit code 0 when every file was accepted, 1 when a file was rejected or the store failed.
/// <c>--encoding auto|utf-8|gbk</c> declares the text encoding (default: detected); <c>--max-inflated-bytes</c>,
/// <c>--max-rows</c>, <c>--max-line-bytes</c>, <c>--max-columns</c> set the import limits
/// (<see cref="SmartEnv.Ingestion.Files.ImportLimits"/>; a file past one is rejected whole, the summary's <c>limit</c> names it).
/// <c>--source KEY</c> names the data source the files came from (issue 22; exit 2 when no such source is recorded): each
/// import log records it, and the active findings of the source covering hours of a file are printed on stderr as
/// <c>flagged: FILE: WARNING</c> and listed in the summary's <c>source_flags</c> (the file is imported all the same).
/// </summary>
public static class ImportCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format") { Description = "Input format: cnemc-sites, prsa, cnemc-water or hj212-log.", Required = true };
        var files = new Argument<string[]>("FILE") { Description = "Files to import (plain or .gz).", Arity = ArgumentArity.OneOrMore };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var station = new Option<string[]>("--station") { Description = "Only these station codes (e.g. 1420A).", AllowMultipleArgumentsPerToken = true };
        var stationList = new Option<string?>("--station-list") { Description = "CNEMC station list for names/coordinates of new sites (default: StationList*.csv beside the file)." };
        var factorAliases = new Option<string?>("--factor-aliases") { Description = "hj212-log: TSV of vendor factor codes → registered codes, applied over the shipped defaults (docs/hj212.md \"Factor aliases\")." };
        var allSites = new Option<bool>("--all-sites") { Description = "cnemc-sites, cnemc-water: also import the stations/sections outside the district, as non-public sites outside the district's views (default: only the district's own)." };
        var replace = new Option<bool>("--replace") { Description = "Allow the import to change values already stored (default: refuse the whole file and list the changes). The previous values, the import and the actor are kept in the audit trail." };
        var showProgress = new Option<bool>("--progress") { Description = "Draw progress on stderr even when it is not a terminal (default: only on a terminal)." };
        var encoding = new Option<string>("--encoding") { Description = "Text encoding of a CSV file: auto (detect UTF-8 or GBK), utf-8 or gbk. Default auto.", DefaultValueFactory = _ => "auto" };
        var source = new Option<string?>("--source") { Description = "Key of the data source the files came from (see /data/sources); its active findings flag the import on arrival." };
        var limits = new ImportLimitOptions("--");
        var cmd = new Command("import", "Load published monitoring files into the store (导入历史数据); re-running changes nothing.");
        cmd.Options.Add(format);
        cmd.Arguments.Add(files);
        foreach (var o in new Option[] { dataDir, db, station, stationList, allSites, factorAliases, replace, showProgress, encoding, source }) cmd.Options.Add(o);
        limits.AddTo(cmd);
        cmd.SetAction(async (pr, invocationToken) =>
        {
            // Ctrl+C and SIGTERM cancel the import, which then rolls its run back (nothing of it stays visible) before exiting;
            // the synchronous Invoke does not wire them itself. SIGKILL is handled by the next start (ImportRecovery).
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(invocationToken);
            void OnSignal(System.Runtime.InteropServices.PosixSignalContext c) { c.Cancel = true; stop.Cancel(); }
            using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, OnSignal);
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, OnSignal);
            var ct = stop.Token;
            var fmt = pr.GetValue(format)!;
            if (!FileImport.Formats.Contains(fmt))
            {
                context.Err.WriteLine($"error: unknown --format '{fmt}' (supported: {string.Join(", ", FileImport.Formats)})");
                return 2;
            }
            if (!SmartEnv.Web.Apis.ImportApi.TryParseEncoding(pr.GetValue(encoding), out var declared))
            {
                context.Err.WriteLine($"error: --encoding must be auto, utf-8 or gbk, not '{pr.GetValue(encoding)}'");
                return 2;
            }
            if (!limits.TryGet(pr, context.Err, out var importLimits)) return 2;
            SmartEnv.Hj212.Codes.Hj212FactorAliases aliases;
            try { aliases = SmartEnv.Intake.FactorAliasFile.Load(pr.GetValue(factorAliases)); }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: --factor-aliases: " + ex.Message);
                return 2;
            }
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                foreach (var line in await ImportRecovery.RecoverAsync(store, ct: ct)) context.Err.WriteLine("recovered: " + line);
                var wanted = pr.GetValue(station) is { Length: > 0 } s ? new HashSet<string>(s, StringComparer.Ordinal) : null;
                var src = pr.GetValue(source);
                if (src is not null && !await SmartEnv.Imports.DataSources.SourceFlags.ExistsAsync(store, src, ct))
                {
                    context.Err.WriteLine($"error: no data source '{src}' (record it on /data/sources or with POST /api/data-sources first)");
                    return 2;
                }
                var rc = 0;
                foreach (var file in pr.GetValue(files)!)
                {
                    if (!File.Exists(file))
                    {
                        context.Err.WriteLine($"error: no such file {file}");
                        rc = 1;
                        continue;
                    }
                    var bar = context.ErrIsTerminal || pr.GetValue(showProgress) ? new ProgressBar(context.Err, Path.GetFileName(file)) : null;
                    var summary = await FileImport.ImportAsync(store, fmt, file, bar, wanted, pr.GetValue(stationList), pr.GetValue(allSites), ct, aliases, SmartEnv.Storage.Audit.AuditActor.Cli(),
                        pr.GetValue(replace), importLimits, declared, src);
                    bar?.Done();
                    context.Out.WriteLine(JsonSerializer.Serialize(summary, CliJson.Options));
                    foreach (var r in summary.Rejects)
                        context.Err.WriteLine($"rejected: {summary.File} line {r.Row}, column {r.Column}: {r.Reason}");
                    foreach (var f in summary.SourceFlags) context.Err.WriteLine($"flagged: {summary.File}: {f.Warning} / {f.WarningEn}");
                    if (summary.Rejects.Count > 0) rc = 1;
                    if (summary.State == "refused")
                    {
                        context.Err.WriteLine($"refused: {summary.File}: {summary.ValuesChanged} stored values would change; nothing was applied. Re-run with --replace to replace them (the previous values are kept in the audit trail). First changes:");
                        foreach (var c in summary.ChangedValues) context.Err.WriteLine("  " + ImportTexts.Describe(c));
                        rc = 1;
                    }
                }
                return rc;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                context.Err.WriteLine("import cancelled: the unfinished run was rolled back, nothing of it was stored");
                return 130;
            }
        });
        return cmd;
    }

    /// <summary>A one-line text progress bar on stderr, redrawn with CR at most every 250 ms (the importer throttles):
    /// <c>file [####......]  42% reading 12.3/30.0 MB rows 8760 values 0 rejects 0</c>.</summary>
    private sealed class ProgressBar(TextWriter err, string label) : IProgress<ImportProgress>
    {
        private int _width;

        public void Report(ImportProgress value)
        {
            var pct = (int)Math.Floor(Math.Clamp(value.Fraction, 0, 1) * 100);
            var filled = pct / 5;
            var phase = value.Phase switch
            {
                ImportPhase.Checksum => "checksum",
                ImportPhase.Reading => "reading",
                ImportPhase.Storing => "storing",
                ImportPhase.ComputingAqi => "AQI",
                _ => "done",
            };
            var detail = value.Phase switch
            {
                ImportPhase.Checksum or ImportPhase.Reading => $"{value.BytesRead / 1e6:F1}/{value.BytesTotal / 1e6:F1} MB",
                ImportPhase.ComputingAqi => $"{value.AqiHoursDone}/{value.AqiHoursTotal} h",
                _ => "",
            };
            var line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{label} [{new string('#', filled)}{new string('.', 20 - filled)}] {pct,3}% {phase} {detail} rows {value.RowsRead} values {value.ValuesAccepted} rejects {value.Rejects}");
            err.Write("\r" + line.PadRight(_width));
            _width = Math.Max(_width, line.Length);
        }

        public void Done() => err.WriteLine();
    }
}

/// <summary>The four import-limit options (<see cref="SmartEnv.Ingestion.Files.ImportLimits"/>), shared by <c>import</c>
/// (<c>--max-…</c>) and <c>serve</c> (<c>--import-max-…</c>). Each defaults to the record's default.</summary>
/// <param name="prefix">Option prefix, <c>--</c> or <c>--import-</c>.</param>
public sealed class ImportLimitOptions(string prefix)
{
    private readonly Option<long?> _inflated = new(prefix + "max-inflated-bytes") { Description = $"Largest decompressed file in bytes (default {SmartEnv.Ingestion.Files.ImportLimits.DefaultMaxInflatedBytes})." };
    private readonly Option<long?> _rows = new(prefix + "max-rows") { Description = $"Most lines per file (default {SmartEnv.Ingestion.Files.ImportLimits.DefaultMaxRows})." };
    private readonly Option<int?> _line = new(prefix + "max-line-bytes") { Description = $"Longest line in bytes (default {SmartEnv.Ingestion.Files.ImportLimits.DefaultMaxLineBytes})." };
    private readonly Option<int?> _columns = new(prefix + "max-columns") { Description = $"Most cells per line (default {SmartEnv.Ingestion.Files.ImportLimits.DefaultMaxColumns})." };

    /// <summary>Adds the options to a command.</summary>
    /// <param name="cmd">The command.</param>
    public void AddTo(Command cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        foreach (var o in new Option[] { _inflated, _rows, _line, _columns }) cmd.Options.Add(o);
    }

    /// <summary>The limits given (defaults for the others); false with a message on <paramref name="err"/> when one is not positive.</summary>
    /// <param name="pr">Parse result.</param>
    /// <param name="err">Where the error goes.</param>
    /// <param name="limits">The limits.</param>
    public bool TryGet(ParseResult pr, TextWriter err, out SmartEnv.Ingestion.Files.ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(pr);
        ArgumentNullException.ThrowIfNull(err);
        var d = SmartEnv.Ingestion.Files.ImportLimits.Default;
        limits = new SmartEnv.Ingestion.Files.ImportLimits
        {
            MaxInflatedBytes = pr.GetValue(_inflated) ?? d.MaxInflatedBytes, MaxRows = pr.GetValue(_rows) ?? d.MaxRows,
            MaxLineBytes = pr.GetValue(_line) ?? d.MaxLineBytes, MaxColumns = pr.GetValue(_columns) ?? d.MaxColumns,
        };
        try { limits.Validate(); return true; }
        catch (ArgumentOutOfRangeException e)
        {
            err.WriteLine($"error: {prefix}{e.Message.Split(" (Parameter")[0].Replace('_', '-')}");
            return false;
        }
    }
}
