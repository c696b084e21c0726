using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>draw-rules.tsv: the defaults of supervision.md §6/§7 with their confidence.</summary>
public class DrawRulesTests
{
    private static readonly DrawRules R = DrawRules.Default;

    [Fact]
    public void Defaults_of_supervision_md_section_6()
    {
        var s = R.ToRuleSet();
        Assert.Equal(0.25m, s.KeyRatio);                        // 县级 ≥ 25 %/quarter [S]
        Assert.Equal(10m, s.GeneralUnitsPerInspectorYear);     // 1 inspector : 10 units/year [S]
        Assert.Equal(1m, s.SpecialRatio);                      // up to 100 % [U]
        Assert.Equal(0.5m, s.MultiplierHonest);                // [U] SmartEnv local policy
        Assert.Equal(1m, s.MultiplierGood);
        Assert.Equal(1.5m, s.MultiplierWarning);
        Assert.Equal(2m, s.MultiplierBad);
        Assert.Equal(1m, s.MultiplierNone);
        Assert.Equal(2, s.InspectorsPerTask);
        Assert.False(s.DifferentDepartments);
        Assert.True(s.RecuseLastTime);
        Assert.Equal(20, R.PublicationWorkdays);               // [U]
        Assert.Equal(R.Version, s.Version);
        Assert.Matches("^draw-rules@[0-9a-f]{8}$", R.Version);
    }

    [Fact]
    public void Confidences_and_sources()
    {
        Assert.Equal("S", R["key.ratio"].Confidence);
        Assert.Equal("S", R["general.units_per_inspector_year"].Confidence);
        Assert.Equal("U", R["special.ratio"].Confidence);
        foreach (var k in new[] { "multiplier.honest", "multiplier.good", "multiplier.warning", "multiplier.bad" })
        {
            Assert.Equal("U", R[k].Confidence);
            Assert.Contains("SmartEnv local policy", R[k].Source);
        }
        Assert.Equal("U", R["publication.workdays"].Confidence);
        Assert.Contains("SUP §6", R["key.ratio"].Source);
        Assert.Equal(DrawRules.RequiredKeys.Count, R.All.Count);
    }

    private const string Header = "key\tvalue\tunit\tconfidence\tsource\n";

    private static string Tsv(Func<string, string, string>? change = null) => Header + string.Concat(DrawRules.Default.All.Select(r =>
        (change?.Invoke(r.Key, r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) is var v
            ? $"{r.Key}\t{v}\t{r.Unit}\t{r.Confidence}\t{r.Source}\n" : ""));

    [Fact]
    public void Load_reads_a_table_and_refuses_bad_ones()
    {
        var ok = DrawRules.Load(new StringReader(Tsv()));
        Assert.Equal(0.25m, ok.ToRuleSet().KeyRatio);
        Assert.NotEqual(ok.Version, DrawRules.Load(new StringReader(Tsv((k, v) => k == "key.ratio" ? "0.3" : v))).Version);
        var e = Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv((k, v) => k == "key.ratio" ? "1.5" : v))));
        Assert.Contains("keyRatio", e.Message);
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv((k, v) => k == "inspectors.per_task" ? "1" : v))));
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv((k, v) => k == "inspectors.recuse_last_time" ? "2" : v))));
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv((k, v) => k == "multiplier.bad" ? "2.00001" : v))));
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv() + "bogus\t1\tx\tU\ty\n")));
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Tsv() + "key.ratio\t0.25\tx\tU\ty\n")));
        Assert.Throws<FormatException>(() => DrawRules.Load(new StringReader(Header + "key.ratio\t0.25\tx\tU\ty\n")));
    }
}
