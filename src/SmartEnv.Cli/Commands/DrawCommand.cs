using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Cli.Commands;

/// <summary>
/// <c>smartenv draw …</c>: the 双随机、一公开 draw of issue 19 as a command anyone can run on a published plan
/// (docs/inspections.md "Command line"). A thin shell over the pure library <c>SmartEnv.Supervision.Inspections.Draw</c>
/// (<see cref="DrawPlanJson"/>, <see cref="DrawEngine"/>); no store, no clock.
/// <list type="bullet">
/// <item><c>draw run PLAN.json [--out FILE]</c>: checks SHA-256(secret) against the published commitment, draws, and
/// writes the plan with its <c>result</c> in canonical JSON to stdout (followed by a newline) or to FILE (exactly the
/// canonical bytes, replaced atomically). Exit 0 drawn; 1 the output file cannot be written; 2 nothing drawn and nothing
/// written: the file cannot be read, is not JSON (line and column named), is not a plan (JSON path named), the plan is
/// invalid, the secret or the public value is missing, the secret does not open the commitment, or a drawn object has too
/// few eligible inspectors.</item>
/// <item><c>draw verify PLAN.json</c>: recomputes the result from the published inputs. Exit 0 and <c>一致 / identical</c>
/// only when the published result equals the recomputed one entry by entry; 1 <c>不一致 / not identical</c> with the
/// first difference (task number, JSON path <c>result.tasks[i].field</c>, published and recomputed values), also when the
/// published secret does not open the commitment or the draw is refused for too few inspectors; 2 the plan cannot be
/// read or checked at all (as for run, or no published result, or secret/public value missing).</item>
/// <item><c>draw commitment SECRETHEX</c> (alias <c>commit-hash</c>): prints SHA-256 of the secret's bytes, lowercase
/// hex, to publish before the draw. Exit 2 when the secret is not lowercase hex of at least
/// <see cref="DrawEngine.MinSecretBytes"/> bytes.</item>
/// <item><c>draw secret</c>: prints a fresh 32-byte secret (lowercase hex) from the operating system's cryptographic
/// random generator.</item>
/// <item><c>draw explain PLAN.json</c>: the rule version, ratios, grade multipliers, input hash and per stratum N, m and
/// the computation (<see cref="DrawEngine.Explain"/>), so a plan stays explainable. Needs no secret. Exit 0, or 2 as for
/// run.</item>
/// </list>
/// PLAN may be <c>-</c> for standard input. Messages are zh-CN first, then English, on stderr; never a stack trace.
/// </summary>
public static class DrawCommand
{
    /// <summary>The line <c>draw verify</c> prints (first) when the published result is identical to the recomputed one.</summary>
    public const string Identical = "一致 / identical";

    /// <summary>The line <c>draw verify</c> prints (first) when it is not.</summary>
    public const string NotIdentical = "不一致 / not identical";

    /// <summary>Creates the command group.</summary>
    /// <param name="context">Streams to read and write.</param>
    public static Command Create(CliContext context)
    {
        var cmd = new Command("draw", "双随机抽查 the 双随机、一公开 draw anyone can re-run: run, verify, commitment, secret, explain (docs/inspections.md).");

        var runPlan = PlanArgument();
        var output = new Option<string?>("--out") { Description = "Write the plan with its result to this file (canonical JSON bytes, replaced atomically) instead of stdout." };
        var run = new Command("run", "抽取 Draw: check sha256(secret) against the commitment, run the draw, write the plan with its result (canonical JSON).");
        run.Arguments.Add(runPlan);
        run.Options.Add(output);
        run.SetAction(pr => Guard(context, () => Run(context, pr.GetValue(runPlan)!, pr.GetValue(output))));

        var verifyPlan = PlanArgument();
        var verify = new Command("verify", "验证 Verify: recompute the result from the published inputs; exit 0 only when identical, 1 naming the first difference.");
        verify.Arguments.Add(verifyPlan);
        verify.SetAction(pr => Guard(context, () => Verify(context, pr.GetValue(verifyPlan)!)));

        var secretArg = new Argument<string>("SECRETHEX") { Description = $"The secret, lowercase hex, at least {DrawEngine.MinSecretBytes} bytes (32 recommended)." };
        var commitment = new Command("commitment", "承诺值 Print sha256(secret) in lowercase hex, to publish before the draw.");
        commitment.Aliases.Add("commit-hash");
        commitment.Arguments.Add(secretArg);
        commitment.SetAction(pr => Guard(context, () => Commitment(context, pr.GetValue(secretArg)!)));

        var secret = new Command("secret", "秘密值 Print a fresh random 32-byte secret (lowercase hex); keep it secret until after the draw.");
        secret.SetAction(_ => Guard(context, () =>
        {
            context.Out.WriteLine(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
            context.Err.WriteLine("提示 note: 抽取前请保密，先公布 `smartenv draw commitment SECRET` 的结果 keep the secret until after the draw; publish its commitment first.");
            return 0;
        }));

        var explainPlan = PlanArgument();
        var explain = new Command("explain", "说明 Explain: rule version, ratios, grade multipliers and the count of every stratum (no secret needed).");
        explain.Arguments.Add(explainPlan);
        explain.SetAction(pr => Guard(context, () => Explain(context, pr.GetValue(explainPlan)!)));

        foreach (var c in new[] { run, verify, commitment, secret, explain }) cmd.Subcommands.Add(c);
        return cmd;
    }

    private static Argument<string> PlanArgument() =>
        new("PLAN") { Description = "The plan, JSON (docs/inspections.md \"The plan and its canonical JSON\"); '-' reads standard input." };

    private static int Run(CliContext context, string path, string? outPath)
    {
        var plan = ReadPlan(context, path);
        DrawResult result;
        try { result = DrawEngine.Run(plan); }
        catch (DrawException e) { throw new DrawCliException(2, Refused(e)); }
        var drawn = plan with { Result = result };
        var bytes = DrawPlanJson.WriteUtf8(drawn);
        if (plan.Result is not null && DrawPlanJson.Write(plan) != DrawPlanJson.Write(drawn))
            context.Err.WriteLine("注意 note: 计划中原有的结果与重新抽取的结果不同，已替换 the plan's existing result differs from the draw and was replaced.");
        if (outPath is null)
        {
            context.Out.Write(Encoding.UTF8.GetString(bytes));
            context.Out.Write('\n');
        }
        else
        {
            WriteAtomically(outPath, bytes);
        }
        var offsite = result.Tasks.Count(t => t.Mode == TaskMode.OffSite);
        var written = outPath is null ? "" : "; 已写入 written to " + outPath;
        context.Err.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"抽取完成 drawn: {plan.Plan.Id} {result.Tasks.Count} 项任务 tasks (现场 onsite {result.Tasks.Count - offsite}, 非现场 offsite {offsite}); 输入哈希 input hash {Convert.ToHexStringLower(DrawEngine.InputHash(plan))}{written}"));
        return 0;
    }

    private static int Verify(CliContext context, string path)
    {
        var plan = ReadPlan(context, path);
        var v = DrawEngine.Verify(plan);
        if (v.Ok)
        {
            context.Out.WriteLine(Identical);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{plan.Plan.Id}: {plan.Result!.Tasks.Count} 项任务与由公布的输入重新计算的结果逐项相同 tasks equal the result recomputed from the published inputs; 输入哈希 input hash {Convert.ToHexStringLower(DrawEngine.InputHash(plan))}"));
            return 0;
        }
        if (v.Field == "result")
            throw new DrawCliException(2, $"计划中没有公布的结果，无可验证 the plan has no published result to verify ({Show(path)})");
        if (v.Refusal is DrawFailure.InvalidPlan or DrawFailure.SeedMissing)
            throw new DrawCliException(2, (v.Refusal == DrawFailure.InvalidPlan ? "计划无效，无法重新计算 invalid plan, cannot recompute: " : "缺少秘密值或公开值，无法重新计算 the secret or the public value is missing, cannot recompute: ") + v.FirstDifference);
        context.Out.WriteLine(NotIdentical);
        var where = v.Field switch
        {
            "object" or "mode" or "inspectors" => string.Create(CultureInfo.InvariantCulture, $"第 {v.TaskIndex + 1} 项任务 task {v.TaskIndex + 1}, result.tasks[{v.TaskIndex}].{v.Field}"),
            "tasks" => "任务数 task count, result.tasks",
            _ => v.Refusal == DrawFailure.CommitmentMismatch ? "秘密值与承诺值不符 secret does not open the commitment, commitment"
                : "重新计算被拒绝 the recomputation is refused",
        };
        context.Out.WriteLine($"第一处差异 first difference: {where}: {v.FirstDifference}");
        return 1;
    }

    private static int Commitment(CliContext context, string secret)
    {
        if (secret.Length == 0 || secret.Length % 2 != 0 || !secret.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            throw new DrawCliException(2, "秘密值须为偶数位小写十六进制 the secret must be lowercase hex of even length"
                + (secret.Any(char.IsAsciiLetterUpper) ? " (大写字母请改为小写 write upper-case letters in lower case)" : ""));
        if (secret.Length / 2 < DrawEngine.MinSecretBytes)
            throw new DrawCliException(2, string.Create(CultureInfo.InvariantCulture,
                $"秘密值只有 {secret.Length / 2} 字节，至少需要 {DrawEngine.MinSecretBytes} 字节 the secret is {secret.Length / 2} bytes, at least {DrawEngine.MinSecretBytes} are needed (32 recommended: `smartenv draw secret`)"));
        context.Out.WriteLine(DrawEngine.CommitmentHash(secret));
        return 0;
    }

    private static int Explain(CliContext context, string path)
    {
        var plan = ReadPlan(context, path);
        IReadOnlyList<DrawStratum> strata;
        try { strata = DrawEngine.Explain(plan); }
        catch (DrawException e) { throw new DrawCliException(2, Refused(e)); }
        var r = plan.Rules;
        var o = context.Out;
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(inv, $"抽查计划 plan {plan.Plan.Id}: 区县 district {plan.Plan.District}, 季度 quarter {plan.Plan.Quarter}, 名录冻结 lists frozen {plan.Plan.FrozenAt:yyyy-MM-dd}"));
        o.WriteLine($"规则版本 rule version: {r.Version}");
        o.WriteLine($"比例 ratios: 重点排污单位 key {N(r.KeyRatio)}, 特殊监管对象 special {N(r.SpecialRatio)}; 一般排污单位 general {N(r.GeneralUnitsPerInspectorYear)} 家/人/年 units per inspector per year");
        o.WriteLine("信用等级系数 grade multipliers: " + string.Join(", ", Enum.GetValues<DrawGrade>().Select(g => $"{GradeZh(g)} {GradeEn(g)} {N(r.Multiplier(g))}")));
        o.WriteLine(string.Create(inv, $"每项任务检查人员 inspectors per task: {r.InspectorsPerTask}; 不同科室 different departments: {YesNo(r.DifferentDepartments)}; 回避上次检查人员 recuse last inspectors: {YesNo(r.RecuseLastTime)}"));
        o.WriteLine(string.Create(inv, $"名录 lists: {plan.Objects.Count} 个监管对象 objects, {plan.Inspectors.Count} 名执法人员 inspectors"));
        o.WriteLine($"输入哈希 input hash: {Convert.ToHexStringLower(DrawEngine.InputHash(plan))}");
        o.WriteLine($"承诺值 commitment: {plan.Commitment.Hash}");
        o.WriteLine("分层 strata (按抽取顺序 in draw order):");
        foreach (var s in strata)
            o.WriteLine(string.Create(inv, $"  {ClassZh(s.Class)}/{GradeZh(s.Grade)}: N = {s.N}, m = {s.M}; {s.Rule}"));
        int Sum(ObjectClass c) => strata.Where(s => s.Class == c).Sum(s => s.M);
        o.WriteLine(string.Create(inv,
            $"合计 total: {strata.Sum(s => s.M)} 项任务 tasks (重点 key {Sum(ObjectClass.Key)}, 特殊 special {Sum(ObjectClass.Special)}, 一般 general {Sum(ObjectClass.General)}) of {strata.Sum(s => s.N)} objects"));
        return 0;
    }

    private static DrawPlan ReadPlan(CliContext context, string path)
    {
        try
        {
            if (path == "-") return DrawPlanJson.Read(new MemoryStream(context.ReadAllInputBytes()));
            using var f = File.OpenRead(path);
            return DrawPlanJson.Read(f);
        }
        catch (FormatException e)
        {
            throw new DrawCliException(2, $"计划文件格式错误 malformed plan file {Show(path)}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DrawCliException(2, $"无法读取计划文件 cannot read the plan file {Show(path)}: {e.Message}");
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        string full;
        try { full = Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DrawCliException(2, $"输出文件名无效 invalid output file name {path}: {e.Message}");
        }
        var tmp = Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            File.WriteAllBytes(tmp, bytes);
            File.Move(tmp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(tmp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { /* best effort */ }
            throw new DrawCliException(1, $"无法写入输出文件 cannot write the output file {path}: {e.Message}");
        }
    }

    private static string Refused(DrawException e) => e.Reason switch
    {
        DrawFailure.CommitmentMismatch => "秘密值与公布的承诺值不符，未抽取，未写入任何内容 the secret does not match the published commitment; nothing drawn, nothing written: " + e.Message,
        DrawFailure.SeedMissing => "缺少秘密值或公开值，未抽取 the secret or the public value is missing; nothing drawn: " + e.Message,
        DrawFailure.TooFewInspectors => $"对象 {e.ObjectId} 可选执法人员不足，未抽取 too few eligible inspectors for {e.ObjectId}; nothing drawn: " + e.Message,
        _ => "计划无效，未抽取 invalid plan; nothing drawn: " + e.Message,
    };

    private static int Guard(CliContext context, Func<int> body)
    {
        try { return body(); }
        catch (DrawCliException e)
        {
            context.Err.WriteLine("错误 error: " + e.Message);
            return e.ExitCode;
        }
    }

    private static string Show(string path) => path == "-" ? "(stdin)" : path;

    private static string N(decimal d) => DrawPlanJson.CanonicalNumber(d);

    private static string YesNo(bool b) => b ? "是 yes" : "否 no";

    private static string ClassZh(ObjectClass c) => c switch
    {
        ObjectClass.Key => "重点排污单位",
        ObjectClass.Special => "特殊监管对象",
        _ => "一般排污单位",
    };

    private static string GradeZh(DrawGrade g) => g switch
    {
        DrawGrade.Honest => "诚信",
        DrawGrade.Good => "良好",
        DrawGrade.Warning => "警示",
        DrawGrade.Bad => "不良",
        _ => "未评价",
    };

    private static string GradeEn(DrawGrade g) => DrawPlanJson.GradeToken(g) ?? "none";

    private sealed class DrawCliException(int exitCode, string message) : Exception(message)
    {
        public int ExitCode { get; } = exitCode;
    }
}
