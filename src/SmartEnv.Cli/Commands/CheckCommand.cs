using System.CommandLine;
using System.Text.Json.Nodes;
using SmartEnv.Standards.Identifiers;
using SmartEnv.Supervision.Permits;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv check uscc CODE… | --jsonl</c> and <c>smartenv check permit-number NUMBER… | --jsonl</c>: checks
/// 统一社会信用代码 (GB 32100-2015, <see cref="Uscc"/>) and 排污许可证编号 (HJ 608-2017, <see cref="PermitNumber"/>) for
/// scripts (docs/sources.md "Rules"). Output: one JSON object per input, in input order,
/// <c>{"input":…,"valid":true|false,"reason":…|null,"warnings":[…]}</c>; permit numbers add <c>uscc</c>,
/// <c>site_sequence</c>, <c>letter</c>, <c>letter_is_p</c>. With <c>--jsonl</c> every stdin line is one input, taken as
/// given (not trimmed; a blank line is an invalid empty input, so output line n answers input line n). A code valid with
/// warnings (GB 11714 position 17, an unknown category, a letter other than P) is <c>valid: true</c>.
/// Exit 0 when every input is valid, 1 when any is invalid, 2 on a usage error (no input, or both arguments and
/// <c>--jsonl</c>). No store, no network.
/// </summary>
public static class CheckCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("check", "Check identifiers: 统一社会信用代码 (GB 32100-2015) and 排污许可证编号 (HJ 608-2017).");
        cmd.Subcommands.Add(Sub(context, "uscc", "CODE", "统一社会信用代码: 18 characters, upper case (GB 32100-2015).", Uscc));
        cmd.Subcommands.Add(Sub(context, "permit-number", "NUMBER", "排污许可证编号: 统一社会信用代码 + 3-digit site sequence + letter (HJ 608-2017).", Permit));
        return cmd;
    }

    private static Command Sub(CliContext context, string name, string argName, string description, Func<string, JsonObject> check)
    {
        var inputs = new Argument<string[]>(argName + "S") { Description = "Inputs, as given (not trimmed or upper-cased).", Arity = ArgumentArity.ZeroOrMore };
        var jsonl = new Option<bool>("--jsonl") { Description = "Read one input per stdin line instead of arguments; write one JSON object per line." };
        var cmd = new Command(name, description);
        cmd.Arguments.Add(inputs);
        cmd.Options.Add(jsonl);
        cmd.SetAction(pr =>
        {
            var args = pr.GetValue(inputs) ?? [];
            var fromStdin = pr.GetValue(jsonl);
            if (fromStdin && args.Length > 0)
            {
                context.Err.WriteLine($"error: with --jsonl the inputs come from stdin, not from arguments");
                return 2;
            }
            if (!fromStdin && args.Length == 0)
            {
                context.Err.WriteLine($"error: give one or more {argName}s, or --jsonl to read them from stdin");
                return 2;
            }
            var anyInvalid = false;
            foreach (var input in fromStdin ? CliInput.Lines(context.In).Select(l => l.Text) : args)
            {
                var o = check(input);
                anyInvalid |= !(bool)o["valid"]!;
                context.Out.WriteLine(o.ToJsonString(CliJson.Options));
            }
            return anyInvalid ? 1 : 0;
        });
        return cmd;
    }

    private static JsonObject Uscc(string input)
    {
        var fault = Standards.Identifiers.Uscc.Check(input);
        var warnings = fault is null ? Standards.Identifiers.Uscc.Warnings(input).Select(w => w.Message) : [];
        return new JsonObject
        {
            ["input"] = input,
            ["valid"] = fault is null,
            ["reason"] = fault?.Message,
            ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode?)w)]),
        };
    }

    private static JsonObject Permit(string input)
    {
        var c = PermitNumber.Check(input);
        var warnings = new List<string>();
        if (c.Valid)
        {
            warnings.AddRange(Standards.Identifiers.Uscc.Warnings(c.Uscc).Select(w => "统一社会信用代码 " + w.Message));
            if (!c.LetterIsP)
                warnings.Add($"position 22: letter '{c.Letter}' is not P (排污许可证); other letters (e.g. registration numbers) are kept as given, their meaning is not confirmed (HJ 608-2017, supervision.md §2.3)");
        }
        return new JsonObject
        {
            ["input"] = input,
            ["valid"] = c.Valid,
            ["reason"] = c.Reason,
            ["warnings"] = new JsonArray([.. warnings.Select(w => (JsonNode?)w)]),
            ["uscc"] = c.Uscc,
            ["site_sequence"] = c.SiteSequence,
            ["letter"] = c.Letter?.ToString(),
            ["letter_is_p"] = c.Valid ? c.LetterIsP : null,
        };
    }
}
