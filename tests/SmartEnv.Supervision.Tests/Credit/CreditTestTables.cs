using System.Text;
using SmartEnv.Supervision.Credit;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>Rule texts for the credit tests: the embedded file and a minimal hand-written table with known line numbers.</summary>
internal static class CreditTestTables
{
    public static string EmbeddedText()
    {
        using var s = typeof(CreditRules).Assembly.GetManifestResourceStream("SmartEnv.Supervision.Resources.credit-rules.tsv")!;
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>A minimal valid table; line numbers (1-based) in the comments at the right.</summary>
    public static readonly string[] MinimalLines =
    [
        "# minimal credit table for tests",                                                  // 1
        "code\tgroup\tname_zh\tkind\tpoints\tcap\tevidence\tconfidence\tsource",              // 2
        "d.a\t污染防治\t扣分A\tdeduction\t1\t5\texceedance\tU\ttest",                          // 3
        "b.a\t环境管理\t加分A\tbonus\t2\t4\tother\tU\ttest",                                   // 4
        "v.a\t污染防治\t否决A\tveto\t-\t-\tinspection_finding\tS\ttest",                       // 5
        "grade.trustworthy\t绿\t环保诚信企业\tgrade\t100\t-\t红名单\tS\ttest",                  // 6
        "grade.good\t蓝\t环保良好企业\tgrade\t80\t-\t-\tS\ttest",                              // 7
        "grade.warning\t黄\t环保警示企业\tgrade\t60\t-\t-\tS\ttest",                           // 8
        "grade.poor\t红\t环保不良企业\tgrade\t-\t-\t黑名单\tS\ttest",                           // 9
        "score.base\t-\t基础分\tlimit\t100\t-\t-\tS\ttest",                                    // 10
        "score.floor\t-\t最低分\tlimit\t0\t-\t-\tU\ttest",                                     // 11
        "bonus.cap\t-\t加分上限\tlimit\t8\t-\t-\tU\ttest",                                     // 12
        "event.emergency.general\t-\t一般\tevent\t1\t-\temergency\tU\ttest",                   // 13
        "event.emergency.larger\t-\t较大\tevent\tlowest\t-\temergency\tS\ttest",               // 14
        "event.emergency.major\t-\t重大\tevent\tlowest\t-\temergency\tS\ttest",                // 15
        "event.emergency.especially_major\t-\t特别重大\tevent\tlowest\t-\temergency\tS\ttest", // 16
        "event.veto\t-\t否决\tevent\tlowest\t-\tother\tU\ttest",                               // 17
        "repair.minor\t-\t轻微\trepair\t0\t3\t-\tU\ttest",                                     // 18
        "repair.general\t-\t一般\trepair\t3\t12\t-\tU\ttest",                                  // 19
        "repair.serious\t-\t严重\trepair\t12\t36\t-\tU\ttest",                                 // 20
        "list.black\t-\t黑名单\tlisting\tserious\t-\t-\tU\ttest",                                // 21
    ];

    public static string Minimal => string.Join("\n", MinimalLines) + "\n";

    /// <summary>The minimal table with cell (line, column), both 1-based, replaced.</summary>
    public static string MinimalWith(int line, int column, string value)
    {
        var lines = (string[])MinimalLines.Clone();
        var cells = lines[line - 1].Split('\t');
        cells[column - 1] = value;
        lines[line - 1] = string.Join("\t", cells);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The minimal table without line <paramref name="line"/> (1-based).</summary>
    public static string MinimalWithout(int line) =>
        string.Join("\n", MinimalLines.Where((_, i) => i != line - 1)) + "\n";

    public static CreditRules Load(string text) => CreditRules.Load(new StringReader(text));
}
