using SmartEnv.Supervision.Waste;

namespace SmartEnv.Supervision.Tests.Waste;

/// <summary>waste-rules.tsv: every figure of plan §2 with its source (values from supervision.md §3–§4, the law texts
/// quoted there, and the SmartEnv tolerance rule of plan §2).</summary>
public class WasteRulesTests
{
    private static readonly WasteRules R = WasteRules.Default;

    [Fact]
    public void The_figures_of_the_plan()
    {
        Assert.Equal(365, R.StorageLimitDays);            // 固废法 Art. 81: one year
        Assert.Equal(365, R.StorageWarningDays);
        Assert.Equal(5, R.ManifestReceiptWorkdays);       // 办法 Art. 18
        Assert.Equal(10, R.ManifestBackfillWorkdays);     // 办法 Art. 20
        Assert.Equal(10, R.ManifestRetentionYears);       // 办法 Art. 20
        Assert.Equal(5, R.LedgerRetentionYears);          // HJ 1259 §6.4
        Assert.Equal(1m, R.QuantityTolerancePercent);     // SmartEnv rule
        Assert.Equal(0.001m, R.QuantityToleranceMinTonnes);
        Assert.Equal(48, R.MedicalStorageMaxHours);       // 条例 Art. 17: 2 days
        Assert.Equal(48, R.MedicalCollectionMaxHours);    // 条例 Art. 25
        Assert.Equal(3, R.MedicalRecordRetentionYears);   // 条例 Art. 12
        Assert.Equal(100m, R.KeyClassMinTonnes);          // HJ 1259 §4.2.1
        Assert.Equal(10m, R.SimplifiedClassMinTonnes);
        Assert.Equal(3, R.ClassHistoryYears);             // HJ 1259 §4.2.3
        Assert.Equal(15, R.DeclarationDueDay);            // HJ 1259 §7.2
        Assert.Equal((3, 31), (R.AnnualDueMonth, R.AnnualDueDay));
    }

    [Fact]
    public void Every_row_carries_unit_confidence_and_source()
    {
        Assert.Equal(WasteRules.RequiredKeys.Order(StringComparer.Ordinal), R.All.Select(r => r.Key));
        foreach (var r in R.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Unit));
            Assert.Contains(r.Confidence, WasteRules.Confidences);
            Assert.False(string.IsNullOrWhiteSpace(r.Source));
        }
        Assert.Equal("SmartEnv", R["quantity.tolerance_percent"].Confidence);
        Assert.Equal("SmartEnv", R["quantity.tolerance_min_t"].Confidence);
        Assert.Equal("P†", R["storage.limit_days"].Confidence);
        Assert.Equal("U", R["storage.warning_days"].Confidence);
        Assert.Contains("Art. 81", R["storage.limit_days"].Source);
        Assert.Equal("working day", R["manifest.receipt_workdays"].Unit);
        Assert.Throws<KeyNotFoundException>(() => R["nope"]);
        Assert.Matches("^waste-rules@[0-9a-f]{8}$", R.Version);
    }

    private static string File(params string[] rows) =>
        "key\tvalue\tunit\tapplies_to\tconfidence\tsource\n" + string.Join('\n', rows) + "\n";

    private static string[] DefaultRows(Func<string, string>? edit = null) =>
        [.. R.All.Select(r => $"{r.Key}\t{r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}\t{r.Unit}\t{r.AppliesTo}\t{r.Confidence}\t{r.Source}").Select(edit ?? (s => s))];

    [Fact]
    public void A_changed_file_changes_the_figure_and_the_version()
    {
        var rows = DefaultRows(l => l.StartsWith("manifest.receipt_workdays\t", StringComparison.Ordinal) ? l.Replace("\t5\t", "\t7\t") : l);
        var r = WasteRules.Load(new StringReader(File(rows)));
        Assert.Equal(7, r.ManifestReceiptWorkdays);
        Assert.NotEqual(R.Version, r.Version);
    }

    [Theory]
    [InlineData("manifest.receipt_workdays", "\t5\t", "\t5.5\t", "whole number")]
    [InlineData("manifest.receipt_workdays", "\t5\t", "\t5,0\t", "not a decimal")]
    [InlineData("class.key_min_t", "\tP\t", "\tQ\t", "confidence 'Q'")]
    [InlineData("annual.due_day", "\t31\t", "\t32\t", "whole number 1…31")]
    [InlineData("class.simplified_min_t", "\t10\t", "\t200\t", "outside 0…100")]
    public void Bad_values_are_refused(string key, string from, string to, string part)
    {
        var rows = DefaultRows(l => l.StartsWith(key + "\t", StringComparison.Ordinal) ? l.Replace(from, to) : l);
        Assert.Contains(part, Assert.Throws<FormatException>(() => WasteRules.Load(new StringReader(File(rows)))).Message);
    }

    [Fact]
    public void Missing_unknown_and_duplicate_keys_are_refused()
    {
        var rows = DefaultRows();
        Assert.Contains("required key 'annual.due_day' missing",
            Assert.Throws<FormatException>(() => WasteRules.Load(new StringReader(File([.. rows.Where(l => !l.StartsWith("annual.due_day", StringComparison.Ordinal))])))).Message);
        Assert.Contains("unknown key 'x'", Assert.Throws<FormatException>(() => WasteRules.Load(new StringReader(File([.. rows, "x\t1\tday\ta\tP\ts"])))).Message);
        Assert.Contains("twice", Assert.Throws<FormatException>(() => WasteRules.Load(new StringReader(File([.. rows, rows[0]])))).Message);
    }
}
