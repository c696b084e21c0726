using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>
/// The worked example of docs/inspections.md "The draw (P1)", value by value, so the document and the code cannot drift.
/// These are regression values printed by this implementation; their correctness rests on the independent checks: the
/// NIST CAVP vectors and the §10.1.2 hand-run (HmacDrbgTests), the hand-written canonical text (DrawPlanJsonTests), and
/// the hand-run of the whole pipeline (DrawEngineTests.Pipeline_equals_a_hand_run_of_the_documented_steps), which derives
/// the small plan's task from w0 and w1 below: w0 = 0xfcdb9dc1 → top 2 bits 11b = 3 → the 4th object; w1 = 0x9414ae8e →
/// top bit 1 → J-02 first, then J-01.
/// </summary>
public class DrawDocExampleTests
{
    [Fact]
    public void Small_plan_values_of_the_document()
    {
        var p = DrawFixtures.Small();
        Assert.Equal("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", p.Commitment.Hash); // SHA-256(00 01 … 1f)
        var ih = DrawEngine.InputHash(p);
        Assert.Equal("4801d1085e42f797fb555a8d069797d742dc6eeae4abfe14fa06ecb9bc504f2c", Convert.ToHexStringLower(ih));
        var seed = DrawEngine.SeedMaterial(ih, Convert.FromHexString(DrawFixtures.Secret), DrawFixtures.PublicValue);
        Assert.Equal(119, seed.Length); // 16 + 1 + 32 + 32 + 38 (public value: 38 UTF-8 bytes)
        Assert.Equal("536d617274456e762064726177207631004801d1085e42f797fb555a8d069797d742dc6eeae4abfe14fa06ecb9bc504f2c"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "e4b88ae8af81e68c87e695b020323032352d30312d303620e694b6e79b9820333230362e3932", Convert.ToHexStringLower(seed));
        var d = new HmacDrbg(seed, [], []);
        Assert.Equal("98688a24eac42353d18faa3d2d5bf35586ed0a52f7c85df7b235efa70ae07b29", Convert.ToHexStringLower(d.Key));
        Assert.Equal("75b02ed4fc58cfd96b3b976b3fa57dcba3ea5fd8ed7cb1e1d5b5abaaa19bf0f8", Convert.ToHexStringLower(d.V));
        var src = new DrbgWordSource(d);
        Assert.Equal([0xfcdb9dc1u, 0x9414ae8eu, 0xc49ecd49u, 0x0b22545bu], [src.NextWord(), src.NextWord(), src.NextWord(), src.NextWord()]);
        var t = Assert.Single(DrawEngine.Run(p).Tasks);
        Assert.Equal(("91500105MA5U000004", TaskMode.OnSite, "J-02,J-01"), (t.ObjectId, t.Mode, string.Join(",", t.InspectorIds)));
    }

    [Fact]
    public void Worked_plan_result_of_the_document()
    {
        var w = DrawFixtures.Worked();
        Assert.Equal("ade5b6e3bd3a857237d30f8a09986a2483904a44551a6527d0aefc888c6fe1bc", Convert.ToHexStringLower(DrawEngine.InputHash(w)));
        string[] expected =
        [
            "000003 J-03,J-01", "000004 J-02,J-05", "000006 J-06,J-04", "000008 J-06,J-02", "000010 J-03,J-01", "000009 J-04,J-05",
            "000031 J-01,J-06", "000019 J-02,J-04", "000030 J-05,J-03", "000048 J-03,J-02", "000074 J-01,J-05", "000052 J-06,J-04",
            "000063 J-01,J-03", "000071 J-02,J-05", "000051 J-04,J-06", "000089 J-01,J-03", "000091 J-05,J-02", "000094 J-06,J-04",
            "000101 J-02,J-05", "000096 J-06,J-01", "000108 J-03,J-01",
        ];
        Assert.Equal(expected, DrawEngine.Run(w).Tasks.Select(t => $"{t.ObjectId[^6..]} {string.Join(",", t.InspectorIds)}"));
        Assert.Contains("weight w = N × multiplier = 30 × 0.5 = 15; quota G' × w / W = 15 × 15 / 96 = 2.34375; largest remainder: m = 3",
            DrawEngine.Explain(w)[5].Rule);
    }
}
