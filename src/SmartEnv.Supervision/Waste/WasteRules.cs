using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartEnv.Supervision.Waste;

/// <summary>One row of <c>waste-rules.tsv</c>. Immutable; thread-safe.</summary>
/// <param name="Key">The key, e.g. <c>manifest.receipt_workdays</c>.</param>
/// <param name="Value">The figure (decimal).</param>
/// <param name="Unit">Its unit as written (day, working day, year, hour, t, t/year, %, month, day of month).</param>
/// <param name="AppliesTo">Who or what it applies to.</param>
/// <param name="Confidence">P, P†, S, U or SmartEnv (supervision.md legend; SmartEnv = a SmartEnv rule, no official
/// figure found).</param>
/// <param name="Source">The law/standard and clause, or the reason for a SmartEnv rule.</param>
public sealed record WasteRule(string Key, decimal Value, string Unit, string AppliesTo, string Confidence, string Source);

/// <summary>
/// Every figure of the hazardous- and medical-waste rules (issue 17) as data: <c>Resources/waste-rules.tsv</c>
/// (embedded as <c>SmartEnv.Supervision.Resources.waste-rules.tsv</c>), each row with its unit, what it applies to, its
/// confidence and source (supervision.md §3–§4). Code reads the typed properties; the row (<see cref="this[string]"/>)
/// gives the source for docs and evidence. Where a source is unconfirmed [U] or no official figure exists (the quantity
/// tolerance), the row says so and the figure stays a file edit away.
/// <para>File format: UTF-8, tab-separated, header <c>key value unit applies_to confidence source</c>; <c>#</c> lines and
/// blank lines ignored. Every key of <see cref="RequiredKeys"/> must be present exactly once; unknown keys are refused.</para>
/// Immutable; thread-safe.
/// </summary>
public sealed class WasteRules
{
    /// <summary>The keys a rules file must hold.</summary>
    public static readonly IReadOnlyList<string> RequiredKeys =
    [
        "storage.limit_days", "storage.warning_days", "manifest.receipt_workdays", "manifest.backfill_workdays",
        "manifest.retention_years", "ledger.retention_years", "quantity.tolerance_percent", "quantity.tolerance_min_t",
        "medical.storage_max_hours", "medical.collection_max_hours", "medical.record_retention_years", "class.key_min_t",
        "class.simplified_min_t", "class.history_years", "declaration.due_day", "annual.due_month", "annual.due_day",
    ];

    /// <summary>The confidence labels a row may carry.</summary>
    public static readonly IReadOnlyList<string> Confidences = ["P", "P†", "S", "U", "SmartEnv"];

    private static readonly Lazy<WasteRules> DefaultLazy = new(() =>
    {
        const string name = "SmartEnv.Supervision.Resources.waste-rules.tsv";
        using var s = typeof(WasteRules).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} missing");
        using var r = new StreamReader(s, Encoding.UTF8);
        return Load(r);
    });

    private readonly Dictionary<string, WasteRule> _rules;

    private WasteRules(Dictionary<string, WasteRule> rules, string version)
    {
        _rules = rules;
        Version = version;
        StorageLimitDays = Int("storage.limit_days", 1, 3660);
        StorageWarningDays = Int("storage.warning_days", 1, 3660);
        ManifestReceiptWorkdays = Int("manifest.receipt_workdays", 1, 100);
        ManifestBackfillWorkdays = Int("manifest.backfill_workdays", 1, 100);
        ManifestRetentionYears = Int("manifest.retention_years", 1, 100);
        LedgerRetentionYears = Int("ledger.retention_years", 1, 100);
        QuantityTolerancePercent = Dec("quantity.tolerance_percent", 0m, 100m);
        QuantityToleranceMinTonnes = Dec("quantity.tolerance_min_t", 0m, 1000m);
        MedicalStorageMaxHours = Int("medical.storage_max_hours", 1, 24 * 366);
        MedicalCollectionMaxHours = Int("medical.collection_max_hours", 1, 24 * 366);
        MedicalRecordRetentionYears = Int("medical.record_retention_years", 1, 100);
        KeyClassMinTonnes = Dec("class.key_min_t", 0m, 1_000_000m);
        SimplifiedClassMinTonnes = Dec("class.simplified_min_t", 0m, KeyClassMinTonnes);
        ClassHistoryYears = Int("class.history_years", 1, 20);
        DeclarationDueDay = Int("declaration.due_day", 1, 28);
        AnnualDueMonth = Int("annual.due_month", 1, 12);
        AnnualDueDay = Int("annual.due_day", 1, DateTime.DaysInMonth(2001, AnnualDueMonth));
    }

    /// <summary>The embedded <c>waste-rules.tsv</c>.</summary>
    public static WasteRules Default => DefaultLazy.Value;

    /// <summary><c>waste-rules@</c> + the first 8 hex digits of the SHA-256 of the file's UTF-8 text; stored with every
    /// figure computed from these rules.</summary>
    public string Version { get; }

    /// <summary>Every row, in key order.</summary>
    public IReadOnlyList<WasteRule> All => [.. _rules.Values.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The row of <paramref name="key"/>.</summary>
    /// <param name="key">A key of <see cref="RequiredKeys"/>.</param>
    /// <exception cref="KeyNotFoundException">No such key.</exception>
    public WasteRule this[string key] => _rules.TryGetValue(key, out var r) ? r : throw new KeyNotFoundException($"waste rules: no key '{key}'");

    /// <summary>365 days: a 经营单位 may not store hazardous waste more than one year (固废法 Art. 81 [P†]); a storage age of
    /// 366+ days is over the legal limit.</summary>
    public int StorageLimitDays { get; }

    /// <summary>365 days: a generator that is not a 经营单位 is warned beyond this storage age (SUP §3.3 [U]: no explicit
    /// legal limit for generators; the district plan acts on storage over one year).</summary>
    public int StorageWarningDays { get; }

    /// <summary>5 working days: the 接受人 confirms receipt within this after arrival (转移管理办法 Art. 18 [P†]).</summary>
    public int ManifestReceiptWorkdays { get; }

    /// <summary>10 working days: a paper transfer is back-filled electronically within this (办法 Art. 20 [P†]).</summary>
    public int ManifestBackfillWorkdays { get; }

    /// <summary>10 years: electronic manifest data kept at least this long (办法 Art. 20 [P†]); SmartEnv never deletes one.</summary>
    public int ManifestRetentionYears { get; }

    /// <summary>5 years: ledger retention (HJ 1259-2022 §6.4 [P]).</summary>
    public int LedgerRetentionYears { get; }

    /// <summary>1 (%): quantity tolerance relative to the manifest quantity — a SmartEnv rule (no official tolerance found).
    /// A difference is a discrepancy when |actual − expected| &gt; max(percent/100 × expected, <see cref="QuantityToleranceMinTonnes"/>).</summary>
    public decimal QuantityTolerancePercent { get; }

    /// <summary>0.001 t (1 kg): floor of the quantity tolerance — a SmartEnv rule (weighing to the kilogram).</summary>
    public decimal QuantityToleranceMinTonnes { get; }

    /// <summary>48 hours: medical waste in temporary storage at most 2 days (医疗废物管理条例 Art. 17 [P†]).</summary>
    public int MedicalStorageMaxHours { get; }

    /// <summary>48 hours: the central disposal unit collects at least every 2 days (条例 Art. 25 [P†]).</summary>
    public int MedicalCollectionMaxHours { get; }

    /// <summary>3 years: medical-waste registers kept (条例 Art. 12 [P†]).</summary>
    public int MedicalRecordRetentionYears { get; }

    /// <summary>100 t/year: at or above → 重点监管单位 (HJ 1259-2022 §4.2.1 [P]).</summary>
    public decimal KeyClassMinTonnes { get; }

    /// <summary>10 t/year: at or above (and below <see cref="KeyClassMinTonnes"/>) → 简化管理单位; below → 登记管理单位
    /// (HJ 1259-2022 §4.2.1 [P]).</summary>
    public decimal SimplifiedClassMinTonnes { get; }

    /// <summary>3 years: the annual generation for the class is the maximum of the last this-many years of operation
    /// (HJ 1259-2022 §4.2.3 [P]).</summary>
    public int ClassHistoryYears { get; }

    /// <summary>15: monthly declarations by the 15th of the next month, quarterly by the 15th of the quarter's first
    /// following month (HJ 1259-2022 §7.2 [P]).</summary>
    public int DeclarationDueDay { get; }

    /// <summary>3 (March): month of the annual declaration and management-plan deadline (HJ 1259-2022 §5.2, §7.2 [P]).</summary>
    public int AnnualDueMonth { get; }

    /// <summary>31: day of the annual declaration and management-plan deadline, with <see cref="AnnualDueMonth"/>.</summary>
    public int AnnualDueDay { get; }

    /// <summary>Reads a rules file.</summary>
    /// <param name="tsv">The file's text.</param>
    /// <exception cref="FormatException">The message names the line or key: a wrong header, a row without 6 columns, a
    /// value that is not a decimal (invariant, '.' separator), an unknown confidence, a duplicate or unknown key, a
    /// missing required key, or a value out of its range (whole numbers where the unit is days, hours, years or months).</exception>
    public static WasteRules Load(TextReader tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var text = tsv.ReadToEnd();
        var rules = new Dictionary<string, WasteRule>(StringComparer.Ordinal);
        var header = true;
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            if (f.Length != 6) throw new FormatException($"waste-rules line {lineNo}: {f.Length} columns, 6 expected (key value unit applies_to confidence source)");
            if (header)
            {
                if (!f.SequenceEqual(["key", "value", "unit", "applies_to", "confidence", "source"]))
                    throw new FormatException($"waste-rules line {lineNo}: the header must be key value unit applies_to confidence source");
                header = false;
                continue;
            }
            if (!RequiredKeys.Contains(f[0])) throw new FormatException($"waste-rules line {lineNo}: unknown key '{f[0]}'");
            if (!decimal.TryParse(f[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"waste-rules line {lineNo}: '{f[0]}' = '{f[1]}' is not a decimal number");
            if (!Confidences.Contains(f[4]))
                throw new FormatException($"waste-rules line {lineNo}: confidence '{f[4]}' is not one of {string.Join(", ", Confidences)}");
            if (f[2].Length == 0 || f[3].Length == 0 || f[5].Length == 0)
                throw new FormatException($"waste-rules line {lineNo}: '{f[0]}' has an empty unit, applies_to or source");
            if (!rules.TryAdd(f[0], new WasteRule(f[0], value, f[2], f[3], f[4], f[5])))
                throw new FormatException($"waste-rules line {lineNo}: key '{f[0]}' appears twice");
        }
        foreach (var k in RequiredKeys)
            if (!rules.ContainsKey(k)) throw new FormatException($"waste-rules: required key '{k}' missing");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return new WasteRules(rules, $"waste-rules@{hash}");
    }

    private int Int(string key, int min, int max)
    {
        var v = _rules[key].Value;
        if (v != decimal.Truncate(v) || v < min || v > max)
            throw new FormatException($"waste-rules: '{key}' = {v.ToString(CultureInfo.InvariantCulture)} is not a whole number {min}…{max}");
        return (int)v;
    }

    private decimal Dec(string key, decimal min, decimal max)
    {
        var v = _rules[key].Value;
        if (v < min || v > max)
            throw new FormatException($"waste-rules: '{key}' = {v.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}…{max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }
}
