using System.Globalization;
using nietras.SeparatedValues;
using SmartEnv.Standards.Water;

namespace SmartEnv.Ingestion.Files;

/// <summary>Writes the per-row result of <see cref="CnemcWaterAssessment"/> as CSV (UTF-8, comma, header line).</summary>
public static class CnemcWaterCsv
{
    /// <summary>Column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "line", "datetime_cst", "province", "basin", "section", "site_status", "published_class", "computed_class", "match",
        "waterbody", "ph", "do", "codmn", "nh3n", "tp", "worst_items", "missing_items",
    ];

    /// <summary>
    /// Writes one line per row: source line number, time, section, 站点情况, the published class (Ⅰ…劣Ⅴ, <c>*</c>
    /// maintenance, empty not evaluated), the computed class, <c>match</c> (<c>yes</c>/<c>no</c>, empty when either class
    /// is missing), waterbody (<c>river</c>/<c>lake</c>), the five auto-station values as published (<c>--</c>, <c>*</c>
    /// kept), the items at the computed class (<c>;</c>-separated keys) and the items of the set with no value.
    /// </summary>
    /// <param name="rows">Row results.</param>
    /// <param name="writer">Destination; left open.</param>
    public static void Write(IEnumerable<CnemcWaterRowResult> rows, TextWriter writer)
    {
        using var w = Sep.New(',').Writer().To(writer, leaveOpen: true);
        foreach (var r in rows)
        {
            using var row = w.NewRow();
            var x = r.Row;
            row["line"].Set(x.LineNumber.ToString(CultureInfo.InvariantCulture));
            row["datetime_cst"].Set(x.Time?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
            row["province"].Set(x.Province);
            row["basin"].Set(x.Basin);
            row["section"].Set(x.Section);
            row["site_status"].Set(x.SiteStatus);
            row["published_class"].Set(x.PublishedKind switch
            {
                CnemcPublishedClassKind.Class => x.PublishedClass!.Value.ToDisplay(),
                CnemcPublishedClassKind.Maintenance => "*",
                _ => "",
            });
            row["computed_class"].Set(r.Computed.Class?.ToDisplay() ?? "");
            row["match"].Set(r.Matches switch { true => "yes", false => "no", _ => "" });
            row["waterbody"].Set(r.Waterbody == WaterbodyType.Lake ? "lake" : "river");
            row["ph"].Set(x.PH.ToString());
            row["do"].Set(x.DissolvedOxygen.ToString());
            row["codmn"].Set(x.PermanganateIndex.ToString());
            row["nh3n"].Set(x.AmmoniaNitrogen.ToString());
            row["tp"].Set(x.TotalPhosphorus.ToString());
            row["worst_items"].Set(string.Join(';', r.Computed.Items.Where(i => i.Class is not null && i.Class == r.Computed.Class)
                .Select(i => Gb3838Table1.Get(i.Item).Key)));
            row["missing_items"].Set(string.Join(';', r.Computed.MissingItems.Select(i => Gb3838Table1.Get(i).Key)));
        }
    }
}
