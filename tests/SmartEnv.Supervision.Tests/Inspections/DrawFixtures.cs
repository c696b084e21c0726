using System.Security.Cryptography;
using SmartEnv.Supervision.Inspections.Draw;

namespace SmartEnv.Supervision.Tests.Inspections;

/// <summary>Hand-made plans for the draw tests.</summary>
internal static class DrawFixtures
{
    /// <summary>Bytes 0x00…0x1f.</summary>
    public const string Secret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    public const string PublicValue = "上证指数 2025-01-06 收盘 3206.92";

    public static string HashOf(string secretHex) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(secretHex)));

    public static readonly DrawRuleSet Rules = new("draw-rules@1a2b3c4d", 0.25m, 1.0m, 10m, 0.50m, 1m, 1.5m, 2m, 1m, 2, false, true);

    public static readonly DrawPlanHeader Header = new("SJ-2025Q1", "500105", "2025Q1", new DateOnly(2025, 1, 3));

    /// <summary>4 key objects of grade 良好 (one stratum, m = ceil(4 × 0.25 × 1) = 1) and two inspectors.</summary>
    public static DrawPlan Small() => new(Header, Rules,
        [
            new("91500105MA5U000001", "重庆\"甲\"化工", ObjectClass.Key, null, DrawGrade.Good, false, []),
            new("91500105MA5U000002", "乙厂\\二车间", ObjectClass.Key, null, DrawGrade.Good, true, ["J-09"]),
            new("91500105MA5U000003", "丙\n厂", ObjectClass.Key, null, DrawGrade.Good, false, []),
            new("91500105MA5U000004", "丁厂", ObjectClass.Key, null, DrawGrade.Good, false, []),
        ],
        [
            new("J-01", "张三", "执法一队", []),
            new("J-02", "李四", "执法二队", ["91500105MA5U000009"]),
        ],
        new(HashOf(Secret), PublicValue, Secret), null);

    /// <summary>
    /// The worked example of docs/inspections.md: 8 key, 3 special, 103 general objects over all grades; 6 inspectors in
    /// 3 departments.
    /// </summary>
    public static DrawPlan Worked()
    {
        var objects = new List<DrawObject>();
        var n = 0;
        void Add(ObjectClass c, DrawGrade g, int count, bool positive = false)
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                objects.Add(new($"915001050000{n:000000}", $"单位{n}", c, c == ObjectClass.Special ? "上年受处罚" : null, g,
                    positive && i == 0, n % 5 == 0 ? ["J-0" + (n % 6 + 1)] : []));
            }
        }
        Add(ObjectClass.Key, DrawGrade.Honest, 3, positive: true);
        Add(ObjectClass.Key, DrawGrade.Good, 2);
        Add(ObjectClass.Key, DrawGrade.Warning, 3);
        Add(ObjectClass.Special, DrawGrade.Bad, 1);
        Add(ObjectClass.Special, DrawGrade.Honest, 2);
        Add(ObjectClass.General, DrawGrade.Honest, 30, positive: true);
        Add(ObjectClass.General, DrawGrade.Good, 40);
        Add(ObjectClass.General, DrawGrade.Warning, 10);
        Add(ObjectClass.General, DrawGrade.Bad, 3);
        Add(ObjectClass.General, DrawGrade.None, 20);
        DrawInspector[] inspectors =
        [
            new("J-01", "张三", "执法一队", ["915001050000000001"]),
            new("J-02", "李四", "执法一队", []),
            new("J-03", "王五", "执法二队", []),
            new("J-04", "赵六", "执法二队", ["915001050000000004"]),
            new("J-05", "钱七", "监测科", []),
            new("J-06", "孙八", "监测科", []),
        ];
        return new(Header, Rules with { DifferentDepartments = true }, objects, inspectors, new(HashOf(Secret), PublicValue, Secret), null);
    }

    public static DrawPlan WithResult(DrawPlan p) => p with { Result = DrawEngine.Run(p) };

    public static string ResultJson(DrawResult r) =>
        DrawPlanJson.Write(Small() with { Result = r });
}
