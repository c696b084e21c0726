// TEMPORARY (issue 18 P4): mirrors of P1's contract types (docs/plans/issue-18.md §2) so the statistics compile before P1
// lands. Deleted when main brings P1; nothing here is P4's.
#pragma warning disable CS1591
namespace SmartEnv.Supervision.Complaints
{
    /// <summary>Mirror of P1's channel enum.</summary>
    public enum ComplaintChannel { Phone, WeChat, Online, Letter, Visit, Transferred, Other }
    /// <summary>Mirror of P1's finding enum.</summary>
    public enum Verification { True, PartlyTrue, False }
    /// <summary>Mirror of P1's 回访 enum.</summary>
    public enum Satisfaction { Satisfied, BasicallySatisfied, Dissatisfied }
    /// <summary>Mirror.</summary>
    public sealed record PollutionType(string Code, string? Parent, string NameZh, string NameEn, string Confidence, string Source);
    /// <summary>Mirror of P1's category list.</summary>
    public static class PollutionTypes
    {
        /// <summary>All.</summary>
        public static IReadOnlyList<PollutionType> All { get; } =
        [
            T("air", null, "大气"), T("air.odour", "air", "恶臭/异味"), T("air.dust", "air", "烟粉尘"), T("air.industrial", "air", "工业废气"), T("air.cooking", "air", "油烟"),
            T("noise", null, "噪声"), T("noise.construction", "noise", "建设施工噪声"), T("noise.industrial", "noise", "工业噪声"), T("noise.social", "noise", "社会生活噪声"), T("noise.traffic", "noise", "交通噪声"),
            T("water", null, "水"), T("water.industrial", "water", "工业废水"), T("water.domestic", "water", "生活污水"),
            T("solid_waste", null, "固废"), T("soil", null, "土壤"), T("ecology", null, "生态破坏"), T("radiation", null, "辐射"), T("other", null, "其他"),
        ];
        private static PollutionType T(string c, string? p, string n) => new(c, p, n, c, "S", "mirror");
        /// <summary>Top.</summary>
        public static IReadOnlyList<PollutionType> TopLevel => All.Where(t => t.Parent is null).ToList();
        /// <summary>Find.</summary>
        public static PollutionType? Find(string code) => All.FirstOrDefault(t => t.Code == code);
        /// <summary>TopOf.</summary>
        public static string TopOf(string code) => Find(code)?.Parent ?? code;
    }
}

namespace SmartEnv.Supervision.District
{
    /// <summary>Mirror of P1's moved DistrictStreets.</summary>
    public static class DistrictStreets
    {
        /// <summary>All 12.</summary>
        public static IReadOnlyList<DistrictStreet> All { get; } =
        [
            new("500105001000", "华新街街道"), new("500105002000", "江北城街道"), new("500105003000", "石马河街道"),
            new("500105004000", "大石坝街道"), new("500105005000", "寸滩街道"), new("500105006000", "观音桥街道"),
            new("500105007000", "五里店街道"), new("500105008000", "郭家沱街道"), new("500105009000", "铁山坪街道"),
            new("500105100000", "鱼嘴镇"), new("500105101000", "复盛镇"), new("500105102000", "五宝镇"),
        ];
        /// <summary>Find.</summary>
        public static DistrictStreet? Find(string? nameOrCode) => All.FirstOrDefault(s => s.Code == nameOrCode?.Trim() || s.Name == nameOrCode?.Trim());
    }
    /// <summary>Mirror.</summary>
    public sealed record DistrictStreet(string Code, string Name);
}
