using SmartEnv.Supervision.Credit;
using static SmartEnv.Supervision.Tests.Credit.CreditTestTables;
using G = SmartEnv.Supervision.Credit.CreditGrade;

namespace SmartEnv.Supervision.Tests.Credit;

/// <summary>Event-driven grade changes (supervision.md §7.1): 一般 emergency one grade down; 较大 and above, or a veto,
/// straight to 环保不良; 不良 stays 不良. Expected grades written out by hand from the grade order 诚信 → 良好 → 警示 → 不良.</summary>
public class CreditEventsTests
{
    private static readonly CreditRules R = CreditRules.Default;

    public static readonly TheoryData<G, string, G> Table = new()
    {
        { G.Trustworthy, "event.emergency.general", G.Good },
        { G.Good, "event.emergency.general", G.Warning },
        { G.Warning, "event.emergency.general", G.Poor },
        { G.Poor, "event.emergency.general", G.Poor },
        { G.Trustworthy, "event.emergency.larger", G.Poor },
        { G.Good, "event.emergency.larger", G.Poor },
        { G.Warning, "event.emergency.larger", G.Poor },
        { G.Poor, "event.emergency.larger", G.Poor },
        { G.Trustworthy, "event.emergency.major", G.Poor },
        { G.Good, "event.emergency.major", G.Poor },
        { G.Trustworthy, "event.emergency.especially_major", G.Poor },
        { G.Warning, "event.emergency.especially_major", G.Poor },
        { G.Trustworthy, "event.veto", G.Poor },
        { G.Good, "event.veto", G.Poor },
        { G.Warning, "event.veto", G.Poor },
        { G.Poor, "event.veto", G.Poor },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_event_at_each_grade(G from, string code, G to)
    {
        var c = CreditEvents.Apply(R, from, code);
        Assert.Equal((from, to), (c.From, c.To));
        Assert.Equal(code, c.Rule.Code);
        Assert.Null(c.VetoItem);
    }

    [Theory]
    [InlineData(G.Trustworthy)]
    [InlineData(G.Good)]
    [InlineData(G.Warning)]
    [InlineData(G.Poor)]
    public void A_veto_item_applies_the_veto_event(G from)
    {
        var c = CreditEvents.Apply(R, from, "veto.hw_illegal");
        Assert.Equal(G.Poor, c.To);
        Assert.Equal("event.veto", c.Rule.Code);
        Assert.Equal("veto.hw_illegal", c.VetoItem!.Code);
    }

    [Fact]
    public void The_rule_that_applied_carries_its_confidence_and_source()
    {
        var c = CreditEvents.Apply(R, G.Good, "event.emergency.general");
        Assert.Equal("U", c.Rule.Confidence);
        Assert.Contains("Guangdong", c.Rule.Source);
        Assert.Equal("S", CreditEvents.Apply(R, G.Good, "event.emergency.larger").Rule.Confidence);
    }

    [Fact]
    public void The_steps_are_data()
    {
        // a later text making a 一般 emergency two grades down: 诚信 → 警示, 良好 → 不良, 警示 → 不良 (clamped)
        var two = Load(Minimal.Replace("event.emergency.general\t-\t一般\tevent\t1", "event.emergency.general\t-\t一般\tevent\t2"));
        Assert.Equal(G.Warning, CreditEvents.Apply(two, G.Trustworthy, "event.emergency.general").To);
        Assert.Equal(G.Poor, CreditEvents.Apply(two, G.Good, "event.emergency.general").To);
        Assert.Equal(G.Poor, CreditEvents.Apply(two, G.Warning, "event.emergency.general").To);
    }

    [Fact]
    public void Unknown_events_and_non_veto_items_are_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => CreditEvents.Apply(R, G.Good, "event.flood"));
        Assert.Throws<KeyNotFoundException>(() => CreditEvents.Apply(R, G.Good, "management.penalty"));
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditEvents.Apply(R, (G)9, "event.veto"));
    }
}
