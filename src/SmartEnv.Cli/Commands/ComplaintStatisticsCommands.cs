using System.CommandLine;
using System.Text.Json;
using SmartEnv.Complaints.Statistics;
using SmartEnv.Storage;
using SmartEnv.Web.Apis;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv complaints stats [--month yyyy-MM] [--xlsx FILE]</c> (issue 18 P4): the monthly complaint bulletin of the
/// store named by <c>--data-dir</c>/<c>--db</c> (<see cref="ComplaintStatisticsService.MonthAsync"/>; default the previous
/// month in Beijing), printed as one JSON object; <c>--xlsx</c> also writes the workbook (<see cref="BulletinWorkbook"/>,
/// Chinese sheet names and headers, no reporter data). Operator's tool: unrestricted scope. Exit 0 done; 1 a store failure
/// or a file that cannot be written; 2 a bad month.
/// </summary>
public static partial class ComplaintsCommand
{
    static partial void AddStatistics(Command complaints, CliContext context)
    {
        var month = new Option<string?>("--month") { Description = "Month yyyy-MM (default the previous month, Beijing time)." };
        var xlsx = new Option<string?>("--xlsx") { Description = "Also write the bulletin as an Excel workbook to this file." };
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        var cmd = new Command("stats", "Monthly complaint bulletin (信访投诉月度统计) as JSON; --xlsx writes the Excel workbook too.");
        foreach (var o in new Option[] { month, xlsx, dataDir, db }) cmd.Options.Add(o);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                var service = new ComplaintStatisticsService(ctx, TimeProvider.System);
                var (y, m) = service.ParseMonth(pr.GetValue(month));
                var report = await service.MonthAsync(y, m, ct);
                if (pr.GetValue(xlsx) is { } file)
                {
                    var path = Path.GetFullPath(file);
                    await File.WriteAllBytesAsync(path, BulletinWorkbook.ToBytes(report, ComplaintStatisticsApi.Labels()), ct);
                    context.Err.WriteLine("wrote " + path);
                }
                context.Out.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
                return 0;
            }
            catch (ComplaintStatisticsException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 2;
            }
            catch (Exception ex) when (ex is StoreUnavailableException or IOException or UnauthorizedAccessException)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        complaints.Subcommands.Add(cmd);
    }
}
