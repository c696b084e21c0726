using FsCheck.Xunit;
using SmartEnv.Standards.Water;

namespace SmartEnv.Standards.Tests.Water;

public class WaterPropertyTests
{
    // For "≤" items a larger value never gets a better class; for DO a larger value never gets a worse class.
    [Property(MaxTest = 500)]
    public bool Class_is_monotone_in_the_value(byte itemPick, uint a, uint b, bool lake)
    {
        var items = Gb3838Table1.Items.Where(i => i.Kind is LimitKind.AtMost or LimitKind.AtLeast).ToArray();
        var info = items[itemPick % items.Length];
        var wb = lake || info.LakesOnly ? WaterbodyType.Lake : WaterbodyType.River;
        // Values from 0 to about 3 × the class-Ⅴ limit, on a 1/100 000 grid of it.
        var top = info.LimitsFor(wb).Max() * 3m;
        decimal x = top * (a % 100_000) / 100_000m, y = top * (b % 100_000) / 100_000m;
        var (lo, hi) = x <= y ? (x, y) : (y, x);
        var cl = WaterClassifier.ClassifyItem(info.Item, lo, wb)!.Value;
        var ch = WaterClassifier.ClassifyItem(info.Item, hi, wb)!.Value;
        return info.Kind == LimitKind.AtMost ? cl <= ch : cl >= ch;
    }

    // The sample class is the worst item class, and main pollutants exist exactly when it is worse than Ⅲ.
    [Property(MaxTest = 300)]
    public bool Sample_class_is_the_worst_item(uint codmn, uint nh3n, uint tp)
    {
        var v = new Dictionary<WaterItem, decimal>
        {
            [WaterItem.PermanganateIndex] = codmn % 3000 / 100m,
            [WaterItem.AmmoniaNitrogen] = nh3n % 400 / 100m,
            [WaterItem.TotalPhosphorus] = tp % 800 / 1000m,
        };
        var a = WaterClassifier.Classify(v, WaterItemSets.Auto5);
        var worst = v.Max(kv => WaterClassifier.ClassifyItem(kv.Key, kv.Value)!.Value);
        return a.Class == worst && (a.MainPollutants.Count > 0) == (worst > WaterClass.III) && a.MainPollutants.Count <= 3;
    }
}
