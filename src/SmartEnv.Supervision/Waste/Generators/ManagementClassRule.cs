namespace SmartEnv.Supervision.Waste.Generators;

/// <summary>
/// 危险废物管理类别 of a site (HJ 1259-2022 §4.2.1; supervision.md §3.2 [P]). Stored as <c>key</c> | <c>simplified</c> |
/// <c>registration</c> (<see cref="WasteClassKeys"/>).
/// </summary>
public enum WasteManagementClass
{
    /// <summary>危险废物环境重点监管单位: annual generation ≥ 100 t, or an own utilisation/disposal facility, or a 经营许可证;
    /// monthly declarations by the 15th + annual by 31 March (§7.2).</summary>
    Key,

    /// <summary>危险废物简化管理单位: 10 t ≤ annual generation &lt; 100 t; quarterly declarations + annual.</summary>
    Simplified,

    /// <summary>危险废物登记管理单位: annual generation &lt; 10 t; annual declaration only.</summary>
    Registration,
}

/// <summary>Where the annual generation a class was decided on comes from (HJ 1259 §4.2.3). Stored as the key.</summary>
public enum ClassBasis
{
    /// <summary><c>three_year_max</c>: running ≥ 3 years — the largest of the last three calendar years.</summary>
    ThreeYearMax,

    /// <summary><c>operating_max</c>: running 1–3 years — the largest year during operation.</summary>
    OperatingMax,

    /// <summary><c>eia_or_permit</c>: running less than a year — the larger figure of the EIA or the discharge permit.</summary>
    EiaOrPermit,

    /// <summary><c>none</c>: no figure at all (no year before, no EIA/permit figure): 0 t is assumed (SmartEnv rule: the
    /// class follows the data; staff override with a reason when they know better).</summary>
    None,
}

/// <summary>The class decided for one site and year.</summary>
/// <param name="Class">The class.</param>
/// <param name="BasisTonnes">Annual generation the tonnage criterion was applied to (t), per <paramref name="Basis"/>.</param>
/// <param name="Basis">Where <paramref name="BasisTonnes"/> comes from.</param>
/// <param name="BasisYears">Calendar years whose generation was compared (empty for <see cref="ClassBasis.EiaOrPermit"/> and
/// <see cref="ClassBasis.None"/>).</param>
/// <param name="ByFacilityOrLicence">True when the class is <see cref="WasteManagementClass.Key"/> because of an own
/// utilisation/disposal facility or a 经营许可证, whatever the tonnage.</param>
/// <param name="Explanation">One line in English naming the rule, e.g. <c>HJ 1259-2022 §4.2.1/§4.2.3: max of 2023–2025 = 100 t ≥ 100 t → key</c>.</param>
public sealed record ClassDecision(WasteManagementClass Class, decimal BasisTonnes, ClassBasis Basis, IReadOnlyList<int> BasisYears,
    bool ByFacilityOrLicence, string Explanation);

/// <summary>
/// The management-class rule of HJ 1259-2022 §4.2 (supervision.md §3.2 [P]), computed here and nowhere else.
/// <list type="bullet">
/// <item>§4.2.1: 重点监管 when the annual generation ≥ <c>KeyClassMinTonnes</c> (100 t) or the unit has its own
/// utilisation/disposal facility or holds a 危险废物经营许可证; 简化管理 when ≥ <c>SimplifiedClassMinTonnes</c> (10 t); else
/// 登记管理. Both thresholds are inclusive ("≥"): exactly 100 t is 重点, exactly 10 t is 简化.</item>
/// <item>§4.2.3 annual generation for class year Y (3 = <c>ClassHistoryYears</c>): running ≥ 3 years → the largest of Y−3, Y−2, Y−1 (a year without a
/// figure counts 0 t); running 1–3 years → the largest year during operation (first year … Y−1); running less than a full
/// calendar year before Y → the given EIA/permit figure (the caller passes the larger of the two).</item>
/// <item>"Running n years" (SmartEnv reading): n = Y − the first year with a figure in <c>history</c> (only years before Y
/// count; Y itself is not over). So a first figure in Y−3 or earlier is "≥ 3 years", Y−1 or Y−2 is "1–3 years". A
/// partial first year counts as a year of operation (its figure is what it generated). The leap day is irrelevant: the
/// rule works on calendar years and annual tonnages, never on day counts.</item>
/// </list>
/// Pure and thread-safe.
/// </summary>
public static class ManagementClassRule
{
    /// <summary>Decides the class of one site for <paramref name="year"/>.</summary>
    /// <param name="history">Annual generation (t, ≥ 0) by calendar year; years at or after <paramref name="year"/> are
    /// ignored; a year given twice is refused.</param>
    /// <param name="year">The class year Y.</param>
    /// <param name="ownFacility">The unit runs its own utilisation/disposal facility.</param>
    /// <param name="holdsLicence">The unit holds a 危险废物经营许可证.</param>
    /// <param name="eiaOrPermitTonnes">The larger annual figure of the EIA or the permit (t), or null when neither gives one.</param>
    /// <param name="r">Rule file (thresholds).</param>
    /// <exception cref="ArgumentException">A negative tonnage, or a year given twice.</exception>
    public static ClassDecision Decide(IReadOnlyList<(int Year, decimal Tonnes)> history, int year, bool ownFacility, bool holdsLicence,
        decimal? eiaOrPermitTonnes, WasteRules r)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(r);
        var before = new Dictionary<int, decimal>();
        foreach (var (y, t) in history)
        {
            if (t < 0) throw new ArgumentException($"year {y}: negative tonnage {t}", nameof(history));
            if (!before.TryAdd(y, t)) throw new ArgumentException($"year {y} given twice", nameof(history));
        }
        if (eiaOrPermitTonnes < 0) throw new ArgumentException($"negative EIA/permit tonnage {eiaOrPermitTonnes}", nameof(eiaOrPermitTonnes));
        var past = before.Where(kv => kv.Key < year).ToList();

        ClassBasis basis;
        List<int> years;
        decimal tonnes;
        if (past.Count > 0)
        {
            var first = past.Min(kv => kv.Key);
            var running = year - first;
            var n = r.ClassHistoryYears;
            var from = running >= n ? year - n : first;
            basis = running >= n ? ClassBasis.ThreeYearMax : ClassBasis.OperatingMax;
            years = Enumerable.Range(from, year - from).ToList();
            tonnes = years.Max(y => before.GetValueOrDefault(y));
        }
        else if (eiaOrPermitTonnes is { } e)
        {
            (basis, years, tonnes) = (ClassBasis.EiaOrPermit, [], e);
        }
        else
        {
            (basis, years, tonnes) = (ClassBasis.None, [], 0m);
        }

        var keyMin = r.KeyClassMinTonnes;
        var simplifiedMin = r.SimplifiedClassMinTonnes;
        var byFacility = ownFacility || holdsLicence;
        var cls = byFacility || tonnes >= keyMin ? WasteManagementClass.Key
            : tonnes >= simplifiedMin ? WasteManagementClass.Simplified
            : WasteManagementClass.Registration;
        var what = basis switch
        {
            ClassBasis.ThreeYearMax or ClassBasis.OperatingMax => $"max of {years[0]}–{years[^1]} = {tonnes} t",
            ClassBasis.EiaOrPermit => $"EIA/permit figure {tonnes} t (running < 1 year)",
            _ => "no figure (0 t)",
        };
        var why = byFacility ? (ownFacility ? "own utilisation/disposal facility" : "holds a 经营许可证") + "; " + what
            : what + (cls == WasteManagementClass.Key ? $" ≥ {keyMin} t" : cls == WasteManagementClass.Simplified ? $" ≥ {simplifiedMin} t, < {keyMin} t" : $" < {simplifiedMin} t");
        return new ClassDecision(cls, tonnes, basis, years, byFacility, $"HJ 1259-2022 §4.2.1/§4.2.3: {why} → {cls.Key()}");
    }
}

/// <summary>Stored keys and Chinese names of the generator enums, in one place. Pure and thread-safe.</summary>
public static class WasteClassKeys
{
    /// <summary>Stored key: <c>key</c>, <c>simplified</c>, <c>registration</c>.</summary>
    /// <param name="c">The class.</param>
    public static string Key(this WasteManagementClass c) => c switch
    {
        WasteManagementClass.Key => "key",
        WasteManagementClass.Simplified => "simplified",
        WasteManagementClass.Registration => "registration",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Chinese name (HJ 1259-2022 §4.2.1): 危险废物环境重点监管单位, 危险废物简化管理单位, 危险废物登记管理单位.</summary>
    /// <param name="c">The class.</param>
    public static string NameZh(this WasteManagementClass c) => c switch
    {
        WasteManagementClass.Key => "危险废物环境重点监管单位",
        WasteManagementClass.Simplified => "危险废物简化管理单位",
        WasteManagementClass.Registration => "危险废物登记管理单位",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    /// <summary>Parses a stored key (exact, lower case).</summary>
    /// <param name="text">The key.</param>
    /// <param name="c">The class when true.</param>
    public static bool TryParse(string? text, out WasteManagementClass c)
    {
        foreach (var v in Enum.GetValues<WasteManagementClass>())
            if (text == v.Key()) { c = v; return true; }
        c = default;
        return false;
    }

    /// <summary>Stored key of a basis: <c>three_year_max</c>, <c>operating_max</c>, <c>eia_or_permit</c>, <c>none</c>.</summary>
    /// <param name="b">The basis.</param>
    public static string Key(this ClassBasis b) => b switch
    {
        ClassBasis.ThreeYearMax => "three_year_max",
        ClassBasis.OperatingMax => "operating_max",
        ClassBasis.EiaOrPermit => "eia_or_permit",
        ClassBasis.None => "none",
        _ => throw new ArgumentOutOfRangeException(nameof(b)),
    };
}
