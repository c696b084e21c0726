using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;

namespace SmartEnv.Verifications.Water;

/// <summary>A published water sample: concentrations and the published GB 3838 class (and 主要污染指标 where published).</summary>
/// <param name="Station">Section (断面) code or name.</param>
/// <param name="Time">Sampling time (Beijing time).</param>
/// <param name="Values">Item values as published (mg/L; pH dimensionless; ℃; 个/L).</param>
/// <param name="ItemSet">Items the class is evaluated over (e.g. <see cref="WaterItemSets.Auto5"/>).</param>
/// <param name="Waterbody">River or lake/reservoir.</param>
/// <param name="Class">Published class, or null (not compared).</param>
/// <param name="MainPollutants">Published 主要污染指标 (item keys in order), or null when not published.</param>
/// <param name="Location">file:line, or null.</param>
public sealed record WaterPublishedRow(string Station, DateTimeOffset Time, IReadOnlyDictionary<WaterItem, decimal> Values,
    IReadOnlyList<WaterItem> ItemSet, WaterbodyType Waterbody, WaterClass? Class, IReadOnlyList<WaterItem>? MainPollutants = null,
    string? Location = null);

/// <summary>
/// Verification of published water classes (docs/verification.md §4): recompute the GB 3838-2002 single-factor class
/// with <see cref="WaterClassifier"/> and, where published, the 主要污染指标. Hypotheses: <c>water-other-waterbody</c>
/// (the other waterbody's limits: lake TP limits for a river, or the reverse), <c>water-input-rounding</c>
/// (values rounded per GB/T 8170 to the decimals of the item's Table 1 limits before classing), <c>water-unit-scale/KEY*1000</c>
/// and <c>/1000</c> (one item scaled), <c>missing-pollutant-ignored/KEY</c> (one item left out). Pure; thread-safe.
/// </summary>
public static class WaterVerifier
{
    /// <summary>Verifies samples; rows without a published class or without any evaluated item are skipped.</summary>
    /// <param name="rows">Published samples.</param>
    /// <param name="message">Optional note.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or pH is above 14.</exception>
    public static VerificationReport Verify(IEnumerable<WaterPublishedRow> rows, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var read = 0;
        var compared = new List<CheckedRow>();
        foreach (var row in rows)
        {
            read++;
            if (Check(row) is { } c) compared.Add(c);
        }
        return VerificationEngine.Run("water", null, read, compared, ("样品", "samples"), message);
    }

    /// <summary>The compared row of one sample, or null when it cannot be compared.</summary>
    /// <param name="row">The sample.</param>
    public static CheckedRow? Check(WaterPublishedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Class is not { } published) return null;
        var ours = Text(row.Values, row);
        if (ours is null) return null;
        var pub = Format(published, row.MainPollutants);
        decimal? diff = (int)published - (int)WaterClassifier.Classify(row.Values, row.ItemSet, row.Waterbody).Class!.Value;
        return new CheckedRow(row.Station, BeijingTime.ToBeijing(row.Time), "water_class", pub, ours, diff,
            new Lazy<IReadOnlyDictionary<string, string?>>(() => Predict(row)), row.Location);
    }

    /// <summary>Predictions of each water hypothesis variant for a sample (class text as compared).</summary>
    /// <param name="row">The sample.</param>
    public static IReadOnlyDictionary<string, string?> Predict(WaterPublishedRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var p = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [VerificationCauses.WaterInputRounding] = Text(row.Values.ToDictionary(v => v.Key, v => Gbt8170.Round(v.Value, Decimals(v.Key, row.Waterbody))), row),
        };
        var other = row.Waterbody == WaterbodyType.River ? WaterbodyType.Lake : WaterbodyType.River;
        p[VerificationCauses.WaterOtherWaterbody] = Text(row.Values, row with { Waterbody = other });
        foreach (var item in row.ItemSet.Where(row.Values.ContainsKey))
        {
            var key = Gb3838Table1.Get(item).Key;
            foreach (var (suffix, f) in new (string, Func<decimal, decimal>)[] { ("*1000", x => x * 1000m), ("/1000", x => x / 1000m) })
            {
                if (item == WaterItem.PH) continue;
                var d = row.Values.ToDictionary(v => v.Key, v => v.Value);
                d[item] = f(d[item]);
                p[$"{VerificationCauses.WaterUnitScale}/{key}{suffix}"] = Text(d, row);
            }
            var without = row.Values.Where(v => v.Key != item).ToDictionary(v => v.Key, v => v.Value);
            p[$"{VerificationCauses.MissingPollutantIgnored}/{key}"] = Text(without, row);
        }
        return p;
    }

    private static int Decimals(WaterItem item, WaterbodyType waterbody)
    {
        var limits = Gb3838Table1.Get(item).LimitsFor(waterbody);
        return limits.Count == 0 ? 3 : limits.Max(l => (int)((decimal.GetBits(l)[3] >> 16) & 0xFF));
    }

    private static string? Text(IReadOnlyDictionary<WaterItem, decimal> values, WaterPublishedRow row)
    {
        var a = WaterClassifier.Classify(values, row.ItemSet, row.Waterbody);
        return a.Class is { } c ? Format(c, row.MainPollutants is null ? null : a.MainPollutants) : null;
    }

    private static string Format(WaterClass c, IReadOnlyList<WaterItem>? main) =>
        main is null ? c.ToDisplay() : c.ToDisplay() + (main.Count == 0 ? "" : "：" + string.Join("、", main.Select(m => Gb3838Table1.Get(m).Key)));
}
