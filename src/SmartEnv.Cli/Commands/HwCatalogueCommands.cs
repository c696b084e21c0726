using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartEnv.Standards.Common;
using SmartEnv.Supervision.Waste.Catalogue;
using SmartEnv.Waste.Catalogue;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv hw code CODE… [--version 2021]</c> (issue 17 P1): prints each code's entry of the national hazardous-waste
/// list as one JSON object per line — the same <see cref="HwCodeView"/> as <c>GET /api/hw/codes/{wasteCode}</c>;
/// <c>900-000-XX</c> of an existing category gives the unlisted view. Without <c>--version</c> the edition in force today
/// (Beijing) is used. A code refused (malformed, not listed, unknown version) writes <c>{"code": …, "error": reason}</c>
/// on its line and the reason on stderr, and the command exits 1 after the other codes; 0 when every code is valid.
/// </summary>
public static partial class HwCommand
{
    static partial void AddCatalogue(Command hw, CliContext context)
    {
        var codes = new Argument<string[]>("CODE") { Description = "Waste codes, ddd-ddd-dd (e.g. 900-041-49).", Arity = ArgumentArity.OneOrMore };
        var version = new Option<string?>("--version") { Description = "List edition (2021; default: the edition in force today)." };
        var cmd = new Command("code", "Print the national-list entry (名录) of each code as JSON: category, industry, description, hazard characteristics.");
        cmd.Arguments.Add(codes);
        cmd.Options.Add(version);
        cmd.SetAction(pr =>
        {
            var set = HwCatalogues.Default;
            var v = pr.GetValue(version);
            if (string.IsNullOrEmpty(v))
            {
                var today = BeijingTime.Today(TimeProvider.System);
                v = set.Editions.Last(e => e.InForce <= today).Version;
            }
            var failed = false;
            foreach (var code in pr.GetValue(codes) ?? [])
            {
                if (HwCodeView.TryLookUp(set, code, v, out var view, out var reason, out _))
                {
                    context.Out.WriteLine(JsonSerializer.Serialize(view, CliJson.Options));
                    continue;
                }
                failed = true;
                context.Out.WriteLine(new JsonObject { ["code"] = code, ["error"] = reason }.ToJsonString(CliJson.Options));
                context.Err.WriteLine($"{code}: {reason}");
            }
            return failed ? 1 : 0;
        });
        hw.Subcommands.Add(cmd);
    }
}
