namespace SmartEnv.Supervision.Complaints.Statistics;

/// <summary>
/// The 20 门类 (sections A–T) of 《国民经济行业分类》 GB/T 4754-2017 and the 2-digit 大类 (division) ranges each one holds, so
/// that a 4-digit 小类 code (<c>enterprises.industry_code</c>, copied into <c>complaints.industry_code</c>) can be tallied by
/// section the way the MEE 12369 bulletins group complaints by industry (supervision.md §5.3). The code structure — section
/// one capital letter, division 2 digits, group 3, class 4, each extending its parent — is GB/T 4754-2017 §4 (summarised by
/// 江苏省统计局, http://tj.jiangsu.gov.cn/art/2025/1/20/art_85775_11475179.html: 20 门类, 97 大类, 473 中类, 1382 小类).
/// The ranges are the standard's "本门类包括 xx～yy 大类" notes, read in a public transcription of the 2017 table
/// (zmshe/capital <c>src/utils/category.js</c>, and the same 20 notes in a second repository's dictionary seed) and checked
/// against the division list of http://crsrw.com/qiyezixun/48983.html (A 01–05, B 06–12, C 13–43, D 44…) [S]:
/// A 01–05, B 06–12, C 13–43, D 44–46, E 47–50, F 51–52, G 53–60, H 61–62, I 63–65, J 66–69, K 70, L 71–72, M 73–75,
/// N 76–79, O 80–82, P 83, Q 84–85, R 86–90, S 91–96, T 97. Division numbers not in the standard (00, 98, 99) have no
/// section. Pure, immutable, thread-safe.
/// </summary>
public static class IndustrySections
{
    /// <summary>One section: letter, first and last division, Chinese name as printed in GB/T 4754-2017.</summary>
    /// <param name="Letter">Section letter A–T.</param>
    /// <param name="FirstDivision">First 2-digit division of the section.</param>
    /// <param name="LastDivision">Last 2-digit division (inclusive).</param>
    /// <param name="NameZh">门类名称.</param>
    public sealed record Section(string Letter, int FirstDivision, int LastDivision, string NameZh);

    /// <summary>The 20 sections in the standard's order.</summary>
    public static IReadOnlyList<Section> All { get; } =
    [
        new("A", 1, 5, "农、林、牧、渔业"),
        new("B", 6, 12, "采矿业"),
        new("C", 13, 43, "制造业"),
        new("D", 44, 46, "电力、热力、燃气及水生产和供应业"),
        new("E", 47, 50, "建筑业"),
        new("F", 51, 52, "批发和零售业"),
        new("G", 53, 60, "交通运输、仓储和邮政业"),
        new("H", 61, 62, "住宿和餐饮业"),
        new("I", 63, 65, "信息传输、软件和信息技术服务业"),
        new("J", 66, 69, "金融业"),
        new("K", 70, 70, "房地产业"),
        new("L", 71, 72, "租赁和商务服务业"),
        new("M", 73, 75, "科学研究和技术服务业"),
        new("N", 76, 79, "水利、环境和公共设施管理业"),
        new("O", 80, 82, "居民服务、修理和其他服务业"),
        new("P", 83, 83, "教育"),
        new("Q", 84, 85, "卫生和社会工作"),
        new("R", 86, 90, "文化、体育和娱乐业"),
        new("S", 91, 96, "公共管理、社会保障和社会组织"),
        new("T", 97, 97, "国际组织"),
    ];

    /// <summary>The section letter of an industry code: 2 to 4 ASCII digits whose first two name a division 01–97 (a 2-,
    /// 3- or 4-digit code works; a letter-prefixed <c>C2614</c> is refused: the registry stores digits only). Surrounding
    /// spaces are ignored.</summary>
    /// <param name="industryCode4">A GB/T 4754-2017 code such as <c>2614</c>, <c>4720</c> or <c>62</c>; null or blank allowed.</param>
    /// <returns>"A"…"T", or null for null, blank, non-digit or out-of-range input.</returns>
    public static string? SectionOf(string? industryCode4)
    {
        var s = industryCode4?.Trim();
        if (s is null || s.Length is < 2 or > 4 || !s.All(char.IsAsciiDigit)) return null;
        var division = (s[0] - '0') * 10 + (s[1] - '0');
        foreach (var sec in All)
            if (division >= sec.FirstDivision && division <= sec.LastDivision) return sec.Letter;
        return null;
    }

    /// <summary>The Chinese name of a section letter.</summary>
    /// <param name="section">"A"…"T".</param>
    /// <exception cref="ArgumentException">Not one of the 20 letters.</exception>
    public static string NameZh(string section) =>
        All.FirstOrDefault(s => s.Letter == section)?.NameZh
        ?? throw new ArgumentException($"'{section}' is not a GB/T 4754-2017 section letter (A–T)", nameof(section));
}
