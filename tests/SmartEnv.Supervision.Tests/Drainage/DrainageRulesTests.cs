using SmartEnv.Supervision.Drainage;

namespace SmartEnv.Supervision.Tests.Drainage;

/// <summary>
/// DrainageRules on the embedded drainage-rules.tsv: the plan's rivers are there with their seed lines, the status ladder
/// is in order, the code format holds at its edges (4 and 40 characters; 3 and 41 refused), progress is worked by hand,
/// and a broken table is refused.
/// </summary>
public class DrainageRulesTests
{
    private static readonly DrainageRules R = DrainageRules.Default;

    [Fact]
    public void Rivers_types_and_statuses_of_the_table()
    {
        // The plan names (seed lines 14, 349, 375, 416, 455, 1095): 长江 嘉陵江 御临河 栋梁河 盘溪河 双溪河 溉澜溪 朝阳溪 桥溪河 茅溪 旱河, then 其他水体.
        Assert.Equal(["长江", "嘉陵江", "御临河", "栋梁河", "盘溪河", "双溪河", "溉澜溪", "朝阳溪", "桥溪河", "茅溪", "旱河", "其他水体"], R.Rivers.Select(r => r.NameZh));
        Assert.All(R.Rivers.Where(r => r.Key != "other"), r => Assert.Equal("P", r.Confidence));
        Assert.Equal(["industrial", "wwtp", "stormwater", "cso", "agricultural", "other"], R.Types.Select(t => t.Key));
        Assert.Equal(["未整治", "整治中", "已整治", "已规范化"], R.Statuses.Select(s => s.NameZh));
        Assert.Equal(2025, R.TargetYear);
        Assert.Equal("panxi", R.FindRiver("盘溪河")!.Key);
        Assert.Equal("panxi", R.FindRiver(" panxi ")!.Key);
        Assert.Null(R.FindRiver("黄河"));
        Assert.Equal("treated", R.FindStatus("已整治")!.Key);
        Assert.Null(R.FindType(""));
        Assert.StartsWith("drainage-rules@", R.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_format_at_its_edges()
    {
        Assert.Null(R.CodeError("JB01")); // 4 characters: the shortest
        Assert.NotNull(R.CodeError("JB1")); // 3
        Assert.Null(R.CodeError("J" + new string('0', 39))); // 40: the longest
        Assert.NotNull(R.CodeError("J" + new string('0', 40))); // 41
        Assert.Null(R.CodeError("JB-PK-0001"));
        Assert.NotNull(R.CodeError("jb-pk-0001")); // lower case
        Assert.NotNull(R.CodeError("-JB-0001")); // leading hyphen
        Assert.NotNull(R.CodeError(" JB-0001")); // surrounding space
        Assert.NotNull(R.CodeError(null));
        Assert.NotNull(R.CodeError("排口0001"));
    }

    [Fact]
    public void Progress_counts_done_and_normalized()
    {
        // 4 outlets, one of each: done = 已整治 + 已规范化 = 2 → 50.0 %; normalized 1 → 25.0 %.
        var p = R.Progress(["untreated", "in_progress", "treated", "normalized"]);
        Assert.Equal((4, 1, 1, 1, 1, 2, 50.0m, 25.0m), (p.Total, p.Untreated, p.InProgress, p.Treated, p.Normalized, p.Done, p.DonePercent, p.NormalizedPercent));
        // 3 outlets, 1 normalized: 1/3 = 33.33… → 33.3 %; 2/3 = 66.66… → 66.7 % (half away from zero).
        var q = R.Progress(["normalized", "untreated", "untreated"]);
        Assert.Equal((33.3m, 33.3m), (q.DonePercent, q.NormalizedPercent));
        Assert.Equal(66.7m, R.Progress(["treated", "normalized", "untreated"]).DonePercent);
        Assert.Null(R.Progress([]).DonePercent);
        Assert.Throws<ArgumentException>(() => R.Progress(["done"]));
    }

    [Fact]
    public void A_broken_table_is_refused()
    {
        const string header = "kind\tkey\tname_zh\tvalue\tconfidence\tsource\n";
        const string ok = "status\tuntreated\t未整治\t\tSmartEnv\tx\nstatus\tin_progress\t整治中\t\tSmartEnv\tx\nstatus\ttreated\t已整治\t\tSmartEnv\tx\nstatus\tnormalized\t已规范化\t\tSmartEnv\tx\n"
            + "code\tformat\t编码\t^[A-Z]{4}$\tSmartEnv\tx\ntarget\tyear\t年\t2025\tP\tx\n";
        Assert.Null(DrainageRules.Load(new StringReader(header + ok)).CodeError("ABCD"));
        Assert.Throws<FormatException>(() => DrainageRules.Load(new StringReader(header + ok + "river\tx\t河\t\tQ\tx\n"))); // unknown confidence
        Assert.Throws<FormatException>(() => DrainageRules.Load(new StringReader(header + ok + "code\tformat\t编码\t^A$\tSmartEnv\tx\n"))); // duplicate
        Assert.Throws<FormatException>(() => DrainageRules.Load(new StringReader(header + ok.Replace("status\ttreated", "status\tzz", StringComparison.Ordinal)))); // ladder
        Assert.Throws<FormatException>(() => DrainageRules.Load(new StringReader(header + "river\tx\t河\tSmartEnv\tx\n"))); // 5 columns
    }
}
