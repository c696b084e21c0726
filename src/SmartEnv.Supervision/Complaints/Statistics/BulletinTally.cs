using SmartEnv.Supervision.District;

namespace SmartEnv.Supervision.Complaints.Statistics;

/// <summary>
/// Counts a month's complaints the way MEE's monthly 12369 bulletin does (supervision.md §5.3 [S]): total received, by
/// channel, by pollution type and sub-type (multi-valued: shares of the total case count, so they may sum to more than
/// 100 %), by street (the district's 12 + 未定位), by industry section (GB/T 4754-2017 门类, <see cref="IndustrySections"/>),
/// by status (受理 / 未受理 with its reason / 受理中 / 已办结), overdue, 属实 rate and satisfaction, with 环比 (against the
/// previous month) and 同比 (against the same month a year before) of the total and of each type.
/// <para>Definitions — SmartEnv rules, because the bulletins read (2019-03, 2020-01, 2020-08 reposts) give the counts but
/// define no rate other than by example: 属实率 = (属实 + 部分属实) ÷ cases with a finding (不属实 included, no finding
/// excluded) — the bulletins and the 12369 办法 do not define it; central-inspection reports list 属实 / 部分属实 / 不属实
/// side by side, and 部分属实 is counted as a verified problem because part of the report was confirmed; 满意率 = (满意 +
/// 基本满意) ÷ cases visited; 受理率 = 受理 ÷ received and 办结率 = 已办结 ÷ 受理, as the MEE 2017 half-year figures use
/// them (电话 159 044 received, 155 386 受理, 140 314 已办结: 受理率 97.7 %, 办结率 90.3 %; repost at
/// http://emcglobe.com/20170809) [S];
/// change = (this − base) ÷ base, null ("—") when the base is 0.</para>
/// <para>Merged duplicates: each is a 举报件 received, so it counts in the total and in every received breakdown (channel,
/// type, street, industry) and in 环比/同比; its handling is the master's, so it is its own status row (合并办理) and is left
/// out of 受理, 已办结, 超期, 属实率 and 满意率 — the handled matter is counted once, through the master.</para>
/// A month is the Beijing calendar month of <see cref="TallyCase.RegisteredOn"/>. Statuses are as the cases stand when the
/// tally is made (like the bulletin, written after the month). Pure, thread-safe.
/// </summary>
public static class BulletinTally
{
    /// <summary>Key of the 未定位 street row and the 未关联企业 industry row.</summary>
    public const string None = "";

    /// <summary>Tallies <paramref name="cases"/> for a month; cases of other months are ignored except the previous month
    /// and the same month a year before, which give 环比 and 同比.</summary>
    /// <param name="cases">Cases of any months (include at least the month, the previous one and the one a year before).</param>
    /// <param name="year">Year, 2000–9999.</param>
    /// <param name="month">Month, 1–12.</param>
    /// <exception cref="ArgumentOutOfRangeException">Year or month out of range.</exception>
    public static BulletinReport Tally(IReadOnlyList<TallyCase> cases, int year, int month)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (year is < 2000 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "year 2000–9999");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "month 1–12");
        var first = new DateOnly(year, month, 1);
        var prevFirst = first.AddMonths(-1);
        var lastYearFirst = first.AddYears(-1);
        static bool In(TallyCase c, DateOnly monthFirst) => c.RegisteredOn.Year == monthFirst.Year && c.RegisteredOn.Month == monthFirst.Month;

        var cur = cases.Where(c => In(c, first)).ToList();
        var prev = cases.Where(c => In(c, prevFirst)).ToList();
        var ly = cases.Where(c => In(c, lastYearFirst)).ToList();
        var total = cur.Count;
        decimal? Share(int n) => total == 0 ? null : (decimal)n / total;

        var byChannel = Enum.GetValues<ComplaintChannel>()
            .Select(ch => { var n = cur.Count(c => c.Channel == ch); return new TallyRow(ch.ToString(), n, Share(n)); }).ToList();

        var curTypes = cur.Select(TypesOf).ToList();
        var prevTypes = prev.Select(TypesOf).ToList();
        var lyTypes = ly.Select(TypesOf).ToList();
        var known = PollutionTypes.TopLevel
            .SelectMany(t => new[] { t }.Concat(PollutionTypes.All.Where(s => s.Parent == t.Code)))
            .Select(t => (t.Code, t.Parent)).ToList();
        var unknown = curTypes.Concat(prevTypes).Concat(lyTypes).SelectMany(s => s)
            .Where(code => known.All(k => k.Code != code)).Distinct().Order(StringComparer.Ordinal)
            .Select(code => (Code: code, Parent: (string?)null));
        var byType = known.Concat(unknown).Select(t =>
        {
            int n = curTypes.Count(s => s.Contains(t.Code)), p = prevTypes.Count(s => s.Contains(t.Code)), l = lyTypes.Count(s => s.Contains(t.Code));
            return new TypeRow(t.Code, t.Parent, n, Share(n), p, l, Change(n, p), Change(n, l));
        }).ToList();

        var streets = DistrictStreets.All;
        var byStreet = streets.Select(s => { var n = cur.Count(c => c.StreetCode == s.Code); return new TallyRow(s.Code, n, Share(n)); }).ToList();
        var unlocated = cur.Count(c => c.StreetCode is null || streets.All(s => s.Code != c.StreetCode));
        byStreet.Add(new TallyRow(None, unlocated, Share(unlocated)));

        var sections = cur.Select(c => IndustrySections.SectionOf(c.IndustryCode)).ToList();
        var byIndustry = sections.OfType<string>().Distinct().Order(StringComparer.Ordinal)
            .Select(sec => { var n = sections.Count(x => x == sec); return new TallyRow(sec, n, Share(n)); }).ToList();
        var noIndustry = sections.Count(x => x is null);
        if (noIndustry > 0) byIndustry.Add(new TallyRow(None, noIndustry, Share(noIndustry)));

        var byStatus = Enum.GetValues<BulletinStatus>()
            .Select(st => { var n = cur.Count(c => c.Status == st); return new TallyRow(st.ToString(), n, Share(n)); }).ToList();
        var handled = cur.Where(c => c.Status != BulletinStatus.Merged).ToList();
        var accepted = handled.Count(c => c.Status is BulletinStatus.Handling or BulletinStatus.Closed);
        var notAccepted = handled.Count(c => c.Status is BulletinStatus.NotAcceptedUnclear or BulletinStatus.NotAcceptedOutsideRemit or BulletinStatus.NotAcceptedOther);
        var closed = handled.Count(c => c.Status == BulletinStatus.Closed);
        var overdue = handled.Count(c => c.Overdue);
        var trueRate = new TallyRate(
            handled.Count(c => c.Verification is Verification.True or Verification.PartlyTrue),
            handled.Count(c => c.Verification is not null));
        var satisfaction = new TallyRate(
            handled.Count(c => c.Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied),
            handled.Count(c => c.Satisfaction is not null));

        return new BulletinReport(year, month, total, prev.Count, ly.Count, Change(total, prev.Count), Change(total, ly.Count),
            byChannel, byType, byStreet, byIndustry, byStatus, accepted, notAccepted, closed, overdue,
            new TallyRate(accepted, total), new TallyRate(closed, accepted), trueRate, satisfaction);
    }

    /// <summary>The per-street table of a period: for each of the 12 streets (code order) and then 未定位 (key
    /// <see cref="None"/>), the cases, 受理, 已办结, 超期, 属实 (属实 + 部分属实) and the count per top-level pollution type. Every
    /// case given is counted (the caller filters the period); merged duplicates count as received only, as in
    /// <see cref="Tally"/>.</summary>
    /// <param name="cases">The period's cases.</param>
    public static IReadOnlyList<StreetRow> Streets(IReadOnlyList<TallyCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var streets = DistrictStreets.All;
        string KeyOf(TallyCase c) => c.StreetCode is { } s && streets.Any(x => x.Code == s) ? s : None;
        return streets.Select(s => s.Code).Append(None).Select(key =>
        {
            var rows = cases.Where(c => KeyOf(c) == key).ToList();
            var handled = rows.Where(c => c.Status != BulletinStatus.Merged).ToList();
            var types = rows.Select(TypesOf).ToList();
            return new StreetRow(key, rows.Count,
                handled.Count(c => c.Status is BulletinStatus.Handling or BulletinStatus.Closed),
                handled.Count(c => c.Status == BulletinStatus.Closed),
                handled.Count(c => c.Overdue),
                handled.Count(c => c.Verification is Verification.True or Verification.PartlyTrue),
                PollutionTypes.TopLevel.ToDictionary(t => t.Code, t => types.Count(x => x.Contains(t.Code)), StringComparer.Ordinal));
        }).ToList();
    }

    /// <summary>环比/同比: (now − base) ÷ base, unrounded; null when the base is 0 (shown "—").</summary>
    /// <param name="now">Count of the month.</param>
    /// <param name="baseCount">Count of the base month.</param>
    public static decimal? Change(int now, int baseCount) => baseCount == 0 ? null : (decimal)(now - baseCount) / baseCount;

    /// <summary>The distinct codes of a case with every sub-type's parent added (a sub-type implies its parent).</summary>
    private static HashSet<string> TypesOf(TallyCase c)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in c.Types ?? [])
        {
            if (string.IsNullOrWhiteSpace(code)) continue;
            set.Add(code);
            if (PollutionTypes.Find(code) is { Parent: { } parent }) set.Add(parent);
        }
        return set;
    }
}
