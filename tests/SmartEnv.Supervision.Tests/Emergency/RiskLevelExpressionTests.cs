using SmartEnv.Supervision.Emergency;

namespace SmartEnv.Supervision.Tests.Emergency;

/// <summary>HJ 941 expression shape checks; positions are 0-based characters, counted by hand in the comments.</summary>
public class RiskLevelExpressionTests
{
    [Fact]
    public void The_example_of_the_reference_parses()
    {
        var e = RiskLevelExpression.Parse("较大[较大-大气(Q1-M2-E1)+一般-水(Q0)]");
        Assert.Equal(RiskLevel.Larger, e.Level);
        Assert.Equal(2, e.Media.Count);
        Assert.Equal(new RiskMediumTerm(RiskLevel.Larger, "大气", 1, 2, 1), e.Media[0]);
        Assert.Equal(new RiskMediumTerm(RiskLevel.General, "水", 0, null, null), e.Media[1]);
    }

    [Fact]
    public void One_medium_is_enough() => Assert.Equal(RiskLevel.Major, RiskLevelExpression.Parse("重大[重大-水(Q3-M4-E1)]").Level);

    [Theory]
    // overall 一般 but air 较大 → fault at 0 (the overall level)
    [InlineData("一般[较大-大气(Q1-M2-E1)+一般-水(Q0)]", 0, "highest medium level")]
    // "较大[" is 3 chars; the term starts at 3; "较大-" 3 more → medium at 6: 土壤 is not a medium
    [InlineData("较大[较大-土壤(Q1-M2-E1)]", 6, "medium")]
    // 较大[较大-大气( = 3+3+2+1 = 9 chars; Q at 9, digit at 10: Q4 is out of range
    [InlineData("较大[较大-大气(Q4-M2-E1)]", 10, "digit 0–3")]
    // M5: Q1- ends at 12, M at 12, digit at 13
    [InlineData("较大[较大-大气(Q1-M5-E1)]", 13, "digit 1–4")]
    // missing ']' at the end: length of 较大[较大-大气(Q1-M2-E1) = 3 + 15 = 18
    [InlineData("较大[较大-大气(Q1-M2-E1)", 18, "']'")]
    // Q0 medium must be 一般: the term starts at 3
    [InlineData("较大[较大-水(Q0)]", 3, "Q0")]
    // air twice: term 较大-大气(Q1-M2-E1) is 2+1+2+1+8+1 = 15 chars (3…17), '+' at 18, second term at 19, "一般-" → medium at 22
    [InlineData("较大[较大-大气(Q1-M2-E1)+一般-大气(Q0)]", 22, "twice")]
    // unknown level at 0
    [InlineData("严重[较大-大气(Q1-M2-E1)]", 0, "level")]
    // trailing text after ']' at 19
    [InlineData("较大[较大-大气(Q1-M2-E1)]x", 19, "after")]
    public void Faults_are_rejected_with_their_position(string text, int position, string message)
    {
        var ex = Assert.Throws<RiskExpressionException>(() => RiskLevelExpression.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.Contains(message, ex.Message);
        Assert.StartsWith($"position {position}:", ex.Message);
    }
}
