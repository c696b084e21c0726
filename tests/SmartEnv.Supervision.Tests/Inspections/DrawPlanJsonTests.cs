using System.Security.Cryptography;
using System.Text;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>The canonical JSON of a plan (docs/inspections.md "Canonical JSON"): expected texts written by hand.</summary>
public class DrawPlanJsonTests
{
    private static readonly string H = DrawFixtures.HashOf(DrawFixtures.Secret);

    private static string Objects => """
        "objects":[{"id":"91500105MA5U000001","name":"重庆\"甲\"化工","class":"key","specialReason":null,"grade":"good","positiveList":false,"lastInspectors":[]},{"id":"91500105MA5U000002","name":"乙厂\\二车间","class":"key","specialReason":null,"grade":"good","positiveList":true,"lastInspectors":["J-09"]},{"id":"91500105MA5U000003","name":"丙\n厂","class":"key","specialReason":null,"grade":"good","positiveList":false,"lastInspectors":[]},{"id":"91500105MA5U000004","name":"丁厂","class":"key","specialReason":null,"grade":"good","positiveList":false,"lastInspectors":[]}],"inspectors":[{"id":"J-01","name":"张三","department":"执法一队","conflicts":[]},{"id":"J-02","name":"李四","department":"执法二队","conflicts":["91500105MA5U000009"]}]
        """;

    private const string Head = """
        {"plan":{"id":"SJ-2025Q1","district":"500105","quarter":"2025Q1","frozenAt":"2025-01-03"},"rules":{"version":"draw-rules@1a2b3c4d","keyRatio":0.25,"specialRatio":1,"generalUnitsPerInspectorYear":10,"multipliers":{"honest":0.5,"good":1,"warning":1.5,"bad":2,"none":1},"inspectorsPerTask":2,"differentDepartments":false,"recuseLastTime":true},
        """;

    /// <summary>The canonical text of the small plan (1.0m → 1, 0.50m → 0.5; " \ and newline escaped; CJK literal).</summary>
    public static string SmallCanonical => Head + Objects
        + $$$""","commitment":{"hash":"{{{H}}}","publicValue":"上证指数 2025-01-06 收盘 3206.92","secret":"{{{DrawFixtures.Secret}}}"},"result":null}""";

    /// <summary>The canonical input (hashed for the seed): commitment reduced to its hash, no result.</summary>
    public static string SmallCanonicalInput => Head + Objects + $$$""","commitment":{"hash":"{{{H}}}"}}""";

    [Fact]
    public void Writes_the_canonical_form()
    {
        var p = DrawFixtures.Small();
        Assert.Equal(SmallCanonical, DrawPlanJson.Write(p));
        Assert.Equal(SmallCanonicalInput, Encoding.UTF8.GetString(DrawPlanJson.CanonicalInput(p)));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(SmallCanonicalInput)), DrawEngine.InputHash(p));
        var bytes = DrawPlanJson.WriteUtf8(p);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
    }

    [Fact]
    public void String_and_number_rules()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\t\\r\\b\\f\\u0001\\u001f/é中😀\u007f\u2028\"",
            DrawPlanJson.CanonicalString("a\"b\\c\n\t\r\b\f\u0001\u001f/é中😀\u007f\u2028"));
        Assert.Throws<ArgumentException>(() => DrawPlanJson.CanonicalString("x\ud800"));
        Assert.Equal("0.25", DrawPlanJson.CanonicalNumber(0.2500m));
        Assert.Equal("1", DrawPlanJson.CanonicalNumber(1.000m));
        Assert.Equal("10", DrawPlanJson.CanonicalNumber(10m));
        Assert.Equal("0", DrawPlanJson.CanonicalNumber(0.00m));
        Assert.Equal("0.0001", DrawPlanJson.CanonicalNumber(0.0001m));
    }

    [Fact]
    public void Reads_back_any_whitespace_and_order_into_the_same_canonical_form()
    {
        var p = DrawFixtures.WithResult(DrawFixtures.Small());
        var text = DrawPlanJson.Write(p);
        Assert.Equal(text, DrawPlanJson.Write(DrawPlanJson.Read(text)));
        using (var ms = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            Assert.Equal(text, DrawPlanJson.Write(DrawPlanJson.Read(ms)));
        var pretty = System.Text.Json.Nodes.JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.NotEqual(text, pretty);
        Assert.Equal(text, DrawPlanJson.Write(DrawPlanJson.Read(pretty)));
        var reordered = text.Replace("\"plan\":{\"id\":\"SJ-2025Q1\",\"district\":\"500105\"", "\"plan\":{\"district\":\"500105\",\"id\":\"SJ-2025Q1\"");
        Assert.NotEqual(text, reordered);
        Assert.Equal(text, DrawPlanJson.Write(DrawPlanJson.Read(reordered)));
        using var out1 = new MemoryStream();
        DrawPlanJson.Write(p, out1);
        Assert.Equal(Encoding.UTF8.GetBytes(text), out1.ToArray());
    }

    [Theory]
    [InlineData("\"quarter\":\"2025Q1\"", "\"quarter\":\"2025Q1\",\"extra\":1", "plan.extra is not a known property")]
    [InlineData("\"quarter\":\"2025Q1\"", "\"quarter\":\"2025Q1\",\"quarter\":\"2025Q2\"", "plan.quarter appears twice")]
    [InlineData("\"district\":\"500105\",", "", "plan.district is missing")]
    [InlineData("\"class\":\"key\"", "\"class\":\"keyy\"", "objects[0].class 'keyy'")]
    [InlineData("\"grade\":\"good\"", "\"grade\":\"gold\"", "objects[0].grade 'gold'")]
    [InlineData("\"frozenAt\":\"2025-01-03\"", "\"frozenAt\":\"2025-13-03\"", "plan.frozenAt")]
    [InlineData("\"keyRatio\":0.25", "\"keyRatio\":\"0.25\"", "rules.keyRatio must be a decimal")]
    [InlineData("\"inspectorsPerTask\":2", "\"inspectorsPerTask\":2.5", "rules.inspectorsPerTask")]
    [InlineData("\"positiveList\":false", "\"positiveList\":0", "objects[0].positiveList")]
    [InlineData("\"result\":null}", "\"result\":null,}", "not valid JSON")]
    [InlineData("\"name\":\"丁厂\"", "\"name\":\"\\ud800\"", "objects[3].name is not valid Unicode text")]
    public void Refuses_malformed_plans_naming_the_path(string from, string to, string message)
    {
        var text = SmallCanonical;
        var i = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(i >= 0, from);
        var bad = text[..i] + to + text[(i + from.Length)..];
        var e = Assert.Throws<FormatException>(() => DrawPlanJson.Read(bad));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_JSON_syntax_error_names_the_1_based_line_and_the_column_in_characters()
    {
        // Line 2 holds CJK names before the fault: the column counts characters, not UTF-8 bytes.
        var text = "{\"plan\":\n{\"id\":\"甲乙\" \"district\":\"500105\"}}";
        var e = Assert.Throws<FormatException>(() => DrawPlanJson.Read(text));
        Assert.StartsWith("draw plan: not valid JSON at line 2, column 12: ", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
        var s = Assert.Throws<FormatException>(() => DrawPlanJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));
        Assert.Equal(e.Message, s.Message);
    }

    [Fact]
    public void Reading_a_stream_skips_a_BOM_and_refuses_bytes_that_are_not_UTF8()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(SmallCanonical)).ToArray();
        Assert.Equal(SmallCanonical, DrawPlanJson.Write(DrawPlanJson.Read(new MemoryStream(bom))));
        var latin1 = Encoding.UTF8.GetBytes(SmallCanonical).Concat(new byte[] { 0xE9 }).ToArray();
        var e = Assert.Throws<FormatException>(() => DrawPlanJson.Read(new MemoryStream(latin1)));
        Assert.Contains("not valid UTF-8", e.Message);
    }
}
