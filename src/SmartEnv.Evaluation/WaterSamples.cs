using Microsoft.EntityFrameworkCore;
using SmartEnv.Hj212.Codes;
using SmartEnv.Standards.Common;
using SmartEnv.Standards.Water;
using SmartEnv.Storage;
using SmartEnv.Storage.Entities;

namespace SmartEnv.Evaluation;

/// <summary>One stored water sample: the values of one section at one sample time.</summary>
/// <param name="Time">Sample time (UTC instant; the period start of the stored hour measurement).</param>
/// <param name="Values">GB 3838-2002 item values in the items' units (mg/L; pH dimensionless; ℃; 个/L), converted exactly
/// from the stored unit where it differs (μg/L heavy metals), unrounded; valid flags only.</param>
/// <param name="Excluded">Items of the sample left out because of their HJ 212 data flag (<see cref="DataFlags"/>: any flag
/// but N), with the flag (e.g. <c>D</c>): the reason the sample lacks them. Null or empty when none.</param>
public sealed record WaterSample(DateTimeOffset Time, IReadOnlyDictionary<WaterItem, decimal> Values,
    IReadOnlyDictionary<WaterItem, string>? Excluded = null);

/// <summary>
/// Reads stored water-section observations as GB 3838-2002 samples. HJ 212-2017 table B.1 codes are mapped to the water
/// engine's items through <see cref="Hj212CodeRegistry.StandardsKey"/> and <see cref="Gb3838Table1.TryGetByKey"/>
/// (w01001 → pH, w01009 → DO, w01019 → CODMn, w21003 → NH3-N, w21011 → TP, w21001 → TN, w01010 → water temperature);
/// codes without a GB 3838 item (conductivity, turbidity) are not part of a sample. Each value is converted exactly from
/// the code's unit (<see cref="Hj212FactorCode.Unit"/>, HJ 212-2017 App. B.1) into the unit of the item's limits
/// (<see cref="WaterItemInfo.LimitUnit"/>, GB 3838-2002 Table 1): Hg w20111, Cd w20115, Cr(VI) w20117, As w20119 and
/// Pb w20120 arrive in μg/L and are divided by 1000 into mg/L (<see cref="TryItemValue"/>). Only measurements of period hour
/// (HJ 212 CN 2061 uploads, <c>cnemc-water</c> imports and 4-hourly automatic-station reports) with a numeric value are read; a value the
/// classifier cannot take (negative, pH above 14) is left out of the sample rather than guessed, and so is a value whose
/// HJ 212 flag is not a valid measurement (<see cref="DataFlags.IsValid"/>: F, M, S, D, C, T, B; listed in
/// <see cref="WaterSample.Excluded"/>), so a faulty analyser never classifies a section, raises a 水质超标 alert or moves
/// a plan indicator.
/// </summary>
public static class WaterSamples
{
    /// <summary>The pseudo-flag <see cref="WaterSample.Excluded"/> gives an item left out by a review mark (数据审核), not by its
    /// HJ 212 flag.</summary>
    public const string ReviewedOutFlag = "R";

    /// <summary>The GB 3838-2002 item of an HJ 212 code, or false when the code has none.</summary>
    /// <param name="code">HJ 212 parameter code, e.g. <c>w21003</c>.</param>
    /// <param name="item">The item.</param>
    public static bool TryItem(string code, out WaterItem item)
    {
        item = default;
        return Hj212CodeRegistry.StandardsKey(code) is { } key && Gb3838Table1.TryGetByKey(key, out item);
    }

    /// <summary>
    /// The GB 3838-2002 item of an HJ 212 code and a value of that code in the item's unit: converted exactly (decimal)
    /// from <see cref="Hj212FactorCode.Unit"/> to <see cref="WaterItemInfo.LimitUnit"/> (w20111 0.05 μg/L → Hg 0.00005 mg/L).
    /// False when the code has no item.
    /// </summary>
    /// <param name="code">HJ 212 parameter code, e.g. <c>w20111</c>.</param>
    /// <param name="value">The value as received and stored, in the code's unit.</param>
    /// <param name="item">The item.</param>
    /// <param name="inItemUnit">The value in the item's unit.</param>
    public static bool TryItemValue(string code, decimal value, out WaterItem item, out decimal inItemUnit)
    {
        inItemUnit = 0m;
        if (!TryItem(code, out item)) return false;
        inItemUnit = Hj212CodeRegistry.Find(code)!.ToStandardsUnit(value); // StandardsUnit = the item's LimitUnit
        return true;
    }

    /// <summary>
    /// Samples per site in [<paramref name="from"/>, <paramref name="to"/>) (either bound may be null), ordered by time.
    /// Sites without values are absent from the result.
    /// </summary>
    /// <param name="db">Store context.</param>
    /// <param name="siteIds">Water sites.</param>
    /// <param name="from">Inclusive start, or null.</param>
    /// <param name="to">Exclusive end, or null.</param>
    /// <param name="ct">Cancellation.</param>
    /// <param name="series">Reviewed (default): a value a review mark excludes (<see cref="ReviewState"/>) is left out of the
    /// sample (and listed in <see cref="WaterSample.Excluded"/> as <c>R</c>, reviewed out); realtime: marks are ignored.</param>
    public static async Task<Dictionary<long, List<WaterSample>>> ReadAsync(SmartEnvDbContext db, IReadOnlyCollection<long> siteIds,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default, DataSeries series = DataSeries.Reviewed)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = siteIds.ToList();
        var q = db.Observations.AsNoTracking().Where(o => ids.Contains(o.SiteId) && o.Period == PeriodType.Hour && o.Value != null);
        if (from is { } f) q = q.Where(o => o.DataTime >= f);
        if (to is { } t) q = q.Where(o => o.DataTime < t);
        var rows = await q.Select(o => new { o.Id, o.SiteId, o.ParameterCode, o.DataTime, o.Value, o.Flag }).ToListAsync(ct);
        var review = series == DataSeries.Reviewed ? await ReviewState.LoadAsync(db, ids, from, to, ct) : ReviewState.Empty;
        var result = new Dictionary<long, List<WaterSample>>();
        foreach (var site in rows.GroupBy(r => r.SiteId))
        {
            var samples = new List<WaterSample>();
            foreach (var at in site.GroupBy(r => r.DataTime).OrderBy(g => g.Key))
            {
                var values = new Dictionary<WaterItem, decimal>();
                Dictionary<WaterItem, string>? excluded = null;
                foreach (var r in at)
                {
                    if (!TryItemValue(r.ParameterCode, r.Value!.Value, out var item, out var v)) continue;
                    if (!review.IsEmpty && review.ExcludedBy(r.SiteId, r.Id, r.ParameterCode, r.DataTime) is not null)
                    {
                        (excluded ??= [])[item] = ReviewedOutFlag;
                        continue;
                    }
                    if (!DataFlags.IsValid(r.Flag))
                    {
                        (excluded ??= [])[item] = DataFlags.Normalize(r.Flag)!;
                        continue;
                    }
                    if (v < 0 || (item == WaterItem.PH && v > 14)) continue;
                    values[item] = v;
                }
                if (excluded is not null) foreach (var item in values.Keys) excluded.Remove(item); // another logger's valid value stands
                if (values.Count > 0) samples.Add(new WaterSample(at.Key, values, excluded));
            }
            if (samples.Count > 0) result[site.Key] = samples;
        }
        return result;
    }
}
