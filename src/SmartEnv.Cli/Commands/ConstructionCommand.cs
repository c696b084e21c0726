using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SmartEnv.Construction;
using SmartEnv.Storage;
using SmartEnv.Storage.Audit;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv construction …</c> (issue 20, docs/construction.md): construction sites over the store named by
/// <c>--data-dir</c>/<c>--db</c>, through <see cref="ConstructionService"/> (an operator's tool: unrestricted scope; every
/// change audited as the CLI user):
/// <list type="bullet">
/// <item><c>register CODE --name N --builder USCC --contractor USCC --area M2 --phase P [--street S] [--address A] [--lon X --lat Y]</c>.</item>
/// <item><c>bind CODE --mn MN --pw PW [--dust-unit μg/m³|mg/m³|ng/m³]</c> — binds an online monitor (default μg/m³).</item>
/// <item><c>thresholds CODE --preset KEY</c> (外省参考) or <c>--parameter pm10|tsp|pm25 --limit μg/m³ --reason R</c>.</item>
/// <item><c>evaluate (CODE | --all) --month yyyy-MM</c> — computes and stores the card(s), printed as JSON.</item>
/// <item><c>list</c> — sites with latest card, monitors, "未配置阈值" and the ≥ 50,000 m² unmonitored flag, as JSON.</item>
/// </list>
/// Exit 0 done; 1 a refusal of the service (message on stderr) or a store failure.
/// </summary>
public static class ConstructionCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("construction", "Construction sites (建筑工地扬尘噪声): register, bind monitors, thresholds, monthly 红黄绿牌, list.");
        cmd.Subcommands.Add(Register(context));
        cmd.Subcommands.Add(Bind(context));
        cmd.Subcommands.Add(Thresholds(context));
        cmd.Subcommands.Add(Evaluate(context));
        cmd.Subcommands.Add(List(context));
        return cmd;
    }

    private static Task<int> RunAsync(CliContext context, ParseResult pr, (Option<string> DataDir, Option<string?> Db) o,
        Func<ConstructionService, Task<object>> action, CancellationToken ct) =>
        CliStore.WithContextAsync(context, pr, o, async ctx =>
        {
            context.Out.WriteLine(JsonSerializer.Serialize(await action(new ConstructionService(ctx, TimeProvider.System)), CliJson.Indented));
            return 0;
        }, ct, ex => ex is ConstructionException);

    private static object CardView(SmartEnv.Storage.Entities.Construction.ConstructionCard c) => new
    {
        month = c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.Colour, c.DustHours, c.NoiseHours, c.Complaints, c.Findings, c.RectifyDays,
        c.Blacklist, c.RuleVersion, evidence = ConstructionService.Evidence(c),
    };

    private static Command Register(CliContext context)
    {
        var code = new Argument<string>("CODE") { Description = "Site code (letters, digits, - _ .)." };
        var name = new Option<string>("--name") { Description = "Project name.", Required = true };
        var builder = new Option<string>("--builder") { Description = "建设单位 USCC.", Required = true };
        var contractor = new Option<string>("--contractor") { Description = "施工单位 USCC.", Required = true };
        var area = new Option<decimal>("--area") { Description = "Floor area, m².", Required = true };
        var phase = new Option<string>("--phase") { Description = "earthwork | foundation | structure | decoration.", Required = true };
        var street = new Option<string?>("--street") { Description = "Street or town (name or 12-digit code)." };
        var address = new Option<string?>("--address") { Description = "Address." };
        var lon = new Option<decimal?>("--lon") { Description = "Longitude (GCJ-02)." };
        var lat = new Option<decimal?>("--lat") { Description = "Latitude (GCJ-02)." };
        var cmd = new Command("register", "Register a construction site (USCCs checked, street of the district).");
        cmd.Arguments.Add(code);
        foreach (var o in new Option[] { name, builder, contractor, area, phase, street, address, lon, lat }) cmd.Options.Add(o);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => RunAsync(context, pr, store, async s =>
        {
            var site = await s.RegisterSiteAsync(new ConstructionSiteInput(pr.GetValue(code)!, pr.GetValue(name)!, pr.GetValue(builder)!, pr.GetValue(contractor)!,
                pr.GetValue(address), pr.GetValue(street), pr.GetValue(lon), pr.GetValue(lat), pr.GetValue(area), pr.GetValue(phase)!, null, null), AuditActor.Cli(), ct);
            return new { site.Code, site.ProjectName, site.StreetCode, site.FloorAreaM2, site.Phase };
        }, ct));
        return cmd;
    }

    private static Command Bind(CliContext context)
    {
        var code = new Argument<string>("CODE") { Description = "Site code." };
        var mn = new Option<string>("--mn") { Description = "HJ 212 MN of the monitor.", Required = true };
        var pw = new Option<string>("--pw") { Description = "HJ 212 PW of the monitor.", Required = true };
        var unit = new Option<string>("--dust-unit") { Description = "Unit the logger sends TSP/PM10/PM2.5 in: μg/m³ (ug/m3), mg/m³ or ng/m³. Default μg/m³.", DefaultValueFactory = _ => "μg/m³" };
        var cmd = new Command("bind", "Bind an online dust/noise monitor to a site by its MN (ST=39 or ST=22 packets land as its hourly data).");
        cmd.Arguments.Add(code);
        cmd.Options.Add(mn);
        cmd.Options.Add(pw);
        cmd.Options.Add(unit);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => RunAsync(context, pr, store, async s =>
        {
            var m = await s.BindMonitorAsync(pr.GetValue(code)!, pr.GetValue(mn)!, pr.GetValue(pw)!, pr.GetValue(unit)!, AuditActor.Cli(), ct);
            return new { m.Mn, m.DustUnit };
        }, ct));
        return cmd;
    }

    private static Command Thresholds(CliContext context)
    {
        var code = new Argument<string>("CODE") { Description = "Site code." };
        var preset = new Option<string?>("--preset") { Description = "Copy another province's preset (外省参考, not a Chongqing standard), e.g. hebei-db13-2934-2019." };
        var parameter = new Option<string?>("--parameter") { Description = "pm10 | tsp | pm25 (with --limit and --reason)." };
        var limit = new Option<decimal?>("--limit") { Description = "Maximum hourly mean, μg/m³." };
        var reason = new Option<string?>("--reason") { Description = "Why this value." };
        var cmd = new Command("thresholds", "Set a site's dust thresholds from a preset or one typed value.");
        cmd.Arguments.Add(code);
        foreach (var o in new Option[] { preset, parameter, limit, reason }) cmd.Options.Add(o);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => RunAsync(context, pr, store, async s =>
        {
            var list = pr.GetValue(preset) is { } p
                ? await s.ApplyPresetAsync(pr.GetValue(code)!, p, AuditActor.Cli(), ct)
                : await s.SetThresholdAsync(pr.GetValue(code)!, pr.GetValue(parameter) ?? "", pr.GetValue(limit) ?? 0m, pr.GetValue(reason) ?? "", AuditActor.Cli(), ct);
            return list.Select(t => new { t.Parameter, t.LimitUgM3, t.Preset, t.Source }).ToList();
        }, ct));
        return cmd;
    }

    private static Command Evaluate(CliContext context)
    {
        var code = new Argument<string?>("CODE") { Description = "Site code (or --all).", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Every site." };
        var month = new Option<string>("--month") { Description = "Month evaluated, yyyy-MM (Beijing).", Required = true };
        var cmd = new Command("evaluate", "Compute and store the 红黄绿牌 of a month (history kept), printed with its evidence.");
        cmd.Arguments.Add(code);
        cmd.Options.Add(all);
        cmd.Options.Add(month);
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) =>
        {
            if (!DateOnly.TryParseExact(pr.GetValue(month) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                context.Err.WriteLine("error: --month is yyyy-MM");
                return Task.FromResult(1);
            }
            if (pr.GetValue(code) is null && !pr.GetValue(all))
            {
                context.Err.WriteLine("error: give a site code or --all");
                return Task.FromResult(1);
            }
            return RunAsync(context, pr, store, async s => pr.GetValue(all)
                ? (await s.EvaluateAllAsync(m, AuditActor.Cli(), ct)).Select(CardView).ToList()
                : CardView(await s.EvaluateMonthAsync(pr.GetValue(code)!, m, AuditActor.Cli(), ct)), ct);
        });
        return cmd;
    }

    private static Command List(CliContext context)
    {
        var cmd = new Command("list", "Sites with latest card, monitors, thresholds configured and the 50,000 m² unmonitored flag, as JSON.");
        var store = CliStore.AddOptions(cmd);
        cmd.SetAction((pr, ct) => RunAsync(context, pr, store, async s => (await s.ListAsync(false, ct)).Select(r => new
        {
            r.Site.Code, r.Site.ProjectName, r.Site.FloorAreaM2, r.Site.Phase, r.Monitors, thresholds = r.HasThresholds ? "configured" : "未配置阈值",
            missing_monitor = r.MissingMonitor, card = r.LatestCard?.Colour, card_month = r.LatestCard?.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            r.Site.Blacklisted,
        }).ToList(), ct));
        return cmd;
    }
}
