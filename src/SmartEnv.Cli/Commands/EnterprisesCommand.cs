using SmartEnv.Storage.Audit;
using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;
using SmartEnv.Sources.Excel;
using SmartEnv.Supervision.District;
using SmartEnv.Sources.Registry;
using SmartEnv.Standards.Common;
using SmartEnv.Storage.Entities.Sources;
using SmartEnv.Web.Apis;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv enterprises add USCC --name NAME [--address A] [--street S] [--street-code C] [--industry CODE]
/// [--category key|simplified|registration] [--key-discharger] [--longitude X --latitude Y] [--contact-name N]
/// [--contact-phone P] | list [--renewal ok|due_soon|overdue|expired]</c> over the store named by
/// <c>--data-dir</c>/<c>--db</c> (as <c>serve</c>): the enterprise registry of issue 13 (docs/security.md "Enterprise
/// scope"). The CLI is an operator's tool: unrestricted (<see cref="DataScope.All"/>). Output: one JSON object per
/// enterprise (the API's <see cref="EnterprisesApi.EnterpriseDto"/>). Exit 0 done; 1 a bad 统一社会信用代码 (GB 32100-2015,
/// the message names the position), an enterprise that exists, or a store failure.
/// </summary>
public static class EnterprisesCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("enterprises", "Enterprise registry (排污单位, by 统一社会信用代码).");
        cmd.Subcommands.Add(Add(context));
        cmd.Subcommands.Add(List(context));
        foreach (var c in EnterprisesImportCommand.Create(context)) cmd.Subcommands.Add(c);
        return cmd;
    }

    private static (Option<string> DataDir, Option<string?> Db) StoreOptionsOf(Command cmd)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of the store. Default ./data.", DefaultValueFactory = _ => "./data" };
        var db = new Option<string?>("--db") { Description = "Database (PostgreSQL connection string or SQLite path). Default DATA_DIR/smartenv.db." };
        cmd.Options.Add(dataDir);
        cmd.Options.Add(db);
        return (dataDir, db);
    }

    private static Command Add(CliContext context)
    {
        var uscc = new Argument<string>("USCC") { Description = "统一社会信用代码, 18 characters, upper case (GB 32100-2015)." };
        var name = new Option<string>("--name") { Description = "Registered name (企业名称).", Required = true };
        var address = new Option<string?>("--address") { Description = "Address." };
        var street = new Option<string?>("--street") { Description = "Street or town (街道/镇); a name of one of the district's 12 also sets its code." };
        var streetCode = new Option<string?>("--street-code") { Description = "12-digit code of one of the district's 12 streets/towns (jiangbei-streets.tsv)." };
        var industry = new Option<string?>("--industry") { Description = "GB/T 4754-2017 industry class code, 4 digits (e.g. 4411)." };
        var category = new Option<PermitCategory?>("--category") { Description = "Management category: key (重点管理) | simplified (简化管理) | registration (登记管理)." };
        var keyDischarger = new Option<bool>("--key-discharger") { Description = "On the 重点排污单位名录." };
        var lon = new Option<decimal?>("--longitude") { Description = "Longitude, decimal degrees." };
        var lat = new Option<decimal?>("--latitude") { Description = "Latitude, decimal degrees." };
        var contactName = new Option<string?>("--contact-name") { Description = "Environmental contact person (环保联系人)." };
        var contactPhone = new Option<string?>("--contact-phone") { Description = "Contact telephone." };
        var cmd = new Command("add", "Register an enterprise.");
        cmd.Arguments.Add(uscc);
        foreach (var o in new Option[] { name, address, street, streetCode, industry, category, keyDischarger, lon, lat, contactName, contactPhone }) cmd.Options.Add(o);
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var code = pr.GetValue(uscc)!;
            if (Uscc.Check(code) is { } fault)
            {
                context.Err.WriteLine("error: " + fault.Message);
                return 1;
            }
            var n = pr.GetValue(name)!.Trim();
            if (n.Length is 0 or > Enterprise.NameLength)
            {
                context.Err.WriteLine($"error: --name must be 1–{Enterprise.NameLength} characters");
                return 1;
            }
            var streetName = string.IsNullOrWhiteSpace(pr.GetValue(street)) ? null : pr.GetValue(street)!.Trim();
            var sc = string.IsNullOrWhiteSpace(pr.GetValue(streetCode)) ? null : pr.GetValue(streetCode)!.Trim();
            var st = sc is null ? DistrictStreets.Find(streetName) : DistrictStreets.Find(sc);
            var ic = string.IsNullOrWhiteSpace(pr.GetValue(industry)) ? null : pr.GetValue(industry)!.Trim();
            string? problem = sc is not null && (st is null || st.Code != sc) ? "--street-code must be the 12-digit code of one of the district's streets/towns: " + string.Join(", ", DistrictStreets.All.Select(x => x.Code + " " + x.Name))
                : sc is not null && streetName is not null && streetName != st!.Name ? $"--street {streetName} does not match --street-code {sc} ({st.Name})"
                : ic is not null && (ic.Length != Enterprise.IndustryCodeLength || !ic.All(char.IsAsciiDigit)) ? "--industry is a GB/T 4754-2017 class code of 4 digits, e.g. 4411"
                : pr.GetValue(lon) is < -180m or > 180m ? "--longitude must be −180…180"
                : pr.GetValue(lat) is < -90m or > 90m ? "--latitude must be −90…90"
                : pr.GetValue(contactName) is { Length: > Enterprise.ContactNameLength } ? $"--contact-name must be at most {Enterprise.ContactNameLength} characters"
                : pr.GetValue(contactPhone) is { Length: > Enterprise.ContactPhoneLength } ? $"--contact-phone must be at most {Enterprise.ContactPhoneLength} characters"
                : null;
            if (problem is not null)
            {
                context.Err.WriteLine("error: " + problem);
                return 1;
            }
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                if (await ctx.Enterprises.AnyAsync(e => e.Uscc == code, ct))
                {
                    context.Err.WriteLine($"error: enterprise {code} exists");
                    return 1;
                }
                var e = new Enterprise
                {
                    Uscc = code, Name = n, CreatedAt = DateTimeOffset.UtcNow,
                    Address = string.IsNullOrWhiteSpace(pr.GetValue(address)) ? null : pr.GetValue(address)!.Trim(),
                    Street = streetName ?? st?.Name, StreetCode = st?.Code, IndustryCode = ic, ManagementCategory = pr.GetValue(category),
                    IsKeyDischarger = pr.GetValue(keyDischarger),
                    Longitude = pr.GetValue(lon) is { } x ? Math.Round(x, 6, MidpointRounding.ToEven) : null,
                    Latitude = pr.GetValue(lat) is { } y ? Math.Round(y, 6, MidpointRounding.ToEven) : null,
                    ContactName = string.IsNullOrWhiteSpace(pr.GetValue(contactName)) ? null : pr.GetValue(contactName)!.Trim(),
                    ContactPhone = string.IsNullOrWhiteSpace(pr.GetValue(contactPhone)) ? null : pr.GetValue(contactPhone)!.Trim(),
                };
                var dto = EnterprisesApi.EnterpriseDto.Of(e);
                await using (var tx = await AuditTrail.BeginAsync(ctx, ct))
                {
                    ctx.Enterprises.Add(e);
                    await ctx.SaveChangesAsync(ct);
                    await AuditTrail.AppendAsync(ctx, AuditActor.Cli(), "enterprise.create", "enterprise", e.Uscc, null, dto, null, e.CreatedAt, ct);
                    await tx.CommitAsync(ct);
                }
                context.Out.WriteLine(JsonSerializer.Serialize(dto, CliJson.Options));
                return 0;
            }
            catch (StoreUnavailableException ex)
            {
                context.Err.WriteLine("error: " + ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command List(CliContext context)
    {
        var cmd = new Command("list", "List registered enterprises, one JSON object per line.");
        var renewal = new Option<string?>("--renewal") { Description = "Only enterprises with a permit in this renewal state today (Beijing): ok | due_soon | overdue (续期申请逾期) | expired." };
        renewal.AcceptOnlyFromAmong([.. PermitRenewals.Statuses]);
        cmd.Options.Add(renewal);
        var (dataDir, db) = StoreOptionsOf(cmd);
        cmd.SetAction(async (pr, ct) =>
        {
            var store = new SmartEnvStore(StoreOptions.Parse(pr.GetValue(db), Path.GetFullPath(pr.GetValue(dataDir)!)));
            try
            {
                await store.MigrateAndSeedAsync(ct);
                await using var ctx = store.CreateContext();
                HashSet<string>? only = null;
                if (pr.GetValue(renewal) is { } wanted)
                {
                    var today = BeijingTime.Today(TimeProvider.System);
                    only = (await new RegistryService(ctx, TimeProvider.System).CurrentVersionsAsync(null, ct))
                        .Where(x => PermitRenewals.Of(x.Permit.Kind, x.Current, today).Status == wanted).Select(x => x.Permit.Uscc).ToHashSet(StringComparer.Ordinal);
                }
                foreach (var e in await ctx.Enterprises.AsNoTracking().OrderBy(e => e.Uscc).ToListAsync(ct))
                    if (only is null || only.Contains(e.Uscc))
                        context.Out.WriteLine(JsonSerializer.Serialize(EnterprisesApi.EnterpriseDto.Of(e), CliJson.Options));
                return 0;
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
